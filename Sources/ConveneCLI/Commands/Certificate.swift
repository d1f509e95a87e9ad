import ArgumentParser
import ConveneCore
import Foundation

struct Certificate: ConveneCommand {
    static let configuration = CommandConfiguration(
        commandName: "certificate",
        abstract: "Certificates of attendance (sertifikat): one printable page per person.",
        discussion: """
            One A4 landscape HTML page for each person marked present, late or left early in at \
            least one session of the event, listing the sessions they attended; excused and \
            absent marks get none. Files are named certificate-EVENT-ID.html by the short id \
            of `participant list`, never by name. --participant limits them to the people named, \
            and refuses anyone who did not attend.

            Templates: the built-in certificate.en.html.mustache and certificate.id.html.mustache, \
            or your own with --template FILE or --templates DIR.

            Examples:
              convene certificate --event psc-3 --out certificates
              convene certificate --event psc-3 --participant siti@example.org --lang id --out .
            """)

    @OptionGroup var database: DatabaseOptions
    @Option(help: "Event code.") var event: String
    @Option(
        name: .customLong("participant"),
        help: ArgumentHelp("Only this person (email, phone, short id or full name); repeatable.", valueName: "ref"))
    var participants: [String] = []
    @Option(help: ArgumentHelp("The folder to write the certificates into (it must exist).", valueName: "dir"))
    var out: String
    @Option(name: .customLong("lang"), help: "Language: en or id (default: the event's language).")
    var language: Language?
    @Option(help: ArgumentHelp("Use this template file instead of the built-in one.", valueName: "file"))
    var template: String?
    @Option(
        help: ArgumentHelp(
            "A folder of templates named like the built-in ones (default: $CONVENE_TEMPLATES).", valueName: "dir"))
    var templates: String?
    @Flag(help: "Replace certificates already in the folder.") var force = false

    func run(in context: CommandContext) throws {
        let folder = DocumentOptions.absolute(out, in: context)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ConveneError.cannotCreateOutput(path: out, reason: "no such folder. Create it first.")
        }
        var protected: [ProtectedPath] = [.database(database.resolvedPath(in: context))]
        if let template { protected.append(.input(DocumentOptions.absolute(template, in: context))) }

        let certificates = try database.open(in: context).renderCertificates(
            event: event, participants: participants, language: language,
            templates: DocumentOptions.templateSet(file: template, folder: templates, in: context))
        // Every file is checked before the first is written: a refusal leaves the folder as it was.
        let files = try certificates.map { certificate in
            try OutputFile(
                out.hasSuffix("/") ? out + certificate.fileName : out + "/" + certificate.fileName, in: context,
                replace: force, protecting: protected)
        }
        for (file, certificate) in zip(files, certificates) {
            try file.write(Data(certificate.text.utf8))
        }
        let count = certificates.count
        context.print(
            count == 0
                ? "Nobody attended a session of \(event): no certificates written."
                : "Wrote \(count) certificate\(count == 1 ? "" : "s") to \(out).")
    }
}
