import Foundation
import GRDB
import Testing

@testable import ConveneCore

/// The records Convene reads most (participants, registrations, marks, events, sessions)
/// read their columns by hand instead of through Codable. Each is checked against GRDB's
/// Codable decoding of the same stored row, and against the value that was written.
@Suite("records read without Codable")
struct RowDecodingTests {
    /// An instant a stored row can hold exactly (whole milliseconds).
    static let instant = Date(timeIntervalSince1970: 1_704_762_000.125)

    static func check<Record: FetchableRecord & Decodable & Equatable>(
        _ type: Record.Type, table: String, written: [Record], _ db: Database
    ) throws {
        let rows = try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY rowid")
        #expect(rows.count == written.count)
        for (row, original) in zip(rows, written) {
            let byHand = try Record(row: row)
            let byCodable = try FetchableRecordDecoder().decode(Record.self, from: row)
            #expect(byHand == byCodable, "\(table): hand-written decoding differs from Codable's")
            #expect(byHand == original, "\(table): read back differs from what was written")
        }
    }

    @Test("every column of every record reads back as written, with values and with nils")
    func sameAsCodable() throws {
        let database = try AppDatabase.inMemory()
        try database.write { db in
            let organisation = Organisation(name: "Kementerian Luar Negeri", acronym: "Kemlu", type: .ministry)
            try organisation.insert(db)
            var full = Participant(
                fullName: "Dr. Siti Aminah, M.Si.", gender: .female, stakeholderType: .governmentNational,
                organisationId: organisation.id, position: "Direktur", email: "siti@example.org",
                phone: "+6281234567890", province: "DKI Jakarta", birthYear: 1980, disability: .no,
                dataUseConsent: true, createdAt: Self.instant)
            full.updatedAt = Self.instant.addingTimeInterval(60)
            full.erasedAt = Self.instant.addingTimeInterval(120)
            let sparse = Participant(fullName: "Agus Salim", createdAt: Self.instant)
            try full.insertRow(db)
            try sparse.insert(db)  // through Codable's encoding too
            try Self.check(Participant.self, table: "participant", written: [full, sparse], db)
            let participantsByPosition = try db.makeStatement(
                sql: "SELECT \(Participant.columnsInOrder) FROM participant ORDER BY rowid"
            ).fetchAll(arguments: [], byPosition: Participant.init(byPosition:))
            #expect(participantsByPosition == [full, sparse])

            let event = Event(
                code: "psc-3", title: "Third PSC meeting", kind: .pscMeeting, series: "PSC", number: 3,
                startDate: CalendarDate(iso: "2024-01-09")!, endDate: CalendarDate(iso: "2024-01-10")!,
                venue: "Gedung Pancasila", city: "Jakarta", timeZone: "Asia/Makassar", language: .id,
                createdAt: Self.instant)
            let bare = Event(
                code: "trn-1", title: "Training", kind: .training, startDate: CalendarDate(iso: "2024-02-20")!,
                createdAt: Self.instant)
            try event.insert(db)
            try bare.insert(db)
            try Self.check(Event.self, table: "event", written: [event, bare], db)

            let session = Session(
                eventId: event.id, code: "plenary", title: "Plenary", startsAt: Self.instant,
                endsAt: Self.instant.addingTimeInterval(3600), room: "Ruang 1", chair: "Kemlu", isDefault: false,
                createdAt: Self.instant)
            let plain = Session(eventId: bare.id, title: "Day 1", isDefault: true, createdAt: Self.instant)
            try session.insert(db)
            try plain.insert(db)
            try Self.check(Session.self, table: "session", written: [session, plain], db)

            let registrations = [
                Registration(
                    eventId: event.id, participantId: full.id, role: .coChair, status: .cancelled, source: "import",
                    registeredAt: Self.instant),
                Registration(eventId: event.id, participantId: sparse.id, registeredAt: Self.instant),
            ]
            try registrations[0].insertRow(db)
            try registrations[1].insert(db)
            try Self.check(Registration.self, table: "registration", written: registrations, db)

            // The shared write (`SessionMarks`) makes the mark's id: read back to compare the rest.
            var writes = SessionMarks(session: session, at: Self.instant, by: "desk 2", method: .web)
            #expect(try writes.mark(full.id, existing: nil, status: .leftEarly, db) == .marked)
            try writes.write(db)
            let madeId = try #require(try String.fetchOne(db, sql: "SELECT id FROM attendance"))
            let marks = [
                Attendance(
                    id: madeId, sessionId: session.id, participantId: full.id, status: .leftEarly,
                    markedAt: Self.instant, markedBy: "desk 2", method: .web),
                Attendance(sessionId: session.id, participantId: sparse.id, markedAt: Self.instant),
            ]
            try marks[1].insert(db)
            try Self.check(Attendance.self, table: "attendance", written: marks, db)
            let marksByPosition = try db.makeStatement(
                sql: "SELECT \(Attendance.columnsInOrder) FROM attendance ORDER BY rowid"
            ).fetchAll(arguments: [], byPosition: Attendance.init(byPosition:))
            #expect(marksByPosition == marks)
            // The one-row read a lookup makes: a match, and none.
            let lookup = try db.makeStatement(
                sql: "SELECT \(Participant.columnsInOrder) FROM participant WHERE email = ?")
            #expect(try lookup.fetchFirst(arguments: ["siti@example.org"], byPosition: Participant.init) == full)
            #expect(try lookup.fetchFirst(arguments: ["nobody@example.org"], byPosition: Participant.init) == nil)
        }
    }

    @Test("a value outside its list is an error, not a crash")
    func unknownValueThrows() throws {
        let database = try AppDatabase.inMemory()
        try database.write { db in
            // A row as a newer Convene (or a hand edit) could leave it.
            let row = try #require(
                try Row.fetchOne(
                    db,
                    sql: """
                        SELECT 'a' AS id, 'e' AS sessionId, 'p' AS participantId, 'teleported' AS status,
                               '2024-01-09 01:00:00.000' AS markedAt, NULL AS markedBy, 'cli' AS method
                        """))
            #expect(throws: (any Error).self) { try Attendance(row: row) }
            let statement = try db.makeStatement(
                sql: """
                    SELECT 'a', 'e', 'p', 'teleported', '2024-01-09 01:00:00.000', NULL, 'cli'
                    """)
            let error = try #require(
                throws: DatabaseError.self,
                performing: {
                    try statement.fetchAll(arguments: [], byPosition: Attendance.init(byPosition:))
                })
            #expect(error.message == "column 4 holds a value that cannot be read as AttendanceStatus")
        }
    }
}
