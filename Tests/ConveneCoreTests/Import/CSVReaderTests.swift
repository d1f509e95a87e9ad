import ConveneTestSupport
import Foundation
import Testing

@testable import ConveneCore

@Suite("CSV dialect detection and splitting")
struct CSVReaderTests {
    func read(_ text: String, bom: Bool = false) throws -> (CSVDialect, [[String]]) {
        let data = (bom ? Data([0xEF, 0xBB, 0xBF]) : Data()) + Data(text.utf8)
        let (dialect, records) = try CSVReader.read(data)
        return (dialect, records.map(\.fields))
    }

    @Test("comma, CRLF, BOM, quoted commas and doubled quotes")
    func indicoStyle() throws {
        let (dialect, rows) = try read("Name,Position\r\nAyu,\"Komisioner, \"\"Pemantauan\"\"\"\r\n", bom: true)
        #expect(dialect == CSVDialect(encoding: .utf8WithBOM, delimiter: UInt8(ascii: ","), lineEnding: "CRLF"))
        #expect(rows == [["Name", "Position"], ["Ayu", "Komisioner, \"Pemantauan\""]])
    }

    @Test("semicolons win when they split rows evenly, even with commas in cells")
    func semicolon() throws {
        let (dialect, rows) = try read("Nama;Instansi;Jabatan\nSiti, S.H.;Kemlu;Staf\nBudi;SBMI;Koordinator, Wilayah\n")
        #expect(dialect.delimiter == UInt8(ascii: ";"))
        #expect(rows[1] == ["Siti, S.H.", "Kemlu", "Staf"])
    }

    @Test("a quoted cell may span lines; records keep the line they start on")
    func multiline() throws {
        let (_, records) = try CSVReader.read(Data("a,b\n1,\"x\ny\"\n2,z\n".utf8))
        #expect(records.map(\.line) == [1, 2, 4])
        #expect(records[1].fields == ["1", "x\ny"])
    }

