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
    /// No form answer is this long; a longer cell is junk, and would cost memory.
    public static let maxFieldBytes = 1 << 20
    /// Wider than any form export; a wider record is junk.
    public static let maxFields = 65_536

    /// Decodes and splits a whole file held in memory (tests, small inputs).
    public static func read(_ data: Data) throws(ConveneError) -> (dialect: CSVDialect, records: [CSVRecord]) {
        var stream = try CSVStream(source: .data(data))
        var records: [CSVRecord] = []
        while let record = try stream.next() { records.append(record) }
        return (stream.dialect, records)
    }

    /// The separator that splits the first records into the most equal, widest rows.
    static func detectDelimiter(_ sample: [UInt8]) -> UInt8 {
        var best: (delimiter: UInt8, score: Int) = (UInt8(ascii: ","), -1)
        // Thirty records are enough to judge: split only the bytes up to the 64th line end
        // (a quoted cell may hold line ends), not the whole sample once per candidate.
        var lineEnds = 0
        let end =
            sample.firstIndex { byte in
                if byte == 10 { lineEnds += 1 }
                return lineEnds == 64
            }.map { $0 + 1 } ?? sample.endIndex
        for candidate in candidates {
            var splitter = CSVSplitter(delimiter: candidate)
            var records: [CSVRecord] = []
            splitter.feed(sample[..<end]) { records.append($0) }
            if records.count < 30 { splitter.finish(tolerateOpenQuote: true) { records.append($0) } }
            guard let header = records.first, header.fields.count > 1 else { continue }
            let width = header.fields.count
            let consistent = records.prefix(30).dropFirst().filter { $0.fields.count == width }.count
            // Consistency first, then width; a header-only file is judged by width.
            let score = consistent * 10_000 + width
            if score > best.score { best = (candidate, score) }
        }
        return best.delimiter
    }

    static func isBlank(_ byte: UInt8) -> Bool { byte == 32 || byte == 9 || byte == 10 || byte == 13 }
}

/// Reads a CSV file record by record, holding one 64 KiB chunk and its records in memory at a
/// time, whatever the size of the file. The dialect is found from the first 64 KiB and
/// one validating pass over the bytes (UTF-8 or Windows-1252, NUL bytes, blank files).
public struct CSVStream {
    public enum Source: Sendable {
        case file(URL)
        case data(Data)
    }

    public let dialect: CSVDialect
    /// Bytes of the file consumed so far, and in all: for a progress line.
    public private(set) var bytesRead = 0
    public let totalBytes: Int

    private var chunks: ChunkReader
    private var splitter: CSVSplitter
    private var pending: [CSVRecord] = []
    private var pendingIndex = 0
    private var finished = false

    static let chunkSize = 64 * 1024

    public init(source: Source) throws(ConveneError) {
        var reader = try ChunkReader(source)
        totalBytes = reader.size
        var sample = try reader.next(Self.chunkSize) ?? []
        var encoding: CSVDialect.Encoding = .utf8
        var skip = 0
        if sample.starts(with: [0xEF, 0xBB, 0xBF]) {
            encoding = .utf8WithBOM
            skip = 3
        } else if sample.starts(with: [0xFF, 0xFE]) || sample.starts(with: [0xFE, 0xFF]) {
            encoding = .utf16
        }
        if encoding == .utf16 {
            // UTF-16 exports are rare and small: decoded whole, then read as UTF-8.
            var all = sample
            while let more = try reader.next(Self.chunkSize) { all += more }
            guard let text = String(data: Data(all), encoding: .utf16) else {
                throw ConveneError.invalidInput("The file looks like UTF-16 text but cannot be decoded.")
            }
            reader = ChunkReader(bytes: Array(text.utf8))
            sample = try reader.next(Self.chunkSize) ?? []
        } else {
            let scan = try Self.scan(source, skip: skip)
            if !scan.isUTF8 {
                if encoding == .utf8WithBOM {
                    throw ConveneError.invalidInput("The file starts with a UTF-8 marker but is not valid UTF-8 text.")
                }
                // Excel's plain "CSV" on Windows writes the ANSI code page.
                encoding = .windows1252
            }
            if !scan.hasText { throw ConveneError.invalidInput("The file is empty: there is no header row to read.") }
        }
        if encoding == .utf16, !sample.contains(where: { !CSVReader.isBlank($0) }) {
            throw ConveneError.invalidInput("The file is empty: there is no header row to read.")
        }
        reader.transcodeWindows1252 = encoding == .windows1252
        let head = Array(sample.dropFirst(skip))
        let decodedHead = encoding == .windows1252 ? ChunkReader.windows1252ToUTF8(head) : head
        let delimiter = CSVReader.detectDelimiter(decodedHead)
        let lineEnding =
            decodedHead.firstRange(of: [13, 10]) != nil
            ? "CRLF" : decodedHead.contains(10) ? "LF" : decodedHead.contains(13) ? "CR" : "LF"
        dialect = CSVDialect(encoding: encoding, delimiter: delimiter, lineEnding: lineEnding)
        chunks = reader
        splitter = CSVSplitter(delimiter: delimiter)
        bytesRead = sample.count
        pending = []
        try splitter.feedChecked(decodedHead[...]) { pending.append($0) }
    }

