import ConveneTestSupport
import Foundation
import GRDB
import Testing

@testable import ConveneCore

@Suite("participant merge: two rows for one person")
struct ParticipantMergeTests {
    /// The stats fixture, with Rina (P2) entered a second time: no organisation, another
    /// email, a phone and a province; registered at psc-3 as a speaker and at tr-1; marked
    /// present at psc-3/1 (Rina: late), excused at psc-3/2 (Rina: present), present at tr-1;
    /// owner of an action.
    static func fixtureWithDuplicate() throws -> TestDatabase {
        let test = try TestDatabase()
        try StatsFixture.build(test.db)
        _ = try test.db.addParticipant(
            .init(
                fullName: "Rina W.", email: "rina.w@example.org", phone: "0812 1111 2222", province: "Jawa Barat"))
        _ = try test.db.register(["rina.w@example.org"], forEvent: "psc-3", role: .speaker)
        _ = try test.db.register(["rina.w@example.org"], forEvent: "tr-1", role: nil)
        for (session, status) in [("psc-3/1", AttendanceStatus.present), ("psc-3/2", .excused), ("tr-1", .present)] {
            _ = try test.db.markAttendance(
                session: session, participants: ["rina.w@example.org"], status: status, walkIn: false)
        }
        _ = try test.db.addAction(.init(event: "psc-3", text: "Send the list", owners: ["rina.w@example.org"]))
        return test
    }

