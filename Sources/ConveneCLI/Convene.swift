import ArgumentParser
import ConveneCore
import Foundation

@main
struct Convene: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convene",
        abstract: "Run a programme's events: register people, mark attendance, count who was reached.",
        discussion: """
            Convene keeps events, sessions, participants, registrations and attendance in one SQLite \
            file (./convene.sqlite unless --db PATH or $CONVENE_DB says otherwise).

            See what it does on a real programme's public record (a folder ./convene-demo):
              convene demo

            Start your own with:
              convene init
              convene event add --code psc-3 --kind psc-meeting --title "Third PSC meeting" --start 2024-01-09
              convene participant add --name "Siti Aminah" --gender female --org Kemlu --email siti@example.org
              convene register --event psc-3 siti@example.org
              convene attend --session psc-3/1 siti@example.org
              convene event show psc-3

            Exit codes: 0 success, 64 usage error, 65 bad input data, 66 missing file or record, \
            73 cannot create output, 74 I/O or database error.
            """,
        version: "0.1.0",
        subcommands: [
            Demo.self, Init.self, Org.self, EventCommand.self, SessionCommand.self, ParticipantCommand.self,
            Register.self, Attend.self, Import.self, ActionCommand.self, DecisionCommand.self,
            Minutes.self, Roster.self, Agenda.self, Certificate.self, Stats.self, Serve.self, Export.self,
            Backup.self, Check.self,
        ]
    )

    /// `convene --db PATH <command>`: the database option may come before the command too.
    @OptionGroup var database: DatabaseOptions

    /// Runs the process: every error is mapped to a message and an exit code here, once.
    static func main() {
        let code = execute(Array(CommandLine.arguments.dropFirst()), context: .live())
        Foundation.exit(code)
    }

    /// Parses and runs one command line against a context; returns the exit code.
    /// Tests call this with a captured context.
    static func execute(_ arguments: [String], context: CommandContext) -> Int32 {
        do {
            var command = try parseCommand(arguments)
            if let command = command as? any ConveneCommand {
                try command.run(in: context)
            } else {
                try command.run()
            }
            return 0
        } catch let error as ConveneError {
            context.error("Error: \(error.commandLineMessage)")
            return ExitStatus.code(for: error)
        } catch {
            let code = exitCode(for: error).rawValue
            let message = fullMessage(for: error)
            if code == 0 {
                if !message.isEmpty { context.print(message) }
            } else {
                context.error(message)
            }
            return code
        }
    }
}

extension Convene {
    /// What `parseAsRoot(arguments)` returns, found a shorter way when the arguments name a
    /// command that has no subcommands (`attend …`, `event list …`): that command is parsed on
    /// its own. Parsing from the root reads every argument as the root's too, and builds the
    /// named command's argument set twice more to see whether it takes the rest verbatim
    /// (`attend` for one person: 29.8M instructions that way, 26.2M this way). The group
    /// commands (`event`, `session`, …) have no options of their own to hand down, and
    /// `validate()` only checks. Anything but a clean parse of the named command (an error, a
    /// help or version request) is parsed again from the root, so messages, usage and help
    /// read as they always did. CommandParsingTests compares the two ways.
    static func parseCommand(_ arguments: [String]) throws -> ParsableCommand {
        var command: ParsableCommand.Type = Convene.self
        var rest = arguments[...]
        // The root's one option, `--db PATH`, may come first: the named commands take it too.
        var leading: [String] = []
        while let first = rest.first, first == "--db" || first.hasPrefix("--db=") {
            let taken = first == "--db" ? rest.prefix(2) : rest.prefix(1)
            leading += taken
            rest = rest.dropFirst(taken.count)
        }
        while let name = rest.first,
            let subcommand = command.configuration.subcommands.first(where: { $0.configuration.commandName == name })
        {
            command = subcommand
            rest = rest.dropFirst()
        }
        if command != Convene.self, command.configuration.subcommands.isEmpty {
            if let listed = command as? any ListedArguments.Type {
                if let parsed = listed.parsePacked(leading + rest) { return parsed }
            } else if let parsed = try? command.parseAsRoot(leading + rest), type(of: parsed) == command {
                return parsed
            }
        }
        return try parseAsRoot(arguments)
    }
}

/// A command whose positional arguments are a list of any length: the people `attend` marks
/// or `register` registers, a thousand at a time from a script.
///
/// swift-argument-parser (1.8.2) merges each value of a repeated argument into everything
/// parsed for that argument before it: the set of input positions is copied and rehashed,
/// and the array copied, once per value. A thousand references took 40 ms to parse, more than
/// marking them did. So `Convene.parseCommand` hands it each run of plain words as at most
/// two words (`ArgumentRuns.packed`) and unpacks the list afterwards; what it parses is the
/// same, value for value (`CommandParsingTests`).
protocol ListedArguments: ParsableCommand {
    /// Where the positional list is kept.
    static var list: WritableKeyPath<Self, [String]> { get }
}

extension ListedArguments {
    /// The command parsed from packed arguments, its list unpacked; nil when the arguments do
    /// not parse (they are parsed again from the root, for the library's own message).
    static func parsePacked(_ arguments: [String]) -> Self? {
        guard var parsed = (try? parseAsRoot(ArgumentRuns.packed(arguments))) as? Self else { return nil }
        parsed[keyPath: list] = ArgumentRuns.unpacked(parsed[keyPath: list])
        return parsed
    }
}

/// Runs of plain words on a command line, handed to the parser as few words.
enum ArgumentRuns {
    /// Joins the words of a run: no argument a program receives can hold a NUL.
    static let separator = "\u{0}"

    /// Each run of three or more words that do not start with "-" keeps its first word (it may
    /// be the value of the option before it) and joins the rest into one word, which can only
    /// be positional: every option of a listed command takes one value at most. Everything
    /// from a "--" on is left as it is.
    static func packed(_ arguments: [String]) -> [String] {
        var result: [String] = []
        result.reserveCapacity(min(arguments.count, 64))
        var index = arguments.startIndex
        while index < arguments.endIndex {
            let word = arguments[index]
            if word == "--" {
                result += arguments[index...]
                break
            }
            guard !word.hasPrefix("-") else {
                result.append(word)
                index += 1
                continue
            }
            var end = index + 1
            while end < arguments.endIndex && !arguments[end].hasPrefix("-") { end += 1 }
            result.append(word)
            if end - index >= 3 {
                result.append(arguments[(index + 1)..<end].joined(separator: separator))
            } else {
                result += arguments[(index + 1)..<end]
            }
            index = end
        }
        return result
    }

    /// The list with each packed word split into the words it was made of: at its NUL bytes
    /// (in UTF-8 a NUL is never part of another character), not by characters, which takes
    /// a grapheme-cluster test per character of a thousand joined e-mail addresses.
    static func unpacked(_ values: [String]) -> [String] {
        guard values.contains(where: { $0.utf8.contains(0) }) else { return values }
        return values.flatMap { value in
            value.utf8.split(separator: 0, omittingEmptySubsequences: false).map {
                String(value[$0.startIndex..<$0.endIndex])
            }
        }
    }
}

/// The exit codes of DESIGN.md (BSD sysexits).
enum ExitStatus {
    static let usage: Int32 = 64
    static let dataError: Int32 = 65
    static let noInput: Int32 = 66
    static let cannotCreate: Int32 = 73
    static let ioError: Int32 = 74

    static func code(for error: ConveneError) -> Int32 { error.exitStatus }
}
