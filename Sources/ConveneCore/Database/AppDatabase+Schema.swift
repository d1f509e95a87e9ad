import Foundation
import GRDB

// MARK: - Schema
// The only place the schema changes. A migration that has shipped is never edited:
// later changes are new migrations. Value lists in CHECK constraints are written out
// here, not taken from the Swift enums, so that an enum growing later does not change
// what an old migration meant.

extension AppDatabase {
    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-core", migrate: createCoreTables)
        migrator.registerMigration("v2-privacy-and-statistics", migrate: addPrivacyAndStatistics)
        migrator.registerMigration("v3-application-id", migrate: markAsConvene)
        migrator.registerMigration("v4-person-matching", migrate: addPersonMatching)
        migrator.registerMigration("v5-organisation-identity", migrate: addOrganisationIdentity)
        migrator.registerMigration("v6-decisions-and-actions", migrate: addDecisionsAndActions)
        migrator.registerMigration("v7-event-aliases", migrate: addEventAliases)
        migrator.registerMigration("v8-no-duplicate-indexes", migrate: dropDuplicateIndexes)
        migrator.registerMigration("v9-event-attendees", migrate: addEventAttendees)
        migrator.registerMigration("v10-attendee-triggers-without-lists", migrate: compareStatusesInTriggers)
        migrator.registerMigration("v11-checks-without-lists", migrate: spellOutCheckLists)
        migrator.registerMigration("v12-marks-not-indexed-by-person", migrate: dropMarksByPerson)
        return migrator
    }()

    private static func createCoreTables(_ db: Database) throws {
        let organisationTypes = """
            'ministry','government-agency','local-government','un-agency','civil-society','academia',\
            'private-sector','trade-union','human-rights-institution','media','donor','other'
            """
        try db.create(table: "organisation") { t in
            t.primaryKey("id", .text)
            t.column("name", .text).notNull().collate(.nocase).unique().check(sql: "trim(name) <> ''")
            t.column("acronym", .text).collate(.nocase)
            t.column("type", .text).notNull().check(sql: "type IN (\(organisationTypes))")
            t.belongsTo("parent", inTable: "organisation", onDelete: .restrict)
            t.column("createdAt", .datetime).notNull()
        }
        try db.create(
            index: "organisation_on_acronym", on: "organisation", columns: ["acronym"],
            options: .unique, condition: Column("acronym") != nil)

        try db.create(table: "organisationAlias") { t in
            t.primaryKey("id", .text)
            t.belongsTo("organisation", onDelete: .cascade).notNull()
            t.column("alias", .text).notNull().collate(.nocase).unique()
        }

        try db.create(table: "participant") { t in
            t.primaryKey("id", .text)
            t.column("fullName", .text).notNull().check(sql: "trim(fullName) <> ''")
            t.column("gender", .text).notNull().defaults(to: "undisclosed")
                .check(sql: "gender IN ('female','male','other','undisclosed')")
            t.column("stakeholderType", .text).check(
                sql: """
                    stakeholderType IN ('government-national','government-subnational','un-agency','civil-society',\
                    'academia','private-sector','trade-union','human-rights-institution','migrant-or-diaspora','media',\
                    'donor','other')
                    """)
            t.belongsTo("organisation", onDelete: .restrict)
            t.column("position", .text)
            t.column("email", .text).collate(.nocase)
            t.column("phone", .text)
            t.column("province", .text)
            t.column("birthYear", .integer).check(sql: "birthYear BETWEEN 1900 AND 2100")
            t.column("disability", .text).notNull().defaults(to: "undisclosed")
                .check(sql: "disability IN ('yes','no','undisclosed')")
            t.column("dataUseConsent", .boolean)
            t.column("createdAt", .datetime).notNull()
            t.column("updatedAt", .datetime).notNull()
        }
        try db.create(
            index: "participant_on_email", on: "participant", columns: ["email"],
            options: .unique, condition: Column("email") != nil)
        try db.create(index: "participant_on_phone", on: "participant", columns: ["phone"])

        try db.create(table: "event") { t in
            t.primaryKey("id", .text)
            t.column("code", .text).notNull().collate(.nocase).unique().check(sql: "trim(code) <> ''")
            t.column("title", .text).notNull()
            t.column("kind", .text).notNull()
                .check(sql: "kind IN ('psc-meeting','symposium','training','workshop','meeting')")
            t.column("series", .text).collate(.nocase)
            t.column("number", .integer)
            t.column("startDate", .text).notNull()
            t.column("endDate", .text).notNull()
            t.column("venue", .text)
            t.column("city", .text)
            t.column("timeZone", .text).notNull()
            t.column("language", .text).notNull().check(sql: "language IN ('en','id')")
            t.column("createdAt", .datetime).notNull()
            t.check(sql: "endDate >= startDate")
        }
        try db.create(index: "event_on_series_number", on: "event", columns: ["series", "number"])

        try db.create(table: "session") { t in
            t.primaryKey("id", .text)
            t.belongsTo("event", onDelete: .cascade).notNull()
            t.column("code", .text).collate(.nocase).unique()
            t.column("title", .text).notNull()
            t.column("startsAt", .datetime)
            t.column("endsAt", .datetime)
            t.column("room", .text)
            t.column("chair", .text)
            t.column("isDefault", .boolean).notNull().defaults(to: false)
            t.column("createdAt", .datetime).notNull()
            t.check(sql: "endsAt IS NULL OR startsAt IS NULL OR endsAt >= startsAt")
        }

        try db.create(table: "registration") { t in
            t.primaryKey("id", .text)
            t.belongsTo("event", onDelete: .cascade).notNull()
            t.belongsTo("participant", onDelete: .cascade).notNull()
            t.column("role", .text).notNull().defaults(to: "participant").check(
                sql: """
                    role IN ('participant','chair','co-chair','speaker','facilitator','organiser','observer',\
                    'resource-person')
                    """)
            t.column("status", .text).notNull().defaults(to: "registered")
                .check(sql: "status IN ('registered','cancelled')")
            t.column("source", .text).notNull()
            t.column("registeredAt", .datetime).notNull()
            t.uniqueKey(["eventId", "participantId"])
        }

        try db.create(table: "attendance") { t in
            t.primaryKey("id", .text)
            t.belongsTo("session", onDelete: .cascade).notNull()
            t.belongsTo("participant", onDelete: .cascade).notNull()
            t.column("status", .text).notNull()
                .check(sql: "status IN ('present','late','left-early','excused','absent')")
            t.column("markedAt", .datetime).notNull()
            t.column("markedBy", .text)
            t.column("method", .text).notNull().check(sql: "method IN ('cli','import','sheet','web')")
            // Marking a person twice for a session updates the one mark.
            t.uniqueKey(["sessionId", "participantId"])
        }

        try db.create(table: "action") { t in
            t.primaryKey("id", .text)
            t.belongsTo("event", onDelete: .cascade).notNull()
            t.column("text", .text).notNull()
            t.belongsTo("ownerOrganisation", inTable: "organisation", onDelete: .setNull)
            t.belongsTo("ownerParticipant", inTable: "participant", onDelete: .setNull)
            t.column("dueDate", .text)
            t.column("status", .text).notNull().defaults(to: "open")
                .check(sql: "status IN ('open','in-progress','done','dropped')")
            t.column("createdAt", .datetime).notNull()
        }

        try db.create(table: "actionUpdate") { t in
            t.primaryKey("id", .text)
            t.belongsTo("action", onDelete: .cascade).notNull()
            t.column("date", .text).notNull()
            t.column("status", .text).notNull()
                .check(sql: "status IN ('open','in-progress','done','dropped')")
            t.column("note", .text)
            t.column("createdAt", .datetime).notNull()
        }
    }

    private static func addPrivacyAndStatistics(_ db: Database) throws {
        // Statistics read attendance by session and status and need only the person:
        // a covering index keeps COUNT(DISTINCT participantId) off the table rows.
        try db.create(
            index: "attendance_on_sessionId_status_participantId", on: "attendance",
            columns: ["sessionId", "status", "participantId"])
        try db.create(
            index: "registration_on_eventId_status_participantId", on: "registration",
            columns: ["eventId", "status", "participantId"])

        // Erasure keeps what statistics count and records when, never who.
        try db.alter(table: "participant") { t in t.add(column: "erasedAt", .datetime) }
        try db.create(table: "erasure") { t in
            t.primaryKey("id", .text)
            t.column("erasedAt", .datetime).notNull()
            t.column("reason", .text).notNull().check(sql: "reason IN ('request','consent-withdrawn')")
        }

        // Stable pseudonyms for anonymised exports: random, so they reveal nothing.
        try db.create(table: "pseudonym") { t in
            t.primaryKey("participantId", .text).references("participant", onDelete: .cascade)
            t.column("pseudonym", .text).notNull().unique()
        }
    }

    /// Marks the file as Convene's in its header, so no command mistakes another program's
    /// SQLite file (or an empty one) for a Convene database. Files from before this
    /// migration are recognised by their migrations and get the mark here.
    private static func markAsConvene(_ db: Database) throws {
        try db.execute(sql: "PRAGMA application_id = \(applicationID)")
    }

    /// People are matched by folded name and organisation on every import row: a stored
    /// key and an index make that one index probe instead of a scan (or a per-row load).
    private static func addPersonMatching(_ db: Database) throws {
        try db.alter(table: "participant") { t in t.add(column: "nameKey", .text).notNull().defaults(to: "") }
        let rows = try Row.fetchCursor(db, sql: "SELECT id, fullName FROM participant")
        let update = try db.makeStatement(sql: "UPDATE participant SET nameKey = ? WHERE id = ?")
        while let row = try rows.next() {
            let name: String = row["fullName"]
            try update.execute(arguments: [Participant.nameKey(for: name), row["id"] as String])
        }
        try db.create(
            index: "participant_on_nameKey_organisationId_email", on: "participant",
            columns: ["nameKey", "organisationId", "email"])
    }

    /// Organisations get a canonical identity: the directory entry they are (so counts
    /// follow the directory's dates), where they came from (so imports' new ones can be
    /// reviewed), and the province of a regional office or local government.
    private static func addOrganisationIdentity(_ db: Database) throws {
        try db.alter(table: "organisation") { t in
            t.add(column: "directoryKey", .text)
            t.add(column: "origin", .text).notNull().defaults(to: "user")
                .check(sql: "origin IN ('user','import','directory')")
            t.add(column: "reviewedAt", .datetime)
            t.add(column: "province", .text)
        }
        try db.create(
            index: "organisation_on_directoryKey", on: "organisation", columns: ["directoryKey"],
            options: .unique, condition: Column("directoryKey") != nil)
    }
}

