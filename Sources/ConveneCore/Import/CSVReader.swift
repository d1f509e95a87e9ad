import Foundation

/// How a CSV file was written: found from the bytes, never configured.
public struct CSVDialect: Hashable, Sendable, CustomStringConvertible {
    public enum Encoding: String, Sendable {
        case utf8, utf8WithBOM = "utf-8 with BOM", utf16, windows1252 = "windows-1252"
    }
    public var encoding: Encoding
    public var delimiter: UInt8
    public var lineEnding: String

    public var description: String {
        let name =
            switch delimiter {
            case UInt8(ascii: ","): "comma"
            case UInt8(ascii: ";"): "semicolon"
            case UInt8(ascii: "\t"): "tab"
            default: "'\(Character(Unicode.Scalar(delimiter)))'"
            }
        return "\(encoding.rawValue), \(name)-separated, \(lineEnding) line endings"
    }
}

/// One record of a CSV file, with the physical line it starts on (1-based).
public struct CSVRecord: Sendable {
    public var line: Int
    public var fields: [String]
}

/// An RFC 4180 reader that also takes what spreadsheets and form tools really write:
/// a UTF-8 BOM, `;` as separator (Indonesian Excel), CRLF or LF or CR, quoted cells
/// spanning lines, UTF-16 and Windows-1252 files.
public enum CSVReader {
    static let candidates: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t"), UInt8(ascii: "|")]

    /// Decodes and splits a whole file. Throws a message naming the line for a quote that never closes.
    public static func read(_ data: Data) throws(ConveneError) -> (dialect: CSVDialect, records: [CSVRecord]) {
        let (bytes, encoding) = try decode(data)
        guard bytes.contains(where: { !isBlank($0) }) else {
            throw ConveneError.invalidInput("The file is empty: there is no header row to read.")
        }
        let delimiter = detectDelimiter(bytes)
        let records = try split(bytes, delimiter: delimiter)
        let lineEnding =
            bytes.firstRange(of: [13, 10]) != nil
            ? "CRLF" : bytes.contains(10) ? "LF" : bytes.contains(13) ? "CR" : "LF"
        return (CSVDialect(encoding: encoding, delimiter: delimiter, lineEnding: lineEnding), records)
    }

    /// UTF-8 bytes without a BOM, and what the file was.
    static func decode(_ data: Data) throws(ConveneError) -> ([UInt8], CSVDialect.Encoding) {
        let bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            let rest = Array(bytes.dropFirst(3))
            guard String(validating: rest, as: UTF8.self) != nil else {
                throw ConveneError.invalidInput("The file starts with a UTF-8 marker but is not valid UTF-8 text.")
            }
            return (rest, .utf8WithBOM)
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            guard let text = String(data: data, encoding: .utf16) else {
                throw ConveneError.invalidInput("The file looks like UTF-16 text but cannot be decoded.")
            }
            return (Array(text.utf8), .utf16)
        }
        if bytes.contains(0) {
            throw ConveneError.invalidInput(
                "The file is not text (it contains NUL bytes). Export the sheet as CSV (\"CSV UTF-8\" in Excel) and try again."
            )
        }
        if String(validating: bytes, as: UTF8.self) != nil { return (bytes, .utf8) }
        // Excel's plain "CSV" on Windows writes the ANSI code page.
        guard let text = String(data: data, encoding: .windowsCP1252) else {
            throw ConveneError.invalidInput(
                "The file is neither UTF-8 nor Windows-1252 text. Save it as \"CSV UTF-8\".")
        }
        return (Array(text.utf8), .windows1252)
    }

    /// The separator that splits the first records into the most equal, widest rows.
    static func detectDelimiter(_ bytes: [UInt8]) -> UInt8 {
        let sample = Array(bytes.prefix(64 * 1024))
        var best: (delimiter: UInt8, score: Int) = (UInt8(ascii: ","), -1)
        for candidate in candidates {
            guard let records = try? split(sample, delimiter: candidate, limit: 30, tolerateOpenQuote: true),
                let header = records.first, header.fields.count > 1
            else { continue }
            let width = header.fields.count
            let consistent = records.dropFirst().filter { $0.fields.count == width }.count
            // Consistency first, then width; a header-only file is judged by width.
            let score = consistent * 10_000 + width
            if score > best.score { best = (candidate, score) }
        }
        return best.delimiter
    }

    static func isBlank(_ byte: UInt8) -> Bool { byte == 32 || byte == 9 || byte == 10 || byte == 13 }

    /// Splits records. Quotes open only at the start of a field; `""` inside quotes is a quote.
    static func split(_ bytes: [UInt8], delimiter: UInt8, limit: Int = .max, tolerateOpenQuote: Bool = false)
        throws(ConveneError) -> [CSVRecord]
    {
        let quote = UInt8(ascii: "\""), cr: UInt8 = 13, lf: UInt8 = 10
        var records: [CSVRecord] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var inQuotes = false
        var fieldStarted = false
        var line = 1
        var recordLine = 1
        var quoteLine = 1
        var index = 0
        let count = bytes.count

        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            fieldStarted = false
        }
        func endRecord() {
            endField()
            records.append(CSVRecord(line: recordLine, fields: fields))
            fields.removeAll(keepingCapacity: true)
        }

        while index < count, records.count < limit {
            let byte = bytes[index]
            if inQuotes {
                if byte == quote {
                    if index + 1 < count, bytes[index + 1] == quote {
                        field.append(quote)
                        index += 2
                        continue
                    }
                    inQuotes = false
                } else {
                    if byte == lf || (byte == cr && (index + 1 >= count || bytes[index + 1] != lf)) { line += 1 }
                    field.append(byte)
                }
                index += 1
                continue
            }
            switch byte {
            case quote where !fieldStarted && field.isEmpty:
                inQuotes = true
                fieldStarted = true
                quoteLine = line
            case delimiter:
                endField()
            case cr, lf:
                if byte == cr, index + 1 < count, bytes[index + 1] == lf { index += 1 }
                endRecord()
                line += 1
                recordLine = line
            default:
                field.append(byte)
                fieldStarted = true
            }
            index += 1
        }
        if inQuotes && !tolerateOpenQuote {
            throw ConveneError.invalidInput(
                "Line \(quoteLine): a quoted cell opens here and never closes (unbalanced \"). Check that line in the file."
            )
        }
        if records.count < limit && (!field.isEmpty || !fields.isEmpty || fieldStarted) { endRecord() }
        return records
    }
}
