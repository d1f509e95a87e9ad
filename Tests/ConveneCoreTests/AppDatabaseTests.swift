import Foundation
import GRDB
import Testing

@testable import ConveneCore

@Suite("AppDatabase: opening, schema, settings")
struct AppDatabaseTests {
    @Test("a new database is in WAL mode with foreign keys on and every domain table")
    func schema() throws {
        let test = try TestDatabase()
        let (journal, foreignKeys, tables) = try test.db.read { db in
            (
                try String.fetchOne(db, sql: "PRAGMA journal_mode"),
                try Bool.fetchOne(db, sql: "PRAGMA foreign_keys"),
                try Set(String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'"))
            )
        }
        #expect(journal == "wal")
        #expect(foreignKeys == true)
        #expect(
            tables.isSuperset(of: [
                "organisation", "organisationAlias", "participant", "event", "session", "registration", "attendance",
                "action", "actionUpdate",
            ]))
    }

    @Test("the lookups the dropped duplicate indexes served still go through an index")
    func noDuplicateIndexes() throws {
        let test = try TestDatabase()
        let (indexes, plans) = try test.db.read { db in
            (
                try Set(String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index'")),
                try [
                    "SELECT participantId FROM attendance WHERE sessionId = 'x'",
                    "SELECT participantId FROM registration WHERE eventId = 'x'",
                    "SELECT id FROM attendance WHERE sessionId = 'x'",
                ].map { query in
                    try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN \(query)").map { $0["detail"] as String }
                        .joined(separator: "; ")
                }
            )
        }
        #expect(!indexes.contains("attendance_on_sessionId"))
        #expect(!indexes.contains("registration_on_eventId"))
        for plan in plans {
            #expect(plan.contains("USING") && plan.contains("INDEX"), "\(plan)")
            #expect(!plan.hasPrefix("SCAN"), "\(plan)")
        }
    }

    @Test("no index of the marks starts with the person; a person's marks in named sessions still go through one")
    func marksNotIndexedByPerson() throws {
        let test = try TestDatabase()
        let (leadingColumns, plans) = try test.db.read { db in
            (
                try String.fetchAll(
                    db,
                    sql: """
                        SELECT ii.name FROM pragma_index_list('attendance') il
                        JOIN pragma_index_info(il.name) ii WHERE ii.seqno = 0
                        """),
                try [
                    "SELECT status FROM attendance WHERE participantId = 'p' AND sessionId IN ('a', 'b')",
                    "SELECT status FROM attendance WHERE sessionId = 'a' AND participantId = 'p'",
                ].map { query in
                    try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN \(query)").map { $0["detail"] as String }
                        .joined(separator: "; ")
                }
            )
        }
        // The id, (session, person) and (session, status, person).
        #expect(leadingColumns.sorted() == ["id", "sessionId", "sessionId"])
        for plan in plans {
            #expect(plan.hasPrefix("SEARCH") && plan.contains("(sessionId=? AND participantId=?)"), "\(plan)")
        }
    }

    @Test("a file that is not Convene's is still refused when its header is read directly")
    func headerFastPath() throws {
        // Given an SQLite file of another program, and a Convene file
        let test = try TestDatabase()
        let other = test.directory.appendingPathComponent("other.sqlite").path
        let queue = try DatabaseQueue(path: other)
        try queue.write { db in
            try db.execute(sql: "PRAGMA application_id = 1234; CREATE TABLE photos (id INTEGER PRIMARY KEY)")
        }
        try queue.close()

        // Then the Convene file is known by its header, the other is refused as before
        #expect(try AppDatabase.inspect(path: test.path) == .convene)
        #expect(try AppDatabase.inspect(path: other) == .otherSQLite(applicationID: 1234, tables: 1))
    }

    @Test("every record type names a table the schema has")
    func recordTables() throws {
        let test = try TestDatabase()
        let names = [
            Action.databaseTableName, ActionUpdate.databaseTableName, Attendance.databaseTableName,
            Decision.databaseTableName, Event.databaseTableName, EventAlias.databaseTableName,
            Organisation.databaseTableName, OrganisationAlias.databaseTableName, Participant.databaseTableName,
            Registration.databaseTableName, Session.databaseTableName,
        ]
        let tables = try test.db.read { db in
            try Set(String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'"))
        }
        #expect(Set(names).count == names.count)
        for name in names { #expect(tables.contains(name), "\(name)") }
    }

    @Test("a missing file is not created unless asked")
    func missingFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("absent-\(UUID()).sqlite").path
        #expect(throws: ConveneError.databaseNotFound(path: path)) { try AppDatabase.open(path: path) }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test("a schema newer than this binary is refused before anything is written")
    func newerSchema() throws {
        // Given a database a later version migrated
        let test = try TestDatabase()
        let queue = try DatabaseQueue(path: test.path)
        try queue.write { db in try db.execute(sql: "INSERT INTO grdb_migrations VALUES ('v2-future'), ('v3-future')") }
        try queue.close()

        // When it is opened, Then it is refused, naming the unknown migrations
        #expect(throws: ConveneError.schemaTooNew(path: test.path, unknownMigrations: ["v2-future", "v3-future"])) {
            try AppDatabase.open(path: test.path)
        }
    }

    @Test("constraints hold even for writes that bypass the named transactions")
    func constraints() throws {
        let test = try TestDatabase()
        try test.seed()
        expectConveneError(where: {
            if case .database(let message) = $0 { message.contains("CHECK constraint failed") } else { false }
        }) {
            try test.db.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO participant (id, fullName, gender, disability, createdAt, updatedAt)
                        VALUES ('p', 'P', 'x', 'no', 0, 0)
                        """)
            }
        }
        expectConveneError(where: {
            if case .database(let message) = $0 { message.contains("FOREIGN KEY constraint failed") } else { false }
        }) {
            try test.db.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO attendance (id, sessionId, participantId, status, markedAt, method)
                        VALUES ('a', 'no-session', 'no-person', 'present', 0, 'cli')
                        """)
            }
        }
    }
}
