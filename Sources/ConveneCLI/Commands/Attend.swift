import ArgumentParser
import ConveneCore

struct Attend: ConveneCommand {
    static let configuration = CommandConfiguration(
        abstract: "Mark attendance for a session.",
        discussion: """
            People must be registered for the event; --walk-in registers them on the spot \
            (and, with --name, adds a person who is not in the database yet). Marking \
            someone again changes their status. All or nothing: one unknown person and \
            nobody is marked.

            Statuses: present (hadir), late (terlambat), left-early, excused (izin), absent \
            (tidak hadir). Present, late and left-early count as attendance.

            Examples:
              convene attend --session psc-3/1 siti.aminah@example.org budi@example.org
              convene attend --session psc-3/1 --status late 1a2b3c4d
              convene attend --session psc-3/1 --walk-in --name "Dewi Lestari" --gender P --org SBMI
            """)

    @OptionGroup var database: DatabaseOptions
    @Option(help: "Session: EVENT/N (e.g. psc-3/1), a session code, or an event code with one session.")
    var session: String
    @Option(help: "Attendance status.") var status: AttendanceStatus = .present
    @Flag(help: "Register people who are not registered for the event on the spot.") var walkIn = false
    @Option(help: "Who is marking (facilitator), kept with the mark.") var by: String?
    @OptionGroup(title: "Walk-in who is not in the database yet (with --walk-in)") var fields: ParticipantFields
    @Argument(help: "Participants: email, phone, short id or exact full name.") var participants: [String] = []

    func validate() throws {
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
        let result = try database.open(in: context).markAttendance(
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
            context.print("\(mark.participant.shortId)  \(text)")
        }
        let changed = result.marks.filter { $0.outcome != .unchanged }.count
        context.print(
            "\(reference): \(changed) mark\(changed == 1 ? "" : "s") recorded, \(result.marks.count - changed) unchanged."
        )
    }
}