    @Test("registrations, marks and actions move; the stronger mark stays; fields fill; differences are listed")
    func merge() throws {
        let test = try Self.fixtureWithDuplicate()
        let before = try databaseRows(test.db)

        // A dry run reports and keeps nothing
        let dry = try test.db.mergeParticipant("rina.w@example.org", into: "p2@example.org", dryRun: true)
        #expect(dry.dryRun && dry.marksMoved == 1)
        #expect(try databaseRows(test.db) == before)

        let merge = try test.db.mergeParticipant("rina.w@example.org", into: "p2@example.org")
        #expect((merge.registrationsMoved, merge.registrationsCombined) == (1, 1))
        #expect((merge.marksMoved, merge.marksCombined, merge.actionsMoved) == (1, 2, 1))
        #expect(
            Set(merge.markConflicts) == [
                .init(session: "psc-3/1", kept: .present, dropped: .late),
                .init(session: "psc-3/2", kept: .present, dropped: .excused),
            ])
        #expect(merge.filled == ["phone", "province"])
        #expect(
            merge.differences == [
                .init(field: "role at psc-3", kept: "participant", dropped: "speaker"),
                .init(field: "name", kept: "Rina Wulandari", dropped: "Rina W."),
                .init(field: "email", kept: "p2@example.org", dropped: "rina.w@example.org"),
            ])

        // Then one Rina remains, with the phone and province, at three events' worth of marks
        #expect(throws: ConveneError.self) { try test.db.participantDetail("rina.w@example.org") }
        let rina = try test.db.participantDetail("p2@example.org")
        #expect(rina.participant.phone == "+6281211112222" && rina.participant.province == "Jawa Barat")
        #expect(rina.participant.gender == .female)
        #expect(rina.events.map(\.eventCode) == ["psc-3", "tr-1"])
        #expect(rina.events.map(\.sessionsAttended) == [2, 1])
        #expect(rina.events.map(\.role) == [.participant, .participant])
        let actions = try test.db.actions(
            ActionFilter(owner: "p2@example.org"), today: CalendarDate(iso: "2024-03-01")!)
        #expect(actions.count == 1)
        #expect(try test.db.check().isHealthy)

        // And psc-3/1 counts Rina once, present
        let (_, sessions) = try test.db.sessions(ofEvent: "psc-3")
        #expect(sessions.map(\.attended) == [4, 3])
    }

    @Test("a standing registration wins over a cancelled one; a 'no' to data use stands")
    func cancelledAndConsent() throws {
        // Given Budi (P3) cancelled at psc-3 after his mark was undone, and a second Budi registered as speaker
        let test = try TestDatabase()
        try StatsFixture.build(test.db)
        _ = try test.db.undoAttendance(session: "psc-3/1", participants: ["p3@example.org"])
        _ = try test.db.cancelRegistrations(["p3@example.org"], forEvent: "psc-3")
        _ = try test.db.editParticipant(
            "p3@example.org",
            {
                var c = ParticipantChanges(); c.dataUseConsent = true; return c
            }())
        _ = try test.db.addParticipant(
            .init(fullName: "Budi Santoso", email: "budi.s@example.org", dataUseConsent: false))
        _ = try test.db.register(["budi.s@example.org"], forEvent: "psc-3", role: .speaker)
        let registeredBefore = try test.db.eventSummary("psc-3").registered

        let merge = try test.db.mergeParticipant("budi.s@example.org", into: "p3@example.org")
        #expect(merge.differences.contains(.init(field: "role at psc-3", kept: "speaker", dropped: "participant")))
        #expect(merge.differences.contains(.init(field: "consent", kept: "no", dropped: "yes")))
        let budi = try test.db.participantDetail("p3@example.org")
        #expect(budi.events.first { $0.eventCode == "psc-3" }?.status == .registered)
        #expect(budi.participant.dataUseConsent == false)
        #expect(try test.db.eventSummary("psc-3").registered == registeredBefore)
    }

    @Test("one person named twice, or an erased person, is refused and nothing changes")
    func refused() throws {
        let test = try Self.fixtureWithDuplicate()
        let p2 = try test.db.participantDetail("p2@example.org").participant
        _ = try test.db.erase("p7@example.org", reason: .request)
        let before = try databaseRows(test.db)
        expectConveneError(where: {
            if case .invalidInput(let t) = $0 { t.contains("same participant") } else { false }
        }) {
            try test.db.mergeParticipant("p2@example.org", into: p2.shortId)
        }
        expectConveneError(where: { if case .invalidInput(let t) = $0 { t.contains("erased") } else { false } }) {
            try test.db.mergeParticipant("rina.w@example.org", into: try erasedId(test))
        }
        expectConveneError(where: { if case .notFound = $0 { true } else { false } }) {
            try test.db.mergeParticipant("nobody@example.org", into: "p2@example.org")
        }
        #expect(try databaseRows(test.db) == before)
    }

    func erasedId(_ test: TestDatabase) throws -> String {
        try test.db.read { db in
            try String.fetchOne(db, sql: "SELECT substr(id, 1, 8) FROM participant WHERE erasedAt IS NOT NULL")!
        }
    }

    // MARK: - Equivalence on random data

    @Test(
        "statistics after merging equal those of the same data entered once (random, seeded)",
        arguments: [UInt64(1), 7, 2024])
    func equivalence(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let programme = RandomProgramme(&random)

        // Given the data entered once, and the same data with some people split over two rows
        let once = try TestDatabase()
        try programme.build(once.db, rows: programme.people.map { $0.once })
        let split = try TestDatabase()
        try programme.build(split.db, rows: programme.people.flatMap { $0.split })

        // When each duplicate is merged into its first row
        var conflicts = 0
        var combined = 0
        var differences = 0
        for person in programme.people where person.split.count == 2 {
            let merge = try split.db.mergeParticipant(person.split[1].email, into: person.split[0].email)
            conflicts += merge.markConflicts.count
            combined += merge.registrationsCombined
            differences += merge.differences.count
        }

        // Then every figure, in every scope, is the same
        #expect(try split.db.participants().count == programme.people.count)
        let scopes =
            [StatsScope(), StatsScope(series: "PSC"), StatsScope(from: CalendarDate(iso: "2024-06-01"))]
            + RandomProgramme.events.map { StatsScope(events: [$0.code]) }
        for scope in scopes {
            let expected = try allStatistics(once.db, scope)
            let actual = try allStatistics(split.db, scope)
            let first =
                zip(actual, expected).first { $0 != $1 }.map { "\($0.0) instead of \($0.1)" } ?? "lengths differ"
            #expect(actual == expected, "seed \(seed), scope \(scope): \(first)")
        }
        #expect(try split.db.check().isHealthy)
        // And the data exercised what a merge decides
        #expect(
            conflicts > 0 && combined > 0 && differences > 0, "seed \(seed): \(conflicts), \(combined), \(differences)")
    }
}

/// Three events and forty people, some entered twice: each split person's fields, registrations
/// and marks are spread over two rows so that merging the second into the first gives back
/// the person as entered once (the first row's value where both differ, the stronger mark
/// where both were marked, a standing registration over a cancelled one).
struct RandomProgramme {
    struct EventSpec {
        var code: String
        var series: String?
        var start: String
        var end: String?
        var zone: String
        var sessions: [(start: String, end: String)]
    }

