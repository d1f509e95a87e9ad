import ArgumentParser
import ConveneCore
import Foundation

struct Serve: ConveneCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve phone check-in for an event on the local network.",
        discussion: """
            Facilitators open the printed address on their phones (same Wi-Fi or the laptop's \
            hotspot; no internet needed), type the facilitator code once, pick a session, \
            search a name and tap Present, Late, Left early or Excused; walk-ins are added in \
            one form. Marks go through the same writes as `convene attend` (method web, marked \
            by the facilitator), while other commands keep using the database.

            The code is random, kept beside the database until it expires, and changed with \
            --rotate. Only clients on this machine or a private network are served. Each \
            sign-in, mark and walk-in is logged below the code, by short ids, never names.

            Examples:
              convene serve --event psc-final
              convene serve --event psc-final --host 0.0.0.0 --port 8080
              convene serve --event psc-final --read-only --rotate
            """)

    @OptionGroup var database: DatabaseOptions
    @Option(help: "The event to check in for (its code).") var event: String
    @Option(
        help:
            "Address to listen on: this machine's address on the local network (the default), 127.0.0.1 for this machine only, 0.0.0.0 for every interface."
    )
    var host: String?
    @Option(help: "Port to listen on (0 picks a free one).") var port: Int = 8080
    @Flag(help: "Make a new facilitator code; phones signed in with the old one must sign in again.") var rotate = false
    @Flag(help: "Serve the counts only: no search, no marks, no walk-ins.") var readOnly = false
    @Option(help: "Hours a new facilitator code stays valid (1–24).") var codeHours: Int = 10

    func validate() throws {
        if let problem = ServeRequest.problem(port: port, codeHours: codeHours) { throw ValidationError(problem) }
    }

    /// Hands the checked options to `convene-serve` (see `ServeRequest` for why it is a
    /// program of its own), which runs in place of this process.
    func run(in context: CommandContext) throws {
        try context.startServer(
            ServeRequest(
                databasePath: database.resolvedPath(in: context), event: event, host: host, port: port, rotate: rotate,
                readOnly: readOnly, codeHours: codeHours))
    }
}