    @Test("an unbalanced quote names the line it opens on")
    func unbalanced() {
        #expect(
            throws: ConveneError.invalidInput(
                "Line 3: a quoted cell opens here and never closes (unbalanced \"). Check that line in the file.")
        ) {
            try CSVReader.read(Data("a,b\n1,2\n3,\"oops\n4,5\n".utf8))
        }
    }

    @Test("UTF-16 (Excel's 'Unicode text') and Windows-1252 are decoded")
    func encodings() throws {
        let utf16 = try #require("Nama,Instansi\nZoë,Kemlu\n".data(using: .utf16))
        let (dialect16, records16) = try CSVReader.read(utf16)
        #expect(dialect16.encoding == .utf16)
        #expect(records16[1].fields == ["Zoë", "Kemlu"])
        let cp1252 = Data([0x4E, 0x61, 0x6D, 0x61, 0x0A, 0x5A, 0x6F, 0xEB, 0x0A])  // "Nama\nZoë\n" in Windows-1252
        let (dialect1252, records1252) = try CSVReader.read(cp1252)
        #expect(dialect1252.encoding == .windows1252)
        #expect(records1252[1].fields == ["Zoë"])
    }

    @Test(
        "hostile inputs get a clear error, never a crash",
        arguments: [
            (Data(), "empty"), (Data("\r\n \n".utf8), "empty"),
            (Data([0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x08]), "not text"),
        ])
    func hostile(data: Data, says: String) {
        #expect { try CSVReader.read(data) } throws: { isInvalidInput($0, containing: says) }
    }

    @Test("a cell up to 1 MB and 10,000 columns split correctly; a longer cell is refused, naming its line")
    func largeInputs() throws {
        let big = String(repeating: "x", count: CSVReader.maxFieldBytes)
        let (_, records) = try CSVReader.read(Data("Nama,Catatan\nSiti,\"\(big)\"\n".utf8))
        #expect(records[1].fields[1].utf8.count == CSVReader.maxFieldBytes)
        let wide = (0..<10_000).map { "c\($0)" }.joined(separator: ",")
        let (_, wideRecords) = try CSVReader.read(Data("\(wide)\n\(wide)\n".utf8))
        #expect(wideRecords[0].fields.count == 10_000)

        let tooBig = String(repeating: "x", count: 10_000_000)
        #expect {
            try CSVReader.read(Data("Nama,Catatan\nSiti,ok\nBudi,\"\(tooBig)\"\n".utf8))
        } throws: { error in
            guard case .invalidInput(let message) = error as? ConveneError else { return false }
            return message.hasPrefix("Line 3: a cell is longer than 1 MB")
        }
    }

    @Test("records stream the same whatever the chunk boundaries: multi-byte characters and CRLF across chunks")
    func chunkBoundaries() throws {
        // Enough rows that 64 KiB chunk edges fall inside names, quotes and CRLFs.
        let rows = (0..<20_000).map { "\"Dewi Sartika \($0) — Ñusa\";Kemlu;\"a\r\nb\"" }
        let text = "Nama;Instansi;Catatan\r\n" + rows.joined(separator: "\r\n") + "\r\n"
        let (dialect, records) = try CSVReader.read(Data(text.utf8))
        #expect(dialect.delimiter == UInt8(ascii: ";") && dialect.lineEnding == "CRLF")
        #expect(records.count == 20_001)
        #expect(records[12_345].fields == ["Dewi Sartika 12344 — Ñusa", "Kemlu", "a\r\nb"])
        #expect(records.last?.line == 1 + 20_000 * 2 - 1)
    }

    @Test(
        "the splitter reads as its rules say, whatever the chunks: cells, quotes, line ends and line numbers",
        arguments: 0..<4)
    func splitsByTheRules(seed: UInt64) throws {
        var random = SplitMix64(seed: 0x5EED_C5F + seed)
        let pieces = ["a", "Budi", "Ñ", "—", ",", ";", "\"", "\"\"", "\r", "\n", "\r\n", " "]
        for _ in 0..<300 {
            let text = (0..<Int.random(in: 0...60, using: &random)).map { _ in pieces.randomElement(using: &random)! }
                .joined()
            let bytes = Array(text.utf8)
            let delimiter = Bool.random(using: &random) ? UInt8(ascii: ",") : UInt8(ascii: ";")
            let expected = Self.byTheRules(bytes, delimiter: delimiter)
            for chunkSize in [bytes.count + 1, 1, Int.random(in: 2...9, using: &random)] {
                var splitter = CSVSplitter(delimiter: delimiter)
                var records: [String] = []
                let emit = { (record: CSVRecord) in records.append("\(record.line):\(record.fields)") }
                var start = 0
                var failed = false
                do {
                    while start < bytes.count {
                        let end = min(start + chunkSize, bytes.count)
                        try splitter.feedChecked(bytes[start..<end], emit: emit)
                        start = end
                    }
                    try splitter.finishChecked(emit: emit)
                } catch {
                    failed = true
                }
                #expect(failed == (expected == nil), "\(text.debugDescription) in chunks of \(chunkSize)")
                if let expected, !failed {
                    #expect(records == expected, "\(text.debugDescription) in chunks of \(chunkSize)")
                }
            }
        }
    }

    /// The rules `CSVSplitter` documents, applied to the whole input one byte at a time with
    /// look-ahead instead of carried state: nil when a quoted cell never closes.
    static func byTheRules(_ bytes: [UInt8], delimiter: UInt8) -> [String]? {
        let quote = UInt8(ascii: "\""), cr: UInt8 = 13, lf: UInt8 = 10
        var records: [String] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var started = false
        var quoted = false
        var line = 1
        var recordLine = 1
        var index = 0
        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field = []
            started = false
        }
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if quoted {
                if byte == quote {
                    if index < bytes.count && bytes[index] == quote {
                        field.append(quote)
                        index += 1
                    } else {
                        quoted = false
                    }
                    continue
                }
                // CR, LF and CRLF each end one line, inside a quoted cell too.
                if byte == cr || (byte == lf && bytes[index - 2] != cr) { line += 1 }
                field.append(byte)
                continue
            }
            switch byte {
            case quote where !started:
                quoted = true
                started = true
            case delimiter:
                endField()
            case cr, lf:
                endField()
                records.append("\(recordLine):\(fields)")
                fields = []
                if byte == cr && index < bytes.count && bytes[index] == lf { index += 1 }
                line += 1
                recordLine = line
            default:
                field.append(byte)
                started = true
            }
        }
        if quoted { return nil }
        if !field.isEmpty || !fields.isEmpty || started {
            endField()
            records.append("\(recordLine):\(fields)")
        }
        return records
    }
}
