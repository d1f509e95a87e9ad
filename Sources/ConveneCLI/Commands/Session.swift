import ArgumentParser
import ConveneCore

struct SessionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "session",
        abstract: "Add, list, correct and remove an event's sessions (referred to as EVENT/N, in order of start).",
        subcommands: [Add.self, List.self, Edit.self, Remove.self])

    struct Add: ConveneCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
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
            commandName: "list",
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

extension SessionCommand {
    struct Edit: ConveneCommand {
        static let configuration = CommandConfiguration(
            commandName: "edit",
            abstract: "Correct a session's title, time, room or chair.",
            discussion: """
                Only the fields given change; an empty value ("") clears the room or chair, and \
                --start "" makes the session untimed. Times are the venue's local time; 'HH:MM' \
                keeps the session's day, and an --end of 'HH:MM' is on the start's day. A new \
                start must fall within the event's dates and can renumber the event's sessions \
                (EVENT/N follows the order of start); the output gives the new reference.

                Examples:
                  convene session edit psc-3/2 --room "Ruang Nusantara" --chair "Dr. Siti Aminah"
                  convene session edit psc-3/1 --start "2024-01-10 09:00" --end 12:00
                """)

        @OptionGroup var database: DatabaseOptions
        @Argument(help: "Session: EVENT/N (e.g. psc-3/1), a session code, or an event code with one session.")
        var session: String
        @Option(help: "Session title.") var title: String?
        @Option(
            help: ArgumentHelp(
                "Start, 'YYYY-MM-DD HH:MM' or 'HH:MM' on the session's day, local time.", valueName: "time"))
        var start: String?
        @Option(help: ArgumentHelp("End, same forms as --start (\"\" for none).", valueName: "time")) var end: String?
        @Option(help: "Room (\"\" for none).") var room: String?
        @Option(help: "Chair or facilitator (\"\" for none).") var chair: String?

        func validate() throws {
            if [title, start, end, room, chair].allSatisfy({ $0 == nil }) {
                throw ValidationError("Give at least one field to change, e.g. --room or --start.")
            }
        }

        func run(in context: CommandContext) throws {
            let edit = try database.open(in: context).editSession(
                session, SessionChanges(title: title, start: start, end: end, room: room, chair: chair))
            guard !edit.changes.isEmpty else {
                context.print("Nothing to change: \(edit.reference) already has those values.")
                return
            }
            let renumbered = edit.reference == edit.referenceBefore ? "" : " (now \(edit.reference))"
            context.print(
                "Updated session \(edit.referenceBefore)\(renumbered): \(ChangeText.list(edit.changes)).")
        }
    }

    struct Remove: ConveneCommand {
        static let configuration = CommandConfiguration(
            commandName: "remove",
            abstract: "Remove a session added by mistake.",
            discussion: """
                A session that holds attendance marks is refused unless --force, which removes \
                its marks with it and says how many. Actions and decisions agreed in the session \
                stay with the event. Later sessions are renumbered; an event left without \
                sessions gets its default session again.

                Examples:
                  convene session remove psc-3/3
                  convene session remove psc-3/2 --force --dry-run
                """)

        @OptionGroup var database: DatabaseOptions
        @Argument(help: "Session: EVENT/N (e.g. psc-3/2) or a session code.") var session: String
        @Flag(help: "Remove the session even though it holds attendance marks, and the marks with it.") var force =
            false
        @Flag(help: "Show what would be removed without removing anything.") var dryRun = false

        func run(in context: CommandContext) throws {
            let removal = try database.open(in: context).removeSession(session, force: force, dryRun: dryRun)
            var sentence =
                (removal.dryRun ? "Dry run, nothing changed. Would remove" : "Removed")
                + " session \(removal.reference) (\(removal.session.title))"
            if removal.marks > 0 {
                sentence +=
                    " and its \(removal.marks) attendance mark\(removal.marks == 1 ? "" : "s") (\(removal.attendances) counted as attendance)"
            }
            sentence += "."
            let linked = [
                removal.actionsUnlinked > 0
                    ? "\(removal.actionsUnlinked) action\(removal.actionsUnlinked == 1 ? "" : "s")" : nil,
                removal.decisionsUnlinked > 0
                    ? "\(removal.decisionsUnlinked) decision\(removal.decisionsUnlinked == 1 ? "" : "s")" : nil,
            ].compactMap { $0 }
            if !linked.isEmpty {
                sentence += " \(linked.joined(separator: " and ")) agreed in it stay with \(removal.event.code)."
            }
            if removal.defaultSessionAdded {
                sentence +=
                    " \(removal.event.code) had no other session: its attendance goes to a default session, \(removal.event.code)/1."
            }
            context.print(sentence)
        }
    }
}
