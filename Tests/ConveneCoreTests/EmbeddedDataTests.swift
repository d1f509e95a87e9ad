import Foundation
import Testing

@testable import ConveneCore

@Suite("embedded data")
struct EmbeddedDataTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test("every template under Templates/ is embedded as it is on disk (run Scripts/generate_embedded.py)")
    func templatesAreCurrent() throws {
        let folder = Self.root.appendingPathComponent("Templates")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".mustache") }.sorted()
        #expect(names == EmbeddedData.templates.keys.sorted())
        for name in names {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            #expect(EmbeddedData.templates[name] == text, "\(name) is stale in EmbeddedData.swift")
        }
    }

    @Test("the demo's files are embedded byte for byte as they are in Fixtures/demo (run Scripts/generate_embedded.py)")
    func demoIsCurrent() throws {
        let folder = Self.root.appendingPathComponent("Fixtures/demo")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0 != "README.md" }.sorted()
        #expect(names == EmbeddedDemo.names)
        for name in names {
            let bytes = try Data(contentsOf: folder.appendingPathComponent(name))
            #expect(EmbeddedDemo.file(name) == bytes, "\(name) is stale in EmbeddedDemo.swift")
        }
    }
}
