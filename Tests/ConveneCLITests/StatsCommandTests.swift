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
            "ministries", "organisations", "min_cell", "directory_version", "by_gender", "by_stakeholder_type",
            "by_ministry", "by_organisation", "by_event",
        ]
        #expect((object["directory_version"] as? String)?.hasPrefix("2024-10-21") == true)
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
                == "key,label,count,share\nfemale,Female,3,50.0\nmale,Male,2,33.3\nundisclosed,Not stated,1,16.7\nother,Other,0,0.0\n"
        )
        let cross = cli.ok(["stats", "--by", "ministry", "--by", "gender", "--format", "csv"])
        #expect(cross.split(separator: "\n").last == "Total,3,2,1,0,6")
        cli.ok(["stats", "--by", "gender", "--format", "csv", "--excel", "--out", "gender.csv"])
        let data = try Data(contentsOf: cli.directory.appendingPathComponent("gender.csv"))
        #expect(data.starts(with: [0xEF, 0xBB, 0xBF]))
        let summary = cli.ok(["stats", "--format", "csv"])
        #expect(summary.hasPrefix("metric,value\nregistered,7\nparticipants,6\n"))
    }

    @Test(
        "refusals: combined scopes (64), unknown dimension (64), unknown event (66), unwritable --out (73), --min-cell 0 or 2 (64)"
    )
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
        for minimum in ["0", "2", "-1"] {
            let refused = cli.run(["stats", "--min-cell", minimum])
            #expect(refused.code == 64, "--min-cell \(minimum)")
            #expect(refused.err.contains("--min-cell"))
        }
    }

    @Test("--min-cell 3: counts of 1 and 2 are <3 in csv, table and markdown; zeros and totals stay")
    func minimumCellText() throws {
        // Given the fixture: ministry × gender over the whole programme (see SuppressionTests)
        let cli = try Self.fixture()
        let arguments = ["stats", "--by", "ministry", "--by", "gender", "--min-cell", "3"]

        // When it is printed as csv, Then cells of 1 and 2 are <3 and the grand total is 6
        #expect(
            cli.ok(arguments + ["--format", "csv"])
                == """
                ministry \\ gender,Female,Male,Not stated,Other,Total
                (not from a ministry),<3,<3,<3,0,3
                Kementerian Ketenagakerjaan,0,<3,0,0,<3
                Kementerian Luar Negeri,<3,0,0,0,<3
                Total,3,<3,<3,0,6

                """)
        // And one breakdown in csv leaves the share of a withheld count empty
        #expect(
            cli.ok(["stats", "--by", "gender", "--format", "csv", "--min-cell", "3"])
                == "key,label,count,share\nfemale,Female,3,50.0\nmale,Male,<3,\nundisclosed,Not stated,<3,\nother,Other,0,0.0\n"
        )
        // And the table and markdown show <3 with no share, and the exact figures
        let table = cli.ok(arguments)
        #expect(table.contains("Participants (people)          6\n"))
        #expect(table.contains("Attendances (person-sessions)  12\n"))
        #expect(table.contains("Male           <3      –\n"))
        let markdown = cli.ok(arguments + ["--format", "markdown"])
        #expect(markdown.contains("| Kementerian Luar Negeri | <3 | – |"))
        #expect(markdown.contains("| **Total** | **3** | **<3** | **<3** | **0** | **6** |"))
        // And at psc-3 the two women are withheld in the headline too
        #expect(
            cli.ok(["stats", "--event", "psc-3", "--min-cell", "3"]).hasPrefix(
                "5 participants (fewer than 3 women) from 2 ministries and 1 other organisation attended PSC-3 on 9 January 2024.\n"
            ))
    }

    @Test("--min-cell 3 in JSON: withheld counts and shares are null with \"suppressed\": true; totals exact")
    func minimumCellJSON() throws {
        let cli = try Self.fixture()
        let out = cli.ok(["stats", "--by", "ministry", "--by", "gender", "--min-cell", "3", "--format", "json"])
        let object = try #require(JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        #expect(object["participants"] as? Int == 6)
        #expect(object["registered"] as? Int == 7)
        #expect(object["attendances"] as? Int == 12)
        #expect(object["women"] as? Int == 3)
        #expect(object["min_cell"] as? Int == 3)
        let gender = try #require(object["by_gender"] as? [[String: Any]])
        #expect(gender.map { $0["key"] as? String } == ["female", "male", "undisclosed", "other"])
        #expect(gender.map { $0["count"] is NSNull } == [false, true, true, false])
        #expect(gender.map { $0["share"] is NSNull } == [false, true, true, false])
        #expect(gender.map { $0["suppressed"] as? Bool } == [false, true, true, false])
        #expect(gender.map { $0["count"] as? Int } == [3, nil, nil, 0])
        // the literal shape a script reads
        #expect(
            out.contains(
                """
                      "key": "male",
                      "label": "Male",
                      "count": null,
                      "share": null,
                      "suppressed": true
                """))
        let cross = try #require(object["crosstab"] as? [String: Any])
        let cells = try #require(cross["cells"] as? [[String: Any]])
        #expect(cells.map { $0["key"] as? String } == ["not-a-ministry", "Kemnaker", "Kemlu"])
        #expect(
            cells.map { ($0["counts"] as? [Any])?.map { ($0 as? Int).map(String.init) ?? "null" } } == [
                ["null", "null", "null", "0"], ["0", "null", "0", "0"], ["null", "0", "0", "0"],
            ])
        #expect(cells.map { ($0["total"] as? Int).map(String.init) ?? "null" } == ["3", "null", "null"])
        #expect(
            (cross["column_totals"] as? [Any])?.map { ($0 as? Int).map(String.init) ?? "null" } == [
                "3", "null", "null", "0",
            ])
        #expect(cross["total"] as? Int == 6)

        // And without --min-cell nothing is withheld: min_cell is 1 and every row says so
        let plain = try #require(
            JSONSerialization.jsonObject(with: Data(cli.ok(["stats", "--format", "json"]).utf8)) as? [String: Any])
        #expect(plain["min_cell"] as? Int == 1)
        let rows = try #require(plain["by_ministry"] as? [[String: Any]])
        #expect(rows.map { $0["suppressed"] as? Bool } == [false, false, false])
        #expect(rows.map { $0["count"] as? Int } == [3, 2, 1])  // not a ministry P3 P5 P6; Kemlu P1 P2; Kemnaker P4
    }

    @Test("HTML marks counts of 1 to 4 with † and a footnote, in English and Indonesian; --min-cell withholds them")
    func htmlSmallCounts() throws {
        let cli = try Self.fixture()
        // Given no --min-cell: 2 men (P3 P4) are marked, 3 women (P1 P2 P6) too, 0 is not
        let english = cli.ok(["stats", "--by", "gender", "--format", "html"])
        #expect(english.contains("<tr><td>Male</td><td class=\"n\">2†</td>"))
        #expect(english.contains("<tr><td>Female</td><td class=\"n\">3†</td>"))
        #expect(english.contains("<tr><td>Other</td><td class=\"n\">0</td>"))
        #expect(english.contains("† Fewer than 5 people: a count this small could identify a person."))
        #expect(!english.contains("&lt;"))
        let indonesian = cli.ok(["stats", "--by", "gender", "--format", "html", "--lang", "id"])
        #expect(indonesian.contains("† Kurang dari 5 orang: jumlah sekecil ini dapat mengungkap siapa orangnya."))

        // When counts below 3 are withheld, Then 1 and 2 are &lt;3 with a note, 3 and 4 keep their †
        let withheld = cli.ok(["stats", "--by", "gender", "--format", "html", "--min-cell", "3"])
        #expect(withheld.contains("<tr><td>Male</td><td class=\"n\">&lt;3</td><td class=\"n\">–</td>"))
        #expect(withheld.contains("<tr><td>Female</td><td class=\"n\">3†</td>"))
        #expect(withheld.contains("&lt;3: fewer than 3 people; the count and its share are withheld"))
        #expect(withheld.contains("a withheld count alone in its row or column can still be worked out by subtraction"))
        #expect(!withheld.contains(">2†<") && !withheld.contains(">1†<"))
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
            (
                "stats-min-cell.id.html",
                ["stats", "--format", "html", "--lang", "id", "--by", "ministry", "--by", "gender", "--min-cell", "3"]
            ),
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
