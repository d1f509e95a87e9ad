import ArgumentParser
import ConveneCore
import Foundation

struct Init: ConveneCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a Convene database (or bring an existing one up to date).",
        discussion: """
            Creates the file, or builds in an empty one. Any other file (another program's \
            SQLite database, a spreadsheet) is refused and left untouched.

            Examples:
              convene init                          # ./convene.sqlite
              convene --db /data/programme.sqlite init
            """)

    @OptionGroup var database: DatabaseOptions

    func run(in context: CommandContext) throws {
        let path = database.resolvedPath(in: context)
        let existing = FileManager.default.fileExists(atPath: path) ? try AppDatabase.inspect(path: path) : nil
        let db = try AppDatabase.open(path: path, create: true)
        let migrations = try db.appliedMigrations()
        context.print(
            existing == nil || existing == .empty
                ? "Created \(path) (schema \(migrations.last ?? "none"))."
                : "\(path) already exists; its schema is up to date (\(migrations.last ?? "none")).")
    }
}
