import Foundation

/// The normal forms of what people type into forms, shared by the CLI and imports.
public enum Normalise {
    /// NFKC, whitespace collapsed, trimmed; ALL-CAPS names turned into title case
    /// ("SITI AMINAH" → "Siti Aminah"); any other casing is kept as typed.
    public static func personName(_ text: String) -> String {
        let collapsed = whitespace(text)
        if isPlainASCII(collapsed) {
            // The same test on bytes: the ASCII letters are A–Z and a–z, the upper-case ones A–Z.
            var letters = 0
            var allCaps = true
            for byte in collapsed.utf8 where (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A {
                letters += 1
                if byte >= 0x61 { allCaps = false }
            }
            return letters > 1 && allCaps ? collapsed.capitalized : collapsed
        }
        let letters = collapsed.unicodeScalars.filter { CharacterSet.letters.contains($0) }
        let isAllCaps = letters.count > 1 && letters.allSatisfy { CharacterSet.uppercaseLetters.contains($0) }
        return isAllCaps ? collapsed.capitalized : collapsed
    }

    /// NFKC with runs of white space (including no-break and zero-width spaces) made one space, trimmed,
    /// and control characters removed: an ESC sequence or a text-direction override in a name
    /// must not reach a terminal or a printed list.
    public static func whitespace(_ text: String) -> String {
        if let ascii = whitespaceASCII(text) { return ascii }
        let nfkc = text.precomposedStringWithCompatibilityMapping
        var result = ""
        var pendingSpace = false
        for scalar in nfkc.unicodeScalars {
            if CharacterSet.whitespacesAndNewlines.contains(scalar) || scalar == "\u{200B}" || scalar == "\u{FEFF}" {
                pendingSpace = true
            } else if isHiddenControl(scalar) {
                continue
            } else {
                if pendingSpace && !result.isEmpty { result.append(" ") }
                pendingSpace = false
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// C0 and C1 controls other than white space, DEL, and the bidirectional embedding,
    /// override and isolate characters (the "Trojan Source" set) and marks.
    static func isHiddenControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x08, 0x0E...0x1F, 0x7F...0x84, 0x86...0x9F: true
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// Whether `text` holds characters that `whitespace(_:)` removes as hidden controls.
    public static func hasHiddenControls(_ text: String) -> Bool {
        // Most cells are printable ASCII and white space: no scalar needs looking at.
        if isPlainASCII(text) { return false }
        return text.unicodeScalars.contains(where: isHiddenControl)
    }

    /// Whether every byte is printable ASCII, a space, a tab or a line break.
    static func isPlainASCII(_ text: String) -> Bool {
        var copy = text
        return copy.withUTF8 { bytes in
            for byte in bytes where byte >= 0x7F || (byte < 0x20 && byte != 9 && byte != 10 && byte != 13) {
                return false
            }
            return true
        }
    }

    /// Plain ASCII is already NFKC: only spaces need folding and controls removing.
    private static func whitespaceASCII(_ text: String) -> String? {
        let utf8 = text.utf8
        // Whether the text is ASCII and already clean (no leading, trailing, repeated or odd
        // spaces), read from the string's own bytes when it has them in one piece: most cells
        // are, and the byte-by-byte loop over a UTF8View cost about 40 instructions a byte.
        func scan(_ bytes: some Sequence<UInt8>) -> (ascii: Bool, clean: Bool) {
            var clean = true
            var previousSpace = true
            for byte in bytes {
                guard byte < 0x80 else { return (false, false) }
                let isSpace = byte == 32 || byte == 9 || byte == 10 || byte == 13 || byte == 11 || byte == 12
                if isSpace && (byte != 32 || previousSpace) { clean = false }
                if !isSpace && (byte < 0x20 || byte == 0x7F) { clean = false }
                previousSpace = isSpace
            }
            return (true, clean && !previousSpace)
        }
        let (ascii, clean) = utf8.withContiguousStorageIfAvailable { scan($0) } ?? scan(utf8)
        guard ascii else { return nil }
        if clean { return text }
        if utf8.isEmpty { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var pending = false
        for byte in utf8 {
            if byte == 32 || byte == 9 || byte == 10 || byte == 13 || byte == 11 || byte == 12 {
                pending = true
            } else if byte < 0x20 || byte == 0x7F {
                continue
            } else {
                if pending && !bytes.isEmpty { bytes.append(32) }
                pending = false
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `6.2812E+12`: how a spreadsheet shows a long number it has already rounded.
    public static func isScientificNotation(_ text: String) -> Bool {
        let utf8 = Array(text.utf8)
        guard let e = utf8.firstIndex(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }), e > 0 else {
            return false
        }
        let mantissa = utf8[..<e]
        var exponent = utf8[(e + 1)...]
        if exponent.first == UInt8(ascii: "+") { exponent = exponent.dropFirst() }
        let isDigit = { (byte: UInt8) in byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        return mantissa.allSatisfy { isDigit($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: ",") }
            && mantissa.contains(where: isDigit) && !exponent.isEmpty && exponent.allSatisfy(isDigit)
    }

    /// Trimmed text, or nil when nothing is left.
    public static func optional(_ text: String?) -> String? {
        guard let text else { return nil }
        let value = whitespace(text)
        return value.isEmpty ? nil : value
    }

    /// Lower-cased, trimmed; nil unless it looks like an address (one `@`, a dot after it).
    public static func email(_ text: String) -> String? {
        let collapsed = whitespace(text)
        if isPlainASCII(collapsed) { return emailASCII(collapsed) }
        let value = collapsed.lowercased()
        let parts = value.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."),
            !parts[1].hasSuffix("."), !value.unicodeScalars.contains(" ")
        else { return nil }
        return value
    }

    /// The same for ASCII text (white space already collapsed), in one pass over its bytes.
    private static func emailASCII(_ text: String) -> String? {
        var bytes = Array(text.utf8)
        var at: Int?
        for index in bytes.indices {
            switch bytes[index] {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): bytes[index] |= 0x20
            case UInt8(ascii: "@"):
                guard at == nil else { return nil }
                at = index
            case UInt8(ascii: " "): return nil
            default: break
            }
        }
        guard let at, at > 0 else { return nil }
        let domain = bytes[(at + 1)...]
        let dot = UInt8(ascii: ".")
        guard domain.contains(dot), domain.first != dot, domain.last != dot else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static let phonePunctuation: Set<UInt8> = Set("+-(). /".utf8)

    /// The digits of a phone number typed with the punctuation people put between them; nil
    /// when anything else is in it (so only ASCII gets through).
    static func phoneDigits(_ text: String) -> String? {
        let utf8 = text.utf8
        guard utf8.allSatisfy({ (0x30...0x39).contains($0) || phonePunctuation.contains($0) }) else { return nil }
        return String(decoding: utf8.filter { (0x30...0x39).contains($0) }, as: UTF8.self)
    }

    /// E.164 (`+6281234567890`) where the number can be read; nil where it cannot.
    ///
    /// Indonesian habits are handled: `0812…` (national), `62 812…` (a `+` dropped by
    /// Indico or Excel), `812…` (the leading 0 dropped by a spreadsheet), and
    /// spreadsheet scientific notation is refused rather than guessed (`6.2812E+12`
    /// has lost its last digits).
    public static func phone(_ text: String) -> String? {
        // Excel's leading apostrophe marks a cell as text; it is not part of the number.
        var trimmed = whitespace(text)
        if trimmed.hasPrefix("'") { trimmed = whitespace(String(trimmed.dropFirst())) }
        guard !trimmed.isEmpty else { return nil }
        if isScientificNotation(trimmed) { return nil }
        guard var digits = phoneDigits(trimmed) else { return nil }
        if trimmed.hasPrefix("+") {
            // Already international; "+62 0812…" carries a stray trunk 0.
            if digits.hasPrefix("620") { digits = "62" + digits.dropFirst(3) }
        } else if digits.hasPrefix("00") {
            digits.removeFirst(2)
        } else if digits.hasPrefix("620") {
            digits = "62" + digits.dropFirst(3)
        } else if digits.hasPrefix("62") {
            // "62 812…": the + was stripped.
        } else if digits.hasPrefix("0") {
            digits = "62" + digits.dropFirst()
        } else if digits.hasPrefix("8") {
            // Indonesian mobile numbers start 08; a spreadsheet dropped the 0.
            digits = "62" + digits
        } else {
            return nil
        }
        // E.164 allows at most 15 digits; Indonesian numbers have at least 9 after 62.
        guard (8...15).contains(digits.count), !digits.hasPrefix("0") else { return nil }
        if digits.hasPrefix("62") && digits.count < 10 { return nil }
        return "+" + digits
    }
}

extension StringProtocol {
    /// Without spaces or tabs at either end, as `trimmingCharacters(in: .whitespaces)`, but
    /// answered without Foundation when both ends are plain ASCII characters other than those:
    /// the first call into Foundation's character sets costs a process about 0.2 ms, and every
    /// event, session and date a command reads passed here.
    public var trimmingWhitespace: String {
        guard let first = unicodeScalars.first, let last = unicodeScalars.last else { return "" }
        func plain(_ scalar: Unicode.Scalar) -> Bool { scalar.isASCII && scalar != " " && scalar != "\t" }
        if plain(first) && plain(last) { return String(self) }
        return trimmingCharacters(in: .whitespaces)
    }
}
