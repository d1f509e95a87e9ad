import ConveneCore
import Foundation
import Testing

@testable import ConveneCLI

@Suite("actions and decisions, end to end")
struct ActionCommandTests {
    /// The short id in "Added action 1a2b3c4d (psc-3)."
    static func shortId(_ output: String) throws -> String {
        let words = output.split(separator: " ")
        return String(try #require(words.dropFirst(2).first))
    }

    @Test("an action's lifecycle: open → in-progress → done, every update dated and kept")
    func lifecycle() throws {
        // Given PSC-3 and an action owned by Kemlu and Siti, due mid-February
        let cli = try CLIHarness(today: CalendarDate(iso: "2024-02-01")!)
        cli.seedPSC3()
        let id = try Self.shortId(
            cli.ok([
                "action", "add", "--event", "psc-3", "--session", "psc-3/1", "Share the draft SOP", "--owner", "Kemlu",
                "--owner", "siti@example.org", "--due", "2024-02-15",
            ]))
        #expect(id.count == 8)

        // When it is started, then finished
        #expect(
            cli.ok(["action", "update", id, "--status", "in-progress", "--note", "Draft shared"]).contains(
                "now in-progress (2024-02-01)"))
        // (a prefix of 5 characters is enough, and Indonesian statuses work)
        cli.ok(["action", "update", String(id.prefix(5)), "--status", "selesai"])

        // Then show lists both updates in order, and the owner
        let shown = cli.ok(["action", "show", id])
        #expect(shown.contains("Event:    psc-3 (session psc-3/1)"))
        #expect(shown.contains("Owner:    Kemlu / Siti Aminah"))
        #expect(shown.contains("Status:   done"))
        let history = shown.components(separatedBy: "History:\n")[1]
        #expect(history == "  2024-02-01  in-progress  Draft shared\n  2024-02-01  done\n")

        // And an unknown id is a missing record (66), a bad status a usage error (64)
        #expect(cli.run(["action", "show", "ffffffff"]).code == 66)
        #expect(cli.run(["action", "update", id, "--status", "maybe"]).code == 64)
    }

    @Test("--date records an update reported late; the latest-dated update sets the status")
    func datedUpdates() throws {
        // Given an action of PSC-3 (9 January 2024), today 1 March 2024
        let cli = try CLIHarness(today: CalendarDate(iso: "2024-03-01")!)
        cli.seedPSC3()
        let id = try Self.shortId(cli.ok(["action", "add", "--event", "psc-3", "Circulate the work plan"]))

        // When it is done on 20 February, and then someone records that it was started on 1 February
        #expect(
            cli.ok(["action", "update", id, "--status", "done", "--date", "2024-02-20"]).contains(
                "now done (2024-02-20)"))
        let late = cli.ok(["action", "update", id, "--status", "in-progress", "--date", "2024-02-01"])

        // Then the late update is kept but the status stays done, and says why
        #expect(late.contains("it stays done"))
        let shown = cli.ok(["action", "show", id])
        #expect(shown.contains("Status:   done"))
        #expect(shown.components(separatedBy: "History:\n")[1] == "  2024-02-01  in-progress\n  2024-02-20  done\n")

