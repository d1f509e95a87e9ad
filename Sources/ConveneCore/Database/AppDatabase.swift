import Foundation
import GRDB

/// The one way into a Convene database: it holds the only writer, runs the migrator
/// when opened, and offers named reads and writes. Each write is one transaction, so
/// a failure leaves the database as it was.
public struct AppDatabase: Sendable {
    private let writer: any DatabaseWriter
    /// Where the database lives, for messages (nil in memory).
    public let path: String?

    /// Wraps a writer, refusing a schema newer than this binary knows, then migrating.
    init(_ writer: any DatabaseWriter, path: String?) throws(ConveneError) {
        self.writer = writer
        self.path = path
        let label = path ?? ":memory:"
        try Self.translatingErrors(path: label) {
            let unknown = try writer.read { db in
                try Self.migrator.hasBeenSuperseded(db)
                    ? Set(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"))
                        .subtracting(Self.migrator.migrations)
                        .sorted()
                    : []
            }
            guard unknown.isEmpty else {
                throw ConveneError.schemaTooNew(path: label, unknownMigrations: unknown)
            }
            try Self.migrator.migrate(writer)
        }
    }

    /// Opens the database file at `path`. Unless `create` is set, a missing file is an
    /// error rather than a new empty database.
    public static func open(path: String, create: Bool = false) throws(ConveneError) -> AppDatabase {
        let url = URL(fileURLWithPath: path)
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        if fileManager.fileExists(atPath: path, isDirectory: &isDirectory) {
            if isDirectory.boolValue {
                throw ConveneError.database(message: "\(path) is a directory, not a Convene database file.")
            }
        } else if !create {
            throw ConveneError.databaseNotFound(path: path)
        } else if !fileManager.fileExists(atPath: url.deletingLastPathComponent().path) {
            throw ConveneError.cannotCreateOutput(
                path: path, reason: "the folder \(url.deletingLastPathComponent().path) does not exist.")
        }
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: makeConfiguration())
        } catch {
            throw translate(error, path: path)
        }
        return try AppDatabase(pool, path: path)
    }

    /// An empty database in memory, for tests and dry runs.
    public static func inMemory() throws(ConveneError) -> AppDatabase {
        do {
            return try AppDatabase(DatabaseQueue(configuration: makeConfiguration()), path: nil)
        } catch let error as ConveneError {
            throw error
        } catch {
            throw translate(error, path: ":memory:")
        }
    }

    /// Foreign keys on (GRDB's default), a busy timeout so a facilitator's laptop and
    /// the secretariat's reports can share one file; a DatabasePool is in WAL mode.
    static func makeConfiguration() -> Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(15)
        config.label = "convene"
        return config
    }

    // MARK: - Running reads and writes

    /// Runs `body` in one write transaction; any error rolls it back.
    func write<T: Sendable>(_ body: @Sendable (Database) throws -> T) throws(ConveneError) -> T {
        try Self.translatingErrors(path: path ?? ":memory:") { try writer.write(body) }
    }

    /// Runs `body` on a consistent snapshot.
    func read<T: Sendable>(_ body: @Sendable (Database) throws -> T) throws(ConveneError) -> T {
        try Self.translatingErrors(path: path ?? ":memory:") { try writer.read(body) }
    }

    /// Runs `body` in a write transaction that is committed, or rolled back when `rollback`
    /// is set: a dry run does all the work of the real thing and keeps none of it.
    func writeRollingBack<T: Sendable>(_ rollback: Bool, _ body: @Sendable (Database) throws -> T) throws(ConveneError)
        -> T
    {
        guard rollback else { return try write(body) }
        return try Self.translatingErrors(path: path ?? ":memory:") {
            try writer.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction {
                    result = try body(db)
                    return .rollback
                }
                return result!
            }
        }
    }

    static func translatingErrors<T>(path: String, _ body: () throws -> T) throws(ConveneError) -> T {
        do {
            return try body()
        } catch {
            throw translate(error, path: path)
        }
    }

    static func translate(_ error: any Error, path: String) -> ConveneError {
        switch error {
        case let error as ConveneError:
            return error
        case let error as DatabaseError:
            switch error.resultCode {
            case .SQLITE_NOTADB:
                return .database(message: "\(path) is not a Convene database (SQLite says: file is not a database).")
            case .SQLITE_CANTOPEN:
                return .database(message: "cannot open \(path): \(error.message ?? "unknown reason").")
            case .SQLITE_BUSY, .SQLITE_LOCKED:
                return .database(
                    message:
                        "\(path) stayed locked by another Convene process for too long; nothing was changed. Try again."
                )
            case .SQLITE_READONLY:
                return .database(message: "\(path) is read-only; nothing was changed.")
            case .SQLITE_FULL:
                return .database(message: "the disk holding \(path) is full; nothing was changed.")
            default:
                // The SQL and its arguments stay out of the message: they can hold personal data.
                return .database(message: "\(error.message ?? "\(error.resultCode)") (\(path)); nothing was changed.")
            }
        default:
            return .database(message: "\(error.localizedDescription) (\(path))")
        }
    }

    /// The reader the online backup copies from.
    var backupSource: any DatabaseReader { writer }

    /// The schema migrations this binary knows, in order.
    public static var knownMigrations: [String] { migrator.migrations }
}
