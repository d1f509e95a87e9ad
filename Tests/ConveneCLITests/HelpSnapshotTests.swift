import ArgumentParser
import Foundation
import Testing

@testable import ConveneCLI

/// `--help` is part of the interface: it is compared with files a reviewer can read.
/// Run with CONVENE_RECORD_SNAPSHOTS=1 to rewrite them after an intended change.
@Suite("help snapshots")
struct HelpSnapshotTests {
    static let snapshots = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Snapshots")

    @Test(
        "help text matches its snapshot",
        arguments: [
            ("convene", [] as [String]), ("attend", ["attend"]), ("participant-add", ["participant", "add"]),
            ("event-add", ["event", "add"]), ("stats", ["stats"]), ("export", ["export"]),
        ])
    func help(name: String, path: [String]) throws {
        let command = try #require(Convene.subcommand(path))
        let text = Convene.helpMessage(for: command, columns: 100) + "\n"
        let file = Self.snapshots.appendingPathComponent("\(name).help.txt")
        if ProcessInfo.processInfo.environment["CONVENE_RECORD_SNAPSHOTS"] == "1" {
            try text.write(to: file, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: file, encoding: .utf8)
        #expect(
            text == expected,
            "help for '\(path.joined(separator: " "))' changed; rerun with CONVENE_RECORD_SNAPSHOTS=1 if intended")
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
