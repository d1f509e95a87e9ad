import ArgumentParser
import ConveneCore

struct Attend: ConveneCommand, ListedArguments {
    static var list: WritableKeyPath<Self, [String]> { \.participants }

    static let configuration = CommandConfiguration(
        commandName: "attend",
        abstract: "Mark attendance for a session.",
        discussion: """
            People must be registered for the event; --walk-in registers them on the spot \
            (and, with --name, adds a person who is not in the database yet). Marking \
            someone again changes their status. All or nothing: one unknown person and \
            nobody is marked.

            Statuses: present (hadir), late (terlambat), left-early, excused (izin), absent \
            (tidak hadir). Present, late and left-early count as attendance.

            --undo removes marks made by mistake (everyone named must have one in the \
            session, else nothing is removed); registrations stay.

            Examples:
              convene attend --session psc-3/1 siti.aminah@example.org budi@example.org
              convene attend --session psc-3/1 --status late 1a2b3c4d
              convene attend --session psc-3/1 --walk-in --name "Dewi Lestari" --gender P --org SBMI
              convene attend --session psc-3/1 --undo budi@example.org
            """)

    @OptionGroup var database: DatabaseOptions
    @Option(help: "Session: EVENT/N (e.g. psc-3/1), a session code, or an event code with one session.")
    var session: String
    @Option(help: "Attendance status (default: present).") var status: AttendanceStatus?
    @Flag(help: "Register people who are not registered for the event on the spot.") var walkIn = false
    @Option(help: "Who is marking (facilitator), kept with the mark.") var by: String?
    @OptionGroup(title: "Walk-in who is not in the database yet (with --walk-in)") var fields: ParticipantFields
    @Flag(help: "Remove these people's marks in the session (made by mistake).") var undo = false
    @Flag(help: "With --undo: show what would be removed without removing anything.") var dryRun = false
    @Argument(help: "Participants: email, phone, short id or exact full name.") var participants: [String] = []

    func validate() throws {
        if undo {
            if status != nil || walkIn || by != nil || fields.anyGiven {
                throw ValidationError(
                    "--undo removes marks: it takes participants only, not --status, --walk-in or --by.")
            }
            if participants.isEmpty { throw ValidationError("Name at least one participant whose mark to remove.") }
            return
        }
        if dryRun { throw ValidationError("--dry-run goes with --undo.") }
        if fields.anyGiven && !walkIn {
            throw ValidationError("--name and the other person fields add a new person: use them with --walk-in.")
        }
        if walkIn && fields.anyGiven && fields.name == nil {
            throw ValidationError("--walk-in with person fields needs --name.")
        }
        if participants.isEmpty && fields.name == nil {
            throw ValidationError("Name at least one participant to mark, or --walk-in --name \"…\" for a new person.")
        }
    }

    func run(in context: CommandContext) throws {
        let db = try database.open(in: context)
        guard !undo else { return try runUndo(db, in: context) }
        let status = status ?? .present
        let result = try db.markAttendance(
            session: session, participants: participants, newWalkIn: fields.name.map { fields.input(name: $0) },
            status: status, walkIn: walkIn, markedBy: by)
        let reference = "\(result.event.code)/\(result.sessionNumber)"
        for mark in result.marks {
            var text =
                switch mark.outcome {
                case .marked: "marked \(status.rawValue)"
                case .unchanged: "already marked \(status.rawValue)"
                case .statusChanged(let from): "changed from \(from.rawValue) to \(status.rawValue)"
                }
            if mark.walkInRegistered { text += " (walk-in, registered now)" }
            if let matchedBy = result.walkInMatchedBy, mark.participant.id == result.marks.last?.participant.id {
                text += " (walk-in already in the database, found by \(matchedBy))"
            }
            context.print("\(mark.participant.shortId)  \(text)")
        }
        let changed = result.marks.filter { $0.outcome != .unchanged }.count
        context.print(
            "\(reference): \(changed) mark\(changed == 1 ? "" : "s") recorded, \(result.marks.count - changed) unchanged."
        )
    }

    private func runUndo(_ db: AppDatabase, in context: CommandContext) throws {
        let result = try db.undoAttendance(session: session, participants: participants, dryRun: dryRun)
        for (participant, status) in result.removed {
            context.print("\(participant.shortId)  mark removed (was \(status.rawValue))")
        }
        let count = result.removed.count
        context.print(
            (result.dryRun ? "Dry run, nothing changed. " : "")
                + "\(result.reference): \(count) mark\(count == 1 ? "" : "s") \(result.dryRun ? "would be " : "")removed."
        )
        for participant in result.walkInsStillRegistered {
            context.print(
                "\(participant.shortId) was registered on the spot (walk-in) and has no other mark at \(result.event.code); if the registration was a mistake too: convene register --event \(result.event.code) --cancel \(participant.shortId)"
            )
        }
    }
}
