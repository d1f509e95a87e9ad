import ArgumentParser
import ConveneCore

struct SessionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "session",
        abstract: "Add and list an event's sessions (referred to as EVENT/N, in order of start).",
        subcommands: [Add.self, List.self])

    struct Add: ConveneCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a session to an event.",
            discussion: """
                Times are the venue's local time (the event's --timezone). The first session \
                you add replaces the event's default session, unless attendance was already \
                marked in it.

                Examples:
                  convene session add --event psc-3 --title Plenary --start "2024-01-09 09:00" --end "2024-01-09 12:00"
                  convene session add --event psc-3 --title "Closing" --start 13:30 --end 15:00 --room "Ruang Nusantara"
                """)

        @OptionGroup var database: DatabaseOptions
        @Option(help: "Event code.") var event: String
        @Option(help: "Session title.") var title: String
        @Option(help: "Optional unique code to refer to the session by.") var code: String?
        @Option(
            help: ArgumentHelp("Start, 'YYYY-MM-DD HH:MM' or 'HH:MM' on the first day, local time.", valueName: "time"))
        var start: String?
        @Option(help: ArgumentHelp("End, same forms as --start.", valueName: "time")) var end: String?
        @Option(help: "Room.") var room: String?
        @Option(help: "Chair or facilitator.") var chair: String?

        func validate() throws {
            if end != nil && start == nil { throw ValidationError("--end needs --start.") }
        }

        func run(in context: CommandContext) throws {
            let db = try database.open(in: context)
            let session = try db.addSession(
                SessionInput(event: event, title: title, code: code, start: start, end: end, room: room, chair: chair))
            let (parent, rows) = try db.sessions(ofEvent: event)
            let number = rows.first { $0.session.id == session.id }?.number ?? rows.count
            context.print(
                "Added session \(parent.code)/\(number): \(session.title)\(EventText.sessionTime(session, parent).map { ", \($0)" } ?? "")."
            )
        }
    }

    struct List: ConveneCommand {
        static let configuration = CommandConfiguration(
            abstract: "List an event's sessions with attendance counts.",
            discussion: "Example: convene session list --event psc-3")

        @OptionGroup var database: DatabaseOptions
        @Option(help: "Event code.") var event: String
        @OptionGroup var output: FormatOptions

        func run(in context: CommandContext) throws {
            let (parent, rows) = try database.open(in: context).sessions(ofEvent: event)
            let table = Table(
                columns: [
                    .init(key: "ref", title: "Ref"), .init(key: "code", title: "Code"),
                    .init(key: "title", title: "Title"), .init(key: "start", title: "Start"),
                    .init(key: "end", title: "End"), .init(key: "room", title: "Room"),
                    .init(key: "chair", title: "Chair"),
                    .init(key: "attended", title: "Attended", alignRight: true),
                    .init(key: "marked", title: "Marked", alignRight: true),
                ],
                rows: rows.map { row in
                    [
                        .text("\(parent.code)/\(row.number)"), .text(row.session.code), .text(row.session.title),
                        .text(row.session.startsAt.map { LocalTime.format($0, in: parent.zone) }),
                        .text(row.session.endsAt.map { LocalTime.format($0, in: parent.zone) }),
                        .text(row.session.room), .text(row.session.chair), .number(row.attended), .number(row.marked),
                    ]
                })
            context.print(table.render(output.format))
        }
    }
}
