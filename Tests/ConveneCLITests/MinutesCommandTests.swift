import ConveneCore
import Foundation
import Testing

@testable import ConveneCLI

@Suite("minutes, end to end")
struct MinutesCommandTests {
    /// PSC-3 (seedPSC3) after PSC-2, with a later PSC-4 and a training outside the series;
    /// Siti and Budi attend, Rina is excused; actions at every event; "today" is before PSC-3.
    static func meeting() throws -> CLIHarness {
        let cli = try CLIHarness(today: CalendarDate(iso: "2023-12-01")!)
        cli.seedPSC3()
        cli.ok([
            "event", "add", "--code", "psc-2", "--kind", "psc", "--series", "PSC", "--number", "2", "--title",
            "Second Programme Steering Committee meeting", "--start", "2023-07-10",
        ])
        cli.ok([
            "event", "add", "--code", "psc-4", "--kind", "psc", "--series", "PSC", "--number", "4", "--title",
            "Fourth Programme Steering Committee meeting", "--start", "2024-07-16", "--venue", "Bappenas",
        ])
        cli.ok([
            "event", "add", "--code", "tot-1", "--kind", "training", "--title", "Training", "--start", "2023-08-01",
        ])
        cli.ok([
            "session", "add", "--event", "psc-3", "--title", "Workplan 2024", "--start", "13:00", "--end", "15:00",
            "--room", "Ruang Nusantara", "--chair", "Siti Aminah",
        ])
        cli.ok(["register", "--event", "psc-3", "--role", "chair", "budi@example.org"])
        cli.ok(["attend", "--session", "psc-3/1", "siti@example.org", "budi@example.org"])
        cli.ok(["attend", "--session", "psc-3/2", "siti@example.org"])
        cli.ok(["attend", "--session", "psc-3/1", "--status", "izin", "rina@example.org"])

        let open = try ActionCommandTests.shortId(
            cli.ok([
                "action", "add", "--event", "psc-2", "Draft the referral SOP", "--owner", "Kemlu", "--due",
                "2023-10-01",
            ]))
        cli.ok(["action", "update", open, "--status", "in-progress", "--note", "First draft circulated"])
        let done = try ActionCommandTests.shortId(cli.ok(["action", "add", "--event", "psc-2", "Closed before PSC-3"]))
        cli.ok(["action", "update", done, "--status", "done"])
        cli.ok(["action", "add", "--event", "tot-1", "Outside the series"])
        cli.ok(["action", "add", "--event", "psc-4", "Agreed later"])
        cli.ok([
            "action", "add", "--event", "psc-3", "Share the SOP with the provinces", "--owner", "SBMI", "--owner",
            "budi@example.org", "--due", "2024-02-15",
        ])
        cli.ok(["decision", "add", "--event", "psc-3", "The 2024 workplan is endorsed."])
        cli.ok(["decision", "add", "--event", "psc-3", "Provinces report every quarter."])
        return cli
    }

    @Test("minutes match their reviewed snapshots in English and Indonesian", arguments: ["en", "id"])
    func snapshots(language: String) throws {
        let cli = try Self.meeting()
        let text = cli.ok(["minutes", "--event", "psc-3", "--lang", language])
        try Snapshot.expect(text, named: "minutes-psc-3.\(language).md")
    }

    @Test("HTML minutes match their reviewed snapshots in English and Indonesian", arguments: ["en", "id"])
    func htmlSnapshots(language: String) throws {
        let cli = try Self.meeting()
        let html = cli.ok(["minutes", "--event", "psc-3", "--format", "html", "--lang", language])
        try Snapshot.expect(html, named: "minutes-psc-3.\(language).html")
        #expect(html.contains("size: A4 portrait"))
        #expect(!html.contains("http"), "self-contained: nothing fetched from the network")
    }

