import ConveneCore
import Foundation
import Testing

@testable import ConveneCLI

@Suite("convene demo")
struct DemoCommandTests {
    /// Every path under `folder`, relative to it, with its size (to see that nothing else changed).
    static func listing(_ folder: URL) throws -> [String: Int] {
        var result: [String: Int] = [:]
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.fileSizeKey])
        while let url = enumerator?.nextObject() as? URL {
            let relative = String(url.standardizedFileURL.path.dropFirst(folder.standardizedFileURL.path.count + 1))
            result[relative] = try url.resourceValues(forKeys: [.fileSizeKey]).fileSize ?? -1
        }
        return result
    }

    static let documents = [
        "psc-3-minutes.en.md", "psc-3-minutes.id.md", "psc-final-minutes.en.html", "statistics.en.html",
        "psc-final-sign-in.en.html", "symposium-agenda.en.html", "symposium-agenda.ics",
    ]

    @Test("builds DIR/demo.sqlite and its documents, writes nothing outside DIR, and runs twice")
    func buildsTwice() throws {
        // Given a working folder with a database of the user's own and $CONVENE_DB pointing at it
        let cli = try CLIHarness(environment: ["CONVENE_DB": "mine.sqlite"])
        cli.ok(["--db", "mine.sqlite", "init"])
        let before = try Self.listing(cli.directory)

        // When the demo runs twice
        let first = cli.ok(["demo"])
        let second = cli.ok(["demo"])

        // Then the folder holds the database and the documents, and nothing else changed
        let after = try Self.listing(cli.directory)
        let outside = after.filter { !$0.key.hasPrefix("convene-demo") }
        #expect(outside == before)
        let written = Set(after.keys.filter { $0.hasPrefix("convene-demo/") }.map { String($0.dropFirst(13)) })
        #expect(written == Set(Self.documents + ["demo.sqlite", Demo.marker]))
        // (no -wal or -shm left beside it, and no half-built file)
        #expect(!written.contains { $0.contains("building") || $0.hasSuffix("-wal") })

        // And both runs print the published meeting figures, computed from the imports
        for output in [first, second] {
            #expect(output.contains("Reached "))
            #expect(output.contains("Wrote into convene-demo/:"))
            let psc3 = try #require(output.split(separator: "\n").first { $0.hasPrefix("psc-3 ") })
            let fields = psc3.split(separator: " ").map(String.init)
            #expect(fields.count == 5 && fields[2] == "44" && fields[4] == "8", "\(psc3)")
            let final = try #require(output.split(separator: "\n").first { $0.hasPrefix("psc-final ") })
            #expect(final.split(separator: " ")[2] == "193")
        }

        // And the database is a Convene database the other commands read
        let stats = cli.ok(["--db", "convene-demo/demo.sqlite", "stats", "--event", "psc-3", "--format", "json"])
        #expect(stats.contains("\"participants\": 44"))
        #expect(stats.contains("\"ministries\": 8"))
    }

    @Test("a folder with other files in it, or a file, is refused and left as it was")
    func refusesForeignFolders() throws {
        let cli = try CLIHarness()
        let folder = cli.directory.appendingPathComponent("reports")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: folder.appendingPathComponent("budget.xlsx"))
        let before = try Self.listing(cli.directory)

        let busy = cli.run(["demo", "--out", "reports"])
        #expect(busy.code == 73)
        #expect(busy.err.contains("holds other files"))
        let file = cli.run(["demo", "--out", "reports/budget.xlsx"])
        #expect(file.code == 73)
        #expect(try Self.listing(cli.directory) == before)
    }

    @Test("--lang id writes the documents in Indonesian (PSC-3's minutes come in both)")
    func indonesian() throws {
        let cli = try CLIHarness()
        cli.ok(["demo", "--out", "contoh", "--lang", "id"])
        let folder = cli.directory.appendingPathComponent("contoh")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(names.contains("psc-final-minutes.id.html"))
        #expect(names.contains("psc-3-minutes.en.md"))
        let notulen = try String(contentsOf: folder.appendingPathComponent("psc-3-minutes.id.md"), encoding: .utf8)
        #expect(notulen.contains("Notulen Rapat"))
        #expect(notulen.contains("Tindak lanjut hasil rapat sebelumnya"))
    }
}
