import Foundation
import GRDB
import Testing

@testable import ConveneCLI
@testable import ConveneCore

/// Nothing a user has is destroyed: outputs never land on the database or the input,
/// other programs' files are never converted, erased data is really gone.
@Suite("data safety: output paths, foreign files, erasure, hostile text")
struct DataSafetyTests {
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/imports")

    func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    // MARK: - Output paths

    @Test(
        "an output naming the database or its -wal/-shm is refused (73) and the database is left as it was",
        arguments: [
            ["stats", "--out", "convene.sqlite"], ["stats", "--out", "convene.sqlite", "--force"],
            ["stats", "--out", "convene.sqlite-wal", "--force"], ["stats", "--out", "./sub/../convene.sqlite-shm"],
            ["export", "--anonymised", "--out", "convene.sqlite", "--force"],
            ["import", "registrations", "--event", "psc-3", "--rejects", "convene.sqlite", "--force", "in.csv"],
        ])
    func outputOntoDatabase(arguments: [String]) throws {
        let cli = try CLIHarness()
        cli.seedPSC3()
        try FileManager.default.createDirectory(
            at: cli.directory.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try Data("Nama\nDewi\n".utf8).write(to: cli.directory.appendingPathComponent("in.csv"))
        let before = try cli.databaseContents()
        let result = cli.run(arguments)
        #expect(result.code == 73, "\(result.err)")
        #expect(result.err.contains("that is the database"), "\(result.err)")
        #expect(try cli.databaseContents() == before)
        #expect(try AppDatabase.inspect(path: cli.databasePath) == .convene)
    }

    @Test("commands that only read leave the database file byte for byte as it was")
    func readsWriteNothing() throws {
        let cli = try CLIHarness()
        cli.seedPSC3()
        let before = try bytes(cli.databasePath)
        #expect(!FileManager.default.fileExists(atPath: cli.databasePath + "-wal"))
        let reads = [
            ["event", "list"], ["event", "show", "psc-3"], ["stats"], ["session", "list", "--event", "psc-3"],
        ]
        for command in reads { _ = cli.ok(command) }
        #expect(try bytes(cli.databasePath) == before)
    }

    @Test("--rejects naming the input file is refused, with or without --dry-run, and the input is kept")
    func rejectsOntoInput() throws {
        let cli = try CLIHarness()
        cli.seedPSC3()
        let input = cli.directory.appendingPathComponent("form.csv")
        let text = "Nama,Jenis Kelamin\nDewi,X\n"
        try Data(text.utf8).write(to: input)
        for extra in [[], ["--dry-run"]] {
            let result = cli.run(
                ["import", "registrations", "--event", "psc-3", "--rejects", "form.csv", "--force", "form.csv"] + extra)
            #expect(result.code == 73)
            #expect(result.err.contains("that is the input file"))
            #expect(try String(contentsOf: input, encoding: .utf8) == text)
        }
    }

    @Test("an existing file is replaced only with --force, keeping its mode; a symlink is never written through")
    func existingFilesAndLinks() throws {
        let cli = try CLIHarness()
        cli.seedPSC3()
        let report = cli.directory.appendingPathComponent("report.txt")
        try Data("last month's report\n".utf8).write(to: report)
        chmod(report.path, 0o640)

        let refused = cli.run(["stats", "--out", "report.txt"])
        #expect(refused.code == 73)
        #expect(refused.err.contains("the file exists. Add --force to replace it"))
        #expect(try String(contentsOf: report, encoding: .utf8) == "last month's report\n")

        cli.ok(["stats", "--out", "report.txt", "--force"])
        #expect(try String(contentsOf: report, encoding: .utf8).contains("Registered"))
        let mode = try FileManager.default.attributesOfItem(atPath: report.path)[.posixPermissions] as? Int
        #expect(mode == 0o640)

        let target = cli.directory.appendingPathComponent("elsewhere.txt")
        try Data("keep me\n".utf8).write(to: target)
        try FileManager.default.createSymbolicLink(
            at: cli.directory.appendingPathComponent("link.txt"), withDestinationURL: target)
        let linked = cli.run(["stats", "--out", "link.txt", "--force"])
        #expect(linked.code == 73)
        #expect(linked.err.contains("symbolic link"))
        #expect(try String(contentsOf: target, encoding: .utf8) == "keep me\n")
        // No temporary files are left behind by any of it.
        let names = try FileManager.default.contentsOfDirectory(atPath: cli.directory.path)
        #expect(!names.contains { $0.hasPrefix(".report.txt.") || $0.hasPrefix(".link.txt.") })
    }

    @Test("a failed import leaves an earlier rejects file as it was")
    func failedRunKeepsEarlierFile() throws {
        let cli = try CLIHarness()
        cli.seedPSC3()
        let rejects = cli.directory.appendingPathComponent("rejected.csv")
        try Data("yesterday's rejects\n".utf8).write(to: rejects)
        let result = cli.run([
            "import", "registrations", "--event", "psc-3", "--rejects", "rejected.csv", "--force",
            Self.fixtures.appendingPathComponent("google-forms-symposium.csv").path,
        ])
        #expect(result.code == 65)
        #expect(try String(contentsOf: rejects, encoding: .utf8) == "yesterday's rejects\n")
    }

    // MARK: - Files that are not Convene's

    @Test("another program's SQLite file is refused (74) by every command, byte for byte untouched")
    func foreignSQLite() throws {
        let cli = try CLIHarness()
        let queue = try DatabaseQueue(path: cli.databasePath)
        try queue.write { db in
            try db.execute(
                sql: "CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO note VALUES (1, 'x')")
        }
        try queue.close()
        let before = try bytes(cli.databasePath)
        for arguments in [["stats"], ["event", "list"], ["init"], ["check"], ["backup", "copy.sqlite"]] {
            let result = cli.run(arguments)
            #expect(result.code == 74, "\(arguments): \(result.err)")
            #expect(result.err.contains("another program's SQLite database"), "\(arguments): \(result.err)")
        }
        #expect(try bytes(cli.databasePath) == before)
        #expect(!FileManager.default.fileExists(atPath: cli.databasePath + "-wal"))
        let tables = try DatabaseQueue(path: cli.databasePath).read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        #expect(tables == ["note"])
    }

    @Test("an empty file: commands refuse it (74), check says empty, init builds the database in it")
    func emptyFile() throws {
        let cli = try CLIHarness()
        #expect(FileManager.default.createFile(atPath: cli.databasePath, contents: Data()))
        let stats = cli.run(["stats"])
        #expect(stats.code == 74)
        #expect(stats.err.contains("is empty"))
        #expect(try bytes(cli.databasePath).isEmpty)
        let check = cli.run(["check"])
        #expect(check.code == 74)
        #expect(check.out.contains("FAIL  file: empty"))
        #expect(cli.ok(["init"]).hasPrefix("Created "))
        #expect(try AppDatabase.inspect(path: cli.databasePath) == .convene)
    }

    @Test("a Convene file from before the application id keeps working and gets the id")
    func olderConveneFile() throws {
        let cli = try CLIHarness()
        let queue = try DatabaseQueue(path: cli.databasePath)
        try AppDatabase.migrator.migrate(queue, upTo: "v2-privacy-and-statistics")
        try queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO participant (id, fullName, gender, disability, createdAt, updatedAt)
                    VALUES ('p1', 'SITI  Aminah', 'female', 'undisclosed', '2024-01-01', '2024-01-01')
                    """)
        }
        try queue.close()
        #expect(try AppDatabase.inspect(path: cli.databasePath) == .conveneBeforeApplicationID)
        #expect(cli.ok(["participant", "list"]).contains("SITI  Aminah"))
        #expect(try AppDatabase.inspect(path: cli.databasePath) == .convene)
        let key = try DatabaseQueue(path: cli.databasePath).read { db in
            try String.fetchOne(db, sql: "SELECT nameKey FROM participant")
        }
        #expect(key == "siti aminah")
    }

    @Test("a file an earlier version made is upgraded by the first command, which says so on stderr; once")
    func upgradeNotice() throws {
        // init makes a new file: nothing to upgrade, nothing said.
        #expect(try CLIHarness().run(["init"]).err.isEmpty)
        let cli = try CLIHarness()
        cli.seedPSC3()
        #expect(cli.run(["event", "list"]).err.isEmpty)
        let queue = try DatabaseQueue(path: cli.databasePath)
        try queue.write { db in
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v11-checks-without-lists'")
        }
        try queue.close()
        let first = cli.run(["event", "list"])
        #expect(first.code == 0)
        #expect(
            first.err.hasPrefix("Upgrading \(cli.databasePath) for this version of Convene (v11-checks-without-lists)"))
        #expect(first.out.contains("psc-3"))
        let second = cli.run(["event", "list"])
        #expect(second.code == 0 && second.err.isEmpty)
        #expect(second.out == first.out)
    }

    @Test("backup leaves nothing under the final name until the copy is whole; a leftover partial copy blocks nothing")
    func backupIsAtomic() throws {
        let cli = try CLIHarness()
        cli.seedPSC3()
        // What a backup killed mid-copy used to leave: now it can only be a hidden partial file.
        let partial = cli.directory.appendingPathComponent(".copy.sqlite.partial-deadbeef")
        try Data(repeating: 7, count: 4096).write(to: partial)
        #expect(cli.ok(["backup", "copy.sqlite"]).contains("3 participants"))
        let copy = cli.directory.appendingPathComponent("copy.sqlite").path
        #expect(try AppDatabase.inspect(path: copy) == .convene)
        #expect(cli.run(["backup", "copy.sqlite"]).code == 73)
        let names = try FileManager.default.contentsOfDirectory(atPath: cli.directory.path)
        #expect(names.filter { $0.hasPrefix(".copy.sqlite.partial-") } == [".copy.sqlite.partial-deadbeef"])
    }

    // MARK: - Erasure

    @Test("after erase, neither the database file nor its WAL holds the name, e-mail or phone, with a reader open")
    func erasureLeavesNoTrace() throws {
        let cli = try CLIHarness()
        cli.seedPSC3()
        cli.ok(["attend", "--session", "psc-3/1", "siti@example.org"])
        let before = cli.ok(["export", "--anonymised"])
        // Another connection holds the database open, as `convene serve` would.
        let other = try DatabasePool(path: cli.databasePath)
        _ = try other.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM participant") }

        let erased = cli.run(["participant", "erase", "siti@example.org", "--yes"])
        #expect(erased.code == 0)
        #expect(erased.err.isEmpty, "\(erased.err)")
        for suffix in ["", "-wal"] {
            let path = cli.databasePath + suffix
            guard FileManager.default.fileExists(atPath: path) else { continue }
            let data = try bytes(path)
            for value in ["Siti Aminah", "siti@example.org", "+6281234567890", "siti aminah"] {
                #expect(data.firstRange(of: Data(value.utf8)) == nil, "\(value) still in convene.sqlite\(suffix)")
            }
        }
        try other.close()
        // The erased person's pseudonym is new, so old exports cannot be joined to new ones.
        let after = cli.ok(["export", "--anonymised"])
        let pseudonyms = { (csv: String) in
            Set(csv.split(separator: "\n").dropFirst().map { $0.prefix(while: { $0 != "," }) })
        }
        #expect(pseudonyms(before).count == 3 && pseudonyms(after).count == 3)
        #expect(pseudonyms(before).intersection(pseudonyms(after)).count == 2)
    }

    // MARK: - Hostile text on the terminal

    @Test("control characters already in a database are printed escaped, never raw")
    func escapedOnOutput() throws {
        let cli = try CLIHarness()
        cli.seedPSC3()
        let queue = try DatabaseQueue(path: cli.databasePath)
        try queue.write { db in
            try db.execute(
                sql:
                    "UPDATE participant SET fullName = 'Budi \u{1B}]0;pwned\u{07}\u{202E}Santoso' WHERE email = 'budi@example.org'"
            )
            try db.execute(sql: "UPDATE organisation SET name = 'SBMI \u{1B}[2J' WHERE acronym = 'SBMI'")
        }
        try queue.close()
        for arguments in [["participant", "list"], ["participant", "show", "budi@example.org"], ["org", "list"]] {
            let out = cli.ok(arguments)
            #expect(!out.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x202E })
            #expect(out.contains("\\u{1B}"), "\(arguments): \(out)")
        }
    }
}
