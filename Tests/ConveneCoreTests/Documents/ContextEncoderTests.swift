import Foundation
import Testing

@testable import ConveneCore

/// A document's context as templates see it: what `ContextEncoder` files for each kind of
/// property, checked through the renderer, which is how it is used.
@Suite("documents: a context's properties as a template sees them")
struct ContextEncoderTests {
    struct Line: Encodable {
        var number: Int
        var name: String
        var note: String?
    }
    struct Context: Encodable {
        var title: String
        var chair: String?
        var small: Int8
        var large: UInt64
        var share: Double
        var open: Bool
        var lines: [Line]
        var none: [Line]
        var tags: [String?]
        var next: Line?
    }

    let context = Context(
        title: "PSC-3", chair: nil, small: -3, large: UInt64.max, share: 0.5, open: false,
        lines: [.init(number: 1, name: "Siti", note: nil), .init(number: 2, name: "Budi", note: "late")],
        none: [], tags: ["a", nil, "b"], next: nil)

    private func render(_ template: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("context-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("t.mustache")
        try template.write(to: file, atomically: true, encoding: .utf8)
        return try DocumentRenderer.render(context, template: "t", using: TemplateSet(file: file.path))
    }

    @Test("text, numbers of every width, flags, lists, nested records and nil render as they are")
    func values() throws {
        #expect(
            try render("{{title}} {{small}} {{large}} {{share}} {{open}}") == "PSC-3 -3 18446744073709551615 0.5 false")
        #expect(try render("{{#lines}}{{number}}.{{name}}({{note}}) {{/lines}}") == "1.Siti() 2.Budi(late) ")
        #expect(try render("{{#tags}}[{{.}}]{{/tags}}") == "[a][][b]")
        #expect(try render("{{#none}}x{{/none}}{{^none}}empty{{/none}}") == "empty")
    }

    @Test("a nil property is there and empty: an inverted section shows, nothing is missing")
    func absent() throws {
        #expect(try render("[{{chair}}]{{^chair}}no chair{{/chair}}{{^next}} no next{{/next}}") == "[]no chair no next")
        #expect(try render("{{#lines}}{{^note}}{{name}} has no note{{/note}}{{/lines}}") == "Siti has no note")
    }

    @Test("a name no property has fails, naming it, also inside a section")
    func missing() {
        for (template, name) in [("{{titel}}", "titel"), ("{{#lines}}{{nama}}{{/lines}}", "nama")] {
            do {
                _ = try render(template)
                Issue.record("\(template) rendered")
            } catch {
                #expect("\(error)".contains(name), "\(error)")
            }
        }
    }

    @Test("Markdown text cannot break a table row or open a tag: pipes, '<' and line breaks, CRLF too")
    func markdownText() throws {
        let markdown = MarkdownContentType()
        #expect(markdown.escapeText("Kemlu | BP2MI <b>\r\nline\nnext\rlast") == "Kemlu \\| BP2MI &lt;b> line next last")
        #expect(markdown.escapeText("Siti Aminah, Kementerian Luar Negeri") == "Siti Aminah, Kementerian Luar Negeri")
        #expect(markdown.escapeText("Dewi Léstari — ☕") == "Dewi Léstari — ☕")
        #expect(markdown.escapeText("") == "")
    }
}
