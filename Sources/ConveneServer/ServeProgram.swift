import ConveneCore
import Foundation
import Synchronization

/// What `convene-serve` does for the `ServeRequest` that `convene serve` hands it: opens the
/// database, prints the address and the facilitator code, and serves until stopped.
public enum ServeProgram {
    /// The server could not listen, or stopped with an error (a port in use).
    public struct Failure: LocalizedError, Sendable {
        public var message: String
        public var errorDescription: String? { message }
    }

    /// Serves until the server stops (Ctrl-C). Lines for the terminal go to `print`.
    public static func run(_ request: ServeRequest, print: @escaping @Sendable (String) -> Void) throws {
        let db = try AppDatabase.open(path: request.databasePath, concurrentReads: true) { pending in
            print(AppDatabase.upgradeNotice(path: request.databasePath, pending: pending))
        }
        let (event, _) = try db.sessions(ofEvent: request.event)
        let now = Date()
        let (code, isNew) = try FacilitatorCodeFile.code(
            at: FacilitatorCodeFile.path(forDatabase: request.databasePath), eventId: event.id,
            rotate: request.rotate, now: now, lifetime: TimeInterval(request.codeHours * 3600))
        let server = try CheckInServer(
            database: db,
            configuration: CheckInConfiguration(event: event.code, readOnly: request.readOnly, accessLog: print),
            access: FacilitatorAccess(code: code))
        let host = request.host ?? NetworkInterfaces.defaultHost()
        let app = server.application(host: host, port: request.port) { host, port in
            print(servingLine(event: event.code, host: host, port: port))
            print(
                "Facilitator code: \(code.display)   (\(isNew ? "new, " : "")valid until \(validity(code.expiresAt, event: event, now: now)); `--rotate` for a new one)"
            )
            if request.host == nil, NetworkInterfaces.privateIPv4().isEmpty {
                print(
                    "No local network address found (is Wi-Fi or the hotspot on?): only this machine can connect. --host chooses an address."
                )
            }
            if request.readOnly { print("Read-only: phones see the counts; searching and marking are off.") }
            print("Access log (Ctrl-C stops the server):")
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
            throw Failure(message: "cannot serve on \(host):\(request.port): \(message)")
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
