import ArgumentParser
import ConveneCore
import Foundation

extension ActionStatus: ExpressibleByArgument {}

struct ActionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "action",
        abstract: "Follow-up actions agreed at events: add, list, update, show.",
        discussion: """
            An action is referred to by its short id (from `action list`). Open actions of \
            earlier events in a series are the matters arising of the next meeting's minutes.
            """,
        subcommands: [Add.self, List.self, Update.self, Show.self])

    struct Add: ConveneCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Record an action agreed at an event.",
            discussion: """
                Examples:
                  convene action add --event psc-3 "Share the draft SOP with the provinces" --owner Kemlu --due 2024-02-15
                  convene action add --event psc-3 --session psc-3/1 "Circulate the minutes" --owner siti@example.org
                """)

        @OptionGroup var database: DatabaseOptions
        @Option(help: "Event code.") var event: String
        @Option(help: "Session it was agreed in: EVENT/N or a session code.") var session: String?
        @Option(
            name: .customLong("owner"),
            help: "Owner: an organisation (acronym, name, alias) or a participant; once for each, at most.")
        var owners: [String] = []
        @Option(help: ArgumentHelp("Due date (YYYY-MM-DD).", valueName: "date")) var due: CalendarDate?
        @Argument(help: "What is to be done.") var text: String

        func run(in context: CommandContext) throws {
            let action = try database.open(in: context).addAction(
                ActionInput(event: event, text: text, owners: owners, dueDate: due, session: session))
            context.print("Added action \(action.shortId) (\(event)).")
        }
    }

    struct List: ConveneCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List actions.",
            discussion: """
                Overdue: not done or dropped, and due before today.

                Examples:
                  convene action list --event psc-3
                  convene action list --series PSC --overdue
                  convene action list --owner Kemlu --status in-progress --format csv
                """)

        @OptionGroup var database: DatabaseOptions
        @Option(help: "Only this event's actions.") var event: String?
        @Option(help: "Only actions of events in this series.") var series: String?
        @Option(help: "Only actions this organisation or participant owns.") var owner: String?
        @Option(help: "Only actions with this status: open, in-progress, done or dropped.") var status: ActionStatus?
        @Flag(help: "Only overdue actions.") var overdue = false
        @OptionGroup var output: FormatOptions

        func run(in context: CommandContext) throws {
            let rows = try database.open(in: context).actions(
                ActionFilter(event: event, series: series, owner: owner, status: status, overdueOnly: overdue),
                today: context.today())
            let table = Table(
                columns: [
                    .init(key: "id", title: "Id"), .init(key: "event", title: "Event"),
                    .init(key: "session", title: "Session"), .init(key: "owner", title: "Owner"),
                    .init(key: "due", title: "Due"), .init(key: "status", title: "Status"),
                    .init(key: "overdue", title: "Overdue"), .init(key: "text", title: "Action"),
                ],
                rows: rows.map { row in
                    [
                        .text(row.action.shortId), .text(row.eventCode), .text(row.sessionReference),
                        .text(ActionText.owner(row)), .text(row.action.dueDate?.description),
                        .text(row.action.status.rawValue), .text(row.isOverdue ? "yes" : "no"), .text(row.action.text),
                    ]
                })
            context.print(table.render(output.format))
        }
    }

    struct Update: ConveneCommand {
        static let configuration = CommandConfiguration(
            commandName: "update",
            abstract: "Change an action's status; every change is dated and kept.",
            discussion: """
                The update is dated today unless --date says when it happened (an update \
                reported late). The action's status is always that of its latest-dated update; \
                the minutes of a meeting show each earlier action as it stood on that day.

                Examples:
                  convene action update 1a2b3c4d --status in-progress --note "Draft shared on 12 Feb"
                  convene action update 1a2b3c4d --status done --date 2023-11-20 --note "Decree signed"
                """)

        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The action's short id.") var id: String
        @Option(help: "New status: open, in-progress, done or dropped.") var status: ActionStatus
        @Option(help: "What happened.") var note: String?
        @Option(help: ArgumentHelp("The day it happened (YYYY-MM-DD; default today).", valueName: "date"))
        var date: CalendarDate?

        func run(in context: CommandContext) throws {
            let today = context.today()
            let day = date ?? today
            guard day <= today else {
                throw ValidationError("--date \(day) is in the future (today is \(today)).")
            }
            let action = try database.open(in: context).updateAction(id, status: status, note: note, on: day)
            if action.status == status {
                context.print("Action \(action.shortId) is now \(status.rawValue) (\(day)).")
            } else {
                context.print(
                    "Action \(action.shortId): \(status.rawValue) recorded for \(day); it stays \(action.status.rawValue), as a later-dated update says."
                )
            }
        }
    }

    struct Show: ConveneCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show an action with its history.", discussion: "Example: convene action show 1a2b3c4d")

        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The action's short id.") var id: String

        func run(in context: CommandContext) throws {
            let detail = try database.open(in: context).actionDetail(id, today: context.today())
            let row = detail.row
            var lines = [
                "Action \(row.action.shortId)", row.action.text, "",
                "Event:    \(row.eventCode)\(row.sessionReference.map { " (session \($0))" } ?? "")",
                "Owner:    \(ActionText.owner(row) ?? "none")",
                "Due:      \(row.action.dueDate?.description ?? "no date")\(row.isOverdue ? " (overdue)" : "")",
                "Status:   \(row.action.status.rawValue)",
                "History:",
            ]
            if detail.history.isEmpty { lines.append("  no updates yet") }
            for update in detail.history {
                lines.append("  \(update.date)  \(update.status.rawValue)\(update.note.map { "  \($0)" } ?? "")")
            }
            context.print(lines.joined(separator: "\n"))
        }
    }
}

enum ActionText {
    /// "Kemlu / Siti Aminah", either part alone, or nil.
    static func owner(_ row: ActionRow) -> String? {
        let parts = [row.ownerOrganisation?.shortName, row.ownerName].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: " / ")
    }
}
