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
}