// MARK: - v6: decisions and actions

extension AppDatabase {
    /// Decisions agreed at an event, in order; an action remembers the session it was agreed in.
    fileprivate static func addDecisionsAndActions(_ db: Database) throws {
        try db.create(table: "decision") { t in
            t.primaryKey("id", .text)
            t.belongsTo("event", onDelete: .cascade).notNull()
            t.belongsTo("session", onDelete: .setNull)
            t.column("text", .text).notNull().check(sql: "trim(text) <> ''")
            t.column("position", .integer).notNull().check(sql: "position >= 1")
            t.column("createdAt", .datetime).notNull()
            t.uniqueKey(["eventId", "position"])
        }
        try db.alter(table: "action") { t in
            t.add(column: "sessionId", .text).references("session", onDelete: .setNull)
        }
        try db.create(index: "action_on_sessionId", on: "action", columns: ["sessionId"])
        try db.create(index: "action_on_status_dueDate", on: "action", columns: ["status", "dueDate"])
    }
}

// MARK: - v7: earlier event codes

extension AppDatabase {
    /// An event whose code is corrected keeps answering to the old one: `psc-3/1`, scripts
    /// and earlier notes still find it.
    fileprivate static func addEventAliases(_ db: Database) throws {
        try db.create(table: "eventAlias") { t in
            t.primaryKey("id", .text)
            t.belongsTo("event", onDelete: .cascade).notNull()
            t.column("code", .text).notNull().collate(.nocase).unique().check(sql: "trim(code) <> ''")
        }
    }

