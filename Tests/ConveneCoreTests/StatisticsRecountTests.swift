import ConveneTestSupport
import Foundation
import Testing

@testable import ConveneCore

/// Every figure of `statistics(...)` recounted the slow, obvious way: loops over the
/// `StatsFixture` rows as this file writes them out again, so a mistake in the shared SQL
/// (the `person` and `mark` expressions every figure comes from) cannot pass both sides.
@Suite("participation statistics against a naive recount")
struct StatisticsRecountTests {
    // MARK: - The fixture, written out again as plain values

    struct Organisation {
        var key: String  // acronym, else name: how the statistics name it
        var name: String
        var type: String
        var parent: String?
    }

    struct Person {
        var id: Int
        var gender: String
        var stakeholder: String?
        var organisation: String?
        var born: Int?
    }

    struct Event {
        var code: String
        var title: String
        var date: String  // one-day events: start = end
        var series: String?
        var kind: String
        var sessions: [String]  // titles, in start order: psc-3/1, psc-3/2, …
    }

    static let organisations = [
        Organisation(key: "Kemlu", name: "Kementerian Luar Negeri", type: "ministry"),
        Organisation(
            key: "Direktorat Sosial Budaya dan OINB", name: "Direktorat Sosial Budaya dan OINB", type: "ministry",
            parent: "Kemlu"),
        Organisation(key: "Kemnaker", name: "Kementerian Ketenagakerjaan", type: "ministry"),
        Organisation(key: "SBMI", name: "Serikat Buruh Migran Indonesia", type: "civil-society"),
        Organisation(key: "UNDP", name: "United Nations Development Programme", type: "un-agency"),
    ]

    static let people = [
        Person(id: 1, gender: "female", stakeholder: "government-national", organisation: "Kemlu", born: 1980),
        Person(
            id: 2, gender: "female", stakeholder: "government-national",
            organisation: "Direktorat Sosial Budaya dan OINB", born: 1998),
        Person(id: 3, gender: "male", stakeholder: "migrant-or-diaspora", organisation: "SBMI", born: 1960),
        Person(id: 4, gender: "male", stakeholder: "government-national", organisation: "Kemnaker", born: nil),
        Person(id: 5, gender: "undisclosed", stakeholder: nil, organisation: nil, born: 2001),
        Person(id: 6, gender: "female", stakeholder: "civil-society", organisation: "SBMI", born: 1975),
        Person(id: 7, gender: "male", stakeholder: "un-agency", organisation: "UNDP", born: 1990),
    ]

    /// An event's only session is its default one, titled like the event.
    static let events = [
        Event(
            code: "psc-3", title: "Third PSC meeting", date: "2024-01-09", series: "PSC", kind: "psc-meeting",
            sessions: ["Plenary", "Workplan"]),
        Event(
            code: "psc-4", title: "Final PSC meeting", date: "2024-09-25", series: "PSC", kind: "psc-meeting",
            sessions: ["Final PSC meeting"]),
        Event(
            code: "tr-1", title: "Training of trainers", date: "2024-08-05", series: nil, kind: "training",
            sessions: ["Training of trainers"]),
    ]

    /// (person, event, role): P1's second registration at psc-3 made her co-chair.
    static let registrations: [(Int, String, String)] =
        [
            (1, "psc-3", "co-chair"), (2, "psc-3", "participant"), (3, "psc-3", "participant"),
            (4, "psc-3", "participant"), (5, "psc-3", "participant"), (6, "psc-3", "participant"),
            (7, "psc-3", "participant"),
        ] + [1, 3, 4, 6].map { ($0, "psc-4", "participant") } + [5, 6].map { ($0, "tr-1", "participant") }

    /// (session, person, status), as `StatsFixture` marks them.
    static let marks: [(String, Int, String)] = [
        ("psc-3/1", 1, "present"), ("psc-3/1", 3, "present"), ("psc-3/1", 4, "present"), ("psc-3/1", 2, "late"),
        ("psc-3/1", 7, "absent"), ("psc-3/1", 6, "excused"), ("psc-3/2", 1, "left-early"),
        ("psc-3/2", 2, "present"), ("psc-3/2", 5, "present"), ("psc-4/1", 1, "present"), ("psc-4/1", 3, "present"),
        ("psc-4/1", 6, "present"), ("tr-1/1", 5, "present"), ("tr-1/1", 6, "present"),
    ]

