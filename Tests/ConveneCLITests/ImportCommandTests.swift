import ConveneCore
import Foundation
import Testing

@testable import ConveneCLI

@Suite("convene import, end to end")
struct ImportCommandTests {
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/imports")

    func prepared() throws -> CLIHarness {
        let cli = try CLIHarness()
        cli.ok(["init"])
        cli.ok([
            "org", "add", "--name", "Serikat Buruh Migran Indonesia", "--acronym", "SBMI", "--type", "civil-society",
        ])
        cli.ok(["org", "alias", "SBMI", "SBMI NTB"])
        cli.ok([
            "event", "add", "--code", "tot-mataram", "--kind", "training", "--title", "ToT", "--start", "2024-08-05",
            "--timezone", "Asia/Makassar",
        ])
        return cli
    }

    @Test("a dry run prints the plan row by row without names, and writes nothing")
    func dryRun() throws {
        let cli = try prepared()
        let before = try cli.databaseContents()
        let out = cli.ok([
            "import", "registrations", "--event", "tot-mataram", "--dry-run",
            Self.fixtures.appendingPathComponent("kobo-training-mataram.csv").path,
        ])
        #expect(out.contains("Dry run: nothing was written."))
        #expect(out.contains("row 6 (line 7): same person as row 1 (by phone)"))
        #expect(out.contains("Columns not read: 'Topik yang diminati'; 3 select-multiple option columns."))
        for name in ["Lalu Ahmad", "Baiq", "lalu.ahmad@example.org", "+6281911112222", "081911112222"] {
            #expect(!out.contains(name), "the summary shows personal data: \(name)")
        }
        #expect(try cli.databaseContents() == before)
    }

    @Test("--rejects writes row, line, reason and the row's cells; --format json carries the counts")
    func rejectsAndJSON() throws {
        let cli = try prepared()
        let out = cli.ok([
            "import", "registrations", "--event", "tot-mataram", "--format", "json", "--rejects", "rejected.csv",
            Self.fixtures.appendingPathComponent("kobo-training-mataram.csv").path,
        ])
        let json = try #require(JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        #expect(json["rows_read"] as? Int == 8)
        #expect(json["new_participants"] as? Int == 5)
        #expect(json["rejected"] as? Int == 2)
        let rejects = try String(contentsOf: cli.directory.appendingPathComponent("rejected.csv"), encoding: .utf8)
        let lines = rejects.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("row,line,reason,start,end,Nama Lengkap,"))
        #expect(lines[1].hasPrefix("4,5,no consent to data use,"))
        #expect(lines[2].hasPrefix("5,6,not approved (validation status),"))
    }

    @Test("a rejects file that cannot be created fails before importing anything (73)")
    func unwritableRejects() throws {
        let cli = try prepared()
        let before = try cli.databaseContents()
        let result = cli.run([
            "import", "registrations", "--event", "tot-mataram", "--rejects", "no/such/dir/r.csv",
            Self.fixtures.appendingPathComponent("kobo-training-mataram.csv").path,
        ])
        #expect(result.code == 73)
        #expect(try cli.databaseContents() == before)
    }

    @Test("refusals: missing file (66), bad --map (64), invalid rows (65, nothing written)")
    func refusals() throws {
        let cli = try prepared()
        let missing = cli.run(["import", "registrations", "--event", "tot-mataram", "nope.csv"])
        #expect(missing.code == 66)
        let badMap = cli.run(["import", "registrations", "--event", "tot-mataram", "--map", "Asal", "x.csv"])
        #expect(badMap.code == 64)
        #expect(badMap.err.contains("Column Header=field"))
        let badField = cli.run(["import", "registrations", "--event", "tot-mataram", "--map", "Asal=hometown", "x.csv"])
        #expect(badField.code == 64)
        #expect(badField.err.contains("'hometown' is not a field"))

        let before = try cli.databaseContents()
        let invalid = cli.run([
            "import", "registrations", "--event", "tot-mataram", "--rejects", "rejected.csv",
            Self.fixtures.appendingPathComponent("google-forms-symposium.csv").path,
        ])
        #expect(invalid.code == 65)
        #expect(invalid.err.contains("--skip-invalid"))
        #expect(try cli.databaseContents() == before)
        // Nothing was imported, so no (empty) rejects file is left behind either
        #expect(!FileManager.default.fileExists(atPath: cli.directory.appendingPathComponent("rejected.csv").path))
    }

    @Test("import attendance marks a sign-in sheet in a session and registers walk-ins")
    func attendanceSheet() throws {
        let cli = try prepared()
        cli.ok(["org", "add", "--name", "Kementerian Luar Negeri", "--acronym", "Kemlu", "--type", "ministry"])
        cli.ok(["event", "add", "--code", "psc-3", "--kind", "psc", "--title", "PSC 3", "--start", "2024-01-09"])
        let out = cli.ok([
            "import", "attendance", "--session", "psc-3/1",
            Self.fixtures.appendingPathComponent("excel-psc3-daftar-hadir.csv").path,
        ])
        let lines = out.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
        #expect(lines.contains("Attendance marked 5"))
        #expect(lines.contains("New participants 5"))
        #expect(cli.ok(["event", "show", "psc-3"]).contains("Participants:  5 attended"))
        let alias = cli.run(["org", "alias", "Kemlu", "SBMI NTB"])
        #expect(alias.code == 65)
    }
}
