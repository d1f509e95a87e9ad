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
    /// Today's date on this machine; tests fix it (overdue actions, dated updates).
    var today: @Sendable () -> CalendarDate = { CalendarDate(Date(), in: .current) }
    /// Starts the check-in server for `convene serve`: `convene-serve` in place of this
    /// process. Tests record the request instead (and have no server program to run).
    var startServer: @Sendable (ServeRequest) throws -> Void = { _ in
        throw ConveneError.notFound(kind: "program", reference: ServeRequest.programName)
    }

    static func live() -> CommandContext {
        CommandContext(
            environment: ProcessInfo.processInfo.environment,
            currentDirectory: FileManager.default.currentDirectoryPath,
            standardOutput: { text in FileHandle.standardOutput.write(Data(text.utf8)) },
            standardError: { text in FileHandle.standardError.write(Data(text.utf8)) },
            stderrIsTerminal: isatty(STDERR_FILENO) != 0, startServer: ServerLauncher.replaceProcess)
    }

    /// Writes a line to standard output, control characters made visible.
    func print(_ text: String) {
        let safe = Self.visible(text)
        standardOutput(safe.hasSuffix("\n") ? safe : safe + "\n")
    }

    /// Writes text to standard output as it is, control characters made visible.
    func write(_ text: String) {
        standardOutput(Self.visible(text))
    }

    /// Writes a line to standard error, control characters made visible.
    func error(_ text: String) {
        let safe = Self.visible(text)
        standardError(safe.hasSuffix("\n") ? safe : safe + "\n")
    }

    /// Everything Convene prints passes here (see `TerminalText`).
    static func visible(_ text: String) -> String { TerminalText.visible(text) }
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
