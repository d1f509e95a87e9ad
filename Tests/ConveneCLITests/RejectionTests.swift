import ConveneCore
import Foundation
import GRDB
import Testing

@testable import ConveneCLI

@Suite("rejections: clear message, right exit code, nothing written")
struct RejectionTests {
    @Test("a command on a missing database says how to create it (66) and creates nothing")
    func missingDatabase() throws {
        let cli = try CLIHarness()
        let result = cli.run(["event", "list"])
        #expect(result.code == 66)
        #expect(result.err.contains("convene init"))
        #expect(!FileManager.default.fileExists(atPath: cli.databasePath))
    }

    @Test("init in a folder that does not exist cannot create output (73)")
    func missingFolder() throws {
        let cli = try CLIHarness()
        let result = cli.run(["--db", cli.directory.appendingPathComponent("no/such/dir/x.sqlite").path, "init"])
        #expect(result.code == 73)
        #expect(result.err.contains("does not exist"))
    }

    @Test("a file that is not a database is an I/O error (74), left as it was")
    func notADatabase() throws {
        let cli = try CLIHarness()
        try Data("Nama;Instansi\nSiti;Kemlu\n".utf8).write(to: URL(fileURLWithPath: cli.databasePath))
        let result = cli.run(["event", "list"])
        #expect(result.code == 74)
        #expect(result.err.contains("is not a database file (it is not SQLite). Convene left it untouched"))
        #expect(try String(contentsOfFile: cli.databasePath, encoding: .utf8) == "Nama;Instansi\nSiti;Kemlu\n")
    }

    @Test(
        "an unknown coded value is a usage error that lists the accepted values",
        arguments: [
            (["participant", "add", "--name", "X", "--gender", "x"], "'female', 'male', 'other' or 'undisclosed'"),
            (
                ["event", "add", "--code", "e", "--title", "E", "--kind", "party", "--start", "2024-01-01"],
                "'psc-meeting'"
            ),
            (["org", "add", "--name", "X", "--type", "club"], "human-rights-institution"),
            (["register", "--event", "e", "x@example.org", "--role", "boss"], "resource-person"),
            (["attend", "--session", "e/1", "x@example.org", "--status", "maybe"], "'left-early'"),
        ])
    func badCodedValue(arguments: [String], listed: String) throws {
        let cli = try CLIHarness()
        cli.ok(["init"])
        let result = cli.run(arguments)
        #expect(result.code == 64)
        #expect(result.err.contains(listed), "\(result.err)")
    }

    @Test(
        "a bad date or time names the flag",
        arguments: [
            (
                ["event", "add", "--code", "e", "--title", "E", "--kind", "meeting", "--start", "9/1/2024"], 64,
                "--start"
            ),
            (
                ["event", "add", "--code", "e", "--title", "E", "--kind", "meeting", "--start", "2024-02-30"], 64,
                "--start"
            ),
            (
                [
                    "event", "add", "--code", "e", "--title", "E", "--kind", "meeting", "--start", "2024-01-09",
                    "--end", "2024-01-08",
                ], 64, "--end"
            ),
            (
                [
                    "event", "add", "--code", "e", "--title", "E", "--kind", "meeting", "--start", "2024-01-09",
                    "--timezone", "Jakarta",
                ], 65, "IANA"
            ),
        ])
    func badDates(arguments: [String], code: Int32, named: String) throws {
        let cli = try CLIHarness()
        cli.ok(["init"])
        let result = cli.run(arguments)
        #expect(result.code == code, "\(result.err)")
        #expect(result.err.contains(named), "\(result.err)")
        #expect(cli.ok(["event", "list", "--format", "csv"]).split(separator: "\n").count == 1)
    }

    @Test("a session time outside the event's dates, or ending before it starts, is refused")
    func badSessionTimes() throws {
        let cli = try CLIHarness()
        cli.seedPSC3()
        let outside = cli.run(["session", "add", "--event", "psc-3", "--title", "X", "--start", "2024-01-10 09:00"])
        #expect(outside.code == 65)
        #expect(outside.err.contains("outside the event's dates"))
        let backwards = cli.run([
            "session", "add", "--event", "psc-3", "--title", "X", "--start", "14:00", "--end", "13:00",
        ])
        #expect(backwards.code == 65)
        #expect(backwards.err.contains("--end"))
        let notATime = cli.run(["session", "add", "--event", "psc-3", "--title", "X", "--start", "9am"])
        #expect(notATime.code == 65)
        #expect(notATime.err.contains("--start: '9am' is not a time"))
    }

    @Test("a duplicate event code is refused (65)")
    func duplicateEventCode() throws {
        let cli = try CLIHarness()
        cli.seedPSC3()
        let result = cli.run([
            "event", "add", "--code", "PSC-3", "--kind", "meeting", "--title", "Again", "--start", "2024-02-01",
        ])
        #expect(result.code == 65)
        #expect(result.err.contains("already exists"))
        #expect(cli.ok(["event", "list", "--format", "csv"]).split(separator: "\n").count == 2)
    }

