import ArgumentParser
import ConveneCore

struct Register: ConveneCommand {
    static let configuration = CommandConfiguration(
        abstract: "Register participants for an event.",
        discussion: """
            All or nothing: if one participant cannot be found, nobody is registered. \
            Registering someone again changes their role.

            Examples:
              convene register --event psc-3 siti.aminah@example.org budi@example.org
              convene register --event psc-3 1a2b3c4d --role co-chair
            """)

    @OptionGroup var database: DatabaseOptions
    @Option(help: "Event code.") var event: String
    @Option(help: "Role at the event.") var role: RegistrationRole = .participant
    @Argument(help: "Participants: email, phone, short id or exact full name.") var participants: [String]

    func validate() throws {
        if participants.isEmpty { throw ValidationError("Name at least one participant to register.") }
    }

    func run(in context: CommandContext) throws {
        let result = try database.open(in: context).register(participants, forEvent: event, role: role)
        for (participant, outcome) in result.outcomes {
            let text =
                switch outcome {
                case .registered: "registered as \(role.rawValue)"
                case .alreadyRegistered: "already registered as \(role.rawValue)"
                case .roleChanged(let from): "role changed from \(from.rawValue) to \(role.rawValue)"
                case .reinstated: "registration reinstated as \(role.rawValue)"
                }
            context.print("\(participant.shortId)  \(text)")
        }
        let new = result.outcomes.filter { $0.1 == .registered }.count
        context.print(
            "\(result.event.code): \(new) newly registered, \(result.outcomes.count - new) already registered.")
    }
}
