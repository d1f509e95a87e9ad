import ArgumentParser
import ConveneCore
import Foundation

struct EventCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "event",
        abstract: "Add, list, show and correct events.",
        subcommands: [Add.self, List.self, Show.self, Edit.self])

    struct Add: ConveneCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add an event; it gets a default session until you add sessions.",
            discussion: """
                Examples:
                  convene event add --code psc-3 --kind psc-meeting --series PSC --number 3 \\
                      --title "Third Programme Steering Committee meeting" --start 2024-01-09 \\
                      --venue "Diplomacy Cafeteria Meeting Room" --city Jakarta
                  convene event add --code tot-mataram --kind training --title "Training of trainers" \\
                      --start 2024-08-05 --end 2024-08-07 --city Mataram --timezone Asia/Makassar --lang id
                """)

        @OptionGroup var database: DatabaseOptions
        @Option(help: "Short unique code people type, e.g. psc-3.") var code: String
        @Option(help: "Title as it appears on minutes and reports.") var title: String
        @Option(help: "Event kind.") var kind: EventKind
        @Option(help: "Series the event belongs to, e.g. PSC.") var series: String?
        @Option(help: "Number in the series, e.g. 3.") var number: Int?
        @Option(help: ArgumentHelp("First day (YYYY-MM-DD).", valueName: "date")) var start: CalendarDate
        @Option(help: ArgumentHelp("Last day (YYYY-MM-DD); defaults to the first day.", valueName: "date"))
        var end: CalendarDate?
        @Option(help: "Venue.") var venue: String?
        @Option(help: "City.") var city: String?
        @Option(
            name: .customLong("timezone"),
            help:
                "IANA time zone of the venue: Asia/Jakarta (WIB), Asia/Makassar (WITA: Makassar, Mataram), Asia/Jayapura (WIT)."
        )
        var timeZone: String = Event.defaultTimeZone
        @Option(name: .customLong("lang"), help: "Language of the event's documents: en or id.")
        var language: Language = .en

        func validate() throws {
            if let number, number < 1 { throw ValidationError("--number must be 1 or more.") }
            if number != nil && series == nil {
                throw ValidationError("--number needs --series (e.g. --series PSC --number 3).")
            }
            if let end, end < start { throw ValidationError("--end \(end) is before --start \(start).") }
        }

        func run(in context: CommandContext) throws {
            let event = try database.open(in: context).addEvent(
                EventInput(
                    code: code, title: title, kind: kind, series: series, number: number, startDate: start,
                    endDate: end, venue: venue, city: city, timeZone: timeZone, language: language))
            context.print(
                "Added event \(event.code): \(event.title) (\(EventText.dates(event))). Its attendance goes to session \(event.code)/1 until you add sessions."
            )
        }
    }

    struct List: ConveneCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List events with registered and attending counts.",
            discussion: "Example: convene event list --format json")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: FormatOptions

        func run(in context: CommandContext) throws {
            let rows = try database.open(in: context).events()
            let table = Table(
                columns: [
                    .init(key: "code", title: "Code"), .init(key: "title", title: "Title"),
                    .init(key: "kind", title: "Kind"), .init(key: "start", title: "Start"),
                    .init(key: "end", title: "End"), .init(key: "city", title: "City"),
                    .init(key: "sessions", title: "Sessions", alignRight: true),
                    .init(key: "registered", title: "Registered", alignRight: true),
                    .init(key: "participants", title: "Participants", alignRight: true),
                ],
                rows: rows.map { row in
                    [
                        .text(row.event.code), .text(row.event.title), .text(row.event.kind.rawValue),
                        .text(row.event.startDate.description), .text(row.event.endDate.description),
                        .text(row.event.city), .number(row.sessionCount), .number(row.registered),
                        .number(row.participants),
                    ]
                })
            context.print(table.render(output.format))
        }
    }

    struct Show: ConveneCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show an event: dates, venue, sessions, registered vs attended, gender split.",
            discussion: "Example: convene event show psc-3")

        @OptionGroup var database: DatabaseOptions
        @Argument(help: "Event code.") var code: String
        @Option(help: "Output format: table or json.") var format: OutputFormat = .table

        func validate() throws {
            if format == .csv { throw ValidationError("--format csv is for lists; use table or json with event show.") }
        }

        func run(in context: CommandContext) throws {
            let summary = try database.open(in: context).eventSummary(code)
            context.print(format == .json ? EventText.json(summary).serialised() : EventText.text(summary))
        }
    }
}

