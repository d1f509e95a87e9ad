import ConveneTestSupport
import Foundation
import GRDB
import Testing

@testable import ConveneCore

/// `eventAttendee` is kept by triggers; statistics and `event list` read it instead of the
/// marks. After every one of a few hundred random writes, of every kind that touches marks,
/// it must equal the same pairs gathered from scratch out of the marks.
@Suite("eventAttendee: kept on write, equal to a recount from the marks")
struct EventAttendeeTests {
    static let recount = """
        SELECT s.eventId, a.participantId, COUNT(*) AS marks
        FROM attendance a JOIN session s ON s.id = a.sessionId
        WHERE a.status IN ('present','late','left-early')
        GROUP BY s.eventId, a.participantId ORDER BY 1, 2
        """
    static let kept = "SELECT eventId, participantId, marks FROM eventAttendee ORDER BY 1, 2"

    /// Three events of two sessions each and 24 people, nobody marked yet.
    static func programme() throws -> TestDatabase {
        let test = try TestDatabase()
        for (number, day) in ["2024-01-09", "2024-05-14", "2024-09-25"].enumerated() {
            let code = "ev-\(number + 1)"
            _ = try test.db.addEvent(
                .init(code: code, title: "Event \(number + 1)", kind: .pscMeeting, startDate: CalendarDate(iso: day)!))
            for part in ["Morning", "Afternoon"] {
                _ = try test.db.addSession(.init(event: code, title: part))
            }
        }
        for index in 1...24 { try test.person("Person \(index)", .female, email: "p\(index)@example.org") }
        return test
    }

    /// (event, person, marks) rows as text, to compare.
    static func lines(_ sql: String, _ db: Database) throws -> [String] {
        try Row.fetchAll(db, sql: sql).map { "\($0[0] as String) \($0[1] as String) \($0[2] as Int)" }
    }

    static func ids(_ sql: String, _ test: TestDatabase) throws -> [String] {
        try test.db.read { db in try String.fetchAll(db, sql: sql) }
    }

    @Test("random marks, changes, moves, merges and deletions leave it equal to the recount", arguments: [1, 2, 3])
    func randomWrites(seed: UInt64) throws {
        let test = try Self.programme()
        var random = SplitMix64(seed: seed)
        let statuses = ["present", "late", "left-early", "excused", "absent"]
        var kinds: [String: Int] = [:]
        for step in 0..<300 {
            let sessions = try Self.ids("SELECT id FROM session ORDER BY id", test)
            let people = try Self.ids("SELECT id FROM participant ORDER BY id", test)
            let marks = try Self.ids("SELECT id FROM attendance ORDER BY id", test)
            let events = try Self.ids("SELECT id FROM event ORDER BY id", test)
            guard !sessions.isEmpty, people.count > 1 else { break }
            // Mostly marks written and changed; now and then a structural change.
            let roll = Int.random(in: 0..<100, using: &random)
            let kind: String
            switch roll {
            case 0..<45: kind = "mark"
            case 45..<60: kind = marks.isEmpty ? "mark" : "status"
            case 60..<68: kind = marks.isEmpty ? "mark" : "move-person"
            case 68..<76: kind = marks.isEmpty ? "mark" : "move-session"
            case 76..<88: kind = marks.isEmpty ? "mark" : "unmark"
            case 88..<91: kind = people.count > 12 ? "delete-person" : "mark"
            case 91..<94: kind = people.count > 12 ? "merge" : "mark"
            case 94..<97: kind = "session-to-event"
            case 97..<99: kind = sessions.count > 3 ? "delete-session" : "mark"
            default: kind = events.count > 2 ? "delete-event" : "mark"
            }
            kinds[kind, default: 0] += 1
            let session = sessions.randomElement(using: &random)!
            let person = people.randomElement(using: &random)!
            let mark = marks.randomElement(using: &random)
            let status = statuses.randomElement(using: &random)!
            let event = events.randomElement(using: &random)!
            if kind == "merge" {
                let other = people.filter { $0 != person }.randomElement(using: &random)!
                _ = try test.db.mergeParticipant(other, into: person)
            } else {
                try test.db.write { db in
                    switch kind {
                    case "mark":
                        try db.execute(
                            sql: """
                                INSERT OR IGNORE INTO attendance (id, sessionId, participantId, status, markedAt, method)
                                VALUES (?, ?, ?, ?, '2024-01-09 09:00:00.000', 'cli')
                                """, arguments: [RecordID.timeOrdered(), session, person, status])
                    case "status":
                        try db.execute(sql: "UPDATE attendance SET status = ? WHERE id = ?", arguments: [status, mark])
                    case "move-person", "move-session":
                        let (column, value) = kind == "move-person" ? ("participantId", person) : ("sessionId", session)
                        try db.execute(
                            sql: "UPDATE OR IGNORE attendance SET \(column) = ? WHERE id = ?", arguments: [value, mark])
                    case "unmark":
                        try db.execute(sql: "DELETE FROM attendance WHERE id = ?", arguments: [mark])
                    case "delete-person":
                        try db.execute(sql: "DELETE FROM participant WHERE id = ?", arguments: [person])
                    case "session-to-event":
                        try db.execute(
                            sql: "UPDATE session SET eventId = ? WHERE id = ?",
                            arguments: [event, session])
                    case "delete-session":
                        try db.execute(sql: "DELETE FROM session WHERE id = ?", arguments: [session])
                    case "delete-event":
                        try db.execute(sql: "DELETE FROM event WHERE id = ?", arguments: [event])
                    default:
                        Issue.record("unknown write \(kind)")
                    }
                }
            }
            let (kept, recounted) = try test.db.read { db in
                (try Self.lines(Self.kept, db), try Self.lines(Self.recount, db))
            }
            #expect(kept == recounted, "seed \(seed), step \(step) (\(kind))")
            if kept != recounted { break }
        }
        // The run exercised every kind of write, and left marks that count.
        #expect(kinds.keys.count >= 9, "\(kinds)")
        #expect(try Self.ids(Self.kept, test).count > 0)
    }

