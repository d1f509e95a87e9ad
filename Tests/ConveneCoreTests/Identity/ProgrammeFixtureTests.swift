import Foundation
import GRDB
import Testing

@testable import ConveneCore

/// The second set of fixtures: one programme, four events, four export dialects, the same
/// people and organisations spelled differently across files. Every figure was counted by
/// hand from the files (Fixtures/programme/README.md).
@Suite("identity: four exports of one programme into one database")
struct ProgrammeFixtureTests {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/programme")

    /// The four events, then the four files imported in order.
    static func imported() throws -> (TestDatabase, [ImportReport]) {
        let test = try TestDatabase()
        let db = test.db
        _ = try db.addEvent(
            .init(
                code: "psc-4", title: "PSC 4", kind: .pscMeeting, series: "PSC", number: 4,
                startDate: CalendarDate(iso: "2024-04-16")!))
        _ = try db.addEvent(
            .init(
                code: "tot-makassar", title: "ToT Makassar", kind: .training,
                startDate: CalendarDate(iso: "2024-05-20")!,
                endDate: CalendarDate(iso: "2024-05-22")!, timeZone: "Asia/Makassar"))
        _ = try db.addEvent(
            .init(code: "sym-2", title: "Symposium 2", kind: .symposium, startDate: CalendarDate(iso: "2024-07-23")!))
        _ = try db.addEvent(
            .init(
                code: "psc-5", title: "PSC 5", kind: .pscMeeting, series: "PSC", number: 5,
                startDate: CalendarDate(iso: "2024-11-14")!))
        func file(_ name: String) throws -> Data { try Data(contentsOf: folder.appendingPathComponent(name)) }
        let reports = [
            try db.importFile(try file("indico-psc-4.csv"), options: .init(event: "psc-4")),
            try db.importFile(try file("kobo-training-makassar.csv"), options: .init(event: "tot-makassar")),
            try db.importFile(try file("google-forms-symposium-2.csv"), options: .init(event: "sym-2")),
            try db.importFile(
                try file("excel-daftar-hadir-psc-5.csv"), options: .init(kind: .attendance, session: "psc-5/1")),
        ]
        return (test, reports)
    }

    /// Top-level organisations that registered people belong to (units rolled up).
    static func topLevelOrganisations(_ db: AppDatabase) throws -> [String] {
        try db.read { db in
            try String.fetchAll(
                db,
                sql: """
                    WITH RECURSIVE tree(id, rootId) AS (
                        SELECT id, id FROM organisation WHERE parentId IS NULL
                        UNION ALL SELECT o.id, t.rootId FROM organisation o JOIN tree t ON o.parentId = t.id
                    )
                    SELECT DISTINCT root.name FROM participant p
                    JOIN tree t ON t.id = p.organisationId JOIN organisation root ON root.id = t.rootId
                    ORDER BY root.name
                    """)
        }
    }

    @Test("per file: rows read, rejected, people; across files: 62 distinct people")
    func people() throws {
        let (test, reports) = try Self.imported()
        #expect(reports.map(\.rowsRead) == [32, 31, 34, 38])
        #expect(reports.map(\.rejectedCount) == [4, 5, 2, 7])
        #expect(reports.map(\.newParticipants) == [28, 19, 10, 5])
        #expect(reports.map(\.duplicatesMerged) == [0, 1, 1, 1])
        #expect(reports.map(\.registered) == [28, 25, 31, 30])
        #expect(reports[3].attendanceMarked == 30)
        let distinct = try test.db.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM participant") }
        #expect(distinct == 62)
    }

    @Test("organisations: 30 top-level before review, 29 after the suggested merge; units under their body")
    func organisations() throws {
        let (test, _) = try Self.imported()
        let before = try Self.topLevelOrganisations(test.db)
        #expect(before.count == 30)
        #expect(before.contains("Universitas Hasanudin") && before.contains("Universitas Hasanuddin"))
        // Every spelling of the Ministry of Foreign Affairs is one row.
        let kemlu = try test.db.organisations().filter { $0.organisation.directoryKey == "kemlu" }
        #expect(kemlu.count == 1)

        let review = try test.db.organisationsToReview()
        let hasanudin = try #require(review.first { $0.organisation.name == "Universitas Hasanudin" })
        #expect(hasanudin.suggestion == .didYouMean("Universitas Hasanuddin"))

        let merge = try test.db.mergeOrganisation("Universitas Hasanudin", into: "Universitas Hasanuddin")
        #expect(merge.participants == 1)
        let after = try Self.topLevelOrganisations(test.db)
        #expect(after.count == 29)

        let rows = try test.db.organisations()
        func parent(of name: String) -> String? { rows.first { $0.organisation.name == name }?.parent }
        #expect(parent(of: "Kanwil Kemenkumham Sulawesi Selatan") == "Kemenkumham")
        #expect(parent(of: "Kanim Makassar (Kemenkumham)") == "Kemenkumham")
        #expect(parent(of: "Ditjen Binapenta (Kemnaker)") == "Kemnaker")
        #expect(parent(of: "UPT KP2MI Jawa Timur") == "KP2MI")
        #expect(parent(of: "SBMI Sulawesi Selatan") == "SBMI")
        #expect(parent(of: "IOM Makassar") == "IOM")
        // Two spellings of one provincial office are one organisation, with its province.
        let disnaker = rows.filter {
            $0.organisation.name.hasPrefix("Dinas Tenaga Kerja dan Transmigrasi Provinsi Sulawesi")
        }
        #expect(disnaker.count == 1)
        #expect(disnaker.first?.organisation.province == "Sulawesi Selatan")
        #expect(disnaker.first?.organisation.type == .localGovernment)
    }