extension EventCommand {
    struct Edit: ConveneCommand {
        static let configuration = CommandConfiguration(
            commandName: "edit",
            abstract: "Correct an event: code, title, dates, venue, city, time zone or language.",
            discussion: """
                Only the fields given change; an empty value ("") clears the venue, city or series. \
                A one-day event given only --start stays one day long. Timed sessions must fall \
                within the new dates: the edit is refused, naming them, unless --shift-sessions \
                moves them by as many days as the first day moves. A new --timezone keeps the \
                sessions at the local clock times they were typed in. A new --code keeps the old \
                one as a way to refer to the event (psc-3/1 still finds its session).

                Examples:
                  convene event edit psc-3 --start 2024-01-10 --shift-sessions
                  convene event edit tot-mataram --timezone Asia/Makassar --venue "Hotel Lombok Raya"
                  convene event edit psc3 --code psc-3 --dry-run
                """)

        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The event's code (or a code it had before).") var event: String
        @Option(name: .customLong("code"), help: "New code; the old one keeps finding the event.") var newCode: String?
        @Option(help: "Title as it appears on minutes and reports.") var title: String?
        @Option(help: "Event kind.") var kind: EventKind?
        @Option(help: "Series the event belongs to, e.g. PSC (\"\" for none).") var series: String?
        @Option(help: "Number in the series, e.g. 3.") var number: Int?
        @Option(help: ArgumentHelp("First day (YYYY-MM-DD).", valueName: "date")) var start: CalendarDate?
        @Option(help: ArgumentHelp("Last day (YYYY-MM-DD).", valueName: "date")) var end: CalendarDate?
        @Option(help: "Venue (\"\" for none).") var venue: String?
        @Option(help: "City (\"\" for none).") var city: String?
        @Option(name: .customLong("timezone"), help: "IANA time zone of the venue, e.g. Asia/Makassar (WITA).")
        var timeZone: String?
        @Option(name: .customLong("lang"), help: "Language of the event's documents: en or id.")
        var language: Language?
        @Flag(help: "Move timed sessions by as many days as the first day moves.") var shiftSessions = false
        @Flag(help: "Show what would change without changing anything.") var dryRun = false

        func validate() throws {
            let given: [Any?] = [newCode, title, kind, series, number, start, end, venue, city, timeZone, language]
            if given.allSatisfy({ $0 == nil }) {
                throw ValidationError("Give at least one field to change, e.g. --start or --venue.")
            }
            if let number, number < 1 { throw ValidationError("--number must be 1 or more.") }
            if let start, let end, end < start { throw ValidationError("--end \(end) is before --start \(start).") }
            if shiftSessions && start == nil { throw ValidationError("--shift-sessions goes with --start.") }
        }

        func run(in context: CommandContext) throws {
            var changes = EventChanges()
            changes.code = newCode
            changes.title = title
            changes.kind = kind
            changes.series = series
            changes.number = number
            changes.startDate = start
            changes.endDate = end
            changes.venue = venue
            changes.city = city
            changes.timeZone = timeZone
            changes.language = language
            changes.shiftSessions = shiftSessions
            let edit = try database.open(in: context).editEvent(event, changes, dryRun: dryRun)
            guard !edit.changes.isEmpty else {
                context.print("Nothing to change: \(edit.event.code) already has those values.")
                return
            }
            var sentence =
                (edit.dryRun ? "Dry run, nothing changed. Would update" : "Updated")
                + " event \(edit.event.code): \(ChangeText.list(edit.changes))."
            if edit.sessionsMoved > 0 {
                let sessions = "\(edit.sessionsMoved) session\(edit.sessionsMoved == 1 ? "" : "s")"
                sentence +=
                    shiftSessions
                    ? " \(sessions) moved with the first day, at the same local times."
                    : " \(sessions) kept at \(edit.sessionsMoved == 1 ? "its" : "their") local times."
            }
            if let former = edit.formerCode { sentence += " '\(former)' still finds it." }
            context.print(sentence)
        }
    }
}

/// Field changes as one line: `dates 2024-01-09 → 2024-01-10, venue (none) → Hotel Santika`.
enum ChangeText {
    static func list(_ changes: [FieldChange]) -> String {
        changes.map { "\($0.field) \($0.old ?? "(none)") → \($0.new ?? "(none)")" }.joined(separator: ", ")
    }
}

/// How an event reads on screen.
enum EventText {
    static func dates(_ event: Event) -> String {
        event.startDate == event.endDate ? event.startDate.description : "\(event.startDate) to \(event.endDate)"
    }

