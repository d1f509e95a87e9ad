import ConveneCore
import Foundation
import Hummingbird
import Logging
import NIOCore

/// What one `convene serve` runs with: the event, the access rules and where the access log goes.
public struct CheckInConfiguration: Sendable {
    /// The event's code, as typed (a former code works too).
    public var event: String
    /// Counts only: no search, no marks, no walk-ins.
    public var readOnly: Bool
    /// Most people one search returns.
    public var maxResults: Int
    /// One line per login, mark and walk-in: who (a handle, never a name), what and when.
    public var accessLog: @Sendable (String) -> Void

    public init(
        event: String, readOnly: Bool = false, maxResults: Int = 50,
        accessLog: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.event = event
        self.readOnly = readOnly
        self.maxResults = maxResults
        self.accessLog = accessLog
    }
}

/// Phone check-in for one event: the JSON API (`/api/v1/…`) and the HTML pages that use
/// the same handlers, over the core's named reads and writes. Nothing here writes SQL.
public struct CheckInServer: Sendable {
    let database: AppDatabase
    let configuration: CheckInConfiguration
    let access: FacilitatorAccess
    /// The event as it was when the server started: its code and zone for pages and logs.
    let event: Event

    public init(database: AppDatabase, configuration: CheckInConfiguration, access: FacilitatorAccess)
        throws(ConveneError)
    {
        self.database = database
        self.configuration = configuration
        self.access = access
        self.event = try database.sessions(ofEvent: configuration.event).0
    }

    /// Every route, behind the local-network check and the security headers.
    public func router() -> Router<CheckInContext> {
        let router = Router(context: CheckInContext.self)
        router.add(middleware: LocalNetworkMiddleware())
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: FacilitatorMiddleware(access: access))
        addAPI(to: router.group("api/v1"))
        addPages(to: router)
        return router
    }

    /// An application bound to `host:port`; `onRunning` gets the address actually bound (port 0 picks one).
    public func application(
        host: String, port: Int, onRunning: @escaping @Sendable (_ host: String, _ port: Int) async -> Void
    ) -> some ApplicationProtocol {
        var logger = Logger(label: "convene.serve")
        logger.logLevel = .error  // request details stay out of the terminal: they can hold names
        return Application(
            router: router(),
            configuration: .init(address: .hostname(host, port: port), serverName: "convene"),
            onServerRunning: { channel in
                await onRunning(host, channel.localAddress?.port ?? port)
            },
            logger: logger)
    }

    // MARK: - Shared pieces

    /// `psc-3/2` for session number 2 of the served event.
    func sessionReference(_ number: Int) -> String { "\(event.code)/\(number)" }

    /// The session number from the path, or a 404 worded for the user.
    func sessionNumber(_ context: CheckInContext) throws -> Int {
        guard let text = context.parameters.get("number"), let number = Int(text), number >= 1 else {
            throw CheckInFailure(.notFound, "There is no such session.")
        }
        return number
    }

    /// A line for the access log: time in the event's zone, who, what. Never a name.
    func log(_ facilitator: FacilitatorSession?, _ text: String) {
        let now = access.now()
        let seconds = Int(now.timeIntervalSince1970.rounded(.down)) % 60
        let stamp =
            LocalTime.format(now, in: event.zone) + String(format: ":%02d ", seconds)
            + LocalTime.zoneLabel(event.zone, at: now)
        configuration.accessLog("\(stamp)  \(facilitator?.handle ?? "-")  \(text)")
    }

    /// Runs a blocking database call off the server's threads.
    func db<T: Sendable>(_ body: @escaping @Sendable (AppDatabase) throws(ConveneError) -> T) async throws -> T {
        let database = database
        let result: Result<T, ConveneError> = await withCheckedContinuation { continuation in
            Self.databaseQueue.async {
                continuation.resume(returning: Result { () throws(ConveneError) -> T in try body(database) })
            }
        }
        switch result {
        case .success(let value): return value
        case .failure(let error): throw CheckInFailure(error)
        }
    }

    /// SQLite calls block; they run here, not on the threads that serve connections.
    static let databaseQueue = DispatchQueue(label: "convene.serve.database", attributes: .concurrent)
}

/// The request context: the facilitator the cookie names, and the client's address.
public struct CheckInContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by `FacilitatorMiddleware` when the request carries a live session cookie.
    public var facilitator: FacilitatorSession?
    /// The client's IP address ("unknown" in in-process tests), for rate limiting.
    public let client: String
    /// Whether the client is on this machine or a private network.
    public let clientIsLocal: Bool

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        let address = source.channel.remoteAddress
        client = address?.ipAddress ?? "unknown"
        clientIsLocal = address.map { NetworkAddress.isLocal($0) } ?? true
    }

    /// Forms and JSON bodies are small: a walk-in is a few fields.
    public var maxUploadSize: Int { 16 * 1024 }

    /// Keys in a steady order and `psc-3/1` as written, so replies read the same every time.
    public var responseEncoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