    @Test("marking, re-marking and undoing through the commands' own paths")
    func throughTheAPI() throws {
        let test = try TestDatabase()
        try test.seed()
        for index in 1...3 { try test.person("Person \(index)", .female, email: "p\(index)@example.org") }
        _ = try test.db.register(["p1@example.org", "p2@example.org", "p3@example.org"], forEvent: "psc-3", role: nil)
        let count = { try test.db.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM eventAttendee")! } }
        _ = try test.db.markAttendance(
            session: "psc-3/1", participants: ["p1@example.org", "p2@example.org"], status: .present, walkIn: false)
        #expect(try count() == 2)
        _ = try test.db.markAttendance(
            session: "psc-3/1", participants: ["p2@example.org"], status: .absent, walkIn: false)
        #expect(try count() == 1)
        _ = try test.db.undoAttendance(session: "psc-3/1", participants: ["p1@example.org"])
        #expect(try count() == 0)
        let listed = try test.db.events().first { $0.event.code == "psc-3" }
        #expect(listed?.participants == 0)
        _ = try test.db.markAttendance(
            session: "psc-3/1", participants: ["p3@example.org"], status: .late, walkIn: false)
        #expect(try test.db.events().first { $0.event.code == "psc-3" }?.participants == 1)
        #expect(try test.db.statistics(StatsScope(events: ["psc-3"]), by: []).attendances == 1)
    }

    @Test("a database from before v9 gets the table filled from the marks it already holds")
    func migrationFillsIt() throws {
        let test = try Self.programme()
        var random = SplitMix64(seed: 9)
        let statuses = ["present", "late", "left-early", "excused", "absent"]
        let sessions = try Self.ids("SELECT id FROM session ORDER BY id", test)
        let people = try Self.ids("SELECT id FROM participant ORDER BY id", test)
        let marks = (0..<120).map { _ in
            (
                sessions.randomElement(using: &random)!, people.randomElement(using: &random)!,
                statuses.randomElement(using: &random)!
            )
        }
        // The file as v8 left it: marks, no table, no triggers, v9 and v10 not applied.
        try test.db.write { db in
            try db.execute(
                sql: """
                    DROP TRIGGER attendance_counts_insert; DROP TRIGGER attendance_counts_delete;
                    DROP TRIGGER attendance_counts_update_old; DROP TRIGGER attendance_counts_update_new;
                    DROP TRIGGER session_counts_delete; DROP TRIGGER session_counts_move;
                    DROP TABLE eventAttendee;
                    DELETE FROM grdb_migrations WHERE identifier IN ('v9-event-attendees', 'v10-attendee-triggers-without-lists');
                    """)
            for (session, person, status) in marks {
                try db.execute(
                    sql: """
                        INSERT OR IGNORE INTO attendance (id, sessionId, participantId, status, markedAt, method)
                        VALUES (?, ?, ?, ?, '2024-01-09 09:00:00.000', 'cli')
                        """, arguments: [RecordID.timeOrdered(), session, person, status])
            }
        }
        let reopened = try AppDatabase.open(path: test.path)
        let (kept, recounted) = try reopened.read { db in
            (try Self.lines(Self.kept, db), try Self.lines(Self.recount, db))
        }
        #expect(kept == recounted)
        #expect(kept.count > 30)
        let applied = try reopened.appliedMigrations()
        #expect(
            applied.suffix(4) == [
                "v9-event-attendees", "v10-attendee-triggers-without-lists", "v11-checks-without-lists",
                "v12-marks-not-indexed-by-person",
            ])
        // v10's triggers compare the status value by value: no list for SQLite to build a
        // table of each time a trigger fires.
        let triggers = try reopened.read { db in
            try String.fetchAll(db, sql: "SELECT sql FROM sqlite_master WHERE name LIKE 'attendance_counts_%'")
        }
        #expect(triggers.count == 4)
        #expect(triggers.allSatisfy { !$0.contains(" IN (") && $0.contains("status = 'left-early'") })
    }
}

