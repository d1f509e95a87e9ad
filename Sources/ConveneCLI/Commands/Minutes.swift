import ArgumentParser
import ConveneCore

struct Minutes: ConveneCommand {
    static let configuration = CommandConfiguration(
        commandName: "minutes",
        abstract: "Minutes of an event (notulen), ready for the secretariat to complete.",
        discussion: """
            Title, date, venue, chair; attendance from the statistics; attendees by organisation \
            and apologies; the agenda from the sessions; matters arising (open actions of earlier \
            meetings in the series); a place for each item's discussion; decisions; actions; the \
            next meeting; the attendance list as an annex.

            --format html gives the same content as a self-contained HTML file that prints on \
            A4 portrait, the annex starting a new page.

            Templates: the built-in minutes.LANG.md.mustache and minutes.LANG.html.mustache \
            (LANG en or id), or your own with --template FILE, or a folder of same-named files \
            with --templates DIR.

            Examples:
              convene minutes --event psc-3
              convene minutes --event psc-3 --lang id --out notulen-psc-3.md
              convene minutes --event psc-3 --format html --out minutes-psc-3.html
            """)

    @OptionGroup var database: DatabaseOptions
    @Option(help: "Event code.") var event: String
    @Option(help: "markdown or html.") var format: DocumentFormat = .markdown
    @OptionGroup var document: DocumentOptions

    func validate() throws {
        guard format == .markdown || format == .html else {
            throw ValidationError("--format: minutes come as markdown or html.")
        }
    }

    func run(in context: CommandContext) throws {
        let output = try document.outputFile(in: context, database: database)
        let text = try database.open(in: context).renderMinutes(
            event: event, language: document.language, format: format, templates: document.templateSet(in: context))
        try document.deliver(text, to: output, in: context, what: "minutes")
    }
}