    /// `belongsTo` gave attendance an index on sessionId and registration one on eventId,
    /// but each table's UNIQUE (sessionId, participantId) / (eventId, participantId) index
    /// already starts with that column and answers the same lookups (and the cascades). Every
    /// mark and registration written paid for the extra index: dropped.
    fileprivate static func dropDuplicateIndexes(_ db: Database) throws {
        try db.execute(
            sql: """
                DROP INDEX IF EXISTS attendance_on_sessionId;
                DROP INDEX IF EXISTS registration_on_eventId;
                """)
    }
}

// MARK: - v9: who attended each event, kept on write

extension AppDatabase {
    /// `eventAttendee` holds, per event, each person with at least one mark that counts
    /// (present, late, left-early) in one of its sessions, and how many such marks. Statistics
    /// and `event list` read it instead of gathering a million marks into persons on every
    /// call. Triggers keep it on every write, whoever writes: a mark added, changed, moved to
    /// another person (a merge) or deleted (also by a cascade), a session deleted or moved to
    /// another event. EventAttendeeTests recount it from the marks after random writes.
    /// The marks that count, as the migrations that encode the rule write it (a migration
    /// keeps the rule it was written with; today's rule is `AttendanceStatus.attendanceStatuses`).
    fileprivate static let countedStatuses = ["present", "late", "left-early"]

