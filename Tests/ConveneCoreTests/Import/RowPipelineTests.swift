import Foundation
import Testing

@testable import ConveneCore

/// The rows an import reads on its own thread come out as reading them in line would give them.
@Suite("import: rows read on a thread of their own", .timeLimit(.minutes(1)))
struct RowPipelineTests {
    static let header = ["Nama Lengkap", "Email", "Jenis Kelamin", "Instansi", "Pemangku Kepentingan"]

    /// `count` rows after the header: people, with a blank, a total row, a test submission
    /// and an unreadable gender here and there, and a stakeholder answer the reader keeps.
    static func file(rows count: Int, then tail: String = "") -> Data {
        var text = header.joined(separator: ",") + "\n"
        for index in 1...count {
            switch index % 97 {
            case 13: text += ",,,,\n"
            case 29: text += "JUMLAH,,,,\n"
            case 41: text += "test,test@example.org,P,,\n"
            case 53: text += "Orang \(index),o\(index)@example.org,X,Kemlu,\n"
            case 67: text += "Orang \(index),o\(index)@example.org,P,Kemlu,entah\n"
            default:
                text +=
                    "Orang \(index),o\(index)@example.org,\(index % 2 == 0 ? "P" : "L"),Kemlu,\(index % 3 == 0 ? "Pemerintah Pusat" : "LSM")\n"
            }
        }
        return Data((text + tail).utf8)
    }

    static func reader() throws -> RowReader {
        RowReader(
            mapping: try HeaderMapping(header: header, overrides: [:]), kind: .registrations, eventYear: 2024,
            header: header)
    }

    /// Each row as reading it in line gives it: its number, line, what it is and its notes.
    static func inLine(_ data: Data) throws -> [String] {
        var reader = try Self.reader()
        let records = try CSVReader.read(data).records.dropFirst()
        return records.enumerated().map { offset, record in
            var flags: [ImportFlag] = []
            let classification = reader.classify(record, row: offset + 1, flags: &flags)
            return "\(offset + 1) \(record.line) \(classification) \(flags)"
        }
    }

    static func pipeline(_ data: Data) throws -> RowPipeline {
        var stream = try CSVStream(source: .data(data))
        let head = try #require(try stream.next())
        #expect(head.fields == header)
        return RowPipeline(stream: stream, head: [], reader: try Self.reader())
    }

    @Test("5,000 rows, many batches: the same rows, numbers, notes and order as reading in line")
    func sameAsInLine() throws {
        let data = Self.file(rows: 5_000)
        let rows = try Self.pipeline(data)
        defer { rows.finish() }
        var read: [String] = []
        while let row = try rows.next() {
            read.append("\(row.row) \(row.record.line) \(row.classification) \(row.flags)")
        }
        let expected = try Self.inLine(data)
        #expect(expected.count == 5_000)
        // Every kind of row is there, and notes.
        for kind in ["person(", "rejected(", "blank", "totalRow", "testSubmission", "invalid(", "ImportFlag("] {
            #expect(expected.contains { $0.contains(kind) }, "\(kind)")
        }
        #expect(read == expected)
        // Nothing more once ended.
        #expect(try rows.next() == nil)
    }

    @Test("an unreadable line comes after every row before it, with the reading's own message")
    func errorInPlace() throws {
        let tooWide = String(repeating: ",", count: CSVReader.maxFields + 1)
        let data = Self.file(rows: 3_000, then: "Orang X\(tooWide)\nOrang Y,y@example.org,P,,\n")
        let rows = try Self.pipeline(data)
        defer { rows.finish() }
        var count = 0
        var failure: ConveneError?
        do {
            while let row = try rows.next() {
                count += 1
                #expect(row.row == count)
            }
        } catch {
            failure = error
        }
        #expect(count == 3_000)
        let message = try #require(failure).localizedDescription
        #expect(message.contains("Line 3002"), "\(message)")
    }

    @Test("stopping after a few rows of a long file ends the reading thread")
    func stopEarly() throws {
        for _ in 0..<20 {
            let rows = try Self.pipeline(Self.file(rows: 20_000))
            for _ in 0..<10 { _ = try rows.next() }
            rows.finish()
        }
        // And stopping before reading anything.
        try Self.pipeline(Self.file(rows: 20_000)).finish()
    }
}
