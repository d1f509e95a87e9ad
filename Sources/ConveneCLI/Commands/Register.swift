import ArgumentParser
import ConveneCore

struct Register: ConveneCommand, ListedArguments {
    static var list: WritableKeyPath<Self, [String]> { \.participants }

    static let configuration = CommandConfiguration(
        commandName: "register",
        abstract: "Register participants for an event, change their role, or cancel their registration.",
        discussion: """
            All or nothing: if one participant cannot be found, nobody is registered. \
            Registering someone again with --role changes their role; without --role it keeps \
            the role they have. A cancelled registration is reinstated by registering again.

            --cancel keeps the registration (role, source, date) and its excused or absent \
            marks; it stops counting as registered. Someone marked present, late or left early \
            at the event is not cancelled: remove those marks first if they were a mistake \
            (`convene attend --undo`).

            Examples:
              convene register --event psc-3 siti.aminah@example.org budi@example.org
              convene register --event psc-3 1a2b3c4d --role co-chair
              convene register --event psc-3 --cancel budi@example.org --dry-run
            """)

    @OptionGroup var database: DatabaseOptions
    @Option(help: "Event code.") var event: String
    @Option(help: "Role at the event (new registrations: participant unless given).") var role: RegistrationRole?
    @Flag(help: "Cancel these people's registrations instead.") var cancel = false
    @Flag(help: "With --cancel: show what would change without changing anything.") var dryRun = false
    @Argument(help: "Participants: email, phone, short id or exact full name.") var participants: [String]

    func validate() throws {
        if participants.isEmpty { throw ValidationError("Name at least one participant to register.") }
        if cancel && role != nil { throw ValidationError("--cancel and --role do not go together.") }
        if dryRun && !cancel { throw ValidationError("--dry-run goes with --cancel.") }
    }

    func run(in context: CommandContext) throws {
        let db = try database.open(in: context)
        guard !cancel else { return try runCancel(db, in: context) }
        let result = try db.register(participants, forEvent: event, role: role)
        for (participant, outcome, role) in result.outcomes {
            let text =
                switch outcome {
                case .registered: "registered as \(role.rawValue)"
                case .alreadyRegistered: "already registered as \(role.rawValue)"
                case .roleChanged(let from): "role changed from \(from.rawValue) to \(role.rawValue)"
                case .reinstated: "registration reinstated as \(role.rawValue)"
                }
            context.print("\(participant.shortId)  \(text)")
        }
        let new = result.outcomes.filter { $0.outcome == .registered }.count
        let reinstated = result.outcomes.filter { $0.outcome == .reinstated }.count
        context.print(
            "\(result.event.code): \(new) newly registered, \(result.outcomes.count - new - reinstated) already registered"
                + (reinstated > 0 ? ", \(reinstated) reinstated." : "."))
    }

    private func runCancel(_ db: AppDatabase, in context: CommandContext) throws {
        let result = try db.cancelRegistrations(participants, forEvent: event, dryRun: dryRun)
        for (participant, outcome, kept) in result.outcomes {
            var text = outcome == .cancelled ? "registration cancelled" : "already cancelled"
            if kept > 0 { text += " (\(kept) excused or absent mark\(kept == 1 ? "" : "s") kept)" }
            context.print("\(participant.shortId)  \(text)")
        }
        let cancelled = result.outcomes.filter { $0.outcome == .cancelled }.count
        context.print(
            (result.dryRun ? "Dry run, nothing changed. " : "")
                + "\(result.event.code): \(cancelled) registration\(cancelled == 1 ? "" : "s") \(result.dryRun ? "would be " : "")cancelled, \(result.outcomes.count - cancelled) already cancelled."
        )
    }
}
