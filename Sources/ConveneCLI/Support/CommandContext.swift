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

    static func live() -> CommandContext {
        CommandContext(
            environment: ProcessInfo.processInfo.environment,
            currentDirectory: FileManager.default.currentDirectoryPath,
            standardOutput: { text in FileHandle.standardOutput.write(Data(text.utf8)) },
            standardError: { text in FileHandle.standardError.write(Data(text.utf8)) },
            stderrIsTerminal: isatty(STDERR_FILENO) != 0)
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

    /// Everything Convene prints passes here: text that came from a file or a database
    /// (a name with an ESC sequence, a text-direction override) is shown as `\u{1B}` and
    /// the like instead of acting on the terminal. Tabs and line breaks stay.
    static func visible(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isControl(scalar) {
                result.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: false
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
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