        // And a date after today, or before the meeting that agreed it, changes nothing
        let future = cli.run(["action", "update", id, "--status", "dropped", "--date", "2024-03-02"])
        #expect(future.code == 64 && future.err.contains("in the future"))
        let early = cli.run(["action", "update", id, "--status", "dropped", "--date", "2024-01-08"])
        #expect(early.code == 65 && early.err.contains("before psc-3 (2024-01-09)"))
        #expect(
            cli.ok(["action", "show", id]).components(separatedBy: "History:\n")[1].split(separator: "\n").count == 2)
    }

    @Test("overdue: open or in progress and due before today; done and dropped never are")
    func overdue() throws {
        let cli = try CLIHarness(today: CalendarDate(iso: "2024-03-01")!)
        cli.seedPSC3()
        let late = try Self.shortId(cli.ok(["action", "add", "--event", "psc-3", "Late", "--due", "2024-02-29"]))
        let today = try Self.shortId(cli.ok(["action", "add", "--event", "psc-3", "Due today", "--due", "2024-03-01"]))
        let done = try Self.shortId(cli.ok(["action", "add", "--event", "psc-3", "Done", "--due", "2024-01-31"]))
        let dropped = try Self.shortId(cli.ok(["action", "add", "--event", "psc-3", "Dropped", "--due", "2024-01-31"]))
        let started = try Self.shortId(cli.ok(["action", "add", "--event", "psc-3", "Started", "--due", "2024-01-31"]))
        cli.ok(["action", "add", "--event", "psc-3", "No date"])
        cli.ok(["action", "update", done, "--status", "done"])
        cli.ok(["action", "update", dropped, "--status", "dropped"])
        cli.ok(["action", "update", started, "--status", "in-progress"])

        let csv = cli.ok(["action", "list", "--overdue", "--format", "csv"])
        let ids = csv.split(separator: "\n").dropFirst().map { String($0.prefix(8)) }
        #expect(Set(ids) == [late, started])
        #expect(!ids.contains(today))

        let json = cli.ok(["action", "list", "--event", "psc-3", "--status", "done", "--format", "json"])
        let rows = try #require(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(rows.count == 1)
        #expect(rows[0]["overdue"] as? String == "no")
    }

    @Test("owners: filter by organisation or person; an unknown owner names the reference only")
    func owners() throws {
        let cli = try CLIHarness()
        cli.seedPSC3()
        cli.ok(["action", "add", "--event", "psc-3", "For Kemlu", "--owner", "Kemlu"])
        cli.ok(["action", "add", "--event", "psc-3", "For Budi", "--owner", "budi@example.org"])
        let kemlu = cli.ok(["action", "list", "--owner", "kemlu", "--format", "csv"])
        #expect(kemlu.contains("For Kemlu") && !kemlu.contains("For Budi"))
        let budi = cli.ok(["action", "list", "--owner", "budi@example.org", "--format", "csv"])
        #expect(budi.contains("Budi Santoso") && !budi.contains("For Kemlu"))

        let unknown = cli.run(["action", "add", "--event", "psc-3", "x", "--owner", "nobody@example.org"])
        #expect(unknown.code == 66)
        #expect(unknown.err.contains("No owner matches 'nobody@example.org'"))
        let two = cli.run(["action", "add", "--event", "psc-3", "x", "--owner", "Kemlu", "--owner", "SBMI"])
        #expect(two.code == 65)

        // A body Convene knows but the database does not hold yet can own an action.
        cli.ok(["action", "add", "--event", "psc-3", "For IOM", "--owner", "IOM"])
        #expect(cli.ok(["action", "list", "--owner", "IOM", "--format", "csv"]).contains("For IOM"))
    }

    @Test("decisions are listed in the order agreed, per event")
    func decisionsInOrder() throws {
        let cli = try CLIHarness()
        cli.seedPSC3()
        cli.ok(["decision", "add", "--event", "psc-3", "The 2024 workplan is endorsed."])
        cli.ok(["decision", "add", "--event", "psc-3", "--session", "psc-3/1", "The next meeting is in July."])
        cli.ok(["decision", "add", "--event", "psc-3", "Provinces report quarterly."])
        let csv = cli.ok(["decision", "list", "--event", "psc-3", "--format", "csv"])
        #expect(
            csv == """
                event,number,session,text
                psc-3,1,,The 2024 workplan is endorsed.
                psc-3,2,psc-3/1,The next meeting is in July.
                psc-3,3,,Provinces report quarterly.

                """)
        #expect(cli.run(["decision", "add", "--event", "psc-9", "x"]).code == 66)
    }
}
