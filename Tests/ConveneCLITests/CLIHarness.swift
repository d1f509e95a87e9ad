import ConveneCore
import Foundation
import GRDB
import Synchronization
import Testing

@testable import ConveneCLI

/// A temp folder with a database path in it, and a way to run `convene` commands
/// against it in-process, capturing output and the exit code.
final class CLIHarness: Sendable {
    let directory: URL
    let databasePath: String
    let environment: [String: String]
    /// What commands take as today (fixed, so overdue and dated updates are reproducible).
    let today: CalendarDate

    init(environment: [String: String] = [:], today: CalendarDate = CalendarDate(iso: "2024-03-01")!) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("convene-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        databasePath = directory.appendingPathComponent("convene.sqlite").path
        self.environment = environment
        self.today = today
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    struct Result {
        var code: Int32
        var out: String
        var err: String
    }

    /// Runs one command line (without the leading `convene`), in `directory`.
    @discardableResult
    func run(_ arguments: [String]) -> Result {
        let out = Mutex("")
        let err = Mutex("")
        let today = today
        let context = CommandContext(
            environment: environment, currentDirectory: directory.path,
            standardOutput: { text in out.withLock { $0 += text } },
            standardError: { text in err.withLock { $0 += text } },
            stderrIsTerminal: false, today: { today })
        let code = Convene.execute(arguments, context: context)
        return Result(code: code, out: out.withLock { $0 }, err: err.withLock { $0 })
    }

    /// Runs a command line that must succeed; records an issue with its stderr if not.
    @discardableResult
    func ok(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) -> String {
        let result = run(arguments)
        #expect(
            result.code == 0, "convene \(arguments.joined(separator: " ")) failed: \(result.err)",
            sourceLocation: sourceLocation)
        return result.out
    }

    /// Every row of every table, read with plain GRDB: equal before and after a failed
    /// command proves the command wrote nothing.
    func databaseContents() throws -> [String] {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: databasePath, configuration: configuration)
        defer { try? queue.close() }
        return try queue.read { db in
            let tables = try String.fetchAll(
                db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            return try tables.flatMap { table in
                // Sorted as text: a WITHOUT ROWID table (eventAttendee) has no rowid to order by.
                try Row.fetchAll(db, sql: "SELECT * FROM \(table.quotedDatabaseIdentifier)")
                    .map { "\(table): \($0.description)" }.sorted()
            }
        }
    }

    /// The PSC-3 opening of the README walkthrough: two organisations, an event with a
    /// timed plenary, three registered participants.
    func seedPSC3() {
        ok(["init"])
        ok(["org", "add", "--name", "Kementerian Luar Negeri", "--acronym", "Kemlu", "--type", "ministry"])
        ok(["org", "add", "--name", "Direktorat Sosial Budaya dan OINB", "--parent", "Kemlu", "--type", "ministry"])
        ok(["org", "add", "--name", "Serikat Buruh Migran Indonesia", "--acronym", "SBMI", "--type", "civil-society"])
        ok([
            "event", "add", "--code", "psc-3", "--kind", "psc-meeting", "--series", "PSC", "--number", "3",
            "--title", "Third Programme Steering Committee meeting", "--start", "2024-01-09",
            "--venue", "Diplomacy Cafeteria Meeting Room", "--city", "Jakarta",
        ])
        ok([
            "session", "add", "--event", "psc-3", "--title", "Plenary", "--start", "2024-01-09 09:00", "--end",
            "2024-01-09 12:00",
        ])
        ok([
            "participant", "add", "--name", "Siti Aminah", "--gender", "perempuan", "--stakeholder",
            "government-national",
            "--org", "Kemlu", "--email", "siti@example.org", "--phone", "0812-3456-7890",
        ])
        ok([
            "participant", "add", "--name", "Budi Santoso", "--gender", "L", "--stakeholder", "migrant-or-diaspora",
            "--org", "SBMI", "--email", "budi@example.org",
        ])
        ok([
            "participant", "add", "--name", "Rina Wulandari", "--gender", "female", "--stakeholder",
            "government-national",
            "--org", "Direktorat Sosial Budaya dan OINB", "--email", "rina@example.org",
        ])
        ok(["register", "--event", "psc-3", "siti@example.org", "--role", "co-chair"])
        ok(["register", "--event", "psc-3", "budi@example.org", "rina@example.org"])
    }
}