    static let events = [
        EventSpec(
            code: "psc-3", series: "PSC", start: "2024-01-09", zone: "Asia/Jakarta",
            sessions: [("09:00", "12:00"), ("13:00", "15:00")]),
        EventSpec(
            code: "tr-1", start: "2024-08-05", end: "2024-08-06", zone: "Asia/Makassar",
            sessions: [("2024-08-05 09:00", "12:00"), ("2024-08-06 09:00", "12:00")]),
        EventSpec(code: "psc-4", series: "PSC", start: "2024-09-25", zone: "Asia/Jakarta", sessions: []),
    ]

    static let organisations = ["Kemlu", "Direktorat Sosial Budaya dan OINB", "Kemnaker", "SBMI", "UNDP"]
    static let provinces = ["DKI Jakarta", "Nusa Tenggara Barat", "Jawa Timur"]

    struct Fields {
        var gender: Gender = .undisclosed
        var stakeholder: StakeholderType?
        var organisation: String?
        var province: String?
        var birthYear: Int?
        var disability: DisabilityStatus = .undisclosed
    }

    struct Registration {
        var event: String
        var role: RegistrationRole
        var cancelled: Bool
        var marks: [(session: String, status: AttendanceStatus)]
    }

    /// What one participant row holds.
    struct Row {
        var email: String
        var name: String
        var fields: Fields
        var registrations: [Registration]
    }

    struct Person {
        var once: Row
        /// One row, or two (first the one that stays, then the duplicate).
        var split: [Row]
    }

    var people: [Person] = []

    init<G: RandomNumberGenerator>(_ random: inout G) {
        for index in 1...40 {
            let fields = Fields(
                gender: [.female, .male, .undisclosed, .other].randomElement(using: &random)!,
                stakeholder: [nil, .governmentNational, .civilSociety, .unAgency].randomElement(using: &random)!,
                organisation: ([nil] + Self.organisations.map(Optional.some)).randomElement(using: &random)!,
                province: ([nil] + Self.provinces.map(Optional.some)).randomElement(using: &random)!,
                birthYear: [nil, 1965, 1990, 2002].randomElement(using: &random)!,
                disability: [.undisclosed, .yes, .no].randomElement(using: &random)!)
            var registrations: [Registration] = []
            for event in Self.events where Bool.random(using: &random) || Bool.random(using: &random) {
                let cancelled = Int.random(in: 0..<8, using: &random) == 0
                let sessionCount = max(event.sessions.count, 1)
                var marks: [(String, AttendanceStatus)] = []
                for number in 1...sessionCount where Double.random(in: 0..<1, using: &random) < (cancelled ? 0.3 : 0.7)
                {
                    let status: AttendanceStatus =
                        cancelled
                        ? [.excused, .absent].randomElement(using: &random)!
                        : [.present, .present, .present, .late, .leftEarly, .excused, .absent].randomElement(
                            using: &random)!
                    marks.append(("\(event.code)/\(number)", status))
                }
                registrations.append(
                    Registration(
                        event: event.code,
                        role: [.participant, .participant, .speaker, .chair].randomElement(
                            using: &random)!, cancelled: cancelled, marks: marks))
            }
            let once = Row(
                email: "p\(index)@example.org", name: "Person \(index)", fields: fields, registrations: registrations)
            let split = index % 3 == 0 ? Self.split(once, &random) : [once]
            people.append(Person(once: once, split: split))
        }
    }