@Suite("marks written together")
struct SessionMarksTests {
    @Test("new marks wait and are written in batches; a mark held or stored is changed, not doubled")
    func batches() throws {
        let test = try TestDatabase()
        try test.seed()
        let people = try (0..<10).map { try test.person("Peserta \($0)", $0 % 2 == 0 ? .female : .male) }
        try test.db.write { db in
            let (session, _) = try Session.find("psc-3/1", db)
            func stored() throws -> Int {
                try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM attendance WHERE sessionId = ?", arguments: [session.id])!
            }
            var writes = SessionMarks(session: session, at: Date(), by: "desk 1", method: .cli, batchSize: 4)
            for person in people.prefix(3) {
                #expect(try writes.mark(person.id, existing: nil, status: .present, db) == .marked)
            }
            #expect(try stored() == 0, "three marks wait for the fourth")
            #expect(writes.status(of: people[1].id) == .present)
            // Held, not written: changed in place, once.
            #expect(try writes.mark(people[1].id, existing: nil, status: .present, db) == .unchanged)
            #expect(try writes.mark(people[1].id, existing: nil, status: .late, db) == .statusChanged(from: .present))
            #expect(try writes.mark(people[3].id, existing: nil, status: .absent, db) == .marked)
            #expect(try stored() == 4, "the fourth new mark writes the batch")
            #expect(writes.status(of: people[1].id) == nil)
            // Stored now: changed through the stored row.
            let held = try #require(try Attendance.fetchOne(session: session.id, participant: people[1].id, db))
            #expect(held.status == .late && held.markedBy == "desk 1")
            #expect(try writes.mark(people[1].id, existing: held, status: .excused, db) == .statusChanged(from: .late))
            for person in people[4...] {
                #expect(try writes.mark(person.id, existing: nil, status: .present, db) == .marked)
            }
            try writes.write(db)
            try writes.write(db)  // nothing held: nothing written twice
            #expect(try stored() == 10)
            let statuses = try String.fetchAll(
                db, sql: "SELECT status FROM attendance WHERE sessionId = ? ORDER BY status", arguments: [session.id])
            #expect(statuses == ["absent", "excused"] + Array(repeating: "present", count: 8))
            // Counted for the event: present and late count, absent and excused do not.
            let attendees = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM eventAttendee")
            #expect(attendees == 8)
        }
    }
}