    @Test("ministries on each event's date: BP2MI an agency before 21 October 2024, Kemenkumham none after")
    func ministries() throws {
        let (test, reports) = try Self.imported()
        let psc4 = try test.db.statistics(StatsScope(events: ["psc-4"]), by: [.ministry])
        #expect(psc4.participants == 23)
        #expect(psc4.women == 12)
        #expect(psc4.ministries == 8)
        let psc5 = try test.db.statistics(StatsScope(events: ["psc-5"]), by: [.ministry])
        #expect(psc5.participants == 30)
        #expect(psc5.women == 15)
        #expect(psc5.ministries == 10)
        #expect(psc5.breakdowns[.ministry]?.contains { $0.key == "Kemenkumham" } == false)
        #expect(psc5.breakdowns[.ministry]?.contains { $0.key == "KP2MI" } == true)
        let both = try test.db.statistics(StatsScope(series: "PSC"), by: [])
        #expect(both.ministries == 11)
        #expect(
            reports[3].flags.contains {
                $0.row == 6 && $0.message.hasPrefix("Kemenkumham ended on 2024-10-20")
            })
    }

    @Test("a body that changed type counts on each event as what it was then: ministry by event over the PSC series")
    func ministriesByEvent() throws {
        let (test, _) = try Self.imported()
        let stats = try test.db.statistics(
            StatsScope(series: "PSC"), by: [.ministry, .event], cross: (rows: .ministry, columns: .event))
        let table = try #require(stats.crossTable)
        func cell(_ ministry: String, _ event: String) -> Int? {
            guard let row = table.rows.firstIndex(where: { $0.key == ministry }) else { return 0 }
            guard let column = table.columns.firstIndex(where: { $0.key == event }) else { return nil }
            return table.counts[row][column]
        }
        // Counted from the files: Taufik Hidayat (Kemenkumham) checked in at psc-4 and signed
        // psc-5's sheet after Kemenkumham ended; Ratna Sari and Eko Prasetyo (BP2MI) checked in
        // at psc-4, when BP2MI was an agency, and signed psc-5's sheet with Lestari Handayani
        // when it was the ministry KP2MI.
        #expect(cell("Kemenkumham", "psc-4") == 1)
        #expect(cell("Kemenkumham", "psc-5") == 0)
        #expect(cell("KP2MI", "psc-4") == 0)
        #expect(cell("KP2MI", "psc-5") == 3)
        let ministry = stats.breakdowns[.ministry] ?? []
        #expect(ministry.first { $0.key == "Kemenkumham" }?.count == 1)
        #expect(ministry.first { $0.key == "KP2MI" }?.count == 3)
    }

    @Test("flags the hand count lists: broken contacts, unknown provinces, near misses; abroad kept")
    func flags() throws {
        let (test, reports) = try Self.imported()
        func messages(_ file: Int, _ row: Int) -> [String] {
            reports[file].flags.filter { $0.row == row }.map(\.message)
        }
        #expect(messages(1, 7).contains("email is not an email address; not stored"))
        #expect(messages(1, 27).contains("phone is not a phone number; not stored"))
        #expect(messages(1, 4).contains("province 'Makassar' not recognised; stored as typed"))
        #expect(messages(2, 24).contains("province 'Jawa' not recognised; stored as typed"))
        #expect(messages(3, 1).contains("phone is in spreadsheet scientific notation (digits lost); not stored"))
        #expect(reports[3].rejected.map(\.reason).contains(.repeatedHeader))
        #expect(reports[3].rejected.map(\.reason).contains(.totalRow))
        #expect(reports[1].organisationSuggestions.map(\.name) == ["Universitas Hasanudin"])
        // Abroad is kept as abroad, and Papua Barat Daya (2022) is a province.
        let provinces = try test.db.read { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT province FROM participant WHERE province IS NOT NULL")
        }
        #expect(provinces.contains(Provinces.abroadName))
        #expect(provinces.contains("Papua Barat Daya"))
        #expect(!reports.flatMap(\.flags).contains { $0.message.contains("Papua Barat Daya") })
    }
}