    fileprivate static func addEventAttendees(_ db: Database) throws {
        let counted = countedStatuses.map { "'\($0)'" }.joined(separator: ",")
        // The rows recounted from the marks of the sessions that `filter` keeps.
        func recount(_ filter: String) -> String {
            """
            INSERT INTO eventAttendee (eventId, participantId, marks)
              SELECT s.eventId, a.participantId, COUNT(*)
              FROM session s JOIN attendance a ON a.sessionId = s.id
              WHERE \(filter) AND a.status IN (\(counted))
              GROUP BY s.eventId, a.participantId;
            """
        }
        // The event's set rebuilt from its marks, for the rare writes that move many at once.
        func rebuild(_ event: String) -> String {
            "DELETE FROM eventAttendee WHERE eventId = \(event);\n" + recount("s.eventId = \(event)")
        }
        try db.execute(
            sql: """
                CREATE TABLE eventAttendee (
                  eventId TEXT NOT NULL,
                  participantId TEXT NOT NULL,
                  marks INTEGER NOT NULL CHECK (marks > 0),
                  PRIMARY KEY (eventId, participantId)
                ) WITHOUT ROWID;
                \(recount("1"))

                \(attendanceTriggers { "\($0).status IN (\(counted))" })

                CREATE TRIGGER session_counts_delete AFTER DELETE ON session
                BEGIN \(rebuild("OLD.eventId")) END;

                CREATE TRIGGER session_counts_move AFTER UPDATE OF eventId ON session
                WHEN NEW.eventId IS NOT OLD.eventId
                BEGIN \(rebuild("OLD.eventId")) \(rebuild("NEW.eventId")) END;
                """)
    }

