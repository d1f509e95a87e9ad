import ConveneTestSupport
import Foundation
import Testing

@testable import ConveneCore

/// Every figure here was counted by hand from the table in `StatsFixture`, and the counting
/// is written next to it: no expected value is taken from another figure the code computed.
/// `StatisticsRecountTests` recounts every figure of several scopes in plain Swift.
@Suite("participation statistics")
struct StatisticsTests {
    static func fixture() throws -> TestDatabase {
        let test = try TestDatabase()
        try StatsFixture.build(test.db)
        return test
    }

    func counts(_ rows: [StatsRow]?) -> [String: Int?] {
        Dictionary(uniqueKeysWithValues: (rows ?? []).map { ($0.key, $0.count) })
    }

    @Test("one event: registered-but-absent and excused are registered, not participants; distinct vs attendances")
    func oneEvent() throws {
        let test = try Self.fixture()
        let stats = try test.db.statistics(StatsScope(events: ["psc-3"]), by: [.gender, .ministry, .stakeholder])
        #expect(stats.registered == 7)  // P1–P7 all registered for psc-3
        // psc-3 columns: P1 present/left-early, P2 late/present, P3 present, P4 present,
        // P5 –/present count; P6 excused and P7 absent do not.
        #expect(stats.participants == 5)
        // psc-3/1: P1 present, P2 late, P3 present, P4 present = 4;
        // psc-3/2: P1 left-early, P2 present, P5 present = 3; 4 + 3 = 7
        #expect(stats.attendances == 7)
        #expect(stats.women == 2)  // of P1–P5, female: P1, P2
        #expect(stats.womenShare == 40.0)  // 2 / 5
        #expect(stats.attendanceRate == 71.4)  // 5 / 7 = 0.71428…
        #expect(stats.ministries == 2)  // P1 Kemlu, P2 directorate → Kemlu, P4 Kemnaker: {Kemlu, Kemnaker}
        #expect(stats.organisations == 3)  // {Kemlu, Kemnaker} + P3 SBMI; P5 has none
        #expect(counts(stats.breakdowns[.gender]) == ["female": 2, "male": 2, "undisclosed": 1, "other": 0])
        #expect(counts(stats.breakdowns[.ministry]) == ["Kemlu": 2, "not-a-ministry": 2, "Kemnaker": 1])
        #expect(
            counts(stats.breakdowns[.stakeholder]) == [
                "government-national": 3, "migrant-or-diaspora": 1, "unknown": 1,
            ])
        #expect(stats.breakdowns[.gender]?.map(\.share) == [40.0, 40.0, 20.0, 0.0])  // 2/5, 2/5, 1/5, 0
    }

    @Test("the whole programme counts a person once however many events they attended")
    func wholeProgramme() throws {
        let test = try Self.fixture()
        let stats = try test.db.statistics(StatsScope(), by: [.gender, .event, .ageBand, .organisation])
        #expect(stats.events.map(\.code) == ["psc-3", "tr-1", "psc-4"])  // by start date
        #expect(stats.registered == 7)  // P1–P7 (psc-3 has them all)
        // P1 (psc-3, psc-4), P2, P3 (psc-3, psc-4), P4, P5 (psc-3, tr-1), P6 (psc-4, tr-1),
        // each once; P7 was only absent
        #expect(stats.participants == 6)
        #expect(stats.attendances == 12)  // psc-3: 7 (above); psc-4/1: P1, P3, P6 = 3; tr-1/1: P5, P6 = 2
        #expect(stats.women == 3)  // P1, P2, P6
        #expect(stats.womenShare == 50.0)  // 3 / 6
        #expect(stats.ministries == 2)  // Kemlu (P1, P2), Kemnaker (P4)
        #expect(stats.organisations == 3)  // + SBMI (P3, P6); UNDP's only person, P7, never attended
        #expect(counts(stats.breakdowns[.event]) == ["psc-3": 5, "psc-4": 3, "tr-1": 2])  // P1–P5; P1 P3 P6; P5 P6
        #expect(stats.breakdowns[.event]?.map(\.share) == [50.0, 30.0, 20.0])
        // Age in 2024 (everyone's first event is in 2024): P1 44, P2 26, P3 64, P4 unknown, P5 23, P6 49
        #expect(counts(stats.breakdowns[.ageBand]) == ["25-59": 3, "60+": 1, "15-24": 1, "unknown": 1])
        #expect(
            counts(stats.breakdowns[.organisation]) == [
                "SBMI": 2, "Kemlu": 1, "Direktorat Sosial Budaya dan OINB": 1, "Kemnaker": 1, "none": 1,
            ])
    }

    @Test("shares are rounded to one decimal and add up to exactly 100.0")
    func sharesSumTo100() throws {
        let test = try Self.fixture()
        let stats = try test.db.statistics(StatsScope(), by: StatsDimension.allCases)
        let gender = try #require(stats.breakdowns[.gender])
        #expect(gender.map(\.share) == [50.0, 33.3, 16.7, 0.0])  // 3/6, 2/6, 1/6: 16.67 takes the spare tenth
        for (dimension, rows) in stats.breakdowns {
            let total = rows.reduce(0) { $0 + ($1.share ?? 0) }
            #expect(abs(total - 100.0) < 0.0001, "\(dimension): \(total)")
        }
        #expect(Shares.largestRemainder([1, 1, 1]) == [33.4, 33.3, 33.3])
        #expect(Shares.largestRemainder([0, 0]) == [0, 0])
    }

    @Test("cross-table totals equal the one-dimension totals")
    func crossTable() throws {
        let test = try Self.fixture()
        let stats = try test.db.statistics(StatsScope(), by: [], cross: (.ministry, .gender))
        let cross = try #require(stats.crossTable)
        #expect(cross.rows.map(\.key) == ["not-a-ministry", "Kemlu", "Kemnaker"])
        #expect(cross.columns.map(\.key) == ["female", "male", "undisclosed", "other"])
        // not a ministry: P3 male (SBMI), P5 undisclosed (none), P6 female (SBMI);
        // Kemlu: P1, P2 female; Kemnaker: P4 male
        #expect(cross.counts == [[1, 1, 1, 0], [2, 0, 0, 0], [0, 1, 0, 0]])
        #expect(cross.rowTotals == [3, 2, 1])  // P3 P5 P6; P1 P2; P4
        #expect(cross.columnTotals == [3, 2, 1, 0])  // female P1 P2 P6; male P3 P4; undisclosed P5; other none
        #expect(cross.total == 6)  // P1–P6

        // An event crossed with role matches each person's role at that event
        let byRole = try test.db.statistics(StatsScope(), by: [], cross: (.event, .role))
        let roles = try #require(byRole.crossTable)
        let psc3 = try #require(roles.rows.firstIndex { $0.key == "psc-3" })
        let coChair = try #require(roles.columns.firstIndex { $0.key == "co-chair" })
        #expect(roles.counts[psc3][coChair] == 1)
        let psc4 = try #require(roles.rows.firstIndex { $0.key == "psc-4" })
        #expect(roles.counts[psc4][coChair] == 0)  // P1 was a plain participant at psc-4
    }

    // PSC (psc-3, psc-4): P1–P5 at psc-3 + P6 at psc-4 = 6 people; 7 + 3 = 10 marks.
    // Training (tr-1): P5, P6; 2 marks. August–December, and psc-4 + tr-1: P1, P3, P6 at
    // psc-4 and P5, P6 at tr-1 = 4 people; 3 + 2 = 5 marks.
    @Test(
        "scopes: series, kind, date range; an unknown series or event is a missing record",
        arguments: [
            (StatsScope(series: "PSC"), 6, 10), (StatsScope(kind: .training), 2, 2),
            (StatsScope(from: CalendarDate(iso: "2024-08-01"), to: CalendarDate(iso: "2024-12-31")), 4, 5),
            (StatsScope(events: ["psc-4", "tr-1"]), 4, 5),
        ])
    func scopes(scope: StatsScope, participants: Int, attendances: Int) throws {
        let test = try Self.fixture()
        let stats = try test.db.statistics(scope, by: [])
        #expect(stats.participants == participants)
        #expect(stats.attendances == attendances)
    }

    @Test("scopes that match nothing are refused")
    func emptyScopes() throws {
        let test = try Self.fixture()
        #expect(throws: ConveneError.notFound(kind: "event in scope", reference: "SYM", hint: "Known series: PSC.")) {
            try test.db.statistics(StatsScope(series: "SYM"), by: [])
        }
        expectConveneError(where: {
            if case .notFound(kind: "event", reference: "psc-9", _) = $0 { true } else { false }
        }) { try test.db.statistics(StatsScope(events: ["psc-9"]), by: []) }
        let empty = try TestDatabase()
        let none = try empty.db.statistics(StatsScope(), by: [.gender])
        #expect(none.participants == 0)
        #expect(none.womenShare == nil)
        #expect(none.breakdowns[.gender]?.map(\.count) == [0, 0, 0, 0])
    }

    @Test("session and province dimensions; people without a value are kept as unknown")
    func otherDimensions() throws {
        let test = try Self.fixture()
        let stats = try test.db.statistics(
            StatsScope(events: ["psc-3"]), by: [.session, .province, .disability, .organisationType])
        #expect(counts(stats.breakdowns[.session]) == ["psc-3/1": 4, "psc-3/2": 3])  // P1 P2 P3 P4; P1 P2 P5
        #expect(counts(stats.breakdowns[.province]) == ["unknown": 5])
        #expect(counts(stats.breakdowns[.disability]) == ["undisclosed": 5, "yes": 0, "no": 0])
        // ministry: P1, P2 (a directorate is typed ministry too), P4; civil society: P3; none: P5
        #expect(counts(stats.breakdowns[.organisationType]) == ["ministry": 3, "civil-society": 1, "unknown": 1])
    }
}