    /// Spreads a person over two rows that merge back into `row`.
    static func split<G: RandomNumberGenerator>(_ row: Row, _ random: inout G) -> [Row] {
        var first = Row(email: row.email, name: row.name, fields: Fields(), registrations: [])
        var second = Row(
            email: row.email.replacingOccurrences(of: "@", with: ".dup@"), name: "\(row.name) (dup)",
            fields: Fields(), registrations: [])

        // Fields: in the first row only, the second only, both alike, or both with the second differing.
        func spread<T: Equatable>(_ value: T?, _ others: [T], _ path: WritableKeyPath<Fields, T?>) {
            guard let value else { return }
            switch Int.random(in: 0..<4, using: &random) {
            case 0: first.fields[keyPath: path] = value
            case 1: second.fields[keyPath: path] = value
            case 2:
                first.fields[keyPath: path] = value
                second.fields[keyPath: path] = value
            default:
                first.fields[keyPath: path] = value
                second.fields[keyPath: path] = others.filter { $0 != value }.randomElement(using: &random)
            }
        }
        func spreadCoded<T: Equatable>(_ value: T, empty: T, _ others: [T], _ path: WritableKeyPath<Fields, T>) {
            guard value != empty else { return }
            switch Int.random(in: 0..<4, using: &random) {
            case 0: first.fields[keyPath: path] = value
            case 1: second.fields[keyPath: path] = value
            case 2:
                first.fields[keyPath: path] = value
                second.fields[keyPath: path] = value
            default:
                first.fields[keyPath: path] = value
                second.fields[keyPath: path] = others.filter { $0 != value && $0 != empty }.randomElement(
                    using: &random)!
            }
        }
        spreadCoded(row.fields.gender, empty: .undisclosed, Gender.allCases, \.gender)
        spread(row.fields.stakeholder, StakeholderType.allCases, \.stakeholder)
        spread(row.fields.organisation, organisations, \.organisation)
        spread(row.fields.province, provinces, \.province)
        spread(row.fields.birthYear, [1965, 1990, 2002], \.birthYear)
        spreadCoded(row.fields.disability, empty: .undisclosed, DisabilityStatus.allCases, \.disability)

        // Registrations: one row, the other, or both; marks follow onto rows registered for the event.
        for registration in row.registrations {
            let otherRole = RegistrationRole.allCases.randomElement(using: &random)!
            switch Int.random(in: 0..<5, using: &random) {
            case 0:
                first.registrations.append(registration)
            case 1:
                second.registrations.append(registration)
            default:
                // Both: which one may stand cancelled while the person's registration stands.
                var a = registration
                var b = registration
                a.marks = []
                b.marks = []
                if registration.cancelled {
                    b.role = otherRole
                } else {
                    switch Int.random(in: 0..<3, using: &random) {
                    case 0: b.role = otherRole
                    case 1:
                        a.cancelled = true
                        a.role = otherRole
                    default:
                        b.cancelled = true
                        b.role = otherRole
                    }
                }
                for (session, status) in registration.marks {
                    // The true status goes to a row that may hold it; the other row may hold a weaker one.
                    let aCan = !a.cancelled || !status.isAttendance
                    let bCan = !b.cancelled || !status.isAttendance
                    let toA = aCan && (!bCan || Bool.random(using: &random))
                    let weaker = AttendanceStatus.allCases.filter { $0.precedence <= status.precedence }
                    if toA { a.marks.append((session, status)) } else { b.marks.append((session, status)) }
                    if Bool.random(using: &random) {
                        let other = toA ? b : a
                        let allowed = weaker.filter { !other.cancelled || !$0.isAttendance }
                        if let pick = allowed.randomElement(using: &random) {
                            if toA { b.marks.append((session, pick)) } else { a.marks.append((session, pick)) }
                        }
                    }
                }
                first.registrations.append(a)
                second.registrations.append(b)
            }
        }
        return [first, second]
    }

    /// The events, organisations and rows, through the same writes the CLI uses.
    func build(_ db: AppDatabase, rows: [Row]) throws {
        _ = try db.addOrganisation(.init(name: "Kementerian Luar Negeri", acronym: "Kemlu", type: .ministry))
        _ = try db.addOrganisation(.init(name: "Direktorat Sosial Budaya dan OINB", type: .ministry, parent: "Kemlu"))
        _ = try db.addOrganisation(.init(name: "Kementerian Ketenagakerjaan", acronym: "Kemnaker", type: .ministry))
        _ = try db.addOrganisation(.init(name: "Serikat Buruh Migran Indonesia", acronym: "SBMI", type: .civilSociety))
        _ = try db.addOrganisation(
            .init(name: "United Nations Development Programme", acronym: "UNDP", type: .unAgency))
        for event in Self.events {
            _ = try db.addEvent(
                .init(
                    code: event.code, title: event.code.uppercased(),
                    kind: event.series == nil ? .training : .pscMeeting,
                    series: event.series, startDate: CalendarDate(iso: event.start)!,
                    endDate: event.end.flatMap(CalendarDate.init(iso:)), timeZone: event.zone))
            for (index, session) in event.sessions.enumerated() {
                _ = try db.addSession(
                    .init(event: event.code, title: "Session \(index + 1)", start: session.start, end: session.end))
            }
        }
        for row in rows {
            let f = row.fields
            _ = try db.addParticipant(
                .init(
                    fullName: row.name, gender: f.gender, stakeholderType: f.stakeholder, organisation: f.organisation,
                    email: row.email, province: f.province, birthYear: f.birthYear, disability: f.disability))
            for registration in row.registrations {
                _ = try db.register([row.email], forEvent: registration.event, role: registration.role)
                for (session, status) in registration.marks {
                    _ = try db.markAttendance(
                        session: session, participants: [row.email], status: status, walkIn: false)
                }
                if registration.cancelled {
                    _ = try db.cancelRegistrations([row.email], forEvent: registration.event)
                }
            }
        }
    }
}
