/// What `convene serve` asks of `convene-serve`, the program that holds the check-in server:
/// the options as `convene serve` parsed and checked them, the database path resolved.
///
/// The server is a program of its own so that the web stack's runtime metadata (SwiftNIO,
/// Hummingbird: a quarter of the binary's protocol conformances, which the Swift runtime
/// scans on every first type check) is not loaded by every other command: `attend` for one
/// person took 14% and `event list` 20% less time without it.
public struct ServeRequest: Codable, Equatable, Sendable {
    /// Absolute.
    public var databasePath: String
    public var event: String
    /// Nil: this machine's address on the local network.
    public var host: String?
    public var port: Int
    public var rotate: Bool
    public var readOnly: Bool
    public var codeHours: Int

    public init(
        databasePath: String, event: String, host: String?, port: Int, rotate: Bool, readOnly: Bool, codeHours: Int
    ) {
        self.databasePath = databasePath
        self.event = event
        self.host = host
        self.port = port
        self.rotate = rotate
        self.readOnly = readOnly
        self.codeHours = codeHours
    }

    /// What is wrong with the options, worded for the command line; nil when they can be
    /// served. `convene serve` checks before handing over, `convene-serve` again on receipt.
    public static func problem(port: Int, codeHours: Int) -> String? {
        if !(0...65535).contains(port) { return "--port: \(port) is not a port (0–65535)." }
        if !(1...24).contains(codeHours) { return "--code-hours: \(codeHours) is not between 1 and 24." }
        return nil
    }

    public var problem: String? { Self.problem(port: port, codeHours: codeHours) }

    /// The name of the server's executable, installed beside `convene`.
    public static let programName = "convene-serve"
}