    /// The four triggers that keep `eventAttendee` on each mark's write; `counts` is the SQL
    /// that says whether the mark in `NEW` or `OLD` counts (present, late, left-early).
    fileprivate static func attendanceTriggers(counts: (String) -> String) -> String {
        // One mark more or one fewer for (the session's event, the person). A mark whose
        // session is already gone (a cascade from the session) changes nothing here: the
        // session's own trigger rebuilds its event.
        func add(_ row: String) -> String {
            """
            INSERT INTO eventAttendee (eventId, participantId, marks)
              SELECT eventId, \(row).participantId, 1 FROM session WHERE id = \(row).sessionId
              ON CONFLICT (eventId, participantId) DO UPDATE SET marks = marks + 1;
            """
        }
        func remove(_ row: String) -> String {
            """
            DELETE FROM eventAttendee
             WHERE eventId = (SELECT eventId FROM session WHERE id = \(row).sessionId)
               AND participantId = \(row).participantId AND marks = 1;
            UPDATE eventAttendee SET marks = marks - 1
             WHERE eventId = (SELECT eventId FROM session WHERE id = \(row).sessionId)
               AND participantId = \(row).participantId;
            """
        }
        return """
            CREATE TRIGGER attendance_counts_insert AFTER INSERT ON attendance
            WHEN \(counts("NEW"))
            BEGIN \(add("NEW")) END;

            CREATE TRIGGER attendance_counts_delete AFTER DELETE ON attendance
            WHEN \(counts("OLD"))
            BEGIN \(remove("OLD")) END;

            CREATE TRIGGER attendance_counts_update_old AFTER UPDATE OF status, sessionId, participantId ON attendance
            WHEN \(counts("OLD"))
             AND NOT (\(counts("NEW")) AND NEW.sessionId = OLD.sessionId AND NEW.participantId = OLD.participantId)
            BEGIN \(remove("OLD")) END;

            CREATE TRIGGER attendance_counts_update_new AFTER UPDATE OF status, sessionId, participantId ON attendance
            WHEN \(counts("NEW"))
             AND NOT (\(counts("OLD")) AND NEW.sessionId = OLD.sessionId AND NEW.participantId = OLD.participantId)
            BEGIN \(add("NEW")) END;
            """
    }
}

// MARK: - v10: the attendee triggers compare statuses one by one

extension AppDatabase {
    /// The same triggers with `status = 'present' OR …` for `status IN (…)`: in a trigger,
    /// SQLite builds a small table for a list of three or more values each time the trigger
    /// fires (`import attendance` of 94,000 marks: 1.54–1.73 s of SQLite's CPU with the list,
    /// 1.34–1.35 s without, in the plain-SQL insert).
    fileprivate static func compareStatusesInTriggers(_ db: Database) throws {
        try db.execute(
            sql: """
                DROP TRIGGER attendance_counts_insert;
                DROP TRIGGER attendance_counts_delete;
                DROP TRIGGER attendance_counts_update_old;
                DROP TRIGGER attendance_counts_update_new;
                \(attendanceTriggers { row in
                    "(" + countedStatuses.map { "\(row).status = '\($0)'" }.joined(separator: " OR ") + ")"
                })
                """)
    }
}

// MARK: - v11: the CHECKs of the tables written row by row compare values one by one

extension AppDatabase {
    /// The tables an import or a check-in writes a row at a time.
    static let tablesWrittenRowByRow = ["participant", "registration", "attendance"]

