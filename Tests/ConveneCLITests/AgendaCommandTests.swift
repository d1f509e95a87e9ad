import ConveneCore
import Foundation
import Testing

@testable import ConveneCLI

@Suite("agenda, end to end")
struct AgendaCommandTests {
    @Test("the agenda lists sessions; the .ics has one VEVENT per session, a VTIMEZONE and stable UIDs")
    func agenda() throws {
        let cli = try CLIHarness()
        cli.seedPSC3()
        cli.ok(["session", "add", "--event", "psc-3", "--title", "Workplan, 2024", "--start", "13:00", "--room", "R1"])
        let markdown = cli.ok(["agenda", "--event", "psc-3", "--lang", "id"])
        #expect(markdown.contains("| 2 | Selasa, 9 Januari 2024 | 13.00 WIB | Workplan, 2024 | R1 |  |"))

        let ics = cli.ok(["agenda", "--event", "psc-3", "--format", "ics"])
        #expect(ics.components(separatedBy: "BEGIN:VEVENT").count == 3)
        #expect(ics.contains("BEGIN:VTIMEZONE\r\nTZID:Asia/Jakarta\r\n"))
        #expect(ics.contains("DTSTART;TZID=Asia/Jakarta:20240109T090000\r\n"))
        #expect(ics.contains("SUMMARY:Workplan\\, 2024\r\n"))
        #expect(ics.hasSuffix("END:VCALENDAR\r\n"))
        #expect(cli.ok(["agenda", "--event", "psc-3", "--format", "ics"]) == ics)
    }

    @Test("the HTML agenda matches its reviewed snapshots in English and Indonesian", arguments: ["en", "id"])
    func htmlSnapshots(language: String) throws {
        let cli = try CLIHarness()
        cli.seedPSC3()
        cli.ok([
            "session", "add", "--event", "psc-3", "--title", "Workplan 2024", "--start", "13:00", "--end", "15:00",
            "--room", "Ruang Nusantara", "--chair", "Siti Aminah",
        ])
        let html = cli.ok(["agenda", "--event", "psc-3", "--format", "html", "--lang", language])
        try Snapshot.expect(html, named: "agenda-psc-3.\(language).html")
        #expect(html.contains("size: A4 portrait") && !html.contains("http"))
    }

    @Test("the HTML agenda escapes titles, rooms and chairs; an event without a venue shows no separator")
    func htmlEscapes() throws {
        let cli = try CLIHarness()
        cli.seedPSC3()
        cli.ok([
            "event", "add", "--code", "tot-1", "--kind", "training", "--title", "Q&A <b>day</b>", "--start",
            "2024-02-01",
        ])
        cli.ok(["session", "add", "--event", "tot-1", "--title", "<script>alert(1)</script>", "--chair", "\"Bu\" Ani"])
        let html = cli.ok(["agenda", "--event", "tot-1", "--format", "html"])
        #expect(!html.contains("<script>") && !html.contains("<b>day"))
        #expect(html.contains("<h1>Agenda: Q&amp;A &lt;b&gt;day&lt;/b&gt;</h1>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && html.contains("&quot;Bu&quot; Ani"))
        #expect(html.contains("<p class=\"meta\">Thursday, 1 February 2024</p>"))
    }
}