    @Test("a duplicate email is refused (65)")
    func duplicateEmail() throws {
        let cli = try CLIHarness()
        cli.seedPSC3()
        let result = cli.run(["participant", "add", "--name", "Another Siti", "--email", "SITI@example.org"])
        #expect(result.code == 65)
        #expect(result.err.contains("siti@example.org"))
    }

    @Test("an ambiguous reference lists candidates without names and writes nothing (65)")
    func ambiguousReference() throws {
        // Given two people with the same name at different organisations
        let cli = try CLIHarness()
        cli.seedPSC3()
        cli.ok(["participant", "add", "--name", "Ahmad Fauzi", "--org", "Kemlu", "--email", "ahmad.kemlu@example.org"])
        cli.ok(["participant", "add", "--name", "Ahmad Fauzi", "--org", "SBMI", "--email", "ahmad.sbmi@example.org"])
        let before = try cli.databaseContents()

        // When one registers "Ahmad Fauzi" together with Siti
        let result = cli.run(["register", "--event", "psc-3", "siti@example.org", "ahmad fauzi"])

        // Then it fails, listing both by short id and organisation with masked emails
        #expect(result.code == 65)
        #expect(result.err.contains("matches 2 participants; nothing was changed"))
        #expect(result.err.contains("Kemlu  a****@example.org"))
        #expect(result.err.contains("SBMI  a****@example.org"))
        #expect(!result.err.contains("ahmad.kemlu@example.org"))
        // And nobody was registered, Siti included
        #expect(try cli.databaseContents() == before)
    }

    @Test("an ambiguous session reference (event with several sessions) lists them")
    func ambiguousSession() throws {
        let cli = try CLIHarness()
        cli.seedPSC3()
        cli.ok(["session", "add", "--event", "psc-3", "--title", "Closing", "--start", "13:00"])
        let result = cli.run(["attend", "--session", "psc-3", "siti@example.org"])
        #expect(result.code == 65)
        #expect(result.err.contains("psc-3/1  Plenary"))
        #expect(result.err.contains("psc-3/2  Closing"))
        let missing = cli.run(["attend", "--session", "psc-3/3", "siti@example.org"])
        #expect(missing.code == 66)
        #expect(missing.err.contains("psc-3 has 2 sessions"))
    }

    @Test("attendance for an unregistered person without --walk-in is refused; nobody is marked")
    func unregisteredAttendance() throws {
        let cli = try CLIHarness()
        cli.seedPSC3()
        cli.ok(["participant", "add", "--name", "Outsider", "--email", "out@example.org"])
        let before = try cli.databaseContents()
        let result = cli.run(["attend", "--session", "psc-3/1", "siti@example.org", "out@example.org"])
        #expect(result.code == 65)
        #expect(result.err.contains("out@example.org is not registered for psc-3"))
        #expect(result.err.contains("--walk-in"))
        #expect(try cli.databaseContents() == before)
        #expect(cli.ok(["event", "show", "psc-3"]).contains("Participants:  0"))
    }

    @Test(
        "unknown references are missing records (66)",
        arguments: [
            ["register", "--event", "psc-9", "siti@example.org"],
            ["register", "--event", "psc-3", "nobody@example.org"],
            ["participant", "add", "--name", "X", "--org", "Kementerian Urusan Antariksa"],
            ["org", "add", "--name", "Subdit", "--type", "ministry", "--parent", "Kementerian Urusan Antariksa"],
            ["participant", "show", "deadbeef"],
        ])
    func unknownReference(arguments: [String]) throws {
        let cli = try CLIHarness()
        cli.seedPSC3()
        let result = cli.run(arguments)
        #expect(result.code == 66, "\(result.err)")
        #expect(result.err.hasPrefix("Error: No "))
    }

    @Test("attend without anyone to mark, or person fields without --walk-in, is a usage error")
    func attendUsage() throws {
        let cli = try CLIHarness()
        cli.seedPSC3()
        #expect(cli.run(["attend", "--session", "psc-3/1"]).code == 64)
        let fields = cli.run(["attend", "--session", "psc-3/1", "--name", "X"])
        #expect(fields.code == 64)
        #expect(fields.err.contains("--walk-in"))
    }

    @Test("a newer schema is refused with a clear message and left untouched (74)")
    func newerSchema() throws {
        // Given a database that a future Convene migrated further
        let cli = try CLIHarness()
        cli.seedPSC3()
        try AppDatabaseTestHook.addFutureMigration(at: cli.databasePath)
        let before = try cli.databaseContents()

        // When this binary is asked to write to it, or to read from it
        let write = cli.run(["participant", "add", "--name", "Late Comer", "--email", "late@example.org"])
        let read = cli.run(["event", "list"])

        // Then both are refused and the file is unchanged
        #expect(write.code == 74)
        #expect(write.err.contains("newer version of Convene"))
        #expect(write.err.contains("v99-future"))
        #expect(read.code == 74)
        #expect(try cli.databaseContents() == before)
    }
}

/// Simulates a database written by a later Convene, bypassing AppDatabase.
enum AppDatabaseTestHook {
    static func addFutureMigration(at path: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: "INSERT INTO grdb_migrations VALUES ('v99-future')") }
        try queue.close()
    }
}
