import ArgumentParser
import Foundation
import Testing

@testable import ConveneCLI

/// `--help` is part of the interface: it is compared with files a reviewer can read.
/// `Snapshot.expect` records missing files and shows a diff.
@Suite("help snapshots")
struct HelpSnapshotTests {
    /// Kept for the suites that compare files themselves.
    static let snapshots = Snapshot.folder

    @Test(
        "help text matches its snapshot",
        arguments: [
            ("convene", [] as [String]), ("attend", ["attend"]), ("participant-add", ["participant", "add"]),
            ("event-add", ["event", "add"]), ("stats", ["stats"]), ("export", ["export"]),
            ("certificate", ["certificate"]), ("event-edit", ["event", "edit"]), ("session-edit", ["session", "edit"]),
            ("session-remove", ["session", "remove"]), ("register", ["register"]),
            ("participant-merge", ["participant", "merge"]), ("demo", ["demo"]), ("serve", ["serve"]),
        ])
    func help(name: String, path: [String]) throws {
        let command = try #require(Convene.subcommand(path))
        let text = Convene.helpMessage(for: command, columns: 100) + "\n"
        try Snapshot.expect(text, named: "\(name).help.txt")
    }
}

@Suite("command tree")
struct CommandTreeTests {
    /// A command without a `commandName` is named from its type at every start
    /// (`String(describing:)`), a search of every protocol conformance in the process for
    /// each command: it doubled the time `convene --version` took to start.
    @Test("every command names itself")
    func everyCommandNamed() {
        var unnamed: [String] = []
        var pending: [(path: String, type: ParsableCommand.Type)] = [("convene", Convene.self)]
        var visited = 0
        while let (path, type) = pending.popLast() {
            visited += 1
            if type.configuration.commandName == nil { unnamed.append(path) }
            for sub in type.configuration.subcommands {
                pending.append(("\(path) \(sub.configuration.commandName ?? String(describing: sub))", sub))
            }
        }
        #expect(unnamed.isEmpty, "named from their type at start-up: \(unnamed)")
        #expect(visited > 40)
    }
}

extension Convene {
    /// The command type at a subcommand path.
    static func subcommand(_ path: [String]) -> ParsableCommand.Type? {
        var current: ParsableCommand.Type = Convene.self
        for name in path {
            guard let next = current.configuration.subcommands.first(where: { $0._commandName == name }) else {
                return nil
            }
            current = next
        }
        return current
    }
}