    @Test("HTML minutes escape what people typed: a name with <script> is shown, never run")
    func htmlEscapes() throws {
        let cli = try Self.meeting()
        cli.ok([
            "participant", "add", "--name", "Eve <script>alert('x')</script> & Co", "--gender", "female", "--org",
            "SBMI", "--position", "\"Head\" of <b>IT</b>", "--email", "eve@example.org",
        ])
        cli.ok(["attend", "--session", "psc-3/1", "--walk-in", "eve@example.org"])
        cli.ok(["decision", "add", "--event", "psc-3", "<img src=x onerror=alert(1)> is not a decision"])

        let html = cli.ok(["minutes", "--event", "psc-3", "--format", "html"])
        #expect(!html.contains("<script>") && !html.contains("<img") && !html.contains("<b>IT"))
        #expect(
            html.contains(
                "<li>Eve &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co, &quot;Head&quot; of &lt;b&gt;IT&lt;/b&gt;</li>"
            ))
        #expect(html.contains("<td>Eve &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co</td>"))
        #expect(html.contains("&lt;img src=x onerror=alert(1)&gt; is not a decision"))
    }

    @Test("excused people are apologies, not attendees; matters arising are earlier, same series, open")
    func contents() throws {
        let cli = try Self.meeting()
        let text = cli.ok(["minutes", "--event", "psc-3"])
        let present = text.components(separatedBy: "### Present")[1].components(separatedBy: "### Apologies")[0]
        let apologies = text.components(separatedBy: "### Apologies")[1].components(separatedBy: "## Agenda")[0]
        #expect(present.contains("Siti Aminah") && present.contains("Budi Santoso"))
        #expect(!present.contains("Rina Wulandari"))
        #expect(apologies.contains("Rina Wulandari"))
        let annex = text.components(separatedBy: "## Annex")[1]
        #expect(!annex.contains("Rina Wulandari"))

        let arising = text.components(separatedBy: "## Matters arising")[1].components(separatedBy: "## Discussion")[0]
        #expect(arising.contains("Draft the referral SOP"))
        #expect(arising.contains("In progress") && arising.contains("First draft circulated"))
        #expect(!arising.contains("Closed before PSC-3"))
        #expect(!arising.contains("Outside the series"))
        #expect(!arising.contains("Agreed later"))
        #expect(text.contains("Fourth Programme Steering Committee meeting, Tuesday, 16 July 2024, Bappenas."))

        // And the Indonesian minutes read as notulen
        let notulen = cli.ok(["minutes", "--event", "psc-3", "--lang", "id"])
        for heading in [
            "Notulen Rapat", "Hari/Tanggal:", "Pimpinan Rapat:", "Daftar Hadir", "Tindak Lanjut",
            "Tindak lanjut hasil rapat sebelumnya", "Kesimpulan", "Selasa, 9 Januari 2024",
        ] {
            #expect(notulen.contains(heading), "missing \(heading)")
        }
    }

    @Test("a user's template replaces the built-in one: --template, --templates and $CONVENE_TEMPLATES")
    func overrides() throws {
        let cli = try Self.meeting()
        let folder = cli.directory.appendingPathComponent("my-templates")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "Notes of {{title}} on {{date}}\n".write(
            to: folder.appendingPathComponent("minutes.en.md.mustache"), atomically: true, encoding: .utf8)

        #expect(
            cli.ok(["minutes", "--event", "psc-3", "--templates", "my-templates"])
                == "Notes of Third Programme Steering Committee meeting on Tuesday, 9 January 2024\n")
        let fromEnvironment = try CLIHarness(environment: ["CONVENE_TEMPLATES": folder.path])
        fromEnvironment.seedPSC3()
        #expect(fromEnvironment.ok(["minutes", "--event", "psc-3"]).hasPrefix("Notes of Third"))
        // A folder without the Indonesian file falls back to the built-in one
        #expect(
            cli.ok(["minutes", "--event", "psc-3", "--lang", "id", "--templates", "my-templates"]).hasPrefix(
                "# Notulen"))

        try "Only {{code}}\n".write(
            to: cli.directory.appendingPathComponent("one.mustache"), atomically: true, encoding: .utf8)
        #expect(cli.ok(["minutes", "--event", "psc-3", "--template", "one.mustache"]) == "Only psc-3\n")
    }

    @Test("a template with an unknown variable fails naming the variable; a missing template is named")
    func templateErrors() throws {
        let cli = try Self.meeting()
        try "# {{title}}\n{{#agenda}}{{titel}}{{/agenda}}\n".write(
            to: cli.directory.appendingPathComponent("typo.mustache"), atomically: true, encoding: .utf8)
        let typo = cli.run(["minutes", "--event", "psc-3", "--template", "typo.mustache"])
        #expect(typo.code == 65)
        #expect(typo.err.contains("uses 'titel'"))
        #expect(typo.err.contains("typo.mustache"))
        #expect(typo.out.isEmpty)

        try "{{#agenda}}\n".write(
            to: cli.directory.appendingPathComponent("broken.mustache"), atomically: true, encoding: .utf8)
        #expect(cli.run(["minutes", "--event", "psc-3", "--template", "broken.mustache"]).code == 65)

        let unknownLanguage = cli.run(["minutes", "--event", "psc-3", "--lang", "fr"])
        #expect(unknownLanguage.code == 64)
        #expect(unknownLanguage.err.contains("--lang"))
    }

    @Test("--out writes through OutputFile: an existing file needs --force")
    func outputFile() throws {
        let cli = try Self.meeting()
        cli.ok(["minutes", "--event", "psc-3", "--out", "minutes.md"])
        let again = cli.run(["minutes", "--event", "psc-3", "--out", "minutes.md"])
        #expect(again.code == 73)
        cli.ok(["minutes", "--event", "psc-3", "--out", "minutes.md", "--force"])
        let written = try String(contentsOf: cli.directory.appendingPathComponent("minutes.md"), encoding: .utf8)
        #expect(written.hasPrefix("# Minutes: Third Programme Steering Committee meeting"))
    }
}
