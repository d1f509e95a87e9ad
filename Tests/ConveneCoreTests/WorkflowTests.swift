import Foundation
import GRDB
import Testing

@testable import ConveneCore

@Suite("register → attend in the core")
struct WorkflowTests {
    @Test("session times are typed in the event's zone and stored as UTC instants")
    func sessionTimes() throws {
        let test = try TestDatabase()
        try test.seed()
        let (event, rows) = try test.db.sessions(ofEvent: "psc-3")
        let start = try #require(rows.first?.session.startsAt)
        // 09:00 WIB (UTC+7) is 02:00 UTC.
        #expect(start == Date(timeIntervalSince1970: 1_704_765_600))
        #expect(LocalTime.format(start, in: event.zone, withZone: true) == "2024-01-09 09:00 WIB")
        let stored = try test.db.read { db in try String.fetchOne(db, sql: "SELECT startsAt FROM session") }
        #expect(stored == "2024-01-09 02:00:00.000")
    }

    @Test("counts: registered vs participants vs attendances, absent not a participant")
    func counts() throws {
        // Given four registered people and a second session
        let test = try TestDatabase()
        try test.seed()
        _ = try test.db.addSession(.init(event: "psc-3", title: "Afternoon", start: "13:00", end: "15:00"))
        try test.person("Siti Aminah", .female, org: "Kemlu", email: "siti@example.org")
        try test.person("Budi Santoso", .male, org: "SBMI", email: "budi@example.org")
        try test.person("Rina Wulandari", .female, org: "Direktorat Sosial Budaya dan OINB", email: "rina@example.org")
        try test.person("Anon", .undisclosed, email: "anon@example.org")
        let everyone = ["siti@example.org", "budi@example.org", "rina@example.org", "anon@example.org"]
        _ = try test.db.register(everyone, forEvent: "psc-3", role: .participant)

        // When Siti attends both sessions, Budi is late to one, Rina is absent, Anon excused
        _ = try test.db.markAttendance(
            session: "psc-3/1", participants: ["siti@example.org"], status: .present, walkIn: false)
        _ = try test.db.markAttendance(
            session: "psc-3/2", participants: ["siti@example.org"], status: .leftEarly, walkIn: false)
        _ = try test.db.markAttendance(
            session: "psc-3/2", participants: ["budi@example.org"], status: .late, walkIn: false)
        _ = try test.db.markAttendance(
            session: "psc-3/1", participants: ["rina@example.org"], status: .absent, walkIn: false)
        _ = try test.db.markAttendance(
            session: "psc-3/1", participants: ["anon@example.org"], status: .excused, walkIn: false)

        // Then (by hand): 4 registered; participants Siti and Budi = 2; attendances 3 marks
        let summary = try test.db.eventSummary("psc-3")
        #expect(summary.registered == 4)
        #expect(summary.participants == 2)
        #expect(summary.attendances == 3)
        #expect(summary.participantsByGender.map(\.count) == [1, 1, 0, 0])
        #expect(summary.sessions.map(\.attended) == [1, 2])
        #expect(summary.sessions.map(\.marked) == [3, 2])
        let listed = try test.db.events()
        #expect(listed.map(\.participants) == [2])
        #expect(listed.map(\.registered) == [4])
    }

    @Test("a failed mark leaves nothing behind, even for the people named before the bad one")
    func allOrNothing() throws {
        let test = try TestDatabase()
        try test.seed()
        try test.person("Siti Aminah", .female, email: "siti@example.org")
        try test.person("Outsider", .male, email: "out@example.org")
        _ = try test.db.register(["siti@example.org"], forEvent: "psc-3", role: .participant)

        #expect(throws: ConveneError.notRegistered(participant: "out@example.org", event: "psc-3")) {
            try test.db.markAttendance(
                session: "psc-3/1", participants: ["siti@example.org", "out@example.org"], status: .present,
                walkIn: false)
        }
        let marks = try test.db.read { db in try Attendance.fetchCount(db) }
        #expect(marks == 0)

