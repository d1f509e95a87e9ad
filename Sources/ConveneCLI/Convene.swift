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
        if command != Convene.self, command.configuration.subcommands.isEmpty,
            let parsed = try? command.parseAsRoot(leading + rest), type(of: parsed) == command
        {
            return parsed
        }
        return try parseAsRoot(arguments)
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
