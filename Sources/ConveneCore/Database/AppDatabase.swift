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
    /// `upgrading` hears the migrations about to run on a file an earlier version made
    /// (not on a new one), before they run: a large file takes a while.
    init(
        _ writer: any DatabaseWriter, path: String?, upgrading: (@Sendable ([String]) -> Void)? = nil
    ) throws(ConveneError) {
        self.writer = writer
        self.path = path
        let label = path ?? ":memory:"
        try Self.translatingErrors(path: label) {
            // One read of the applied migrations: those this binary does not know (a newer
            // version wrote the file), and those it has that the file lacks (an older one did).
            let applied = try writer.read { db in try Self.migrator.appliedIdentifiers(db) }
            let unknown = applied.subtracting(Self.migrator.migrations).sorted()
            let pending = applied.isEmpty ? [] : Self.migrator.migrations.filter { !applied.contains($0) }
            guard unknown.isEmpty else {
                throw ConveneError.schemaTooNew(path: label, unknownMigrations: unknown)
            }
            if !pending.isEmpty { upgrading?(pending) }
            try Self.migrator.migrate(writer)
        }
    }

    /// Opens the Convene database at `path`. Nothing but a Convene database is ever
    /// written to: a missing file is an error unless `create` is set (only `init` sets
    /// it), and any other file, SQLite or not, is refused before a connection that could
    /// change it is opened.
    ///
    /// A command runs one thing at a time, so it gets a single connection; `concurrentReads`
    /// (the check-in server) gets a pool whose readers run beside its writer. Either way the
    /// file is in WAL mode, so other processes read while one writes.
    ///
    /// `upgrading` is told the schema changes an older file is about to get, before they run
    /// (`upgradeNotice` says it to a user).
    public static func open(
        path: String, create: Bool = false, concurrentReads: Bool = false,
        upgrading: (@Sendable ([String]) -> Void)? = nil
    ) throws(ConveneError) -> AppDatabase {
        let url = URL(fileURLWithPath: path)
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        if fileManager.fileExists(atPath: path, isDirectory: &isDirectory) {
            if isDirectory.boolValue {
                throw ConveneError.database(message: "\(path) is a directory, not a Convene database file.")
            }
            switch try inspect(path: path) {
            case .convene, .conveneBeforeApplicationID:
                break
            case .empty where create:
                break  // an empty file holds nothing to lose: init may build in it
            case let kind:
                throw ConveneError.notConveneDatabase(path: path, kind: kind)
            }
        } else if !create {
            throw ConveneError.databaseNotFound(path: path)
        } else if !fileManager.fileExists(atPath: url.deletingLastPathComponent().path) {
            throw ConveneError.cannotCreateOutput(
                path: path, reason: "the folder \(url.deletingLastPathComponent().path) does not exist.")
        }
        let writer: any DatabaseWriter
        do {
            if concurrentReads {
                writer = try DatabasePool(path: path, configuration: makeConfiguration())
            } else {
                // GRDB's pool makes sure a write-ahead log exists by creating and dropping
                // a table whenever it finds none, which is at every start of a command (the
                // last connection to close deletes the log): a write and two syncs even for
                // `event list`. A single read-write connection needs no log to exist; it
                // only has to put a new file into WAL mode, as the pool would.
                let queue = try DatabaseQueue(path: path, configuration: makeConfiguration())
                try queue.writeWithoutTransaction { db in
                    if try String.fetchOne(db, sql: "PRAGMA journal_mode") != "wal" {
                        guard try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") == "wal" else {
                            throw ConveneError.database(message: "cannot put \(path) into WAL mode.")
                        }
                    }
                    // What GRDB sets on a pool's writer: in WAL mode a commit is then not
                    // synced on its own and the file stays consistent after a crash; the
                    // checkpoint run when the last connection closes (the end of every
                    // command) syncs the log into the file.
                    try db.execute(sql: "PRAGMA synchronous = NORMAL")
                }
                writer = queue
            }
        } catch {
            throw translate(error, path: path)
        }
        return try AppDatabase(writer, path: path, upgrading: upgrading)
    }

    /// What a command says before it upgrades an older file: most steps take a moment, but
    /// a few read the whole file.
    public static func upgradeNotice(path: String, pending: [String]) -> String {
        "Upgrading \(path) for this version of Convene (\(pending.joined(separator: ", "))): once; a large database can take a minute."
    }

    /// Convene's mark in the SQLite header (`PRAGMA application_id`): "CONV".
    public static let applicationID: Int32 = 0x434F_4E56

    /// What a file on disk is, found without changing it.
    public enum FileKind: Equatable, Sendable {
        case convene
        /// Written by Convene before files carried the application id; the next open adds it.
        case conveneBeforeApplicationID
        /// No bytes, or an SQLite file without a single table.
        case empty
        /// Another program's SQLite file.
        case otherSQLite(applicationID: Int32, tables: Int)
        case notSQLite
    }

    /// Looks at a file without writing to it: its first bytes, then (for an SQLite file)
    /// its application id and tables, read through a plain connection that leaves the
    /// journal mode as it is.
    public static func inspect(path: String) throws(ConveneError) -> FileKind {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ConveneError.database(message: "cannot read \(path): permission denied or not a file.")
        }
        let header = (try? handle.read(upToCount: 100)) ?? nil
        try? handle.close()
        guard let header, !header.isEmpty else { return .empty }
        guard header.prefix(16) == Data("SQLite format 3\u{0}".utf8) else { return .notSQLite }
        // The application id is a big-endian word at offset 68 of the header. Convene
        // writes it once, when the file is made, so a header that already carries it is
        // Convene's without opening a connection; anything else is asked of SQLite, which
        // also sees a header still waiting in the write-ahead log.
        if header.count == 100,
            header[68..<72].reduce(UInt32(0), { $0 << 8 | UInt32($1) }) == UInt32(bitPattern: applicationID)
        {
            return .convene
        }
        do {
            let probe = try openProbe(path: path)
            defer { try? probe.close() }
            return try probe.read { db in
                let id = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
                if id == applicationID { return .convene }
                let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
                if id == 0, tables.isEmpty { return .empty }
                if id == 0, tables.contains("grdb_migrations"),
                    try Bool.fetchOne(
                        db, sql: "SELECT EXISTS (SELECT 1 FROM grdb_migrations WHERE identifier = 'v1-core')") == true
                {
                    return .conveneBeforeApplicationID
                }
                return .otherSQLite(applicationID: id, tables: tables.count)
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            return .notSQLite
        } catch {
            throw translate(error, path: path)
        }
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

    /// A connection that reads without changing the file. Read-only first; a WAL file
    /// whose shared-memory file is missing can only be read by a read-write connection,
    /// which still writes nothing while it only reads.
    private static func openProbe(path: String) throws -> DatabaseQueue {
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(15)
        if let probe = try? DatabaseQueue(path: path, configuration: config),
            (try? probe.read({ db in try Int.fetchOne(db, sql: "PRAGMA schema_version") })) != nil
        {
            return probe
        }
        config.readonly = false
        return try DatabaseQueue(path: path, configuration: config)
    }

    /// Foreign keys on (GRDB's default), a busy timeout so a facilitator's laptop and
    /// the secretariat's reports can share one file; a DatabasePool is in WAL mode.
    static func makeConfiguration() -> Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(15)
        config.label = "convene"
        // Deleted rows are overwritten, not left in free pages: erasure must really erase.
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA secure_delete = ON")
            // The writer gets up to 64 MiB of page cache (SQLite's default is 2 MiB), taken only
            // as pages are used: an import's inserts into the id and e-mail indexes stay in
            // memory instead of being written and read back. A pool's readers (the server) keep
            // the default. A command's single connection is a writer, so its reports also sort
            // in memory, which SQLite sizes from the cache (about 250 MB at a million marks).
            if !db.configuration.readonly { try db.execute(sql: "PRAGMA cache_size = -65536") }
            db.add(function: foldFunction)
        }
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
            case .SQLITE_IOERR where DiskSpace.isNearlyFull(at: path):
                // SQLite often says "disk I/O error" when a write hits a full disk.
                return .database(
                    message:
                        "the disk holding \(path) is full (SQLite: disk I/O error); nothing was changed. Free some space and try again."
                )
            default:
                // The SQL and its arguments stay out of the message: they can hold personal data.
                return .database(message: "\(error.message ?? "\(error.resultCode)") (\(path)); nothing was changed.")
            }
        default:
            return .database(message: "\(error.localizedDescription) (\(path))")
        }
    }

    /// Copies every change into the main file and empties the write-ahead log, so erased
    /// values do not linger in `-wal` (secure delete has already zeroed them in the main
    /// file). False when another process keeps a read open and the log could not be emptied.
    public func clearWriteAheadLog() -> Bool {
        guard path != nil else { return true }
        do {
            try writer.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
            return true
        } catch {
            return false
        }
    }

    /// Closes the connections now rather than when the value goes away (before a rename).
    public func close() throws(ConveneError) {
        try Self.translatingErrors(path: path ?? ":memory:") { try writer.close() }
    }

    /// The reader the online backup copies from.
    var backupSource: any DatabaseReader { writer }

    /// The schema migrations this binary knows, in order.
    public static var knownMigrations: [String] { migrator.migrations }
}
