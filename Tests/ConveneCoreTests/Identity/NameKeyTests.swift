import Foundation
import Testing

@testable import ConveneCore

/// A person's name key (how people are matched by name): folded, titles in front and
/// degrees after a comma left out.
@Suite("identity: a person's name key")
struct NameKeyTests {
    @Test("titles in front and degrees after a comma are left out; a name of titles alone keeps them")
    func workedByHand() {
        #expect(Participant.nameKey(for: "Dr. Siti Aminah, M.Si.") == "siti aminah")
        #expect(Participant.nameKey(for: "Hj. Nurul  HIDAYAH") == "nurul hidayah")
        #expect(Participant.nameKey(for: "Bapak Ir. Agus Salim, S.T., M.T.") == "agus salim")
        #expect(Participant.nameKey(for: "Dr. Bu") == "bu")  // the last word stays
        #expect(Participant.nameKey(for: "Andrés Pérez") == "andres perez")
        #expect(Participant.nameKey(for: ", M.Si.") == "m si")  // nothing before the comma: the whole name
        #expect(Participant.nameKey(for: Participant.erasedName) == "")
        // The first word, as people are matched by phone and test submissions are told apart.
        #expect(CodedValueKey.firstWord("siti aminah") == "siti")
        #expect(CodedValueKey.firstWord("agus") == "agus")
        #expect(CodedValueKey.firstWord("") == "")
    }

    @Test("the key is the one worked by characters, for names with titles, degrees, accents and odd spacing")
    func sameAsByCharacters() {
        // The key worked the plain way: Character search and splits, every step spelled out.
        func reference(_ name: String) -> String {
            let full = CodedValueKey.make(name)
            let beforeComma = name.firstIndex(of: ",").map { CodedValueKey.make(String(name[..<$0])) } ?? full
            var tokens = beforeComma.split(separator: " ").map(String.init)
            while tokens.count > 1, Participant.honorifics.contains(tokens[0]) { tokens.removeFirst() }
            let key = tokens.joined(separator: " ")
            return key.isEmpty ? full : key
        }
        let fronts = ["", "Dr. ", "Hj. ", "Bapak Ir. ", "PROF. DR. ", "ibu ", "  Sdri.  "]
        let names = [
            "Siti Aminah", "Nurul Hidayah", "Ni Luh Putu Ayu", "Andrés Pérez", "Ça Nguyễn Thị Hà", "Muhammad",
            "Dr", "ÉLODIE  d'Arc", "Wahyu-Eka Budiman", "Ōmura Sōta", "Zoë  Ünal", "महेश कुमार", "李 小龍",
        ]
        let backs = ["", ", M.Si.", ",S.T., M.T.", " , Ph.D", ",", " ,, MBA"]
        var differing: [String] = []
        for front in fronts {
            for name in names {
                for back in backs {
                    let typed = front + name + back
                    if Participant.nameKey(for: typed) != reference(typed) { differing.append(typed) }
                }
            }
        }
        #expect(differing.isEmpty, "e.g. \(differing.prefix(5))")
    }
}
