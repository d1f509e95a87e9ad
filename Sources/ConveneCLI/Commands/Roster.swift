import ArgumentParser
import ConveneCore

struct Roster: ConveneCommand {
    static let configuration = CommandConfiguration(
        commandName: "roster",
        abstract: "A printable sign-in sheet (daftar hadir) for a session.",
        discussion: """
            Everyone registered for the event, by organisation then name, with columns No., \
            Name, Organisation, Position, F/M (L/P), Signature, and --blank N empty rows for \
            walk-ins. The HTML prints on A4 portrait with the header row repeated on every page.

            Examples:
              convene roster --session psc-3/1 --out daftar-hadir.html --blank 20
              convene roster --session psc-3/1 --format csv --lang id
            """)

    @OptionGroup var database: DatabaseOptions
    @Option(help: "Session: EVENT/N, a session code, or an event code with one session.") var session: String
    @Option(help: "html, markdown or csv.") var format: DocumentFormat = .html
    @Option(help: "Empty rows for walk-ins.") var blank = 0
    @OptionGroup var document: DocumentOptions

    func validate() throws {
        guard format != .ics else { throw ValidationError("--format: a roster comes as html, markdown or csv.") }
        guard (0...1000).contains(blank) else { throw ValidationError("--blank: 0 to 1000 rows.") }
    }

    func run(in context: CommandContext) throws {
        let output = try document.outputFile(in: context, database: database)
        let db = try database.open(in: context)
        let text: String
        if format == .csv {
            let (roster, language) = try db.roster(session: session, language: document.language, blankRows: blank)
            let header =
                language == .en
                ? ["No.", "Name", "Organisation", "Position", "F/M", "Signature"]
                : ["No.", "Nama", "Instansi", "Jabatan", "L/P", "Tanda tangan"]
            let rows =
                roster.people.map {
                    [String($0.number), $0.name, $0.organisation ?? "", $0.position ?? "", $0.gender, ""]
                }
                + roster.blank.map { [String($0.number), "", "", "", "", ""] }
            text = ([header] + rows).map { $0.map(CSVField.escape).joined(separator: ",") }.joined(separator: "\n")
        } else {
            text = try db.renderRoster(
                session: session, language: document.language, format: format, blankRows: blank,
                templates: document.templateSet(in: context))
        }
        try document.deliver(text, to: output, in: context, what: "sign-in sheet")
    }
}
