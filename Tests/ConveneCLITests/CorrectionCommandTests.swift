import ConveneCore
import Foundation
import Testing

@testable import ConveneCLI

/// The correcting commands end to end: the line saying what changed, and the refusals with
/// their exit codes, leaving the database as it was.
@Suite("correcting records, end to end")
struct CorrectionCommandTests {
    /// PSC-3 with a second session and marks: Siti and Budi present at the plenary, Rina excused.
    static func seeded() throws -> CLIHarness {
        let cli = try CLIHarness()
        cli.seedPSC3()
        cli.ok(["session", "add", "--event", "psc-3", "--title", "Workplan", "--start", "13:00", "--end", "15:00"])
        cli.ok(["attend", "--session", "psc-3/1", "siti@example.org", "budi@example.org"])
        cli.ok(["attend", "--session", "psc-3/1", "--status", "izin", "rina@example.org"])
        return cli
    }

    /// Runs a command that must be refused with `code`, and checks it wrote nothing.
    @discardableResult
    static func refused(
        _ cli: CLIHarness, _ arguments: [String], code: Int32, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> String {
        let before = try cli.databaseContents()
        let result = cli.run(arguments)
        #expect(result.code == code, "\(arguments): \(result.err)", sourceLocation: sourceLocation)
        #expect(result.out.isEmpty, sourceLocation: sourceLocation)
        #expect(try cli.databaseContents() == before, "\(arguments) wrote something", sourceLocation: sourceLocation)
        return result.err
    }

    @Test("event edit: a wrong date moved with its sessions, a new code that keeps the old one")
    func eventEdit() throws {
        let cli = try Self.seeded()
        let refused = try Self.refused(cli, ["event", "edit", "psc-3", "--start", "2024-01-10"], code: 65)
        #expect(refused.contains("psc-3/1 (2024-01-09), psc-3/2 (2024-01-09)"))
        #expect(refused.contains("--shift-sessions"))

        let dry = cli.ok(["event", "edit", "psc-3", "--start", "2024-01-10", "--shift-sessions", "--dry-run"])
        #expect(dry.hasPrefix("Dry run, nothing changed. Would update event psc-3: dates 2024-01-09 → 2024-01-10."))

        let out = cli.ok([
            "event", "edit", "psc-3", "--start", "2024-01-10", "--shift-sessions", "--code", "psc-03", "--venue", "",
        ])
        #expect(
            out
                == "Updated event psc-03: code psc-3 → psc-03, dates 2024-01-09 → 2024-01-10, venue Diplomacy Cafeteria Meeting Room → (none). 2 sessions moved with the first day, at the same local times. 'psc-3' still finds it.\n"
        )
        let show = cli.ok(["event", "show", "psc-3"])
        #expect(show.contains("Dates:      2024-01-10"))
        #expect(show.contains("psc-03/1") && show.contains("09:00–12:00 WIB"))
        #expect(
            cli.ok(["event", "edit", "psc-03", "--title", "Third Programme Steering Committee meeting"]).hasPrefix(
                "Nothing to change"))
    }

    @Test(
        "event edit refusals",
        arguments: [
            (["event", "edit", "psc-3"], Int32(64), "at least one field"),
            (["event", "edit", "psc-3", "--shift-sessions", "--title", "X"], 64, "--shift-sessions goes with --start"),
            (["event", "edit", "psc-3", "--start", "2024-01-10", "--end", "2024-01-09"], 64, "before --start"),
            (["event", "edit", "psc-9", "--title", "X"], 66, "No event matches 'psc-9'"),
            (["event", "edit", "psc-3", "--code", "psc 3"], 65, "not a usable event code"),
            (["event", "edit", "psc-3", "--timezone", "Mars/Olympus"], 65, "not an IANA time zone"),
            (["event", "edit", "psc-3", "--end", "2024-01-01"], 65, "before the first day"),
        ])
    func eventEditRefused(arguments: [String], code: Int32, message: String) throws {
        let cli = try Self.seeded()
        let err = try Self.refused(cli, arguments, code: code)
        #expect(err.contains(message), "\(err)")
    }

    @Test("event edit: another event's code is refused")
    func eventCodeTaken() throws {
        let cli = try Self.seeded()
        cli.ok([
            "event", "add", "--code", "psc-4", "--kind", "psc-meeting", "--title", "Fourth", "--start", "2024-09-25",
        ])
        let err = try Self.refused(cli, ["event", "edit", "psc-4", "--code", "PSC-3"], code: 65)
        #expect(err.contains("already exists"))
    }

    @Test("session edit: a room and a time corrected; the new reference is given; bad times refused")
    func sessionEdit() throws {
        let cli = try Self.seeded()
        let out = cli.ok(["session", "edit", "psc-3/2", "--start", "08:00", "--end", "08:45", "--room", "Ruang A"])
        #expect(
            out
                == "Updated session psc-3/2 (now psc-3/1): start 2024-01-09 13:00 → 2024-01-09 08:00, end 2024-01-09 15:00 → 2024-01-09 08:45, room (none) → Ruang A.\n"
        )
        #expect(
            try Self.refused(
                cli, ["session", "edit", "psc-3/1", "--start", "2024-01-12 09:00", "--end", "10:00"], code: 65
            )
            .contains("outside the event's dates"))
        #expect(try Self.refused(cli, ["session", "edit", "psc-3/9", "--room", "X"], code: 66).contains("psc-3/9"))
        #expect(try Self.refused(cli, ["session", "edit", "psc-3/1"], code: 64).contains("at least one field"))
    }

    @Test("session remove: refused while it holds marks, --force says how many go")
    func sessionRemove() throws {
        let cli = try Self.seeded()
        let err = try Self.refused(cli, ["session", "remove", "psc-3/1"], code: 65)
        #expect(err.contains("psc-3/1 holds 3 attendance marks"))
        #expect(err.contains("--force"))

        let before = try cli.databaseContents()
        let dry = cli.ok(["session", "remove", "psc-3/1", "--force", "--dry-run"])
        #expect(
            dry
                == "Dry run, nothing changed. Would remove session psc-3/1 (Plenary) and its 3 attendance marks (2 counted as attendance).\n"
        )
        #expect(try cli.databaseContents() == before)

        let out = cli.ok(["session", "remove", "psc-3/1", "--force"])
        #expect(out == "Removed session psc-3/1 (Plenary) and its 3 attendance marks (2 counted as attendance).\n")
        #expect(cli.ok(["stats", "--event", "psc-3", "--format", "json"]).contains("\"attendances\": 0"))
        let last = cli.ok(["session", "remove", "psc-3/1"])
        #expect(last.contains("psc-3 had no other session: its attendance goes to a default session, psc-3/1."))
    }

    @Test("register --cancel: kept, no longer counted; refused after attendance; --role on an existing registration")
    func cancelAndRole() throws {
        let cli = try Self.seeded()
        let out = cli.ok(["register", "--event", "psc-3", "--cancel", "rina@example.org"])
        #expect(
            out.hasSuffix(
                "  registration cancelled (1 excused or absent mark kept)\npsc-3: 1 registration cancelled, 0 already cancelled.\n"
            ))
        #expect(cli.ok(["event", "show", "psc-3"]).contains("Registered:    2"))
        #expect(
            cli.ok(["participant", "list", "--event", "psc-3", "--format", "csv"]).contains(",participant,cancelled,0"))

        let err = try Self.refused(cli, ["register", "--event", "psc-3", "--cancel", "budi@example.org"], code: 65)
        #expect(err.contains("attended 1 session of psc-3"))
        #expect(err.contains("convene attend --undo --session psc-3/N budi@example.org"))
        #expect(
            try Self.refused(
                cli, ["register", "--event", "psc-3", "--cancel", "--role", "chair", "budi@example.org"], code: 64
            ).contains("--cancel and --role"))
        #expect(
            try Self.refused(cli, ["register", "--event", "psc-3", "--dry-run", "budi@example.org"], code: 64).contains(
                "--dry-run goes with --cancel"))
        cli.ok(["participant", "add", "--name", "Outsider", "--email", "out@example.org"])
        #expect(
            try Self.refused(cli, ["register", "--event", "psc-3", "--cancel", "out@example.org"], code: 66).contains(
                "registration"))

        #expect(
            cli.ok(["register", "--event", "psc-3", "siti@example.org"]).contains("already registered as co-chair"))
        #expect(
            cli.ok(["register", "--event", "psc-3", "siti@example.org", "--role", "chair"]).contains(
                "role changed from co-chair to chair"))
        #expect(
            cli.ok(["register", "--event", "psc-3", "rina@example.org"]).contains(
                "registration reinstated as participant"))
    }

    @Test("attend --undo: a mark made by mistake goes; a missing one removes nothing")
    func undo() throws {
        let cli = try Self.seeded()
        let before = try cli.databaseContents()
        #expect(
            cli.ok(["attend", "--session", "psc-3/1", "--undo", "--dry-run", "budi@example.org"]).contains(
                "Dry run, nothing changed. psc-3/1: 1 mark would be removed."))
        #expect(try cli.databaseContents() == before)
        let out = cli.ok(["attend", "--session", "psc-3/1", "--undo", "budi@example.org"])
        #expect(out.hasSuffix("  mark removed (was present)\npsc-3/1: 1 mark removed.\n"))
        #expect(cli.ok(["event", "show", "psc-3"]).contains("Participants:  1 attended"))

        let err = try Self.refused(
            cli, ["attend", "--session", "psc-3/1", "--undo", "siti@example.org", "budi@example.org"], code: 66)
        #expect(err.contains("'budi@example.org' has no attendance mark in psc-3/1; nothing was removed."))
        #expect(
            try Self.refused(
                cli, ["attend", "--session", "psc-3/1", "--undo", "--status", "late", "siti@example.org"], code: 64
            ).contains("--undo"))
        #expect(
            try Self.refused(cli, ["attend", "--session", "psc-3/1", "--dry-run", "siti@example.org"], code: 64)
                .contains("--dry-run goes with --undo"))
    }

    @Test("participant merge: what moved, the conflicts, the fields; refusals change nothing")
    func merge() throws {
        // Given Siti entered a second time, marked excused at the plenary and present at the workplan
        let cli = try Self.seeded()
        cli.ok([
            "participant", "add", "--name", "Siti A.", "--email", "siti.a@example.org", "--province", "DKI Jakarta",
        ])
        cli.ok(["register", "--event", "psc-3", "siti.a@example.org", "--role", "speaker"])
        cli.ok(["attend", "--session", "psc-3/1", "--status", "excused", "siti.a@example.org"])
        cli.ok(["attend", "--session", "psc-3/2", "siti.a@example.org"])
        let statsBefore = cli.ok(["stats", "--event", "psc-3", "--format", "json"])
        #expect(statsBefore.contains("\"participants\": 3") && statsBefore.contains("\"registered\": 4"))

        let before = try cli.databaseContents()
        let dry = cli.ok(["participant", "merge", "siti.a@example.org", "siti@example.org", "--dry-run"])
        #expect(dry.hasPrefix("Dry run, nothing changed. Would merge "))
        #expect(try cli.databaseContents() == before)

        let out = cli.ok(["participant", "merge", "siti.a@example.org", "siti@example.org"])
        let lines = out.replacing(/[0-9a-f]{8}/, with: "ID").split(separator: "\n").map(String.init)
        #expect(
            lines == [
                "Merged ID into ID: moved 1 attendance mark; combined 1 registration and 1 mark held by both; ID removed.",
                "Conflicting marks (the stronger status stays):",
                "  psc-3/1  present kept, excused dropped",
                "Filled from ID: province.",
                "Kept in ID, differing in ID:",
                "  role at psc-3  co-chair  (ID: speaker)",
                "  name           Siti Aminah  (ID: Siti A.)",
                "  email          siti@example.org  (ID: siti.a@example.org)",
            ], "\(out)")
        let statsAfter = cli.ok(["stats", "--event", "psc-3", "--format", "json"])
        #expect(statsAfter.contains("\"participants\": 2") && statsAfter.contains("\"registered\": 3"))
        #expect(statsAfter.contains("\"attendances\": 3"))

        #expect(
            try Self.refused(cli, ["participant", "merge", "siti@example.org", "+62 812 3456 7890"], code: 65).contains(
                "same participant"))
        #expect(
            try Self.refused(cli, ["participant", "merge", "nobody@example.org", "siti@example.org"], code: 66)
                .contains("nobody@example.org"))
        #expect(try Self.refused(cli, ["participant", "merge", "siti@example.org"], code: 64).contains("into"))
    }
}