    /// The next record, or nil at the end of the file.
    public mutating func next() throws(ConveneError) -> CSVRecord? {
        while true {
            if pendingIndex < pending.count {
                let record = pending[pendingIndex]
                pendingIndex += 1
                return record
            }
            pending.removeAll(keepingCapacity: true)
            pendingIndex = 0
            if finished { return nil }
            if let chunk = try chunks.next(Self.chunkSize) {
                bytesRead += chunk.count
                try splitter.feedChecked(chunk[...]) { pending.append($0) }
            } else {
                finished = true
                try splitter.finishChecked { pending.append($0) }
            }
        }
    }

    /// One pass over the raw bytes: is it UTF-8, is there a NUL, is there anything but blanks.
    private static func scan(_ source: Source, skip: Int) throws(ConveneError) -> (isUTF8: Bool, hasText: Bool) {
        var reader = try ChunkReader(source)
        var carry: [UInt8] = []
        var isUTF8 = true
        var hasText = false
        var skipping = skip
        while let chunk = try reader.next(chunkSize) {
            var bytes = chunk
            if skipping > 0 {
                let dropped = min(skipping, bytes.count)
                bytes.removeFirst(dropped)
                skipping -= dropped
            }
            if bytes.contains(0) {
                throw ConveneError.invalidInput(
                    "The file is not text (it contains NUL bytes). Export the sheet as CSV (\"CSV UTF-8\" in Excel) and try again."
                )
            }
            if !hasText { hasText = bytes.contains { !CSVReader.isBlank($0) } }
            guard isUTF8 else { continue }
            let joined = carry + bytes
            // Validate up to the last character that is complete in this chunk.
            var end = joined.count
            var back = 0
            while back < 3, end > 0, joined[end - 1] & 0xC0 == 0x80 {
                end -= 1
                back += 1
            }
            if end > 0, joined[end - 1] >= 0xC0 { end -= 1 }
            if String(validating: joined[..<end], as: UTF8.self) == nil { isUTF8 = false }
            carry = Array(joined[end...])
        }
        if isUTF8, !carry.isEmpty, String(validating: carry, as: UTF8.self) == nil { isUTF8 = false }
        return (isUTF8, hasText)
    }
}

/// Reads a file or a buffer in chunks.
struct ChunkReader {
    private var handle: FileHandle?
    private var bytes: [UInt8]
    private var offset = 0
    let size: Int
    var transcodeWindows1252 = false

    init(_ source: CSVStream.Source) throws(ConveneError) {
        switch source {
        case .data(let data):
            bytes = [UInt8](data)
            size = bytes.count
        case .file(let url):
            guard let handle = try? FileHandle(forReadingFrom: url) else {
                throw ConveneError.notFound(kind: "file", reference: url.path, hint: "Check the path.")
            }
            self.handle = handle
            bytes = []
            size = ((try? FileManager.default.attributesOfItem(atPath: url.path)[.size]) as? Int) ?? 0
        }
    }

    init(bytes: [UInt8]) {
        self.bytes = bytes
        size = bytes.count
    }

    mutating func next(_ count: Int) throws(ConveneError) -> [UInt8]? {
        var chunk: [UInt8]
        if let handle {
            let data: Data?
            do {
                data = try handle.read(upToCount: count)
            } catch {
                throw ConveneError.invalidInput("The file could not be read: \(error.localizedDescription)")
            }
            guard let data, !data.isEmpty else { return nil }
            chunk = [UInt8](data)
        } else {
            guard offset < bytes.count else { return nil }
            let end = min(offset + count, bytes.count)
            chunk = Array(bytes[offset..<end])
            offset = end
        }
        return transcodeWindows1252 ? Self.windows1252ToUTF8(chunk) : chunk
    }

