import Foundation
import GRDB
import Testing

@testable import ConveneCore

/// v11 rebuilds the tables written a row at a time so their CHECKs compare value by value:
/// the same rule, without the table SQLite builds for an `IN` list on every row written.
@Suite("v11: CHECKs without IN lists")
struct CheckListMigrationTests {
    static func tableSQL(_ table: String, _ db: Database) throws -> String {
        try String.fetchOne(
            db, sql: "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?", arguments: [table])
            ?? ""
    }

    @Test(
        "a new database's participant, registration and attendance tables hold no IN list, and refuse what they refused"
    )
    func newDatabase() throws {
        let test = try TestDatabase()
        let created = try test.db.read { db in
            try AppDatabase.tablesWrittenRowByRow.map { try Self.tableSQL($0, db) }
        }
        #expect(created.allSatisfy { !$0.contains(" IN (") })
        #expect(created[0].contains("(gender = 'female' OR gender = 'male' OR "))
        try test.seed()
        let person = try test.person("Siti Aminah", .female, org: "Kemlu", email: "siti@example.org")
        let (event, session) = try test.db.read { db in
            (
                try String.fetchOne(db, sql: "SELECT id FROM event LIMIT 1")!,
                try String.fetchOne(db, sql: "SELECT id FROM session LIMIT 1")!
            )
        }
        let refused = [
            ("UPDATE participant SET gender = 'perempuan' WHERE id = '\(person.id)'", "gender"),
            ("UPDATE participant SET stakeholderType = 'government' WHERE id = '\(person.id)'", "stakeholderType"),
            ("UPDATE participant SET disability = 'maybe' WHERE id = '\(person.id)'", "disability"),
            (
                """
                    INSERT INTO registration (id, eventId, participantId, role, status, source, registeredAt)
                    VALUES ('r1', '\(event)', '\(person.id)', 'boss', 'registered', 'cli', '2024-01-09 09:00:00.000')
                """, "role"
            ),
            (
                """
                    INSERT INTO registration (id, eventId, participantId, role, status, source, registeredAt)
                    VALUES ('r1', '\(event)', '\(person.id)', 'chair', 'waiting', 'cli', '2024-01-09 09:00:00.000')
                """, "status"
            ),
            (
                """
                    INSERT INTO attendance (id, sessionId, participantId, status, markedAt, method)
                    VALUES ('a1', '\(session)', '\(person.id)', 'hadir', '2024-01-09 09:00:00.000', 'cli')
                """, "status"
            ),
            (
                """
                    INSERT INTO attendance (id, sessionId, participantId, status, markedAt, method)
                    VALUES ('a1', '\(session)', '\(person.id)', 'present', '2024-01-09 09:00:00.000', 'fax')
                """, "method"
            ),
        ]
        for (sql, column) in refused {
            expectConveneError(where: {
                if case .database(let message) = $0 {
                    message.contains("CHECK constraint failed: (\(column) = ")
                } else {
                    false
                }
            }) { try test.db.write { db in try db.execute(sql: sql) } }
        }
        // What is allowed still is: no stakeholder, and every value of each list.
        try test.db.write { db in
            try db.execute(
                sql: "UPDATE participant SET stakeholderType = NULL, gender = 'undisclosed' WHERE id = ?",
                arguments: [person.id])
            try db.execute(
                sql: """
                    INSERT INTO attendance (id, sessionId, participantId, status, markedAt, method)
                    VALUES ('a1', ?, ?, 'left-early', '2024-01-09 09:00:00.000', 'web')
                    """, arguments: [session, person.id])
        }
    }

    /// Each table's rows (with rowids) and the names of its indexes and triggers.
    static func snapshot(_ db: Database) throws -> [String: [String]] {
        var held: [String: [String]] = [:]
        for table in AppDatabase.tablesWrittenRowByRow + ["eventAttendee"] {
            let order = table == "eventAttendee" ? "1, 2" : "rowid"
            let select = table == "eventAttendee" ? "*" : "rowid, *"
            held[table] = try Row.fetchAll(db, sql: "SELECT \(select) FROM \(table) ORDER BY \(order)").map(
                \.description)
            held[table + " schema"] = try String.fetchAll(
                db,
                sql:
                    "SELECT type || ' ' || name FROM sqlite_schema WHERE tbl_name = ? AND type <> 'table' ORDER BY 1",
                arguments: [table])
        }
        return held
    }

