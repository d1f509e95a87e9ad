import Foundation
import Mustache

/// Where templates come from: a user's file for one document, a user's folder whose files
/// replace built-in ones of the same name, and the templates built into the binary.
public struct TemplateSet: Sendable {
    /// Read instead of any other template for the document being rendered.
    public var file: String?
    /// Files named like the built-in ones (`minutes.en.md.mustache`) replace them.
    public var folder: String?

    public init(file: String? = nil, folder: String? = nil) {
        self.file = file
        self.folder = folder
    }

    /// The text of template `name` and where it came from (for messages).
    func text(for name: String) throws(ConveneError) -> (text: String, origin: String) {
        if let file { return (try Self.read(file), file) }
        if let folder {
            let path = URL(fileURLWithPath: folder).appendingPathComponent(name).path
            if FileManager.default.fileExists(atPath: path) { return (try Self.read(path), path) }
        }
        if let text = EmbeddedData.templates[name] { return (text, name) }
        throw ConveneError.templateNotFound(name: name, searched: folder.map { [$0] } ?? [])
    }

    private static func read(_ path: String) throws(ConveneError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConveneError.notFound(kind: "template file", reference: path)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConveneError.invalidInput("The template \(path) is not UTF-8 text.")
        }
        return text
    }

    /// The built-in template names, sorted.
    public static var builtInNames: [String] { EmbeddedData.templates.keys.sorted() }
}

/// Renders a document's context struct with a Mustache template, strictly: a template that
/// is missing, does not parse, or uses a variable the context lacks is an error, where
/// swift-mustache alone would return nil or print nothing.
public enum DocumentRenderer {
    /// `minutes.en.md.mustache` for document `minutes`, language `en`, extension `md`.
    public static func templateName(_ document: String, _ language: Language, _ fileExtension: String) -> String {
        "\(document).\(language.rawValue).\(fileExtension).mustache"
    }

    public static func render(_ context: some Encodable, template name: String, using templates: TemplateSet)
        throws(ConveneError) -> String
    {
        _ = registerContentTypes
        let (text, origin) = try templates.text(for: name)
        let template: MustacheTemplate
        do {
            template = try MustacheTemplate(string: text)
        } catch let error as MustacheTemplate.ParserError {
            throw ConveneError.templateSyntax(
                template: origin, message: "line \(error.context.lineNumber): \(error.error)")
        } catch {
            throw ConveneError.templateSyntax(template: origin, message: "\(error)")
        }
        let misses = MissedNames()
        let properties: Any
        do {
            properties = try ContextEncoder.read(context)
        } catch {
            throw ConveneError.invalidInput("The document could not be read for its template: \(error)")
        }
        let root = Scope(properties: (properties as? Scope)?.properties ?? [:], misses: misses)
        let output = template.render(root)
        if let first = misses.names.first {
            throw ConveneError.templateVariable(variable: first, template: origin)
        }
        return output
    }

    /// `{{% CONTENT_TYPE: MARKDOWN}}`: text that cannot break a Markdown table or open an HTML tag.
    private static let registerContentTypes: Void = {
        MustacheContentTypes.register(MarkdownContentType(), named: "MARKDOWN")
    }()
}

struct MarkdownContentType: MustacheContentType {
    func escapeText(_ text: String) -> String {
        // Most values hold none of the four: one pass over the bytes (any control character up
        // to CR sends the text the long way) and the text as it is (going through it character
        // by character was 6% of the minutes of 200 people).
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "|") || $0 == UInt8(ascii: "<") || $0 < 0x0E })
        else { return text }
        var result = ""
        for character in text {
            switch character {
            case "|": result += "\\|"
            case "<": result += "&lt;"
            // "\r\n" is one Character: a line break like the other two.
            case "\n", "\r", "\r\n": result += " "
            default: result.append(character)
            }
        }
        return result
    }
}

/// The names a template asked for that nobody in the context stack had.
final class MissedNames: @unchecked Sendable {
    var names: [String] = []
}

/// A context value as swift-mustache sees it: a table of its properties (read by
/// `ContextEncoder`). Lookups climb from the innermost section to the root, so only the root
/// knows that a name is missing everywhere: it records it. A property that is there but nil
/// is `Absent`, not missing.
struct Scope: MustacheParent {
    let properties: [String: Any]
    let misses: MissedNames?

    func child(named name: String) -> Any? {
        guard let child = properties[name] else {
            misses?.names.append(name)
            return nil
        }
        return child
    }
}

/// A property that is nil: renders as nothing, and an inverted section shows.
struct Absent: MustacheCustomRenderable {
    var renderText: String { "" }
    var isNull: Bool { true }
}