    // MARK: - Counting by hand

    struct Row: Equatable, CustomStringConvertible {
        var key: String
        var label: String
        var count: Int?
        var share: Double?
        var description: String { "\(key) (\(label)): \(count.map(String.init) ?? "nil"), \(share ?? -1)" }
    }

    struct Figures: Equatable {
        var events: [String]
        var registered: Int
        var participants: Int
        var attendances: Int
        var women: Int?
        var womenShare: Double?
        var attendanceRate: Double?
        var ministries: Int
        var organisations: Int
    }

    /// A scope, recounted.
    struct Recount {
        let events: [Event]
        /// Marks that count as attendance, in sessions of events in scope: (event, session, person).
        let attended: [(event: String, session: String, person: Int)]
        /// People with at least one such mark.
        let participants: Set<Int>

        init(_ scope: StatsScope) {
            events = StatisticsRecountTests.events.filter { event in
                (scope.events.isEmpty || scope.events.contains(event.code))
                    && (scope.series == nil || scope.series == event.series)
                    && (scope.kind == nil || scope.kind?.rawValue == event.kind)
                    && (scope.from == nil || event.date >= scope.from!.description)
                    && (scope.to == nil || event.date <= scope.to!.description)
            }.sorted { ($0.date, $0.code) < ($1.date, $1.code) }
            let codes = Set(events.map(\.code))
            var attended: [(event: String, session: String, person: Int)] = []
            for (session, person, status) in StatisticsRecountTests.marks {
                let event = String(session.split(separator: "/")[0])
                if codes.contains(event) && ["present", "late", "left-early"].contains(status) {
                    attended.append((event, session, person))
                }
            }
            self.attended = attended
            participants = Set(attended.map(\.person))
        }

        static func organisation(_ key: String?) -> Organisation? {
            StatisticsRecountTests.organisations.first { $0.key == key }
        }

        /// The top of an organisation's parent chain.
        static func root(_ key: String?) -> Organisation? {
            guard var organisation = organisation(key) else { return nil }
            while let parent = Self.organisation(organisation.parent) { organisation = parent }
            return organisation
        }

        static func person(_ id: Int) -> Person { StatisticsRecountTests.people.first { $0.id == id }! }

        static func percent(_ part: Int, of whole: Int) -> Double? {
            whole == 0 ? nil : (Double(part) * 1000 / Double(whole)).rounded() / 10
        }

        var figures: Figures {
            let codes = Set(events.map(\.code))
            let registered = Set(StatisticsRecountTests.registrations.filter { codes.contains($0.1) }.map(\.0))
            let people = participants.map(Self.person)
            let women = people.filter { $0.gender == "female" }.count
            let roots = people.compactMap { Self.root($0.organisation) }
            return Figures(
                events: events.map(\.code), registered: registered.count, participants: people.count,
                attendances: attended.count, women: women, womenShare: Self.percent(women, of: people.count),
                attendanceRate: Self.percent(people.count, of: registered.count),
                ministries: Set(roots.filter { $0.type == "ministry" }.map(\.key)).count,
                organisations: Set(roots.map(\.key)).count)
        }

