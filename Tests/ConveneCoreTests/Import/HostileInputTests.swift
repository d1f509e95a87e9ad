import Foundation
import Testing

@testable import ConveneCore

/// Files nobody should import, through the whole import: each gets a clear error or a
/// clean import, never a crash, and a failed one leaves the database as it was.
@Suite("import: hostile inputs")
struct HostileInputTests {
    enum Expected { case error(String), imported(rows: Int, new: Int) }

    static let bigField = String(repeating: "x", count: 10_000_000)
    static let wideHeader = "Nama," + (1..<10_000).map { "c\($0)" }.joined(separator: ",")

    static let cases: [(String, Data, Expected)] = [
        ("empty file", Data(), .error("empty")),
        ("header only", Data("Nama,Instansi,Email\r\n".utf8), .imported(rows: 0, new: 0)),
        (
            "binary bytes", Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D]),
            .error("not text")
        ),
        ("UTF-16 with BOM", "Nama;Jenis Kelamin\r\nSiti Aminah;P\r\n".data(using: .utf16)!, .imported(rows: 1, new: 1)),
        ("a 10 MB field", Data("Nama,Catatan\nSiti,\"\(bigField)\"\n".utf8), .imported(rows: 1, new: 1)),
        (
            "unbalanced quotes", Data("Nama,Instansi\nSiti,\"Kemlu\nBudi,SBMI\n".utf8),
            .error("Line 2: a quoted cell opens here and never closes")
        ),
        ("10,000 columns", Data("\(wideHeader)\nSiti\n".utf8), .imported(rows: 1, new: 1)),
        ("formulas", Data("Nama,Instansi\n=HYPERLINK(\"http://x\";\"y\"),=1+1\n".utf8), .imported(rows: 1, new: 1)),
        ("no name column", Data("a,b\n1,2\n".utf8), .error("No name column found")),
        ("only delimiters", Data(";;;;\n;;;;\n".utf8), .error("No name column found")),
        ("NUL in the middle", Data("Nama\nSi\u{0}ti\n".utf8), .error("not text")),
    ]

    @Test("each hostile file gets a clear error or a clean import", arguments: cases.indices)
    func hostile(index: Int) throws {
        let (name, data, expected) = Self.cases[index]
        let test = try TestDatabase()
        try test.seed()
        let before = try test.db.participants().count
        switch expected {
        case .error(let says):
            let error = #expect(throws: ConveneError.self, "\(name)") {
                try test.db.importFile(data, options: .init(event: "psc-3"))
            }
            #expect(error?.localizedDescription.contains(says) == true, "\(name): \(String(describing: error))")
            #expect(try test.db.participants().count == before)
        case .imported(let rows, let new):
            let report = try test.db.importFile(data, options: .init(event: "psc-3"))
            #expect(report.rowsRead == rows, "\(name)")
            #expect(report.newParticipants == new, "\(name)")
        }
    }

    @Test("inputs the fuzzer found are kept here as regressions", arguments: try regressionInputs())
    func fuzzRegressions(file: String) throws {
        let test = try TestDatabase()
        try test.seed()
        let data = try Data(contentsOf: URL(fileURLWithPath: file))
        _ = try? test.db.importFile(data, options: .init(event: "psc-3", skipInvalid: true))
        _ = try? test.db.importFile(data, options: .init(kind: .attendance, session: "psc-3/1"))
        #expect(try test.db.check().isHealthy)
    }

    static func regressionInputs() throws -> [String] {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fuzz/regressions")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasPrefix(".") && $0 != "README.md" }.sorted().map {
            folder.appendingPathComponent($0).path
        }
    }
}
