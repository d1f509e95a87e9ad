import ArgumentParser
import ConveneCore
import Foundation

extension StatsDimension: ExpressibleByArgument {
    public init?(argument: String) {
        guard let value = try? StatsDimension.parse(argument) else { return nil }
        self = value
    }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

enum StatsFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json, markdown, html
}

struct Stats: ConveneCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Participation statistics for a donor report: distinct people, attendances, sex-disaggregated.",
        discussion: """
            Participants are distinct people marked present, late or left early in at least \
            one session in scope (a person at five events counts once); attendances are those \
            marks; registered-but-absent people are registered, not participants. Every \
            breakdown keeps unknown and undisclosed values as rows, and its shares add up to \
            100.0 (largest remainder). Directorates count under their ministry in --by ministry. \
            No names, emails or phones appear in any output.

            Two --by dimensions also give a cross-table with row and column totals.

            Small counts: --min-cell N shows every breakdown count, cross-table cell and \
            cross-table row or column total of 1 to N-1 people as <N (JSON: "count": null, \
            "share": null, "suppressed": true), and the number of women too when it is that \
            small; zeros stay 0. Registered, participants, attendances and the cross-table's \
            grand total stay exact, so a withheld count alone in its row or column can still \
            be worked out by subtraction: this is primary suppression only, with no \
            secondary suppression. Withheld rows are listed after the larger counts, by \
            label. N is 3 or more (with 2, <2 could only mean 1); the default, 1, withholds \
            nothing. The HTML report marks counts of 1 to \(SmallCounts.identifiable - 1) \
            people with a † and a footnote, with or without --min-cell.

            Examples:
              convene stats --event psc-3
              convene stats --series PSC --by ministry --by gender --format markdown
              convene stats --by organisation --by gender --min-cell 5 --format markdown
              convene stats --from 2024-01-01 --to 2024-12-31 --format json
              convene stats --by gender --format csv --excel --out gender.csv
              convene stats --format html --out report.html --lang id --force
            """)

    @OptionGroup var database: DatabaseOptions
    @Option(name: .customLong("event"), help: "Event code (repeat for several).") var events: [String] = []
    @Option(help: "A series, e.g. PSC.") var series: String?
    @Option(help: "Events of one kind.") var kind: EventKind?
    @Option(help: ArgumentHelp("Events ending on or after this day (YYYY-MM-DD).", valueName: "date")) var from:
        CalendarDate?
    @Option(help: ArgumentHelp("Events starting on or before this day (YYYY-MM-DD).", valueName: "date")) var to:
        CalendarDate?
    @Option(name: .customLong("by"), help: "Break down by this dimension (repeatable; two give a cross-table).")
    var dimensions: [StatsDimension] = []
    @Option(help: "Output format.") var format: StatsFormat = .table
    @Option(name: .customLong("lang"), help: "Language of the headline and labels: en or id.") var language: Language =
        .en
    @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file")) var out: String?
    @Flag(help: "With --out: replace the file if it exists (without it, an existing file is never overwritten).")
    var force = false
    @Flag(help: "With --format csv: start the file with a BOM so Excel reads names with accents correctly.") var excel =
        false
    @Option(
        name: .customLong("min-cell"),
        help: ArgumentHelp(
            "Show counts of 1 to N-1 people in breakdowns and cross-tables as <N (N: 3 or more); registered, participants and attendances stay exact. 1 withholds nothing.",
            valueName: "n"))
    var minimumCell = 1

    func validate() throws {
        if minimumCell < 1 || minimumCell == 2 {
            throw ValidationError(
                "--min-cell \(minimumCell): give 3 or more, or 1 to withhold nothing (with 2, a withheld <2 could only be 1)."
            )
        }
        if !events.isEmpty && (series != nil || kind != nil || from != nil || to != nil) {
            throw ValidationError(
                "--event names events exactly; it cannot be combined with --series, --kind, --from or --to.")
        }
        if let from, let to, to < from { throw ValidationError("--to \(to) is before --from \(from).") }
        if excel && format != .csv { throw ValidationError("--excel goes with --format csv.") }
        if Set(dimensions).count != dimensions.count { throw ValidationError("--by: each dimension once.") }
        if force && out == nil { throw ValidationError("--force goes with --out.") }
    }

    /// The breakdowns every report carries (DESIGN.md's JSON keys), then those asked for.
    static let standardDimensions: [StatsDimension] = [.gender, .stakeholder, .ministry, .organisation, .event]

    func run(in context: CommandContext) throws {
        let scope = StatsScope(events: events, series: series, kind: kind, from: from, to: to)
        let shown = dimensions.isEmpty ? Self.standardDimensions : dimensions
        let computed = Self.standardDimensions + dimensions.filter { !Self.standardDimensions.contains($0) }
        let cross = dimensions.count == 2 ? (rows: dimensions[0], columns: dimensions[1]) : nil
        let output = try out.map {
            try OutputFile(
                $0, in: context, replace: force, protecting: [.database(database.resolvedPath(in: context))])
        }
        let stats = try database.open(in: context).statistics(scope, by: computed, cross: cross)
        let report = StatsReport(
            stats: stats.suppressingSmallCounts(below: minimumCell), shown: shown,
            crossed: dimensions.count == 2 ? dimensions : [], language: language)
        let text: String =
            switch format {
            case .table: report.table()
            case .csv: report.csv()
            case .json: report.json().serialised()
            case .markdown: report.markdown()
            case .html: report.html()
            }
        if let output {
            var data = Data(text.utf8)
            if !text.hasSuffix("\n") { data.append(10) }
            if excel { data.insert(contentsOf: [0xEF, 0xBB, 0xBF], at: 0) }
            try output.write(data)
            context.print("Wrote \(output.name) (\(format.rawValue)).")
        } else {
            context.print((excel ? "\u{FEFF}" : "") + text)
        }
    }
}
