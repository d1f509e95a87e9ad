import ArgumentParser
import ConveneCore
import Foundation

/// `--db PATH`, shared by every command that opens the database.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .customLong("db"),
        help: ArgumentHelp("The database file (default: $CONVENE_DB, else ./convene.sqlite).", valueName: "path"))
    var path: String?

    /// `--db`, else `$CONVENE_DB`, else `convene.sqlite` in the current directory.
    func resolvedPath(in context: CommandContext) -> String {
        let chosen = path ?? context.environment["CONVENE_DB"].flatMap { $0.isEmpty ? nil : $0 } ?? "convene.sqlite"
        let expanded = NSString(string: chosen).expandingTildeInPath
        return expanded.hasPrefix("/")
            ? expanded
            : URL(fileURLWithPath: context.currentDirectory)
                .appendingPathComponent(expanded).standardizedFileURL.path
    }

    /// Opens an existing database; a missing file is an error that says how to create it.
    /// `concurrentReads` is for a long-running server whose reads should not wait on its writes.
    /// A file an earlier version made is upgraded first, and says so on standard error.
    func open(in context: CommandContext, concurrentReads: Bool = false) throws -> AppDatabase {
        let path = resolvedPath(in: context)
        return try AppDatabase.open(path: path, concurrentReads: concurrentReads) { pending in
            context.error(AppDatabase.upgradeNotice(path: path, pending: pending))
        }
    }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case table, csv, json
}

/// `--format table|csv|json` for list commands.
struct FormatOptions: ParsableArguments {
    @Option(help: "Output format: table, csv or json.")
    var format: OutputFormat = .table
}

// MARK: - Coded values as arguments
// The same parser as imports: "perempuan", "P" and "female" are one value. An unknown
// spelling is rejected by ArgumentParser with the list of accepted values.

extension ExpressibleByArgument where Self: CodedValue {
    public init?(argument: String) {
        guard let value = Self.lookup(argument) else { return nil }
        self = value
    }

    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
    public var defaultValueDescription: String { rawValue }
}

extension Gender: ExpressibleByArgument {}
extension StakeholderType: ExpressibleByArgument {}
extension OrganisationType: ExpressibleByArgument {}
extension RegistrationRole: ExpressibleByArgument {}
extension AttendanceStatus: ExpressibleByArgument {}
extension EventKind: ExpressibleByArgument {}
extension DisabilityStatus: ExpressibleByArgument {}
extension Language: ExpressibleByArgument {}

/// A calendar date argument, `YYYY-MM-DD`.
extension CalendarDate: ExpressibleByArgument {
    public init?(argument: String) { self.init(iso: argument) }
}
