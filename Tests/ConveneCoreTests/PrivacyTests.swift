import ConveneTestSupport
import Foundation
import GRDB
import Testing

@testable import ConveneCore

@Suite("erasure, anonymised export, backup and check")
struct PrivacyTests {
    static func fixture() throws -> TestDatabase {
        let test = try TestDatabase()
        try StatsFixture.build(test.db)
        return test
    }

    @Test("erasing a participant removes identifying data, logs when and why, and leaves every statistic as it was")
    func erasure() throws {
        let test = try Self.fixture()
        let dimensions = StatsDimension.allCases
        let before = try test.db.statistics(StatsScope(), by: dimensions)

        let erased = try test.db.erase("p1@example.org", reason: .request).participant
        _ = try test.db.editParticipant(
            "p6@example.org",
            {
                var c = ParticipantChanges(); c.dataUseConsent = .some(false); return c
            }())

        let after = try test.db.statistics(StatsScope(), by: dimensions)
        #expect(after.participants == before.participants && after.attendances == before.attendances)
        #expect(after.breakdowns == before.breakdowns)
        #expect(erased.fullName == Participant.erasedName)
        #expect(erased.email == nil && erased.phone == nil && erased.position == nil)
        #expect(erased.gender == .female && erased.birthYear == 1980)
        let reasons = try test.db.read { db in
            try String.fetchAll(db, sql: "SELECT reason FROM erasure ORDER BY erasedAt")
        }
        #expect(reasons == ["request", "consent-withdrawn"])
        let columns = try test.db.read { db in try db.columns(in: "erasure").map(\.name) }
        #expect(columns == ["id", "erasedAt", "reason"])  // when and why, never who
        let dump = try test.db.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM participant").map(\.description).joined()
        }
        for text in ["Siti", "Aminah", "p1@example.org", "Dewi", "p6@example.org"] {
            #expect(!dump.contains(text))
        }
        expectConveneError(where: {
            if case .invalidInput(let message) = $0 { message.contains("already erased") } else { false }
        }) { try test.db.erase(erased.id.prefix(8).description, reason: .request) }
    }

    @Test("the anonymised export has stable pseudonyms and no personal data")
    func anonymisedExport() throws {
        let test = try Self.fixture()
        let first = try test.db.anonymisedExport()
        let second = try test.db.anonymisedExport()
        #expect(first == second)
        // 7 registered at psc-3 with 9 marks over 2 sessions (P4–P5 once, P1–P2 twice, P3 once, P6, P7 once): by hand,
        // psc-3: P1×2, P2×2, P3, P4, P5, P6 (excused), P7 (absent) = 9; psc-4: P1, P3, P6 marked + P4 registered = 4; tr-1: 2.
        #expect(first.filter { $0.event == "psc-3" }.count == 9)
        #expect(first.filter { $0.event == "psc-4" }.count == 4)
        #expect(first.filter { $0.event == "psc-4" && $0.status == "registered" }.count == 1)
        #expect(first.count == 15)
        #expect(Set(first.map(\.pseudonym)).count == 7)
        let text = first.map { "\($0)" }.joined()
        for name in ["Siti", "Rina", "Budi", "example.org", "Aminah"] { #expect(!text.contains(name)) }
        #expect(try test.db.anonymisedExport(event: "tr-1").count == 2)
    }

    @Test("backup copies a consistent database and never overwrites; check passes on it")
    func backupAndCheck() throws {
        let test = try Self.fixture()
        let copy = test.directory.appendingPathComponent("copy.sqlite").path
        try test.db.backup(to: copy)
        let restored = try AppDatabase.open(path: copy)
        #expect(try restored.check().isHealthy)
        #expect(try restored.statistics(StatsScope(), by: []).attendances == 12)
        expectConveneError(where: {
            if case .cannotCreateOutput(copy, let reason) = $0 { reason.contains("the file exists") } else { false }
        }) { try test.db.backup(to: copy) }
        let nowhere = test.directory.appendingPathComponent("no/dir/x.sqlite").path
        expectConveneError(where: {
            if case .cannotCreateOutput(nowhere, let reason) = $0 { reason.contains("does not exist") } else { false }
        }) { try test.db.backup(to: nowhere) }
    }

    @Test("check finds a mark without a registration and an event without sessions")
    func checkFindsProblems() throws {
        let test = try Self.fixture()
        #expect(try test.db.check().isHealthy)
        try test.db.write { db in
            try db.execute(sql: "DELETE FROM registration WHERE eventId = (SELECT id FROM event WHERE code = 'tr-1')")
            try db.execute(sql: "DELETE FROM session WHERE eventId = (SELECT id FROM event WHERE code = 'psc-4')")
        }
        let report = try test.db.check()
        #expect(!report.isHealthy)
        #expect(report.marksWithoutRegistration == 2)
        #expect(report.eventsWithoutSessions == ["psc-4"])
        #expect(report.integrity == ["ok"])
        #expect(report.attendeesOutOfStep == 0)
    }

    @Test("check finds who-attended-each-event out of step with the marks")
    func checkFindsAttendeesOutOfStep() throws {
        let test = try Self.fixture()
        #expect(try test.db.check().attendeesOutOfStep == 0)
        // A tool that writes without the schema's triggers: one kept pair lost, one count changed.
        try test.db.write { db in
            try db.execute(
                sql: """
                    DELETE FROM eventAttendee
                     WHERE (eventId, participantId) = (SELECT eventId, participantId FROM eventAttendee ORDER BY 1, 2 LIMIT 1);
                    UPDATE eventAttendee SET marks = marks + 5
                     WHERE (eventId, participantId) = (SELECT eventId, participantId FROM eventAttendee ORDER BY 1, 2 LIMIT 1);
                    """)
        }
        let report = try test.db.check()
        // The lost pair is missing from the kept rows (1); the changed one is in each side once (2).
        #expect(report.attendeesOutOfStep == 3)
        #expect(!report.isHealthy)
    }
}
