import ConveneCore
import Foundation
import Testing

@testable import ConveneCLI
@testable import ConveneCore

@Suite("sign-in sheet, end to end")
struct RosterCommandTests {
    @Test("the roster matches its reviewed snapshots in both languages", arguments: ["en", "id"])
    func snapshots(language: String) throws {
        let cli = try CLIHarness()
        cli.seedPSC3()
        let markdown = cli.ok([
            "roster", "--session", "psc-3/1", "--format", "markdown", "--lang", language, "--blank", "2",
        ])
        try Snapshot.expect(markdown, named: "roster-psc-3.\(language).md")
        let html = cli.ok(["roster", "--session", "psc-3/1", "--lang", language, "--blank", "2"])
        try Snapshot.expect(html, named: "roster-psc-3.\(language).html")
    }

    @Test("rows by organisation then name, blank rows numbered on, CSV with the sheet's columns")
    func csv() throws {
        let cli = try CLIHarness()
        cli.seedPSC3()
        let csv = cli.ok(["roster", "--session", "psc-3/1", "--format", "csv", "--lang", "id", "--blank", "1"])
        #expect(
            csv == """
                No.,Nama,Instansi,Jabatan,L/P,Tanda tangan
                1,Rina Wulandari,Direktorat Sosial Budaya dan OINB,,P,
                2,Siti Aminah,Kemlu,,P,
                3,Budi Santoso,SBMI,,L,
                4,,,,,

                """)
        let html = cli.ok(["roster", "--session", "psc-3/1"])
        #expect(html.contains("thead { display: table-header-group; }"))
        #expect(html.contains("size: A4 portrait"))
        #expect(!html.contains("http"))
    }

    @Test("the roster's CSV columns read back as import fields, in both languages", arguments: [Language.en, .id])
    func csvHeadersMap(language: Language) throws {
        let cli = try CLIHarness()
        cli.seedPSC3()
        let csv = cli.ok(["roster", "--session", "psc-3/1", "--format", "csv", "--lang", language.rawValue])
        let header = try #require(csv.split(separator: "\n").first).split(separator: ",").map(String.init)
        #expect(
            header.map { ImportField.match($0) }
                == [.ignore, .fullName, .organisation, .position, .gender, .ignore], "\(header)")
    }

    @Test("a filled-in roster CSV imports as the session's attendance: signers matched, a walk-in added")
    func csvRoundTrip() throws {
        // Given the Indonesian sheet, filled in by the secretariat: Rina did not come (her row
        // deleted), the others signed, and a walk-in wrote herself on a blank line
        let cli = try CLIHarness()
        cli.seedPSC3()
        cli.ok([
            "roster", "--session", "psc-3/1", "--format", "csv", "--lang", "id", "--blank", "1", "--out", "sheet.csv",
        ])
        let url = cli.directory.appendingPathComponent("sheet.csv")
        let filled = try String(contentsOf: url, encoding: .utf8).split(
            separator: "\n", omittingEmptySubsequences: false
        )
        .filter { !$0.contains("Rina Wulandari") }
        .map { line in
            line == "4,,,,,"
                ? "4,Dewi Lestari,SBMI,Staf Advokasi,P,ttd" : line.hasSuffix(",") ? line + "ttd" : String(line)
        }
        #expect(filled.first == "No.,Nama,Instansi,Jabatan,L/P,Tanda tangan")
        try filled.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)

        // When it is imported as the session's attendance
        let report = cli.ok(["import", "attendance", "--session", "psc-3/1", "sheet.csv", "--format", "json"])

        // Then every column was read, the two who signed matched, and the walk-in was added and registered
        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.utf8)) as? [String: Any])
        #expect(json["unknown_columns"] as? [String] == [])
        #expect(json["column_warnings"] as? [String] == [])
        #expect(json["matched_existing"] as? Int == 2)
        #expect(json["new_participants"] as? Int == 1)
        #expect(json["attendance_marked"] as? Int == 3)
        #expect(json["rejected"] as? Int == 0)
        let dewi = cli.ok(["participant", "show", "Dewi Lestari"])
        #expect(dewi.contains("Staf Advokasi") && dewi.contains("female") && dewi.contains("SBMI"))
        let minutes = cli.ok(["minutes", "--event", "psc-3"])
        let annex = try #require(minutes.components(separatedBy: "## Annex").last)
        #expect(annex.contains("Dewi Lestari") && annex.contains("Siti Aminah") && annex.contains("Budi Santoso"))
        #expect(!annex.contains("Rina Wulandari"))
    }
}
