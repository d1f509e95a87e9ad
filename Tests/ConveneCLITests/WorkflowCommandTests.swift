import ConveneCore
import Foundation
import Testing

@testable import ConveneCLI

@Suite("register → attend, end to end")
struct WorkflowCommandTests {
    @Test("the README walkthrough: register, mark, list, show")
    func walkthrough() throws {
        // Given the PSC-3 event with three registered people
        let cli = try CLIHarness()
        cli.seedPSC3()

        // When two are marked present, one absent, and a walk-in arrives
        let marked = cli.ok([
            "attend", "--session", "psc-3/1", "siti@example.org", "+62 812 3456 7890", "budi@example.org",
        ])
        cli.ok(["attend", "--session", "psc-3/1", "--status", "tidak hadir", "rina@example.org"])
        let walkIn = cli.ok([
            "attend", "--session", "psc-3/1", "--walk-in", "--name", "Dewi Lestari", "--gender", "P", "--org", "SBMI",
        ])

        // Then Siti, named twice (email and phone), is marked once
        #expect(marked.contains("psc-3/1: 2 marks recorded, 0 unchanged."))
        #expect(walkIn.contains("(walk-in, registered now)"))

        // And the event counts 4 registered, 3 participants (Rina was absent), 2 women of 3
        let show = cli.ok(["event", "show", "psc-3"])
        #expect(show.contains("Registered:    4"))
        #expect(show.contains("Participants:  3 attended at least one session (75.0% of registered)"))
        #expect(show.contains("female 2 (66.7%), male 1 (33.3%), other 0 (0.0%), undisclosed 0 (0.0%)"))
        #expect(show.contains("09:00–12:00 WIB"))

        // And the roster lists all four registered people with their attendance
        let csv = cli.ok(["participant", "list", "--event", "psc-3", "--format", "csv"])
        let lines = csv.split(separator: "\n").map(String.init)
        #expect(
            lines.first
                == "id,name,gender,stakeholder_type,organisation,position,email,phone,role,registration,sessions_attended"
        )
        #expect(lines.count == 5)
        #expect(
            lines.contains {
                $0.contains(
                    ",Siti Aminah,female,government-national,Kemlu,,siti@example.org,'+6281234567890,co-chair,registered,1"
                )
            })
        #expect(
            lines.contains {
                $0.contains(
                    ",Rina Wulandari,female,government-national,Direktorat Sosial Budaya dan OINB,,rina@example.org,,participant,registered,0"
                )
            })
    }

    @Test("event show and lists as JSON parse and carry the counts")
    func jsonOutputs() throws {
        let cli = try CLIHarness()
        cli.seedPSC3()
        cli.ok(["attend", "--session", "psc-3", "siti@example.org", "rina@example.org"])

        let show = try #require(
            JSONSerialization.jsonObject(with: Data(cli.ok(["event", "show", "psc-3", "--format", "json"]).utf8))
                as? [String: Any])
        #expect(show["registered"] as? Int == 3)
        #expect(show["participants"] as? Int == 2)
        #expect(show["attendances"] as? Int == 2)

        let events = try #require(
            JSONSerialization.jsonObject(with: Data(cli.ok(["event", "list", "--format", "json"]).utf8))
                as? [[String: Any]])
        #expect(events.count == 1)
        #expect(events.first?["code"] as? String == "psc-3")
        #expect(events.first?["participants"] as? Int == 2)
    }

    @Test("the default session takes attendance until sessions are added, and stays if it holds marks")
    func defaultSession() throws {
        // Given an event without sessions
        let cli = try CLIHarness()
        cli.ok(["init"])
        cli.ok([
            "event", "add", "--code", "sym-1", "--kind", "symposium", "--title", "Symposium", "--start", "2024-09-24",
            "--end", "2024-09-25",
        ])
        cli.ok(["participant", "add", "--name", "Ani", "--email", "ani@example.org"])

        // Then attendance can be marked right away, in sym-1/1
        cli.ok(["attend", "--session", "sym-1/1", "--walk-in", "ani@example.org"])

        // When a timed session is added, the marked default session stays and sorts last (untimed)
        cli.ok([
            "session", "add", "--event", "sym-1", "--title", "Day 2 plenary", "--start", "2024-09-25 09:00", "--code",
            "sym-1-d2",
        ])
        let list = cli.ok(["session", "list", "--event", "sym-1", "--format", "csv"])
        let rows = list.split(separator: "\n").dropFirst().map {
            $0.split(separator: ",", omittingEmptySubsequences: false)
        }
        #expect(rows.count == 2)
        #expect(rows[0][0] == "sym-1/1" && rows[0][2] == "Day 2 plenary" && rows[0][3] == "2024-09-25 09:00")
        #expect(rows[1][0] == "sym-1/2" && rows[1][2] == "Symposium" && rows[1][7] == "1")

        // And a session code works as a reference
        cli.ok(["attend", "--session", "SYM-1-D2", "ani@example.org"])
    }

    @Test("an unused default session gives way to the first added session")
    func defaultSessionReplaced() throws {
        let cli = try CLIHarness()
        cli.ok(["init"])
        cli.ok([
            "event", "add", "--code", "tr-1", "--kind", "pelatihan", "--title", "Training", "--start", "2024-08-05",
            "--timezone", "Asia/Makassar", "--city", "Mataram",
        ])
        cli.ok(["session", "add", "--event", "tr-1", "--title", "Opening", "--start", "08:30", "--end", "10:00"])
        let list = cli.ok(["session", "list", "--event", "tr-1", "--format", "json"])
        let sessions = try #require(JSONSerialization.jsonObject(with: Data(list.utf8)) as? [[String: Any]])
        #expect(sessions.count == 1)
        #expect(sessions[0]["title"] as? String == "Opening")
        #expect(sessions[0]["start"] as? String == "2024-08-05 08:30")
        #expect(cli.ok(["event", "show", "tr-1"]).contains("08:30–10:00 WITA"))
    }

    @Test("re-marking changes the one mark; registering again changes the role")
    func remarkAndReregister() throws {
        let cli = try CLIHarness()
        cli.seedPSC3()
        cli.ok(["attend", "--session", "psc-3/1", "budi@example.org"])
        let again = cli.ok(["attend", "--session", "psc-3/1", "--status", "terlambat", "budi@example.org"])
        #expect(again.contains("changed from present to late"))
        let same = cli.ok(["attend", "--session", "psc-3/1", "--status", "late", "budi@example.org"])
        #expect(same.contains("0 marks recorded, 1 unchanged"))
        let show = cli.ok(["event", "show", "psc-3"])
        #expect(show.contains("Attendances:   1 person-session marks"))

        let role = cli.ok(["register", "--event", "psc-3", "budi@example.org", "--role", "narasumber"])
        #expect(role.contains("role changed from participant to resource-person"))
    }

    @Test("participant show and edit")
    func showAndEdit() throws {
        let cli = try CLIHarness()
        cli.seedPSC3()
        cli.ok(["participant", "edit", "siti@example.org", "--position", "Kepala Seksi", "--phone", ""])
        let shown = cli.ok(["participant", "show", "siti@example.org"])
        #expect(shown.contains("Position:      Kepala Seksi"))
        #expect(!shown.contains("Phone:"))
        #expect(shown.contains("psc-3"))
        #expect(shown.contains("co-chair"))
    }

    @Test("the database path comes from --db, then $CONVENE_DB, then ./convene.sqlite")
    func databasePath() throws {
        let cli = try CLIHarness(environment: ["CONVENE_DB": "from-env.sqlite"])
        #expect(cli.ok(["init"]).contains("from-env.sqlite"))
        #expect(FileManager.default.fileExists(atPath: cli.directory.appendingPathComponent("from-env.sqlite").path))
        let explicit = cli.directory.appendingPathComponent("explicit.sqlite").path
        cli.ok(["--db", explicit, "init"])
        cli.ok(["event", "list", "--db", explicit])
        #expect(FileManager.default.fileExists(atPath: explicit))

        let plain = try CLIHarness()
        #expect(plain.ok(["init"]).contains(plain.databasePath))
    }

    @Test("table output pads by display width, so accented and wide names line up")
    func unicodeAlignment() throws {
        let cli = try CLIHarness()
        cli.ok(["init"])
        // "Zoë" written with a combining diaeresis (4 scalars, 3 columns) and a CJK name (2 characters, 4 columns).
        cli.ok(["participant", "add", "--name", "Zoe\u{0308} Ng", "--email", "zoe@example.org"])
        cli.ok(["participant", "add", "--name", "李明", "--email", "li@example.org"])
        cli.ok(["participant", "add", "--name", "Ani", "--email", "ani@example.org"])
        let table = cli.ok(["participant", "list"])
        let lines = table.split(separator: "\n").map(String.init)
        let emailColumns = lines.dropFirst(2).map { line -> Int in
            let prefix = line[..<line.range(of: "@")!.lowerBound]
            let emailStart = prefix.lastIndex(of: " ").map { prefix.index(after: $0) } ?? prefix.startIndex
            return String(line[..<emailStart]).displayWidth
        }
        #expect(emailColumns.count == 3)
        #expect(Set(emailColumns).count == 1, "email column starts at different widths: \(emailColumns)\n\(table)")
    }
}
