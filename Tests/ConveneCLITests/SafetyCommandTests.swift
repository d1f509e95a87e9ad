import ConveneCore
import ConveneTestSupport
import Foundation
import Testing

@testable import ConveneCLI

@Suite("erase, export, backup, check, CSV injection")
struct SafetyCommandTests {
    @Test("every CSV Convene writes neutralises formulas; phones keep their +")
    func csvInjection() throws {
        #expect(CSVField.escape("=HYPERLINK(\"http://x\",\"y\")") == "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"")
        #expect(CSVField.escape("+6281234567890") == "'+6281234567890")
        #expect(CSVField.escape("-1+1") == "'-1+1")
        #expect(CSVField.escape("@SUM(A1)") == "'@SUM(A1)")
        #expect(CSVField.escape("Siti, S.H.") == "\"Siti, S.H.\"")
        #expect(CSVField.escape("plain") == "plain")

        let cli = try CLIHarness()
        cli.ok(["init"])
        cli.ok(["event", "add", "--code", "e", "--kind", "meeting", "--title", "E", "--start", "2024-01-01"])
        cli.ok([
            "participant", "add", "--name", "=cmd|' /C calc'!A0", "--phone", "0812 3456 7890", "--position", "@boss",
        ])
        let csv = cli.ok(["participant", "list", "--format", "csv"])
        #expect(csv.contains(",'=cmd|' /C calc'!A0,"))
        #expect(csv.contains(",'@boss,"))
        #expect(csv.contains(",'+6281234567890"))
    }

    @Test("erase needs --yes; erasure keeps the statistics; consent withdrawal erases")
    func erase() throws {
        let cli = try CLIHarness()
        try StatsFixture.build(try AppDatabase.open(path: cli.databasePath, create: true))
        let before = cli.ok(["stats", "--format", "json"])
        #expect(cli.run(["participant", "erase", "p1@example.org"]).code == 64)
        cli.ok(["participant", "erase", "p1@example.org", "--yes"])
        #expect(cli.ok(["participant", "edit", "p2@example.org", "--consent", "tidak"]).contains("Consent withdrawn"))
        #expect(cli.ok(["stats", "--format", "json"]) == before)
        #expect(cli.run(["participant", "show", "p1@example.org"]).code == 66)
    }

    @Test("export --anonymised, backup and check through the CLI")
    func exportBackupCheck() throws {
        let cli = try CLIHarness()
        try StatsFixture.build(try AppDatabase.open(path: cli.databasePath, create: true))
        #expect(cli.run(["export"]).code == 64)
        let export = cli.ok(["export", "--anonymised"])
        let lines = export.split(separator: "\n")
        #expect(lines.count == 16)  // header + 15 rows
        #expect(lines.first?.hasSuffix(",disability,small_group") == true)
        // The seven people differ in gender, stakeholder type, organisation or age band: each is a group of one
        #expect(lines.dropFirst().allSatisfy { $0.hasSuffix(",yes") })
        #expect(!export.contains("example.org") && !export.contains("Siti"))
        #expect(cli.ok(["check"]).contains("ok    integrity: ok"))
        cli.ok(["backup", "copy.sqlite"])
        #expect(cli.run(["backup", "copy.sqlite"]).code == 73)
        #expect(
            cli.ok(["--db", cli.directory.appendingPathComponent("copy.sqlite").path, "check"]).contains(
                "foreign keys: 0"))
    }
}
