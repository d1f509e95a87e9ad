import ConveneCore
import ConveneTestSupport
import Foundation
import Testing

@testable import ConveneCLI

@Suite("convene stats, end to end")
struct StatsCommandTests {
    /// The hand-counted StatsFixture in a temp database the CLI opens.
    static func fixture() throws -> CLIHarness {
        let cli = try CLIHarness()
        try StatsFixture.build(try AppDatabase.open(path: cli.databasePath, create: true))
        return cli
    }

    static let personalData = [
        "Siti", "Rina", "Budi", "Ahmad", "Anonymous", "Dewi", "Yusuf", "@example.org", "Aminah", "Wulandari",
    ]

    @Test("json: the documented keys, in order, with the hand-counted figures")
    func json() throws {
        let cli = try Self.fixture()
        let out = cli.ok(["stats", "--format", "json"])
        let object = try #require(JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        #expect(object["participants"] as? Int == 6)
        #expect(object["registered"] as? Int == 7)
        #expect(object["attendances"] as? Int == 12)
        #expect(object["women_share"] as? Double == 50.0)
        #expect(object["ministries"] as? Int == 2)
        #expect(object["organisations"] as? Int == 3)
        let gender = try #require(object["by_gender"] as? [[String: Any]])
        #expect(gender.map { $0["key"] as? String } == ["female", "male", "undisclosed", "other"])
        #expect(gender.map { $0["share"] as? Double } == [50.0, 33.3, 16.7, 0.0])
        let keys = [
            "scope", "headline", "registered", "participants", "attendances", "attendance_rate", "women", "women_share",
            "ministries", "organisations", "by_gender", "by_stakeholder_type", "by_ministry", "by_organisation",
            "by_event",
        ]
        let positions = keys.map { out.range(of: "\n  \"\($0)\":")?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil }, "missing keys in \(out)")
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted(), "keys out of order")
    }

    @Test("the headline, in English and Indonesian")
    func headline() throws {
        let cli = try Self.fixture()
        #expect(
            cli.ok(["stats", "--event", "psc-3"]).hasPrefix(
                "5 participants (2 women, 40.0%) from 2 ministries and 1 other organisation attended PSC-3 on 9 January 2024.\n"
            ))
        #expect(
            cli.ok(["stats", "--event", "psc-3", "--lang", "id"]).hasPrefix(
                "5 peserta (2 perempuan, 40,0%) dari 2 kementerian dan 1 organisasi lain menghadiri PSC-3 pada 9 Januari 2024.\n"
            ))
        #expect(
            cli.ok(["stats"]).hasPrefix(
                "6 participants (3 women, 50.0%) from 2 ministries and 1 other organisation attended 3 events between 9 January 2024 and 25 September 2024.\n"
            ))
    }

    @Test("no names, emails or phones in any format")
    func noPersonalData() throws {
        let cli = try Self.fixture()
        for format in ["table", "csv", "json", "markdown", "html"] {
            let out = cli.ok(["stats", "--format", format, "--by", "organisation", "--by", "gender"])
            for text in Self.personalData {
                #expect(!out.contains(text), "\(format) output contains \(text)")
            }
        }
    }

    @Test("csv: one table; a cross-table with totals; --excel adds a BOM; --out writes a file")
    func csv() throws {
        let cli = try Self.fixture()
        let gender = cli.ok(["stats", "--by", "gender", "--format", "csv"])
        #expect(
            gender
                == "key,label,count,share\nfemale,female,3,50.0\nmale,male,2,33.3\nundisclosed,undisclosed,1,16.7\nother,other,0,0.0\n"
        )
        let cross = cli.ok(["stats", "--by", "ministry", "--by", "gender", "--format", "csv"])
        #expect(cross.split(separator: "\n").last == "Total,3,2,1,0,6")
        cli.ok(["stats", "--by", "gender", "--format", "csv", "--excel", "--out", "gender.csv"])
        let data = try Data(contentsOf: cli.directory.appendingPathComponent("gender.csv"))
        #expect(data.starts(with: [0xEF, 0xBB, 0xBF]))
        let summary = cli.ok(["stats", "--format", "csv"])
        #expect(summary.hasPrefix("metric,value\nregistered,7\nparticipants,6\n"))
    }

    @Test("refusals: combined scopes (64), unknown dimension (64), unknown event (66), unwritable --out (73)")
    func refusals() throws {
        let cli = try Self.fixture()
        let combined = cli.run(["stats", "--event", "psc-3", "--series", "PSC"])
        #expect(combined.code == 64)
        #expect(combined.err.contains("--event"))
        let dimension = cli.run(["stats", "--by", "colour"])
        #expect(dimension.code == 64)
        #expect(dimension.err.contains("age-band"))
        #expect(cli.run(["stats", "--event", "psc-9"]).code == 66)
        #expect(cli.run(["stats", "--out", "no/such/dir/x.html", "--format", "html"]).code == 73)
        #expect(cli.run(["stats", "--excel"]).code == 64)
    }

    @Test(
        "markdown and HTML match their reviewed snapshots",
        arguments: [
            (
                "stats-psc-series.md",
                ["stats", "--series", "PSC", "--format", "markdown", "--by", "ministry", "--by", "gender"]
            ),
            ("stats-all.id.md", ["stats", "--format", "markdown", "--lang", "id"]),
            ("stats-all.html", ["stats", "--format", "html"]),
        ])
    func snapshots(name: String, arguments: [String]) throws {
        let cli = try Self.fixture()
        let text = cli.ok(arguments)
        let file = HelpSnapshotTests.snapshots.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["CONVENE_RECORD_SNAPSHOTS"] == "1" {
            try text.write(to: file, atomically: true, encoding: .utf8)
        }
        #expect(
            text == (try String(contentsOf: file, encoding: .utf8)),
            "\(name) changed; rerun with CONVENE_RECORD_SNAPSHOTS=1 if intended")
    }
}
