import Foundation
import Testing

@testable import ConveneCore

/// The ASCII paths of `Normalise` read bytes; these are the Unicode rules they stand for,
/// written the general way, and random ASCII cells must get the same answer from both.
@Suite("normal forms: the ASCII paths agree with the general rules")
struct NormaliseFastPathTests {
    static func emailByRule(_ text: String) -> String? {
        let value = Normalise.whitespace(text).lowercased()
        let parts = value.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."),
            !parts[1].hasSuffix("."), !value.contains(" ")
        else { return nil }
        return value
    }

    /// Which characters a phone number may hold and which of them are its digits.
    static func phoneDigitsByRule(_ text: String) -> String? {
        let allowed = CharacterSet(charactersIn: "0123456789+-(). /")
        guard text.unicodeScalars.allSatisfy({ allowed.contains($0) }) else { return nil }
        return text.filter(\.isASCII).filter(\.isNumber)
    }

    static func personNameByRule(_ text: String) -> String {
        let collapsed = Normalise.whitespace(text)
        let letters = collapsed.unicodeScalars.filter { CharacterSet.letters.contains($0) }
        let isAllCaps = letters.count > 1 && letters.allSatisfy { CharacterSet.uppercaseLetters.contains($0) }
        return isAllCaps ? collapsed.capitalized : collapsed
    }

    /// Cells made of the characters that matter to each rule, and a few that do not.
    static func cells(_ alphabet: String, count: Int) -> [String] {
        var generator = SystemRandomNumberGenerator()
        let characters = Array(alphabet)
        return (0..<count).map { _ in
            String(
                (0..<Int.random(in: 0...14, using: &generator)).map { _ in characters.randomElement(using: &generator)!
                })
        }
    }

    @Test("e-mail addresses")
    func emails() {
        let cells = Self.cells("aZ9@@..  \t-_+x", count: 30_000) + ["Siti.Aminah@Example.ORG", "@b.c", "a@.b", "a@b."]
        let differing = cells.filter { Normalise.email($0) != Self.emailByRule($0) }
        #expect(differing.count == 0, "e.g. \(differing.prefix(5).map { "'\($0)'" })")
        #expect(cells.contains { Normalise.email($0) != nil }, "some cells are addresses")
    }

    @Test("phone numbers")
    func phones() {
        let cells =
            Self.cells("0123456789+-(). /'xE", count: 20_000) + Self.cells("08123456789", count: 10_000)
            + ["+62 812-3456-7890", "0812 3456 7890", "(021) 555", "٠٨١٢", "０８１２", "0812\u{00A0}3456"]
        let differing = cells.filter { Normalise.phoneDigits($0) != Self.phoneDigitsByRule($0) }
        #expect(differing.count == 0, "e.g. \(differing.prefix(5).map { "'\($0)'" })")
        #expect(cells.contains { Normalise.phoneDigits($0) != nil }, "some cells are numbers")
    }

    @Test("names")
    func names() {
        let cells = Self.cells("AbCZ zy  \t.,'-1", count: 30_000) + ["SITI AMINAH", "A", "AB", "a B"]
        let differing = cells.filter { Normalise.personName($0) != Self.personNameByRule($0) }
        #expect(differing.count == 0, "e.g. \(differing.prefix(5).map { "'\($0)'" })")
    }

    @Test("trimming white space: the ASCII shortcut answers as Foundation does")
    func trimming() {
        let cells =
            Self.cells("ab1/- \t\n\r", count: 20_000)
            + [" psc-3 ", "\tpsc-3/1", "psc-3\n", "\u{00A0}psc-3", "psc-3\u{3000}", "é ", " é", "", " ", "\u{2003}"]
        let differing = cells.filter { $0.trimmingWhitespace != $0.trimmingCharacters(in: .whitespaces) }
        #expect(differing.count == 0, "e.g. \(differing.prefix(5).map { "'\($0)'" })")
    }
}
