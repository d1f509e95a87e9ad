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
}