        /// (person, event or nil, key, label) for every value a participant has in a dimension.
        func pairs(_ dimension: StatsDimension) -> [(person: Int, event: String?, key: String, label: String)] {
            var pairs: [(person: Int, event: String?, key: String, label: String)] = []
            for id in participants.sorted() {
                let person = Self.person(id)
                let organisation = Self.organisation(person.organisation)
                func add(_ key: String, _ label: String? = nil) { pairs.append((id, nil, key, label ?? key)) }
                switch dimension {
                case .gender: add(person.gender)
                case .stakeholder: add(person.stakeholder ?? "unknown")
                case .organisation:
                    add(organisation?.key ?? "none", organisation?.name ?? "(no organisation)")
                case .organisationType: add(organisation?.type ?? "unknown")
                case .ministry:
                    if let root = Self.root(person.organisation), root.type == "ministry" {
                        add(root.key, root.name)
                    } else {
                        add("not-a-ministry", "(not from a ministry)")
                    }
                case .province: add("unknown")  // the fixture records no province
                case .disability: add("undisclosed")  // nor any disability answer
                case .ageBand:
                    // Age in whole years at the first event the person attended in scope.
                    let first = events.first { event in attended.contains { $0.event == event.code && $0.person == id }
                    }!
                    if let born = person.born {
                        let age = Int(first.date.prefix(4))! - born
                        add(age < 15 ? "under-15" : age <= 24 ? "15-24" : age <= 59 ? "25-59" : "60+")
                    } else {
                        add("unknown")
                    }
                case .event, .session, .role:
                    for mark in attended where mark.person == id {
                        let event = events.first { $0.code == mark.event }!
                        let key: String
                        let label: String
                        switch dimension {
                        case .event: (key, label) = (event.code, event.title)
                        case .session:
                            let number = Int(mark.session.split(separator: "/")[1])!
                            (key, label) = (mark.session, mark.session + " " + event.sessions[number - 1])
                        default:
                            let role = StatisticsRecountTests.registrations.first { $0.0 == id && $0.1 == event.code }
                            (key, label) = (role?.2 ?? "unknown", role?.2 ?? "unknown")
                        }
                        if !pairs.contains(where: { $0.person == id && $0.event == event.code && $0.key == key }) {
                            pairs.append((id, event.code, key, label))
                        }
                    }
                }
            }
            return pairs
        }

        /// Values listed even at zero.
        static func alwaysListed(_ dimension: StatsDimension) -> [String] {
            switch dimension {
            case .gender: ["female", "male", "other", "undisclosed"]
            case .disability: ["yes", "no", "undisclosed"]
            case .ageBand: ["15-24", "25-59", "60+", "unknown"]
            default: []
            }
        }

        /// Distinct people per value, largest first (then by label, ignoring case, then key),
        /// then the always-listed values nobody has.
        func breakdown(_ dimension: StatsDimension) -> [Row] {
            let pairs = pairs(dimension)
            var rows: [Row] = []
            for key in Set(pairs.map(\.key)) {
                let mine = pairs.filter { $0.key == key }
                rows.append(
                    Row(key: key, label: mine.map(\.label).min()!, count: Set(mine.map(\.person)).count, share: 0))
            }
            rows.sort { ($1.count!, $0.label.lowercased(), $0.key) < ($0.count!, $1.label.lowercased(), $1.key) }
            for key in Self.alwaysListed(dimension) where !rows.contains(where: { $0.key == key }) {
                rows.append(Row(key: key, label: key, count: 0, share: 0))
            }
            for (index, share) in Self.shares(rows.map { $0.count! }).enumerated() { rows[index].share = share }
            return rows
        }

        /// Tenths of a percent in integers: each row gets its share rounded down, and the
        /// tenths still missing from 1000 go to the largest remainders (ties: the larger
        /// count, then the earlier row).
        static func shares(_ counts: [Int]) -> [Double] {
            let total = counts.reduce(0, +)
            guard total > 0 else { return counts.map { _ in 0 } }
            var tenths = counts.map { $0 * 1000 / total }
            let remainders = counts.map { $0 * 1000 % total }
            let order = counts.indices.sorted {
                (remainders[$0], counts[$0], -$0) > (remainders[$1], counts[$1], -$1)
            }
            for index in order.prefix(1000 - tenths.reduce(0, +)) { tenths[index] += 1 }
            return tenths.map { Double($0) / 10 }
        }

