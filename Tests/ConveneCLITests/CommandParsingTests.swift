import ArgumentParser
import ConveneTestSupport
import Testing

@testable import ConveneCLI

/// `Convene.parseCommand` parses a named command on its own; it must give what parsing from
/// the root gives, value for value, and the same message and exit code when it fails.
@Suite("parsing a command line: the short way and from the root agree")
struct CommandParsingTests {
    static let lines: [[String]] = [
        ["attend", "--session", "psc-3/1", "siti@example.org", "budi@example.org"],
        ["attend", "--db", "other.sqlite", "--session", "psc-3/1", "--status", "late", "1a2b3c4d"],
        ["--db", "other.sqlite", "attend", "--session", "psc-3/1", "siti@example.org"],
        ["--db=other.sqlite", "event", "list", "--format", "csv"],
        ["--db", "a.sqlite", "attend", "--db", "b.sqlite", "--session", "psc-3/1", "siti@example.org"],
        ["--db", "attend", "attend", "--session", "psc-3/1", "siti@example.org"],
        ["--db"],
        ["--db", "other.sqlite", "demo", "--help"],
        ["attend", "--session", "psc-3/1", "--walk-in", "--name", "Dewi Lestari", "--gender", "P", "--org", "SBMI"],
        ["attend", "--session", "psc-3/1", "--undo", "--dry-run", "budi@example.org"],
        ["attend", "--session", "psc-3/1", "help"],
        ["attend", "--session", "psc-3/1", "--", "--not-an-option"],
        ["event", "list"],
        ["event", "list", "--format", "json", "--db", "other.sqlite"],
        ["event", "show", "psc-3"],
        [
            "event", "add", "--code", "psc-3", "--kind", "psc-meeting", "--title", "Third PSC meeting", "--start",
            "2024-01-09",
        ],
        ["participant", "add", "--name", "Siti Aminah", "--gender", "female", "--org", "Kemlu"],
        ["register", "--event", "psc-3", "siti@example.org"],
        ["stats", "--event", "psc-3", "--by", "ministry", "--by", "gender"],
        ["minutes", "--event", "psc-3", "--format", "html", "--lang", "id"],
        ["import", "registrations", "--event", "forum", "form.csv"],
        // Failures and requests for help: parsed again from the root.
        ["attend", "--session", "psc-3/1", "--undo", "--status", "late", "budi@example.org"],
        ["attend", "--session", "psc-3/1"],
        ["attend", "--bogus"],
        ["attend", "--help"],
        ["attend", "-h"],
        ["attend", "--version"],
        ["attend", "--generate-completion-script", "bash"],
        ["event"],
        ["event", "nonsense"],
        ["help", "attend"],
        ["--version"],
        [],
    ]

    /// The parsed command written out field by field, or the failure as the user sees it.
    static func outcome(_ parse: () throws -> ParsableCommand) -> String {
        do {
            var text = ""
            dump(try parse(), to: &text)
            return text
        } catch {
            return "exit \(Convene.exitCode(for: error).rawValue): \(Convene.fullMessage(for: error))"
        }
    }

    @Test("every kind of command line, parsed both ways", arguments: lines)
    func agree(_ line: [String]) {
        let short = Self.outcome { try Convene.parseCommand(line) }
        let root = Self.outcome { try Convene.parseAsRoot(line) }
        #expect(short == root)
        #expect(!short.isEmpty)
    }

    /// Random `attend` and `register` lines with long runs of plain words (empty, spaced,
    /// non-ASCII, "help", a word that looks like an option value), options between them,
    /// sometimes "--" or an unknown option: packing the runs (`ArgumentRuns`) parses to what
    /// the library parses from the words as given, or fails with the same message.
    @Test("long lists of people, packed, parse as the library parses them", arguments: 0..<4)
    func packedLists(seed: UInt64) {
        var random = SplitMix64(seed: 0xA77E_0D + seed)
        let words = [
            "siti@example.org", "budi@example.org", "1a2b3c4d", "+6281234567890", "", " ", "Dewi Lestari", "help",
            "psc-3/1", "late", "Ibu Nur’aini", "x",
        ]
        let options: [String: [[String]]] = [
            "attend": [["--session", "psc-3/1"], ["--status", "late"], ["--walk-in"], ["--by", "Rina"], ["--undo"]],
            "register": [["--event", "psc-3"], ["--role", "speaker"], ["--cancel"]],
        ]
        var packedSomething = false
        for _ in 0..<30 {
            let command = Bool.random(using: &random) ? "attend" : "register"
            var line = [command]
            for _ in 0..<Int.random(in: 1...6, using: &random) {
                switch Int.random(in: 0..<10, using: &random) {
                case 0..<4: line += options[command]!.randomElement(using: &random)!
                case 4: line.append(["--", "--bogus", "-"].randomElement(using: &random)!)
                default:
                    line += (0..<Int.random(in: 1...12, using: &random)).map { _ in
                        words.randomElement(using: &random)!
                    }
                }
            }
            if Int.random(in: 0..<4, using: &random) > 0 {
                line.insert(contentsOf: options[command]![0], at: 1)
            }
            packedSomething = packedSomething || ArgumentRuns.packed(Array(line.dropFirst())).count < line.count - 1
            let short = Self.outcome { try Convene.parseCommand(line) }
            let root = Self.outcome { try Convene.parseAsRoot(line) }
            #expect(short == root, "\(line)")
        }
        #expect(packedSomething)
    }

    @Test("a thousand people in one call parse to the thousand, in order, without the library's quadratic merging")
    func thousandPeople() throws {
        let people = (0..<1_000).map { "person\($0)@example.org" }
        let line = ["attend", "--session", "psc-3/1"] + people + ["--status", "late", "last@example.org"]
        #expect(ArgumentRuns.packed(Array(line.dropFirst())).count == 6)
        let attend = try #require(try Convene.parseCommand(line) as? Attend)
        #expect(attend.participants == people + ["last@example.org"])
        #expect(Self.outcome { try Convene.parseCommand(line) } == Self.outcome { try Convene.parseAsRoot(line) })
    }

    @Test("what is compared holds the parsed values: two command lines that differ in one value differ")
    func comparesValues() {
        let one = Self.outcome { try Convene.parseCommand(["attend", "--session", "psc-3/1", "siti@example.org"]) }
        let other = Self.outcome { try Convene.parseCommand(["attend", "--session", "psc-3/2", "siti@example.org"]) }
        #expect(one.contains("psc-3/1") && one.contains("siti@example.org"))
        #expect(one != other)
    }
}
