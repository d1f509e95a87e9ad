import ConveneCore
import Foundation
import Testing

@testable import ConveneCLI

@Suite("certificates, end to end")
struct CertificateCommandTests {
    /// The minutes' meeting (Siti at both PSC-3 sessions, Budi at the first, Rina excused)
    /// and Dewi, registered and marked absent.
    static func meeting() throws -> CLIHarness {
        let cli = try MinutesCommandTests.meeting()
        cli.ok([
            "participant", "add", "--name", "Dewi Lestari", "--gender", "female", "--org", "SBMI", "--email",
            "dewi@example.org",
        ])
        cli.ok(["register", "--event", "psc-3", "dewi@example.org"])
        cli.ok(["attend", "--session", "psc-3/1", "--status", "absent", "dewi@example.org"])
        try FileManager.default.createDirectory(
            at: cli.directory.appendingPathComponent("certs"), withIntermediateDirectories: true)
        return cli
    }

    /// The certificates in `folder` by file name, with their text.
    static func written(_ cli: CLIHarness, _ folder: String = "certs") throws -> [String: String] {
        let url = cli.directory.appendingPathComponent(folder)
        var files: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: url.path) {
            files[name] = try String(contentsOf: url.appendingPathComponent(name), encoding: .utf8)
        }
        return files
    }

    @Test("one certificate per attendee, named by short id; excused and absent people get none")
    func attendeesOnly() throws {
        let cli = try Self.meeting()
        let out = cli.ok(["certificate", "--event", "psc-3", "--out", "certs"])
        #expect(out == "Wrote 2 certificates to certs.\n")

        let files = try Self.written(cli)
        #expect(files.count == 2)
        for name in files.keys {
            #expect(name.wholeMatch(of: /certificate-psc-3-[0-9a-f]{8}\.html/) != nil, "\(name)")
        }
        let texts = files.values.joined()
        #expect(texts.contains("Siti Aminah") && texts.contains("Budi Santoso"))
        #expect(!texts.contains("Rina Wulandari"))
        #expect(!texts.contains("Dewi Lestari"))
        // (Budi chairs PSC-3, so his name is also on Siti's certificate as the signatory)
        let siti = try #require(files.values.first { $0.contains("<p class=\"name\">Siti Aminah</p>") })
        #expect(siti.contains("<li>Plenary ") && siti.contains("<li>Workplan 2024 "))
        let budi = try #require(files.values.first { $0.contains("<p class=\"name\">Budi Santoso</p>") })
        #expect(budi.contains("<li>Plenary ") && !budi.contains("<li>Workplan 2024 "))
        #expect(budi.contains("<strong>Chair</strong>"))
        #expect(siti.contains("size: A4 landscape") && !siti.contains("http"))
    }

    @Test("a certificate matches its reviewed snapshot in English and Indonesian", arguments: ["en", "id"])
    func snapshots(language: String) throws {
        let cli = try Self.meeting()
        cli.ok([
            "certificate", "--event", "psc-3", "--participant", "siti@example.org", "--lang", language, "--out",
            "certs",
        ])
        let files = try Self.written(cli)
        let (name, text) = try #require(files.first)
        #expect(files.count == 1)
        // The short id is random: the snapshot shows it as 00000000.
        let id = String(name.dropFirst("certificate-psc-3-".count).prefix(8))
        try Snapshot.expect(
            text.replacingOccurrences(of: id, with: "00000000"), named: "certificate-psc-3.\(language).html")
    }

    @Test("a named person who did not attend is refused with exit 65, and nothing is written")
    func refusesNonAttendee() throws {
        let cli = try Self.meeting()
        let refused = cli.run([
            "certificate", "--event", "psc-3", "--participant", "siti@example.org", "--participant",
            "rina@example.org", "--participant", "dewi@example.org", "--out", "certs",
        ])
        #expect(refused.code == 65)
        #expect(refused.err.contains("'rina@example.org', 'dewi@example.org' attended no session of psc-3"))
        #expect(!refused.err.contains("Rina") && !refused.err.contains("Dewi"))
        #expect(try Self.written(cli).isEmpty)

        let unknown = cli.run([
            "certificate", "--event", "psc-3", "--participant", "nobody@example.org", "--out", "certs",
        ])
        #expect(unknown.code == 66)
    }

    @Test("the folder must exist (73); a certificate already there needs --force (73)")
    func outputFolder() throws {
        let cli = try Self.meeting()
        let missing = cli.run(["certificate", "--event", "psc-3", "--out", "nowhere"])
        #expect(missing.code == 73)
        #expect(missing.err.contains("nowhere"))

        cli.ok(["certificate", "--event", "psc-3", "--participant", "budi@example.org", "--out", "certs"])
        let again = cli.run(["certificate", "--event", "psc-3", "--out", "certs"])
        #expect(again.code == 73)
        #expect(again.err.contains("--force"))
        #expect(try Self.written(cli).count == 1, "the refusal came before the first file was written")
        cli.ok(["certificate", "--event", "psc-3", "--out", "certs/", "--force"])
        #expect(try Self.written(cli).count == 2)
    }
}