        /// People with value `a` in one dimension and `b` in the other (at the same event when both are per event).
        func cell(_ rows: StatsDimension, _ a: String, _ columns: StatsDimension, _ b: String) -> Int {
            let left = pairs(rows).filter { $0.key == a }
            let right = pairs(columns).filter { $0.key == b }
            return Set(
                left.filter { l in
                    right.contains { r in
                        r.person == l.person && (l.event == nil || r.event == nil || l.event == r.event)
                    }
                }.map(\.person)
            ).count
        }
    }

    // MARK: - Tests

    static let scopes: [StatsScope] = [
        StatsScope(), StatsScope(events: ["psc-3"]), StatsScope(events: ["psc-4", "tr-1"]),
        StatsScope(series: "PSC"), StatsScope(kind: .training), StatsScope(kind: .pscMeeting),
        StatsScope(from: CalendarDate(iso: "2024-08-01"), to: CalendarDate(iso: "2024-12-31")),
        StatsScope(from: CalendarDate(iso: "2024-01-10")), StatsScope(to: CalendarDate(iso: "2024-08-05")),
        StatsScope(series: "PSC", from: CalendarDate(iso: "2024-09-01")),
    ]

    @Test("every headline figure and every breakdown row equals the recount", arguments: scopes)
    func everyFigure(scope: StatsScope) throws {
        // Given the fixture and the same scope recounted by hand
        let test = try StatisticsTests.fixture()
        let recount = Recount(scope)

        // When the statistics are computed with every dimension
        let stats = try test.db.statistics(scope, by: StatsDimension.allCases)

        // Then the figures and each breakdown, row by row and in order, are the recount's
        let figures = Figures(
            events: stats.events.map(\.code), registered: stats.registered, participants: stats.participants,
            attendances: stats.attendances, women: stats.women, womenShare: stats.womenShare,
            attendanceRate: stats.attendanceRate, ministries: stats.ministries, organisations: stats.organisations)
        #expect(figures == recount.figures)
        for dimension in StatsDimension.allCases {
            let rows = (stats.breakdowns[dimension] ?? []).map {
                Row(key: $0.key, label: $0.label, count: $0.count, share: $0.share)
            }
            #expect(rows == recount.breakdown(dimension), "\(dimension)")
        }
    }

    @Test(
        "every cross-table cell and total equals the recount",
        arguments: [
            (StatsDimension.ministry, StatsDimension.gender), (.gender, .ageBand), (.event, .role),
            (.session, .gender), (.event, .session), (.organisation, .stakeholder),
        ])
    func everyCell(rows: StatsDimension, columns: StatsDimension) throws {
        let test = try StatisticsTests.fixture()
        for scope in [StatsScope(), StatsScope(series: "PSC"), StatsScope(events: ["psc-4", "tr-1"])] {
            // Given the recount's breakdowns of both dimensions
            let recount = Recount(scope)
            let rowKeys = recount.breakdown(rows).map(\.key)
            let columnKeys = recount.breakdown(columns).map(\.key)

            // When the two are crossed
            let cross = try #require(try test.db.statistics(scope, by: [], cross: (rows, columns)).crossTable)

            // Then rows, columns, cells and totals are the recount's
            #expect(cross.rows.map(\.key) == rowKeys)
            #expect(cross.columns.map(\.key) == columnKeys)
            #expect(cross.counts == rowKeys.map { a in columnKeys.map { b in recount.cell(rows, a, columns, b) } })
            #expect(cross.rowTotals == recount.breakdown(rows).map(\.count))
            #expect(cross.columnTotals == recount.breakdown(columns).map(\.count))
            #expect(cross.total == recount.participants.count)
        }
    }

    @Test("the recount itself agrees with the counts made by hand in StatisticsTests")
    func recountAgreesWithHandCounts() {
        // The whole programme: P1–P6 attended, 7 + 3 + 2 attendances, women P1, P2, P6.
        let whole = Recount(StatsScope()).figures
        #expect(whole.participants == 6 && whole.attendances == 12 && whole.women == 3 && whole.registered == 7)
        #expect(Recount.shares([1, 1, 1]) == [33.4, 33.3, 33.3])
        #expect(Recount.shares([3, 2, 1, 0]) == [50.0, 33.3, 16.7, 0.0])
    }
}