    /// `CHECK (gender IN ('female', …))` becomes `CHECK ((gender = 'female' OR …))`, the same
    /// rule. SQLite checks an `IN` list of three or more values by building a small table, and
    /// builds it again for each row a statement writes: 3.0 µs a row for a list of 12 values
    /// against 0.16 µs for the `OR`s (200,000 single-row inserts, SQLite 3.40). A participant
    /// has three such lists, a mark two, a registration one.
    ///
    /// SQLite cannot change a CHECK in place: each table is rebuilt under its own name
    /// (SQLite's documented procedure), rows with their rowids (the order they were recorded
    /// in, and what an import keeps its first rows by), then its indexes and triggers.
    /// `legacy_alter_table` keeps the rename from checking the triggers on `session` that read
    /// `attendance` while it is away.
    fileprivate static func spellOutCheckLists(_ db: Database) throws {
        try db.execute(sql: "PRAGMA legacy_alter_table = ON")
        defer { try? db.execute(sql: "PRAGMA legacy_alter_table = OFF") }
        for table in tablesWrittenRowByRow {
            let create = "CREATE TABLE \(table.quotedDatabaseIdentifier) ("
            guard
                let sql = try String.fetchOne(
                    db, sql: "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?", arguments: [table]),
                sql.hasPrefix(create)
            else {
                throw ConveneError.database(
                    message: "The table \(table) is not as Convene made it: the file was changed by another program.")
            }
            let rebuilt = "\(table)_v11"
            let spelledOut = try checkListsSpelledOut(String(sql.dropFirst(create.count)), table: table)
            let dependents = try String.fetchAll(
                db,
                sql: """
                    SELECT sql FROM sqlite_schema
                    WHERE tbl_name = ? AND type IN ('index', 'trigger') AND sql IS NOT NULL
                    ORDER BY type, name
                    """, arguments: [table])
            let columns = try ["rowid"] + db.columns(in: table).map(\.name.quotedDatabaseIdentifier)
            let list = columns.joined(separator: ", ")
            try db.execute(sql: "CREATE TABLE \(rebuilt.quotedDatabaseIdentifier) (" + spelledOut)
            try db.execute(
                sql: """
                    INSERT INTO \(rebuilt.quotedDatabaseIdentifier) (\(list))
                    SELECT \(list) FROM \(table.quotedDatabaseIdentifier)
                    """)
            try db.drop(table: table)
            try db.rename(table: rebuilt, to: table)
            for statement in dependents { try db.execute(sql: statement) }
        }
    }

    /// The body of a CREATE TABLE with each `column IN ('a','b',…)` written as
    /// `(column = 'a' OR column = 'b' OR …)`; a list of anything but plain quoted words is an error.
    static func checkListsSpelledOut(_ body: String, table: String) throws -> String {
        let list = #/\b(?<column>[A-Za-z_][A-Za-z0-9_]*) IN \((?<values>[^()]*)\)/#
        var failure: String?
        let spelledOut = body.replacing(list) { match in
            let values = match.output.values.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            let quotedWords = values.allSatisfy { value in
                value.count >= 2 && value.hasPrefix("'") && value.hasSuffix("'")
                    && !value.dropFirst().dropLast().contains("'")
            }
            guard quotedWords else {
                failure = String(match.output.0)
                return String(match.output.0)
            }
            let column = match.output.column
            return "(" + values.map { "\(column) = \($0)" }.joined(separator: " OR ") + ")"
        }
        if let failure = failure ?? (spelledOut.contains(" IN (") ? "an IN list it cannot read" : nil) {
            throw ConveneError.database(message: "The table \(table) has a CHECK Convene does not know: \(failure).")
        }
        return spelledOut
    }
}

// MARK: - v12: no index of the marks by person

extension AppDatabase {
    /// `attendance_on_participantId` was the one attendance index whose key is random: a
    /// session's new marks, in whatever order, land on nearly every page of it, so a sign-in
    /// sheet of 94,000 marks rewrote most of its 1.5M entries' pages (journalled, then
    /// checkpointed): 1.1–1.5 s of the 4.0–4.5 s `import attendance` took on the full-scale
    /// database, and nearly all of its system time. Every read of marks names the session
    /// (`UNIQUE (sessionId, participantId)` answers a person's marks in a list of sessions),
    /// except a merge, the one place that looks for all of one person's marks: it reads the
    /// table through once (0.1 s for 1.5M marks), as does the cascade when the duplicate is
    /// deleted.
    fileprivate static func dropMarksByPerson(_ db: Database) throws {
        try db.execute(sql: "DROP INDEX IF EXISTS attendance_on_participantId")
    }
}
