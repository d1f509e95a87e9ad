import ConveneTestSupport
import Foundation
import Testing

@testable import ConveneCore

/// Small counts withheld (`--min-cell`), and small groups flagged in the anonymised export.
/// The figures are counted by hand from the `StatsFixture` table, as in `StatisticsTests`.
@Suite("small counts: suppression and small groups")
struct SuppressionTests {
    /// A breakdown of 5, 3, 2, 1, 0 people written out by hand, so the pure function is tested
    /// without a database.
    static func handMade() -> ParticipationStats {
        let rows = [
            StatsRow(key: "a", label: "Alpha", count: 5, share: 45.5),
            StatsRow(key: "b", label: "Bravo", count: 3, share: 27.3),
            StatsRow(key: "d", label: "Delta", count: 2, share: 18.2),
            StatsRow(key: "c", label: "Charlie", count: 1, share: 9.0),
            StatsRow(key: "e", label: "Echo", count: 0, share: 0.0),
        ]
        return ParticipationStats(
            scope: StatsScope(), events: [], registered: 14, participants: 11, attendances: 20, women: 2,
            womenShare: 18.2, ministries: 2, organisations: 4, breakdowns: [.organisation: rows], crossTable: nil)
    }

    @Test("counts from 1 to N-1 and their shares are withheld; zeros, larger counts and totals stay")
    func pureFunction() {
        // Given a breakdown of 5, 3, 2, 1 and 0 people, 2 of them women
        let stats = Self.handMade()

        // When counts below 3 are withheld
        let published = stats.suppressingSmallCounts(below: 3)

        // Then 2 and 1 are gone with their shares, listed after 5 and 3 by label, before the 0
        let rows = published.breakdowns[.organisation]!
        #expect(rows.map(\.key) == ["a", "b", "c", "d", "e"])  // Charlie before Delta: by label, not by count
        #expect(rows.map(\.count) == [5, 3, nil, nil, 0])
        #expect(rows.map(\.share) == [45.5, 27.3, nil, nil, 0.0])
        #expect(rows.map(\.isSuppressed) == [false, false, true, true, false])
        // … the two women are withheld too, and the totals are as they were
        #expect(published.women == nil && published.womenShare == nil)
        #expect(published.registered == 14 && published.participants == 11 && published.attendances == 20)
        #expect(published.ministries == 2 && published.organisations == 4)
        #expect(published.minimumCell == 3)

        // And 1 withholds nothing; 6 withholds everything from 1 to 5
        #expect(stats.suppressingSmallCounts(below: 1).breakdowns == stats.breakdowns)
        #expect(stats.suppressingSmallCounts(below: 1).minimumCell == 1)
        let six = stats.suppressingSmallCounts(below: 6)
        #expect(six.breakdowns[.organisation]!.map(\.count) == [nil, nil, nil, nil, 0])
        #expect(six.breakdowns[.organisation]!.map(\.key) == ["a", "b", "c", "d", "e"])  // all by label
    }

