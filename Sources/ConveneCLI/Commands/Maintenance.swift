import ArgumentParser
import ConveneCore
import Foundation

struct Backup: ConveneCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the database to a new file, safely while others are writing.",
        discussion: """
            Uses SQLite's online backup, so facilitators can keep marking attendance. Never \
            overwrites a file. The copy is checked before the command says it is done.

            Example:
              convene backup backups/convene-2024-09-25.sqlite
            """)

    @OptionGroup var database: DatabaseOptions
    @Argument(help: "The new file.") var file: String

    func run(in context: CommandContext) throws {
        let destination = URL(
            fileURLWithPath: file, relativeTo: URL(fileURLWithPath: context.currentDirectory, isDirectory: true)
        ).path
        let report = try database.open(in: context).backup(to: destination)
        let size = (try? FileManager.default.attributesOfItem(atPath: destination)[.size] as? Int) ?? 0
        context.print(
            "Backed up to \(file) (\(size / 1024) KiB, \(report.participants) participants); the copy passed `convene check`."
        )
    }
}

struct Check: ConveneCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the database: integrity, foreign keys, Convene's rules, schema version.",
        discussion: """
            Exits 0 when all is well and 74 when anything is wrong, so it can run from cron \
            or a script.

            Example:
              convene check && convene backup nightly.sqlite
            """)

    @OptionGroup var database: DatabaseOptions

    func run(in context: CommandContext) throws {
        func line(_ ok: Bool, _ text: String) -> String { (ok ? "ok    " : "FAIL  ") + text }
        let path = database.resolvedPath(in: context)
        if FileManager.default.fileExists(atPath: path) {
            let kind = try AppDatabase.inspect(path: path)
            let description: String? =
                switch kind {
                case .convene, .conveneBeforeApplicationID: nil
                case .empty: "empty: the file holds no database"
                case .otherSQLite: "not a Convene database: another program's SQLite file"
                case .notSQLite: "not a database: the file is not SQLite"
                }
            if let description {
                context.print(line(false, "file: " + description))
                throw ConveneError.notConveneDatabase(path: path, kind: kind)
            }
        }
        let db = try database.open(in: context)
        let report = try db.check()
        let logCleared = db.clearWriteAheadLog()
        let lines = [
            line(
                report.applicationID == AppDatabase.applicationID,
                "file: a Convene database (application id \(String(format: "0x%08X", UInt32(bitPattern: report.applicationID))))"
            ),
            line(report.integrity == ["ok"], "integrity: " + report.integrity.prefix(5).joined(separator: "; ")),
            line(report.foreignKeyViolations == 0, "foreign keys: \(report.foreignKeyViolations) violation(s)"),
            line(
                report.eventsWithoutSessions.isEmpty,
                "every event has a session"
                    + (report.eventsWithoutSessions.isEmpty
                        ? "" : ": not \(report.eventsWithoutSessions.joined(separator: ", "))")),
            line(
                report.marksWithoutRegistration == 0,
                "attendance marks of registered people: \(report.marksWithoutRegistration) mark(s) without a registration"
            ),
            line(
                report.attendeesOutOfStep == 0,
                "who attended each event agrees with the marks: \(report.attendeesOutOfStep) (event, person) row(s) differ"
            ),
            line(
                report.appliedMigrations == report.knownMigrations,
                "schema: \(report.appliedMigrations.last ?? "none") (this Convene knows \(report.knownMigrations.last ?? "none"))"
            ),
            "      journal mode: \(report.journalMode)",
            logCleared
                ? "      write-ahead log: emptied into the main file"
                : "      write-ahead log: in use by another process; run check again once it has closed",
            "      \(report.participants) participants, \(report.events) events",
        ]
        context.print(lines.joined(separator: "\n"))
        guard report.isHealthy else {
            throw ConveneError.database(
                message:
                    "the check found problems (FAIL lines above). Restore a backup or ask for help before writing to it."
            )
        }
    }
}

struct Export: ConveneCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export registrations and attendance without personal data.",
        discussion: """
            One CSV row per person and session (or per registration without a mark), with a \
            stable pseudonym instead of the person: the same person has the same pseudonym in \
            every export. No names, emails, phones, positions or provinces. A roster with \
            names is `convene participant list`.

            small_group is yes when fewer than \(SmallCounts.identifiable) people in the \
            export share the row's gender, stakeholder type, organisation, age band and \
            disability: someone who knows the event could tell who such a row is, so leave \
            those columns out or group them before sharing the file.

            Example:
              convene export --anonymised --out attendance-anonymised.csv
            """)

    @OptionGroup var database: DatabaseOptions
    @Flag(help: "Replace people by pseudonyms (required: the only kind of export).") var anonymised = false
    @Option(help: "Only this event.") var event: String?
    @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file")) var out: String?
    @Flag(help: "With --out: replace the file if it exists (without it, an existing file is never overwritten).")
    var force = false

    func validate() throws {
        guard anonymised else {
            throw ValidationError(
                "Only anonymised exports exist: add --anonymised. For a roster with names, use `convene participant list --format csv`."
            )
        }
        if force && out == nil { throw ValidationError("--force goes with --out.") }
    }

    func run(in context: CommandContext) throws {
        let output = try out.map {
            try OutputFile(
                $0, in: context, replace: force, protecting: [.database(database.resolvedPath(in: context))])
        }
        let rows = try database.open(in: context).anonymisedExport(event: event)
        let table = Table(
            columns: [
                "pseudonym", "event", "session", "status", "role", "gender", "stakeholder_type", "organisation",
                "organisation_type", "age_band", "disability", "small_group",
            ].map { Table.Column(key: $0, title: $0) },
            rows: rows.map { row in
                [
                    .text(row.pseudonym), .text(row.event), .text(row.session), .text(row.status), .text(row.role),
                    .text(row.gender), .text(row.stakeholderType), .text(row.organisation), .text(row.organisationType),
                    .text(row.ageBand), .text(row.disability), .text(row.smallGroup ? "yes" : "no"),
                ]
            })
        let text = table.csv() + "\n"
        guard let output else {
            context.write(text)
            return
        }
        try output.write(Data(text.utf8))
        context.print("Wrote \(rows.count) rows to \(output.name).")
    }
}
