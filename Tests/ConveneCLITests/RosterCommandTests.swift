import ConveneCore
import Foundation
import Testing

@testable import ConveneCLI

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
}
