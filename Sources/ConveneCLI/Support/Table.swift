import ConveneCore
import Foundation

/// Rows to print, rendered the same way by every list command as an aligned table,
/// CSV or JSON.
struct Table {
    struct Column {
        /// CSV header and JSON key.
        var key: String
        /// Header in the aligned table.
        var title: String
        var alignRight = false
    }

    enum Cell {
        case text(String?)
        case number(Int?)

        var plain: String {
            switch self {
            case .text(let text): text ?? ""
            case .number(let number): number.map(String.init) ?? ""
            }
        }

        var json: JSONValue {
            switch self {
            case .text(let text): text.map(JSONValue.string) ?? .null
            case .number(let number): number.map(JSONValue.number) ?? .null
            }
        }
    }

    var columns: [Column]
    var rows: [[Cell]]

    func render(_ format: OutputFormat) -> String {
        switch format {
        case .table: aligned()
        case .csv: csv()
        case .json:
            JSONValue.array(
                rows.map { row in
                    .object(zip(columns, row).map { ($0.key, $1.json) })
                }
            ).serialised()
        }
    }

    /// Columns padded by display width, so names with accents or wide characters line up.
    func aligned() -> String {
        let texts = rows.map { $0.map(\.plain) }
        let widths = columns.indices.map { index in
            texts.reduce(columns[index].title.displayWidth) { max($0, $1[index].displayWidth) }
        }
        func line(_ cells: [String]) -> String {
            zip(columns.indices, cells).map { index, cell in
                let padding = String(repeating: " ", count: widths[index] - cell.displayWidth)
                return columns[index].alignRight ? padding + cell : cell + padding
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        var lines = [line(columns.map(\.title)), line(widths.map { String(repeating: "-", count: $0) })]
        lines += texts.map(line)
        return lines.joined(separator: "\n")
    }

    func csv() -> String {
        ([columns.map(\.key)] + rows.map { $0.map(\.plain) })
            .map { $0.map(CSVField.escape).joined(separator: ",") }
            .joined(separator: "\n")
    }
}

enum CSVField {
    /// RFC 4180 quoting (fields with a comma, quote or line break are quoted), after
    /// neutralising formulas: a cell starting with = + - @ (or a tab or carriage return)
    /// gets a leading apostrophe, so a spreadsheet shows it as text instead of running it.
    /// Phones keep their + that way too (`'+6281…`), instead of becoming a number.
    static func escape(_ field: String) -> String {
        var field = field
        if let first = field.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) {
            field = "'" + field
        }
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// JSON with keys in the order given, so output is stable and reads in a sensible order.
indirect enum JSONValue {
    case string(String)
    case number(Int)
    /// A number already formatted (shares to one decimal).
    case raw(String)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([(String, JSONValue)])

    func serialised(indent: Int = 0) -> String {
        let pad = String(repeating: "  ", count: indent + 1)
        let closing = String(repeating: "  ", count: indent)
        switch self {
        case .string(let text): return Self.quote(text)
        case .number(let number): return String(number)
        case .raw(let text): return text
        case .bool(let flag): return flag ? "true" : "false"
        case .null: return "null"
        case .array(let items):
            guard !items.isEmpty else { return "[]" }
            return "[\n" + items.map { pad + $0.serialised(indent: indent + 1) }.joined(separator: ",\n")
                + "\n\(closing)]"
        case .object(let pairs):
            guard !pairs.isEmpty else { return "{}" }
            return "{\n"
                + pairs.map { pad + Self.quote($0.0) + ": " + $0.1.serialised(indent: indent + 1) }
                .joined(separator: ",\n") + "\n\(closing)}"
        }
    }

    static func quote(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case let s where s.value < 0x20: result += String(format: "\\u%04x", s.value)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}

extension String {
    /// Columns this text takes in a terminal: combining marks take none, East Asian
    /// wide characters and emoji take two.
    var displayWidth: Int {
        reduce(0) { width, character in
            guard let first = character.unicodeScalars.first else { return width }
            if first.properties.generalCategory == .control || first.properties.generalCategory == .format {
                return width
            }
            return width + (first.isWide ? 2 : 1)
        }
    }

    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}

extension Unicode.Scalar {
    /// East Asian Wide/Fullwidth ranges and emoji presentation.
    fileprivate var isWide: Bool {
        if properties.isEmojiPresentation { return true }
        switch value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
            0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}
