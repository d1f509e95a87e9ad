import ArgumentParser
import ConveneCore
import Foundation

struct Init: ConveneCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a Convene database (or bring an existing one up to date).",
        discussion: """
            Examples:
              convene init                          # ./convene.sqlite
              convene --db /data/programme.sqlite init
            """)

    @OptionGroup var database: DatabaseOptions

    func run(in context: CommandContext) throws {
        let path = database.resolvedPath(in: context)
        let existed = FileManager.default.fileExists(atPath: path)
        let db = try AppDatabase.open(path: path, create: true)
        let migrations = try db.appliedMigrations()
        context.print(
            existed
                ? "\(path) already exists; its schema is up to date (\(migrations.last ?? "none"))."
                : "Created \(path) (schema \(migrations.last ?? "none")).")
    }
}
