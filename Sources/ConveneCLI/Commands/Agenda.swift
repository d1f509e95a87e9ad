import ArgumentParser
import ConveneCore

struct Agenda: ConveneCommand {
    static let configuration = CommandConfiguration(
        commandName: "agenda",
        abstract: "An event's agenda: the timetable as Markdown or HTML, or a calendar file (.ics).",
        discussion: """
            The HTML is a self-contained page that prints on A4 portrait. The .ics file has one \
            event per session, in the event's time zone, with identifiers that stay the same when \
            you export again, so a calendar updates instead of doubling.

            Examples:
              convene agenda --event psc-3
              convene agenda --event psc-3 --format html --lang id --out susunan-acara.html
              convene agenda --event psc-3 --format ics --out psc-3.ics
            """)

    @OptionGroup var database: DatabaseOptions
    @Option(help: "Event code.") var event: String
    @Option(help: "markdown, html or ics.") var format: DocumentFormat = .markdown
    @OptionGroup var document: DocumentOptions

    func validate() throws {
        guard format != .csv else { throw ValidationError("--format: an agenda comes as markdown, html or ics.") }
    }

    func run(in context: CommandContext) throws {
        let output = try document.outputFile(in: context, database: database)
        let text = try database.open(in: context).renderAgenda(
            event: event, language: document.language, format: format, templates: document.templateSet(in: context))
        try document.deliver(text, to: output, in: context, what: "agenda")
    }
}