    @Test("each list becomes comparisons of its column; a list of anything but quoted words is refused by name")
    func spellingOut() throws {
        let body =
            #""status" TEXT NOT NULL CHECK (status IN ('a','b', 'c')), "the_kind" TEXT CHECK (the_kind IN ('x')))"#
        #expect(
            try AppDatabase.checkListsSpelledOut(body, table: "t")
                == #""status" TEXT NOT NULL CHECK ((status = 'a' OR status = 'b' OR status = 'c')), "the_kind" TEXT CHECK ((the_kind = 'x')))"#
        )
        for unreadable in [
            "CHECK (status IN ('a', b))", "CHECK (status IN ('it''s'))", "CHECK (status IN (SELECT 'a'))",
        ] {
            expectConveneError(where: {
                if case .database(let message) = $0 {
                    message.hasPrefix("The table t has a CHECK Convene does not know")
                } else {
                    false
                }
            }) { _ = try AppDatabase.checkListsSpelledOut(unreadable, table: "t") }
        }
    }

    @Test("a v10 database keeps its rows, rowids, indexes and triggers through the rebuild")
    func upgrade() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("convene-v11-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("v10.sqlite").path
        let tables = AppDatabase.tablesWrittenRowByRow

        // A file as v10 left it, with people, registrations and marks, and a gap in the rowids.
        let queue = try DatabaseQueue(path: path)
        try AppDatabase.migrator.migrate(queue, upTo: "v10-attendee-triggers-without-lists")
        try queue.write { db in
            let old = try tables.map { try Self.tableSQL($0, db) }
            #expect(old.allSatisfy { $0.contains(" IN (") })
            let at = "'2024-01-09 09:00:00.000'"
            try db.execute(
                sql: """
                    INSERT INTO organisation (id, name, acronym, type, createdAt)
                      VALUES ('o1', 'Kementerian Luar Negeri', 'Kemlu', 'ministry', \(at));
                    INSERT INTO event (id, code, title, kind, startDate, endDate, timeZone, language, createdAt)
                      VALUES ('e1', 'psc-3', 'PSC 3', 'psc-meeting', '2024-01-09', '2024-01-09', 'Asia/Jakarta', 'id', \(at));
                    INSERT INTO session (id, eventId, title, createdAt) VALUES ('s1', 'e1', 'Plenary', \(at));
                    INSERT INTO session (id, eventId, title, createdAt) VALUES ('s2', 'e1', 'Workplan', \(at));
                    """)
            for index in 1...6 {
                try db.execute(
                    sql: """
                        INSERT INTO participant (id, fullName, nameKey, gender, stakeholderType, organisationId, email,
                                                 createdAt, updatedAt)
                        VALUES (?, ?, ?, ?, ?, 'o1', ?, \(at), \(at))
                        """,
                    arguments: [
                        "p\(index)", "Person \(index)", "person \(index)", index % 2 == 0 ? "male" : "female",
                        index == 3 ? nil : "government-national", "p\(index)@example.org",
                    ])
            }
            try db.execute(sql: "DELETE FROM participant WHERE id = 'p2'")
            for (index, person) in ["p1", "p3", "p4", "p6"].enumerated() {
                try db.execute(
                    sql: """
                        INSERT INTO registration (id, eventId, participantId, role, status, source, registeredAt)
                        VALUES (?, 'e1', ?, ?, 'registered', 'import', \(at))
                        """, arguments: ["r\(index)", person, index == 0 ? "chair" : "participant"])
            }
            for (index, (session, person, status)) in [
                ("s1", "p1", "present"), ("s1", "p3", "absent"), ("s1", "p4", "late"), ("s2", "p1", "left-early"),
                ("s2", "p6", "excused"),
            ].enumerated() {
                try db.execute(
                    sql: """
                        INSERT INTO attendance (id, sessionId, participantId, status, markedAt, method)
                        VALUES (?, ?, ?, ?, \(at), 'sheet')
                        """, arguments: ["a\(index)", session, person, status])
            }
        }
        let before = try queue.read(Self.snapshot)
        #expect(before["participant"]?.count == 5)
        #expect(before["attendance schema"]?.filter { $0.hasPrefix("trigger") }.count == 4)
        try queue.close()

        let upgraded = try AppDatabase.open(path: path)
        #expect(
            try upgraded.appliedMigrations().suffix(2) == [
                "v11-checks-without-lists", "v12-marks-not-indexed-by-person",
            ])
        let (after, rebuilt, violations, integrity) = try upgraded.read { db in
            (
                try Self.snapshot(db), try tables.map { try Self.tableSQL($0, db) },
                try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").count,
                try String.fetchAll(db, sql: "PRAGMA integrity_check")
            )
        }
        // v12 then drops the marks' index by person; everything else is as it was.
        var expected = before
        #expect(expected["attendance schema"]?.contains("index attendance_on_participantId") == true)
        expected["attendance schema"]?.removeAll { $0 == "index attendance_on_participantId" }
        #expect(after == expected)
        #expect(rebuilt.allSatisfy { !$0.contains(" IN (") })
        #expect(violations == 0)
        #expect(integrity == ["ok"])
        // The triggers still keep the event's attendees: p3 comes after all, and a
        // participant deleted takes their registration and marks along.
        try upgraded.write { db in
            try db.execute(sql: "UPDATE attendance SET status = 'present' WHERE id = 'a1'")
            try db.execute(sql: "DELETE FROM participant WHERE id = 'p1'")
        }
        let (attendees, registrations) = try upgraded.read { db in
            (
                try String.fetchAll(db, sql: "SELECT participantId || ' ' || marks FROM eventAttendee ORDER BY 1"),
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM registration")
            )
        }
        #expect(attendees == ["p3 1", "p4 1"])
        #expect(registrations == 3)
    }
}
