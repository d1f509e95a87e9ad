import ArgumentParser
import ConveneCore
import Foundation

/// `convene demo`: the programme's public record, loaded through Convene's own imports
/// into a fresh database in a folder of its own, with the documents it produces.
struct Demo: ConveneCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Build a demo database of a real programme and write its documents (start here).",
        discussion: """
            The demo is the joint programme "Migration Governance for Sustainable Development \
            in Indonesia" (IOM, UNDP and UN Women): its Programme Steering Committee meetings, \
            its national symposium, its trainings and its community outreach, as published, \
            with fictional people (example.org) in the numbers published. Every record goes in \
            through Convene's own imports of real form exports (Indico, Google Forms, \
            KoboToolbox, Excel sign-in sheets) and its own commands; the counts are computed.

            It builds DIR/demo.sqlite afresh (run it again to rebuild) and writes into DIR the \
            PSC-3 minutes in English and Indonesian, the final PSC minutes, the statistics \
            report, a sign-in sheet and an agenda. Nothing outside DIR is touched: not \
            ./convene.sqlite, not $CONVENE_DB. DIR must be new, empty, or a demo folder.

            Examples:
              convene demo
              convene demo --out /tmp/psc-demo --lang id
              convene --db convene-demo/demo.sqlite stats --event psc-3 --by ministry
            """)

    @Option(help: ArgumentHelp("The folder to build the demo in.", valueName: "dir")) var out = "convene-demo"
    @Option(name: .customLong("lang"), help: "Language of the documents: en or id (PSC-3's minutes come in both).")
    var language: Language = .en

    /// Marks a folder as the demo's own, so a second run may replace what the first wrote.
    static let marker = ".convene-demo"

    func run(in context: CommandContext) throws {
        let started = Date()
        let folder = URL(fileURLWithPath: DocumentOptions.absolute(out, in: context), isDirectory: true)
        try Self.prepare(folder)
        let programme = try DemoProgramme.decode(try Self.embedded("programme.json"))
        let databasePath = folder.appendingPathComponent("demo.sqlite").path
        let loaded = try Self.build(programme, at: databasePath)
        let database = try AppDatabase.open(path: databasePath)
        let built = Date().timeIntervalSince(started)

        let overall = try database.statistics(StatsScope(), by: [])
        var lines = Self.headline(programme, overall)
        lines += [
            "",
            "Built \(Self.relative(databasePath, in: context)) in \(String(format: "%.1f", built)) s: "
                + "\(loaded.events.count) events, \(loaded.imports) form exports and sign-in sheets imported "
                + "(\(loaded.rowsImported.formatted()) rows), \(loaded.steps) steps in all.",
            "",
            try Self.eventTable(overall, database).aligned(),
        ]

        let written = try writeDocuments(database, folder: folder, overall: overall, in: context)
        lines += ["", "Wrote into \(Self.relative(folder.path, in: context))/:"]
        let width = written.map(\.name.count).max() ?? 0
        lines += (["demo.sqlite"].map { ($0, "the database") } + written.map { ($0.name, $0.what) }).map {
            "  " + $0.0.padding(toLength: max(width, 11), withPad: " ", startingAt: 0) + "  " + $0.1
        }
        let db = Self.relative(databasePath, in: context)
        lines += [
            "",
            "Try next (with `swift run`, write `swift run convene` for `convene`):",
            "  convene --db \(db) stats --event psc-3 --by ministry --by gender",
            "  convene --db \(db) action list --series PSC",
            "  convene --db \(db) minutes --event psc-3 --lang id",
        ]
        context.print(lines.joined(separator: "\n"))
    }

    // MARK: - Building

    /// A new folder, an empty one, or one an earlier demo made (it holds the marker).
    static func prepare(_ folder: URL) throws {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: folder.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw ConveneError.cannotCreateOutput(path: folder.path, reason: "it is a file, not a folder.")
            }
            let contents = (try? manager.contentsOfDirectory(atPath: folder.path)) ?? []
            guard contents.isEmpty || contents.contains(marker) else {
                throw ConveneError.cannotCreateOutput(
                    path: folder.path,
                    reason:
                        "the folder holds other files and no earlier demo. The demo writes only into a new or empty folder, or one it made: choose one with --out DIR."
                )
            }
        } else {
            do {
                try manager.createDirectory(at: folder, withIntermediateDirectories: true)
            } catch {
                throw ConveneError.cannotCreateOutput(path: folder.path, reason: "the folder cannot be created.")
            }
        }
        let markerURL = folder.appendingPathComponent(marker)
        guard
            manager.fileExists(atPath: markerURL.path)
                || manager.createFile(
                    atPath: markerURL.path,
                    contents: Data("Made by `convene demo`: a later run replaces the files it wrote here.\n".utf8))
        else {
            throw ConveneError.cannotCreateOutput(path: folder.path, reason: "the folder is not writable.")
        }
    }

    /// Builds the database under a temporary name and renames it into place, so a failed
    /// run leaves the earlier demo database as it was.
    static func build(_ programme: DemoProgramme, at path: String) throws -> DemoLoadReport {
        let manager = FileManager.default
        let building = path + ".building-\(ProcessInfo.processInfo.processIdentifier)"
        func removeBuilding() {
            for suffix in ["", "-wal", "-shm"] { try? manager.removeItem(atPath: building + suffix) }
        }
        removeBuilding()
        let report: DemoLoadReport
        do {
            let database = try AppDatabase.open(path: building, create: true)
            report = try database.load(programme, file: { name throws(ConveneError) in try embedded(name) })
            // Everything into the main file, so it can be renamed alone.
            guard database.clearWriteAheadLog() else {
                throw ConveneError.database(message: "the demo database could not be checkpointed.")
            }
            try database.close()
        } catch {
            removeBuilding()
            throw error
        }
        for suffix in ["-wal", "-shm"] { try? manager.removeItem(atPath: path + suffix) }
        guard rename(building, path) == 0 else {
            let reason = String(cString: strerror(errno))
            removeBuilding()
            throw ConveneError.cannotCreateOutput(path: path, reason: reason)
        }
        removeBuilding()
        return report
    }

    /// A file of Fixtures/demo, as embedded in the binary.
    static func embedded(_ name: String) throws(ConveneError) -> Data {
        guard let data = EmbeddedDemo.file(name) else {
            throw ConveneError.notFound(kind: "demo file", reference: name, hint: "Run Scripts/generate_embedded.py.")
        }
        return data
    }

    // MARK: - Printing

    static func headline(_ programme: DemoProgramme, _ stats: ParticipationStats) -> [String] {
        let info = programme.programme
        let women = stats.womenShare.map { String(format: "%.1f%%", $0) } ?? "–"
        return [
            info.title,
            "\(info.lead) (lead) with \(info.partners.joined(separator: " and ")) · \(info.donor) · \(info.period)",
            "",
            "Reached \(stats.participants.formatted()) people, \(women) of them women, at \(stats.events.count) events "
                + "(\(stats.attendances.formatted()) attendances; people from \(stats.ministries) ministries).",
            "Published by the programme: \(info.published.reach.formatted()) people reached, "
                + "\(info.published.womenPercent)% women.",
        ]
    }

    static func eventTable(_ overall: ParticipationStats, _ database: AppDatabase) throws -> Table {
        let rows = try overall.events.map { event -> [Table.Cell] in
            let stats = try database.statistics(StatsScope(events: [event.code]), by: [])
            let women = stats.womenShare.map { String(format: "%.0f%%", $0) }
            return [
                .text(event.code), .text(event.startDate.description), .number(stats.participants),
                .text(women), .number(stats.ministries),
            ]
        }
        return Table(
            columns: [
                .init(key: "event", title: "Event"), .init(key: "date", title: "Date"),
                .init(key: "participants", title: "Participants", alignRight: true),
                .init(key: "women", title: "Women", alignRight: true),
                .init(key: "ministries", title: "Ministries", alignRight: true),
            ], rows: rows)
    }

    static func relative(_ path: String, in context: CommandContext) -> String {
        let base = context.currentDirectory.hasSuffix("/") ? context.currentDirectory : context.currentDirectory + "/"
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
    }

    // MARK: - Documents

    /// Writes the documents, each replacing the one an earlier run wrote.
    func writeDocuments(
        _ database: AppDatabase, folder: URL, overall: ParticipationStats, in context: CommandContext
    ) throws -> [(name: String, what: String)] {
        let templates = TemplateSet()
        let lang = language.rawValue
        var written: [(name: String, what: String)] = []
        func write(_ name: String, _ what: String, _ text: String) throws {
            let file = try OutputFile(
                folder.appendingPathComponent(name).path, in: context, replace: true,
                protecting: [.database(folder.appendingPathComponent("demo.sqlite").path)])
            try file.write(Data(text.utf8))
            written.append((name, what))
        }
        for minutesLanguage in [Language.en, .id] {
            try write(
                "psc-3-minutes.\(minutesLanguage.rawValue).md",
                minutesLanguage == .en ? "PSC-3 minutes, with matters arising from PSC-1 and PSC-2" : "PSC-3 notulen",
                try database.renderMinutes(
                    event: "psc-3", language: minutesLanguage, format: .markdown, templates: templates))
        }
        try write(
            "psc-final-minutes.\(lang).html", "final PSC minutes: decisions and actions (print to PDF)",
            try database.renderMinutes(event: "psc-final", language: language, format: .html, templates: templates))
        let stats = try database.statistics(StatsScope(), by: Stats.standardDimensions)
        try write(
            "statistics.\(lang).html", "the programme's participation statistics",
            StatsReport(stats: stats, shown: Stats.standardDimensions, crossed: [], language: language).html())
        try write(
            "psc-final-sign-in.\(lang).html", "sign-in sheet (daftar hadir) of the final PSC, 10 blank rows",
            try database.renderRoster(
                session: "psc-final/1", language: language, format: .html, blankRows: 10, templates: templates))
        try write(
            "symposium-agenda.\(lang).html", "the national symposium's agenda",
            try database.renderAgenda(event: "sym-2024", language: language, format: .html, templates: templates))
        try write(
            "symposium-agenda.ics", "the same agenda for a calendar",
            try database.renderAgenda(event: "sym-2024", language: language, format: .ics, templates: templates))
        return written
    }
}