    /// A single-byte code page: each byte maps on its own, so chunks convert independently.
    static func windows1252ToUTF8(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.contains(where: { $0 >= 0x80 }) else { return bytes }
        let text = String(data: Data(bytes), encoding: .windowsCP1252) ?? String(decoding: bytes, as: UTF8.self)
        return Array(text.utf8)
    }
}

/// The CSV state machine, fed bytes in chunks. Quotes open only at the start of a field;
/// `""` inside quotes is a quote.
struct CSVSplitter {
    let delimiter: UInt8
    private var fields: [String] = []
    private var field: [UInt8] = []
    private var inQuotes = false
    private var quoteSeen = false
    private var fieldStarted = false
    private var pendingCR = false
    private var crInQuotes = false
    private var line = 1
    private var recordLine = 1
    private var quoteLine = 1
    private var error: ConveneError? {
        didSet { failed = error != nil }
    }
    /// Whether `error` is set, for the check made on every byte: comparing the optional
    /// error with nil copied and destroyed it each time (about 170 instructions a byte).
    private var failed = false

    init(delimiter: UInt8) { self.delimiter = delimiter }

    mutating func feedChecked(_ bytes: ArraySlice<UInt8>, emit: (CSVRecord) -> Void) throws(ConveneError) {
        feed(bytes, emit: emit)
        if let error { throw error }
    }

    mutating func finishChecked(emit: (CSVRecord) -> Void) throws(ConveneError) {
        finish(tolerateOpenQuote: false, emit: emit)
        if let error { throw error }
    }

    mutating func feed(_ bytes: ArraySlice<UInt8>, emit: (CSVRecord) -> Void) {
        let quote = UInt8(ascii: "\""), cr: UInt8 = 13, lf: UInt8 = 10
        for byte in bytes {
            guard !failed else { return }
            if pendingCR {
                pendingCR = false
                if byte == lf { continue }  // the LF of a CRLF already ended the record
            }
            if inQuotes {
                if quoteSeen {
                    quoteSeen = false
                    if byte == quote {
                        append(quote)
                        crInQuotes = false  // a CR, a doubled quote, then an LF: two line ends
                        continue
                    }
                    inQuotes = false
                    // fall through: the byte after a closing quote is read as outside quotes
                } else if byte == quote {
                    quoteSeen = true
                    continue
                } else {
                    // A line break inside a quoted cell is part of the cell; CRLF counts as one line.
                    if byte == cr || (byte == lf && !crInQuotes) { line += 1 }
                    crInQuotes = byte == cr
                    append(byte)
                    continue
                }
            }
            switch byte {
            case quote where !fieldStarted && field.isEmpty:
                inQuotes = true
                crInQuotes = false
                fieldStarted = true
                quoteLine = line
            case delimiter:
                endField()
            case cr, lf:
                if byte == cr { pendingCR = true }
                endRecord(emit)
                line += 1
                recordLine = line
            default:
                append(byte)
                fieldStarted = true
            }
        }
    }

    mutating func finish(tolerateOpenQuote: Bool, emit: (CSVRecord) -> Void) {
        if inQuotes && quoteSeen { inQuotes = false }
        if inQuotes && !tolerateOpenQuote {
            error =
                error
                ?? ConveneError.invalidInput(
                    "Line \(quoteLine): a quoted cell opens here and never closes (unbalanced \"). Check that line in the file."
                )
            return
        }
        if !field.isEmpty || !fields.isEmpty || fieldStarted { endRecord(emit) }
    }

    private mutating func append(_ byte: UInt8) {
        guard field.count < CSVReader.maxFieldBytes else {
            error =
                error
                ?? ConveneError.invalidInput(
                    "Line \(recordLine): a cell is longer than 1 MB, which no form answer is. The file is not a form export, or a quote is missing; nothing was imported."
                )
            return
        }
        field.append(byte)
    }

    private mutating func endField() {
        fields.append(String(decoding: field, as: UTF8.self))
        field.removeAll(keepingCapacity: true)
        fieldStarted = false
        if fields.count > CSVReader.maxFields {
            error =
                error
                ?? ConveneError.invalidInput(
                    "Line \(recordLine): more than \(CSVReader.maxFields) columns, which no form export has; nothing was imported."
                )
        }
    }

    private mutating func endRecord(_ emit: (CSVRecord) -> Void) {
        endField()
        emit(CSVRecord(line: recordLine, fields: fields))
        fields.removeAll(keepingCapacity: true)
    }
}