    @Test("small means at least one and fewer than the minimum; a withheld count is not small")
    func smallCounts() {
        #expect(SmallCounts.identifiable == 5)
        #expect(
            [0, 1, 2, 3, 4, 5, 6].map { SmallCounts.isSmall($0) } == [false, true, true, true, true, false, false])
        #expect(SmallCounts.isSmall(2, below: 3) && !SmallCounts.isSmall(3, below: 3))
        #expect(!SmallCounts.isSmall(nil))
    }

    @Test("the whole programme at --min-cell 3: breakdowns and a cross-table by hand")
    func fixture() throws {
        // Given the fixture (P1–P6 attended: women P1 P2 P6, men P3 P4, undisclosed P5)
        let test = try StatisticsTests.fixture()

        // When ministry is crossed with gender and counts below 3 are withheld
        let stats = try test.db.statistics(StatsScope(), by: [.event], cross: (.ministry, .gender))
            .suppressingSmallCounts(below: 3)

        // Then the totals stay exact
        #expect(stats.registered == 7 && stats.participants == 6 && stats.attendances == 12)
        #expect(stats.women == 3 && stats.womenShare == 50.0)  // 3 is not below 3
        // gender: female 3 (P1 P2 P6) stays; male 2 (P3 P4) and undisclosed 1 (P5) go; other 0 stays
        let gender = try #require(stats.breakdowns[.gender])
        #expect(gender.map(\.key) == ["female", "male", "undisclosed", "other"])
        #expect(gender.map(\.count) == [3, nil, nil, 0])
        #expect(gender.map(\.share) == [50.0, nil, nil, 0.0])
        // ministry: not a ministry 3 (P3 P5 P6); Kemlu 2 (P1 P2) and Kemnaker 1 (P4) go, listed by
        // name: "Kementerian Ketenagakerjaan" before "Kementerian Luar Negeri"
        let ministry = try #require(stats.breakdowns[.ministry])
        #expect(ministry.map(\.key) == ["not-a-ministry", "Kemnaker", "Kemlu"])
        #expect(ministry.map(\.count) == [3, nil, nil])
        // event: psc-3 5 (P1–P5), psc-4 3 (P1 P3 P6) stay; tr-1 2 (P5 P6) goes
        #expect(stats.breakdowns[.event]?.map(\.count) == [5, 3, nil])

        // And in the cross-table every cell of 1 or 2 goes, as do the totals of 1 or 2
        let cross = try #require(stats.crossTable)
        #expect(cross.rows.map(\.key) == ["not-a-ministry", "Kemnaker", "Kemlu"])
        #expect(cross.columns.map(\.key) == ["female", "male", "undisclosed", "other"])
        #expect(
            cross.counts == [
                [nil, nil, nil, 0],  // P6 female, P3 male, P5 undisclosed: 1 each
                [0, nil, 0, 0],  // P4 male
                [nil, 0, 0, 0],  // P1 P2 female
            ])
        #expect(cross.rowTotals == [3, nil, nil])
        #expect(cross.columnTotals == [3, nil, nil, 0])
        #expect(cross.total == 6)
    }

    @Test("one event at --min-cell 3: two women are withheld in the headline figures too")
    func women() throws {
        let test = try StatisticsTests.fixture()
        let stats = try test.db.statistics(StatsScope(events: ["psc-3"]), by: [.gender])
            .suppressingSmallCounts(below: 3)
        #expect(stats.participants == 5)  // P1–P5
        #expect(stats.women == nil && stats.womenShare == nil)  // P1, P2
        #expect(stats.breakdowns[.gender]?.map(\.count) == [nil, nil, nil, 0])  // female 2, male 2, undisclosed 1
    }

    // MARK: - Anonymised export

    @Test(
        "small_group: fewer than 5 distinct people share the row's gender, stakeholder type, organisation, age band, disability"
    )
    func smallGroups() throws {
        // Given PSC-3 and PSC-4, and at both:
        //   five women of SBMI, civil society, born 1990 (25–59 in 2024), disability undisclosed;
        //   four men of Kemlu, government, born 1980 — with eight rows between them;
        // and at PSC-3 only one more woman of SBMI, civil society, born 2001 (15–24).
        let test = try TestDatabase()
        try test.seed()
        _ = try test.db.addEvent(
            .init(
                code: "psc-4", title: "Fourth PSC meeting", kind: .pscMeeting, series: "PSC", number: 4,
                startDate: CalendarDate(iso: "2024-09-25")!))
        func person(_ n: Int, _ gender: Gender, _ type: StakeholderType, _ org: String, _ born: Int) throws -> String {
            let email = "q\(n)@example.org"
            _ = try test.db.addParticipant(
                .init(
                    fullName: "Person \(n)", gender: gender, stakeholderType: type, organisation: org, email: email,
                    birthYear: born))
            return email
        }
        let women = try (1...5).map { try person($0, .female, .civilSociety, "SBMI", 1990) }
        let men = try (6...9).map { try person($0, .male, .governmentNational, "Kemlu", 1980) }
        let young = try person(10, .female, .civilSociety, "SBMI", 2001)
        _ = try test.db.register(women + men + [young], forEvent: "psc-3", role: .participant)
        _ = try test.db.register(women + men, forEvent: "psc-4", role: .participant)

        // When the whole programme is exported
        let rows = try test.db.anonymisedExport()

        // Then the five women are not a small group, the four men are (eight rows, four people),
        // and the one young woman is
        #expect(rows.count == 19)  // 10 registered at PSC-3 + 9 at PSC-4, no marks
        let flag = { (org: String, band: String) in
            Set(rows.filter { $0.organisation == org && $0.ageBand == band }.map(\.smallGroup))
        }
        #expect(flag("SBMI", "25-59") == [false])
        #expect(flag("Kemlu", "25-59") == [true])
        #expect(flag("SBMI", "15-24") == [true])
        #expect(rows.filter(\.smallGroup).count == 9)  // 8 rows of the men + 1 of the young woman

        // And groups are counted within the export: PSC-4 alone has the same five and four
        let psc4 = try test.db.anonymisedExport(event: "psc-4")
        #expect(psc4.filter { !$0.smallGroup }.count == 5)
        #expect(psc4.filter(\.smallGroup).count == 4)
    }
}