        // And with --walk-in the outsider is registered and both are marked
        let result = try test.db.markAttendance(
            session: "psc-3/1", participants: ["siti@example.org", "out@example.org"], status: .present, walkIn: true)
        #expect(result.marks.map(\.walkInRegistered) == [false, true])
        #expect(try test.db.eventSummary("psc-3").registered == 2)
    }

    @Test("a new walk-in whose email is taken fails without creating anyone")
    func walkInDuplicate() throws {
        let test = try TestDatabase()
        try test.seed()
        try test.person("Siti Aminah", .female, email: "siti@example.org")
        #expect(throws: ConveneError.duplicate(kind: "participant with email", key: "siti@example.org")) {
            try test.db.markAttendance(
                session: "psc-3/1", participants: [],
                newWalkIn: ParticipantInput(fullName: "Siti A.", email: "Siti@Example.org"), status: .present,
                walkIn: true)
        }
        #expect(try test.db.participants().count == 1)
    }

    @Test("a walk-in added twice (a form sent again, a second door) is one person, marked once")
    func walkInTwice() throws {
        let test = try TestDatabase()
        try test.seed()
        let walkIn = ParticipantInput(fullName: "Dewi Lestari", gender: .female, organisation: "SBMI")
        let first = try test.db.markAttendance(
            session: "psc-3/1", participants: [], newWalkIn: walkIn, status: .present, walkIn: true)
        #expect(first.walkInMatchedBy == nil)
        let again = try test.db.markAttendance(
            session: "psc-3/1", participants: [],
            newWalkIn: ParticipantInput(fullName: "DEWI LESTARI", organisation: "SBMI"),
            status: .present, walkIn: true)
        #expect(again.walkInMatchedBy == "name and organisation")
        #expect(again.marks.map(\.outcome) == [.unchanged])
        #expect(again.marks.first?.participant.id == first.marks.first?.participant.id)
        #expect(try test.db.participants().count == 1)
        // The same name at another organisation is another person
        _ = try test.db.markAttendance(
            session: "psc-3/1", participants: [],
            newWalkIn: ParticipantInput(fullName: "Dewi Lestari", organisation: "Kemlu"),
            status: .present, walkIn: true)
        #expect(try test.db.participants().count == 2)
    }

    @Test("participant references: email, phone, id prefix, exact name; ambiguity lists candidates")
    func participantReferences() throws {
        let test = try TestDatabase()
        try test.seed()
        let siti = try test.person(
            "Siti Aminah", .female, org: "Kemlu", email: "siti@example.org", phone: "0812 3456 7890")
        try test.person("Ahmad Fauzi", .male, org: "Kemlu", email: "ahmad1@example.org")
        try test.person("Ahmad Fauzi", .male, org: "SBMI", email: "ahmad2@example.org")

        for reference in [
            "SITI@example.org", "+62 812-3456-7890", "081234567890", String(siti.id.prefix(6)), "siti aminah",
        ] {
            #expect(try test.db.participantDetail(reference).participant.id == siti.id, "\(reference)")
        }
        let error = expectConveneError(where: {
            if case .ambiguous(kind: "participant", reference: "Ahmad Fauzi", let candidates) = $0 {
                candidates.count == 2
            } else {
                false
            }
        }) { try test.db.participantDetail("Ahmad Fauzi") }
        guard case .ambiguous(_, _, let candidates) = error else { return }
        #expect(candidates.allSatisfy { !$0.contains("Ahmad") && !$0.contains("ahmad1") })
    }

    @Test("a directorate belongs to its ministry; organisation references by acronym or name")
    func organisations() throws {
        let test = try TestDatabase()
        try test.seed()
        let rows = try test.db.organisations()
        let directorate = try #require(rows.first { $0.organisation.name == "Direktorat Sosial Budaya dan OINB" })
        #expect(directorate.parent == "Kemlu")
        #expect(throws: ConveneError.duplicate(kind: "organisation acronym", key: "KEMLU")) {
            try test.db.addOrganisation(.init(name: "Other", acronym: "KEMLU", type: .ministry))
        }
        #expect(throws: ConveneError.duplicate(kind: "organisation", key: "kementerian luar negeri")) {
            try test.db.addOrganisation(.init(name: "kementerian  luar negeri", type: .ministry))
        }
    }
}
