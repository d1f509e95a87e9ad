import ArgumentParser
import ConveneCore
import Foundation

extension DocumentFormat: ExpressibleByArgument {}

/// `--lang`, `--template`, `--templates`, `--out`, `--force`: shared by the document commands.
struct DocumentOptions: ParsableArguments {
    @Option(name: .customLong("lang"), help: "Language: en or id (default: the event's language).")
    var language: Language?
    @Option(help: ArgumentHelp("Use this template file instead of the built-in one.", valueName: "file"))
    var template: String?
    @Option(
        help: ArgumentHelp(
            "A folder of templates named like the built-in ones (default: $CONVENE_TEMPLATES).", valueName: "dir"))
    var templates: String?
    @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file")) var out: String?
    @Flag(help: "With --out: replace the file if it exists.") var force = false

    func validate() throws {
        if force && out == nil { throw ValidationError("--force goes with --out.") }
    }

    func templateSet(in context: CommandContext) -> TemplateSet {
        Self.templateSet(file: template, folder: templates, in: context)
    }

    /// `--template FILE`, else `--templates DIR`, else $CONVENE_TEMPLATES, else the built-in ones.
    static func templateSet(file: String?, folder: String?, in context: CommandContext) -> TemplateSet {
        let folder = folder ?? context.environment["CONVENE_TEMPLATES"].flatMap { $0.isEmpty ? nil : $0 }
        return TemplateSet(
            file: file.map { absolute($0, in: context) }, folder: folder.map { absolute($0, in: context) })
    }

    static func absolute(_ path: String, in context: CommandContext) -> String {
        URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: context.currentDirectory, isDirectory: true))
            .standardizedFileURL.path
    }

    /// Checks `--out` before any work, so a refused file costs nothing.
    func outputFile(in context: CommandContext, database: DatabaseOptions) throws -> OutputFile? {
        var protected: [ProtectedPath] = [.database(database.resolvedPath(in: context))]
        if let template { protected.append(.input(Self.absolute(template, in: context))) }
        return try out.map { try OutputFile($0, in: context, replace: force, protecting: protected) }
    }

    /// Prints the text, or writes it to `--out`.
    func deliver(_ text: String, to output: OutputFile?, in context: CommandContext, what: String) throws {
        guard let output else {
            // (unicode scalars: "\r\n" is one Character, so hasSuffix("\n") misses a CRLF end)
            context.write(text.unicodeScalars.last == "\n" ? text : text + "\n")
            return
        }
        try output.write(Data(text.utf8))
        context.print("Wrote \(output.name) (\(what)).")
    }
}
