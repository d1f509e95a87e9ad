import Foundation
import GRDB
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
        ("empty file", Data(), .error("The file is empty")),
        ("header only", Data("Nama,Instansi,Email\r\n".utf8), .error("header row but no data rows")),
        ("header and blank lines only", Data("Nama,Instansi\r\n\r\n,\r\n".utf8), .error("header row but no data rows")),
        (
            "binary bytes", Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D]),
            .error("not text")
        ),
        ("UTF-16 with BOM", "Nama;Jenis Kelamin\r\nSiti Aminah;P\r\n".data(using: .utf16)!, .imported(rows: 1, new: 1)),
        (
            "a 10 MB field", Data("Nama,Catatan\nSiti,\"\(bigField)\"\n".utf8),
            .error("Line 2: a cell is longer than 1 MB")
        ),
        ("a 10 MB name without quotes", Data("Nama\n\(bigField)\n".utf8), .error("Line 2: a cell is longer than 1 MB")),
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

    @Test("each hostile file gets its own clear error or a clean import", arguments: cases.indices)
    func hostile(index: Int) throws {
        let (name, data, expected) = Self.cases[index]
        let test = try TestDatabase()
        try test.seed()
        let before = try test.db.participants().count
        switch expected {
        case .error(let says):
            #expect {
                try test.db.importFile(data, options: .init(event: "psc-3"))
            } throws: { error in
                guard case .invalidInput(let message) = error as? ConveneError else { return false }
                return message.contains(says)
            }
            #expect(try test.db.participants().count == before, "\(name)")
        case .imported(let rows, let new):
            let report = try test.db.importFile(data, options: .init(event: "psc-3"))
            #expect(report.rowsRead == rows, "\(name)")
            #expect(report.newParticipants == new, "\(name)")
        }
    }

    @Test("a header-only file imports nothing without complaint when --allow-empty says it is expected")
    func allowEmpty() throws {
        let test = try TestDatabase()
        try test.seed()
        let report = try test.db.importFile(
            Data("Nama,Instansi\r\n".utf8), options: .init(event: "psc-3", allowEmpty: true))
        #expect(report.rowsRead == 0 && report.registered == 0)
    }

    @Test("terminal escapes and text-direction overrides are removed at import, and the row is flagged")
    func controlCharacters() throws {
        let test = try TestDatabase()
        try test.seed()
        let csv = "Nama,Instansi,Jabatan\nSiti \u{1B}[31mAminah\u{1B}[0m,\u{202E}Kemlu,Staf\u{9B}2J\n"
        let report = try test.db.importFile(Data(csv.utf8), options: .init(event: "psc-3"))
        #expect(report.newParticipants == 1)
        #expect(
            report.flags.map(\.message) == [
                "control characters (terminal escapes or text-direction overrides) removed from its text"
            ])
        let stored = try test.db.participants(event: "psc-3")
        #expect(stored.map(\.participant.fullName) == ["Siti [31mAminah[0m"])
        #expect(stored.map(\.organisation) == ["Kemlu"])  // the override gone, so it matched Kemlu
        let texts = try test.db.read { db in
            try String.fetchAll(db, sql: "SELECT fullName || COALESCE(position, '') FROM participant")
        }
        #expect(!texts.joined().unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x9B || $0.value == 0x202E })
    }

    @Test("a flood of blank lines is counted, not kept: the report holds at most its list limit")
    func blankFlood() throws {
        let test = try TestDatabase()
        try test.seed()
        let csv = "Nama,Email\nSiti,siti@example.org\n" + String(repeating: ",\n", count: 50_000)
        let report = try test.db.importFile(Data(csv.utf8), options: .init(event: "psc-3"))
        #expect(report.rowsRead == 50_001)
        #expect(report.blankRows == 50_000)
        #expect(report.rejectedCount == 50_000)
        #expect(report.rejected.count == ImportReport.listLimit)
        #expect(report.rejectedByReason.map(\.count) == [50_000])
        #expect(report.newParticipants == 1)
    }

    @Test("the empty numbered lines of a sign-in sheet are blank rows, not rows without a name")
    func numberedBlankLines() throws {
        let test = try TestDatabase()
        try test.seed()
        let csv = "No;Nama;Instansi\n1;Siti;Kemlu\n2.;;\n3;;\n;;\n"
        let report = try test.db.importFile(Data(csv.utf8), options: .init(kind: .attendance, session: "psc-3/1"))
        #expect(report.blankRows == 3)
        #expect(report.rejected.map(\.reason) == [.blank, .blank, .blank])
        #expect(report.attendanceMarked == 1)
    }

    @Test("messages name the row and field, never the phone number or e-mail typed")
    func noValuesInMessages() throws {
        let test = try TestDatabase()
        try test.seed()
        let csv = "Nama,No. HP,Email,Jenis Kelamin,Usia\nSiti,0812-ABC-99731,siti@,P,tiga 99731\n"
        let report = try test.db.importFile(Data(csv.utf8), options: .init(event: "psc-3"))
        #expect(report.newParticipants == 1)
        let messages = report.flags.map(\.message)
        #expect(
            messages == [
                "email is not an email address; not stored", "phone is not a phone number; not stored",
                "age not understood; not stored",
            ])
        #expect(!messages.joined().contains("99731") && !messages.joined().contains("siti@"))
        let stored = try test.db.participantDetail("Siti").participant
        #expect(stored.email == nil && stored.phone == nil)
    }

    @Test("matching a person is one index probe, however many people share the name and organisation")
    func matchingUsesIndexes() throws {
        let test = try TestDatabase()
        let plans = try test.db.read { db in
            let statements = [
                "SELECT id FROM participant WHERE email = 'x'",
                "SELECT id FROM participant WHERE nameKey = 'x' AND organisationId IS 'o' LIMIT 6",
                "SELECT id FROM participant WHERE nameKey = 'x' AND organisationId IS 'o' AND email IS NULL LIMIT 6",
                "SELECT id FROM participant WHERE nameKey = 'x' AND organisationId IS 'o' AND email IS NOT NULL LIMIT 1",
            ]
            return try statements.map { sql in
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String }.joined()
            }
        }
        for plan in plans {
            #expect(plan.hasPrefix("SEARCH participant USING") && plan.contains("INDEX"), "\(plan)")
        }
    }

    @Test("inputs the fuzzer found are kept here as regressions: each a report or a Convene error, never a crash")
    func fuzzRegressions() throws {
        let files = try Self.regressionInputs()
        try #require(files.count >= 6, "Fuzz/regressions holds the fuzzer's finds; the folder is missing or empty")
        for file in files {
            let test = try TestDatabase()
            try test.seed()
            let data = try Data(contentsOf: URL(fileURLWithPath: file))
            for options in [
                ImportOptions(event: "psc-3", skipInvalid: true), ImportOptions(kind: .attendance, session: "psc-3/1"),
            ] {
                // A report or a refusal: `importFile` throws only `ConveneError` (typed throws,
                // so the compiler holds that), and a crash would stop the test run.
                let refusal: ConveneError?
                do {
                    _ = try test.db.importFile(data, options: options)
                    refusal = nil
                } catch {
                    refusal = error
                }
                if let refusal { #expect(!refusal.localizedDescription.isEmpty, "\(file)") }
            }
            #expect(try test.db.check().isHealthy, "\(file)")
        }
    }

    static func regressionInputs() throws -> [String] {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fuzz/regressions")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        return names.filter { !$0.hasPrefix(".") && $0 != "README.md" }.sorted().map {
            folder.appendingPathComponent($0).path
        }
    }
}