    static func sessionTime(_ session: Session, _ event: Event) -> String? {
        guard let start = session.startsAt else { return nil }
        let zone = event.zone
        let startText =
            CalendarDate(start, in: zone) == event.startDate && event.startDate == event.endDate
            ? LocalTime.formatClock(start, in: zone) : LocalTime.format(start, in: zone)
        let endText = session.endsAt.map { "–" + LocalTime.formatClock($0, in: zone) } ?? ""
        return "\(startText)\(endText) \(LocalTime.zoneLabel(zone, at: start))"
    }

    static func percent(_ part: Int, of whole: Int) -> String {
        whole == 0 ? "–" : String(format: "%.1f%%", Double(part) * 100 / Double(whole))
    }

    static func text(_ summary: EventSummary) -> String {
        let event = summary.event
        var lines = ["\(event.code)  \(event.title)", ""]
        var kind = event.kind.rawValue
        if let series = event.series {
            kind += " (" + [series, event.number.map(String.init)].compactMap { $0 }.joined(separator: " ") + ")"
        }
        var facts: [(String, String)] = [("Kind", kind)]
        facts.append(("Dates", dates(event)))
        let place = [event.venue, event.city].compactMap { $0 }.joined(separator: ", ")
        if !place.isEmpty { facts.append(("Venue", place)) }
        facts.append(
            (
                "Time zone",
                "\(event.timeZone) (\(LocalTime.zoneLabel(event.zone, at: event.startDate.startOfDay(in: event.zone))))"
            ))
        facts.append(("Language", event.language.rawValue))
        let labelWidth = facts.map(\.0.count).max() ?? 0
        lines += facts.map { "\($0.0 + ":" + String(repeating: " ", count: labelWidth - $0.0.count))  \($0.1)" }
        lines += ["", "Sessions"]
        let sessions = Table(
            columns: [
                .init(key: "ref", title: "Ref"), .init(key: "code", title: "Code"), .init(key: "title", title: "Title"),
                .init(key: "time", title: "Time"), .init(key: "room", title: "Room"),
                .init(key: "attended", title: "Attended", alignRight: true),
            ],
            rows: summary.sessions.map { row in
                [
                    .text("\(event.code)/\(row.number)"), .text(row.session.code), .text(row.session.title),
                    .text(sessionTime(row.session, event)), .text(row.session.room), .number(row.attended),
                ]
            })
        lines += sessions.aligned().split(separator: "\n").map { "  " + $0 }
        lines.append("")
        lines.append("Registered:    \(summary.registered)")
        lines.append(
            "Participants:  \(summary.participants) attended at least one session (\(percent(summary.participants, of: summary.registered)) of registered)"
        )
        lines.append("Attendances:   \(summary.attendances) person-session marks")
        let split = summary.participantsByGender.map {
            "\($0.gender.rawValue) \($0.count) (\($0.share.map { String(format: "%.1f%%", $0) } ?? "–"))"
        }
        lines.append("By gender:     " + split.joined(separator: ", "))
        return lines.joined(separator: "\n")
    }

    static func json(_ summary: EventSummary) -> JSONValue {
        let event = summary.event
        return .object([
            ("code", .string(event.code)), ("title", .string(event.title)), ("kind", .string(event.kind.rawValue)),
            ("series", event.series.map(JSONValue.string) ?? .null),
            ("number", event.number.map(JSONValue.number) ?? .null),
            ("start", .string(event.startDate.description)), ("end", .string(event.endDate.description)),
            ("venue", event.venue.map(JSONValue.string) ?? .null), ("city", event.city.map(JSONValue.string) ?? .null),
            ("time_zone", .string(event.timeZone)), ("language", .string(event.language.rawValue)),
            (
                "sessions",
                .array(
                    summary.sessions.map { row in
                        .object([
                            ("ref", .string("\(event.code)/\(row.number)")),
                            ("code", row.session.code.map(JSONValue.string) ?? .null),
                            ("title", .string(row.session.title)),
                            (
                                "start",
                                row.session.startsAt.map { .string(LocalTime.format($0, in: event.zone)) } ?? .null
                            ),
                            ("end", row.session.endsAt.map { .string(LocalTime.format($0, in: event.zone)) } ?? .null),
                            ("room", row.session.room.map(JSONValue.string) ?? .null),
                            ("attended", .number(row.attended)),
                        ])
                    })
            ),
            ("registered", .number(summary.registered)), ("participants", .number(summary.participants)),
            ("attendances", .number(summary.attendances)),
            (
                "by_gender",
                .array(
                    summary.participantsByGender.map {
                        .object([("key", .string($0.gender.rawValue)), ("count", .number($0.count))])
                    })
            ),
        ])
    }
}
