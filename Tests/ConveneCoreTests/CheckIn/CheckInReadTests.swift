import Foundation
import Testing

@testable import ConveneCore

@Suite("check-in reads: who a typed fragment finds, and a session's counts")
struct CheckInReadTests {
    @Test("a query is folded words, or the digits a phone ends with")
    func query() {
        #expect(CheckInQuery("  Rosé  MANURUNG ").words == ["rose", "manurung"])
        #expect(CheckInQuery("7890").phoneTail == "7890")
        #expect(CheckInQuery("0812-3456-7890").phoneTail == "81234567890")
        #expect(CheckInQuery("+62 812 3456 7890").phoneTail == "6281234567890")
        #expect(CheckInQuery("s").isEmpty)
        #expect(CheckInQuery("12").phoneTail == nil)
    }

    @Test("registered people only, by name, organisation or phone tail, with their mark; at most the limit")
    func search() throws {
        // Given PSC-3 with three registered people and one who is not registered
        let test = try TestDatabase()
        try test.seed()
        try test.person("Rosé Manurung", .female, org: "SBMI", email: "rose@example.org", phone: "0812-3456-7890")
        try test.person("Siti Aminah", .female, org: "Kemlu", email: "siti@example.org")
        try test.person("Budi Santoso", .male, org: "SBMI", email: "budi@example.org")
        try test.person("Rose Outsider", .female, email: "out@example.org")
        _ = try test.db.register(
            ["rose@example.org", "siti@example.org", "budi@example.org"], forEvent: "psc-3", role: nil)
        _ = try test.db.markAttendance(
            session: "psc-3/1", participants: ["rose@example.org"], status: .late, walkIn: false)

        func names(_ text: String, limit: Int = 50) throws -> [String] {
            try test.db.checkInPeople(session: "psc-3/1", matching: CheckInQuery(text), limit: limit).map(\.name)
        }
        // Then accents and case do not matter, organisations and acronyms find their people
        #expect(try names("ROSE") == ["Rosé Manurung"])
        #expect(try names("sbmi") == ["Budi Santoso", "Rosé Manurung"])
        #expect(try names("serikat buruh") == ["Budi Santoso", "Rosé Manurung"])
        #expect(try names("luar negeri siti") == ["Siti Aminah"])
        #expect(try names("7890") == ["Rosé Manurung"])
        #expect(try names("sbmi", limit: 1) == ["Budi Santoso"])
        let rose = try test.db.checkInPeople(session: "psc-3/1", matching: CheckInQuery("rose"), limit: 50)
        #expect(rose.first?.status == .late)
        #expect(rose.first?.organisation == "SBMI")

        // And the counts are the session's attendances against the event's registrations
        #expect(try test.db.sessionCounts(session: "psc-3/1") == SessionCounts(registered: 3, present: 1, women: 1))
    }
}
