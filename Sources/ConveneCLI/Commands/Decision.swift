import ArgumentParser
import ConveneCore

struct DecisionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decision",
        abstract: "Decisions and recommendations agreed at events, in order.",
        subcommands: [Add.self, List.self])

    struct Add: ConveneCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Record a decision or recommendation, after the event's earlier ones.",
            discussion: """
                Example: convene decision add --event psc-3 "The 2024 workplan is endorsed."
                """)

        @OptionGroup var database: DatabaseOptions
        @Option(help: "Event code.") var event: String
        @Option(help: "Session it was agreed in: EVENT/N or a session code.") var session: String?
        @Argument(help: "The decision as agreed.") var text: String

        func run(in context: CommandContext) throws {
            let decision = try database.open(in: context).addDecision(event: event, session: session, text: text)
            context.print("Added decision \(decision.position) of \(event).")
        }
    }

    struct List: ConveneCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List decisions, event by event, in the order agreed.",
            discussion: "Example: convene decision list --event psc-3")

        @OptionGroup var database: DatabaseOptions
        @Option(help: "Only this event's decisions.") var event: String?
        @OptionGroup var output: FormatOptions

        func run(in context: CommandContext) throws {
            let rows = try database.open(in: context).decisions(event: event)
            let table = Table(
                columns: [
                    .init(key: "event", title: "Event"), .init(key: "number", title: "No.", alignRight: true),
                    .init(key: "session", title: "Session"), .init(key: "text", title: "Decision"),
                ],
                rows: rows.map { row in
                    [
                        .text(row.eventCode), .number(row.decision.position), .text(row.sessionReference),
                        .text(row.decision.text),
                    ]
                })
            context.print(table.render(output.format))
        }
    }
}
