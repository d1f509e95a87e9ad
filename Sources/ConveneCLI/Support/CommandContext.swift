import ArgumentParser
import ConveneCore
import Foundation

/// What a command runs against: the environment it reads and where its output goes.
/// Tests swap in a captured context, so they parse real arguments and read the output
/// without spawning a process.
struct CommandContext: Sendable {
    var environment: [String: String]
    var currentDirectory: String
    var standardOutput: @Sendable (String) -> Void
    var standardError: @Sendable (String) -> Void
    /// Progress lines are for people watching a terminal, not for pipes.
    var stderrIsTerminal: Bool

    static func live() -> CommandContext {
        CommandContext(
            environment: ProcessInfo.processInfo.environment,
            currentDirectory: FileManager.default.currentDirectoryPath,
            standardOutput: { text in FileHandle.standardOutput.write(Data(text.utf8)) },
            standardError: { text in FileHandle.standardError.write(Data(text.utf8)) },
            stderrIsTerminal: isatty(STDERR_FILENO) != 0)
    }

    /// Writes a line to standard output.
    func print(_ text: String) {
        standardOutput(text.hasSuffix("\n") ? text : text + "\n")
    }

    /// Writes a line to standard error.
    func error(_ text: String) {
        standardError(text.hasSuffix("\n") ? text : text + "\n")
    }
}

/// A command that runs against a `CommandContext`.
protocol ConveneCommand: ParsableCommand {
    func run(in context: CommandContext) throws
}

extension ConveneCommand {
    func run() throws {
        try run(in: .live())
    }
}
