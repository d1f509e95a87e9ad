import ArgumentParser
import ConveneCore
import ConveneServer
import Foundation
import Synchronization

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
        guard (0...65535).contains(port) else { throw ValidationError("--port: \(port) is not a port (0–65535).") }
        guard (1...24).contains(codeHours) else {
            throw ValidationError("--code-hours: \(codeHours) is not between 1 and 24.")
        }
    }

    func run(in context: CommandContext) throws {
        let db = try database.open(in: context, concurrentReads: true)
        let (event, _) = try db.sessions(ofEvent: event)
        let now = Date()
        let (code, isNew) = try FacilitatorCodeFile.code(
            at: FacilitatorCodeFile.path(forDatabase: database.resolvedPath(in: context)), eventId: event.id,
            rotate: rotate, now: now, lifetime: TimeInterval(codeHours * 3600))
        let access = FacilitatorAccess(code: code)
        let server = try CheckInServer(
            database: db,
            configuration: CheckInConfiguration(event: event.code, readOnly: readOnly) { context.print($0) },
            access: access)
        let chosen = host
        let host = host ?? NetworkInterfaces.defaultHost()
        let readOnly = readOnly
        let app = server.application(host: host, port: port) { host, port in
            context.print(Self.servingLine(event: event.code, host: host, port: port))
            context.print(
                "Facilitator code: \(code.display)   (\(isNew ? "new, " : "")valid until \(Self.validity(code.expiresAt, event: event, now: now)); `--rotate` for a new one)"
            )
            if chosen == nil, NetworkInterfaces.privateIPv4().isEmpty {
                context.print(
                    "No local network address found (is Wi-Fi or the hotspot on?): only this machine can connect. --host chooses an address."
                )
            }
            if readOnly { context.print("Read-only: phones see the counts; searching and marking are off.") }
            context.print("Access log (Ctrl-C stops the server):")
        }
        let failure = Mutex<String?>(nil)
        let done = DispatchSemaphore(value: 0)
        Task {
            do {
                try await app.runService()
            } catch {
                failure.withLock { $0 = "\(error)" }
            }
            done.signal()
        }
        done.wait()
        if let message = failure.withLock({ $0 }) {
            context.error("Error: cannot serve on \(host):\(port): \(message)")
            throw ExitCode(ExitStatus.ioError)
        }
    }

    /// `Serving psc-final on http://192.168.43.10:8080  (local network only)`.
    static func servingLine(event: String, host: String, port: Int) -> String {
        let hosts = host == "0.0.0.0" ? NetworkInterfaces.privateIPv4() + ["127.0.0.1"] : [host]
        let urls = hosts.map { "http://\($0.contains(":") ? "[\($0)]" : $0):\(port)" }.joined(separator: " and ")
        let scope =
            NetworkInterfaces.isLocalOnly(host)
            ? "local network only"
            : "this address may be reachable beyond the local network; clients outside it are refused"
        return "Serving \(event) on \(urls)  (\(scope))"
    }

    /// `18:00 WIB`, or `2024-01-10 04:00 WIB` when the code outlasts the day, in the venue's zone.
    static func validity(_ date: Date, event: Event, now: Date) -> String {
        let zone = event.zone
        let sameDay = CalendarDate(date, in: zone) == CalendarDate(now, in: zone)
        return (sameDay ? LocalTime.formatClock(date, in: zone) : LocalTime.format(date, in: zone)) + " "
            + LocalTime.zoneLabel(zone, at: date)
    }
}
