import Foundation
import Testing

@testable import ConveneCore

/// The demo programme loaded through the core (as `convene demo` does), checked against
/// the published figures and against the figures the fixture generator computed from its
/// own model of who was marked where (`expected` in programme.json), never from Convene.
@Suite("demo: the programme's public record")
struct DemoTests {
    /// Loading takes seconds: the suite shares one database.
    static let loaded = Result { () throws -> TestDatabase in
        let database = try TestDatabase.shared()
        let programme = try DemoProgramme.decode(try #require(EmbeddedDemo.file("programme.json")))
        _ = try database.db.load(programme) { name throws(ConveneError) in
            guard let data = EmbeddedDemo.file(name) else {
                throw ConveneError.notFound(kind: "demo file", reference: name)
            }
            return data
        }
        return database
    }

    /// programme.json as plain JSON, for its `expected` figures and steps.
    static var json: [String: Any] {
        let data = EmbeddedDemo.file("programme.json") ?? Data()
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
    }

    static var expected: [String: Any] { json["expected"] as? [String: Any] ?? [:] }

    @Test("the published figures: PSC-3 44 participants from 8 ministries, the final PSC 193, computed by stats")
    func publishedFigures() throws {
        let db = try Self.loaded.get().db
        let psc3 = try db.statistics(StatsScope(events: ["psc-3"]), by: [.ministry])
        #expect(psc3.participants == 44)
        #expect(psc3.ministries == 8)
        let names = Set((psc3.breakdowns[.ministry] ?? []).map(\.key)).subtracting(["not-a-ministry"])
        // (the generator writes Bappenas; Convene's short name for it is "Kementerian PPN/Bappenas")
        let expectedNames = Self.expected["psc3_ministries"] as? [String] ?? []
        #expect(names.count == expectedNames.count)
        for name in expectedNames {
            #expect(names.filter { $0.localizedCaseInsensitiveContains(name) }.count == 1, "\(name) in \(names)")
        }
        #expect(try db.statistics(StatsScope(events: ["psc-final"]), by: []).participants == 193)
        let programme = try db.statistics(StatsScope(), by: [])
        #expect(programme.participants == 5_149)
        #expect(programme.women == 2_883)  // 56.0%, as the programme reported 56% women
    }

    @Test("every event's figures equal the generator's own count; reach is below attendances")
    func everyEvent() throws {
        let db = try Self.loaded.get().db
        let events = try #require(Self.expected["events"] as? [String: [String: Int]])
        #expect(events.count == 20)
        for (code, figures) in events {
            let stats = try db.statistics(StatsScope(events: [code]), by: [])
            #expect(stats.registered == figures["registered"], "\(code) registered")
            #expect(stats.participants == figures["participants"], "\(code) participants")
            #expect(stats.women == figures["women"], "\(code) women")
            #expect(stats.attendances == figures["attendances"], "\(code) attendances")
            #expect(stats.ministries == figures["ministries"], "\(code) ministries")
            #expect(stats.organisations == figures["organisations"], "\(code) organisations")
        }
        let whole = try #require(Self.expected["programme"] as? [String: Int])
        let programme = try db.statistics(StatsScope(), by: [])
        #expect(programme.participants == whole["reach"])
        #expect(programme.attendances == whole["attendances"])
        #expect(programme.ministries == whole["ministries"])
        #expect(programme.organisations == whole["organisations"])
        // People came to more than one session and event: distinct reach is below attendances.
        #expect(programme.participants < programme.attendances)
    }

    @Test("PSC-3's minutes list the earlier PSC meetings' actions still open on 9 January 2024 as matters arising")
    func mattersArising() throws {
        let db = try Self.loaded.get().db
        let keys = try #require(Self.expected["psc3_matters_arising_actions"] as? [String])
        let steps = Self.json["steps"] as? [[String: Any]] ?? []
        let texts = keys.compactMap { key in
            steps.compactMap { $0["action"] as? [String: Any] }.first { $0["key"] as? String == key }?["text"]
                as? String
        }
        #expect(texts.count == keys.count)
        let minutes = try db.minutes(event: "psc-3", language: .en)
        #expect(Set(minutes.mattersArising.map(\.text)) == Set(texts))
        // (and all of them come from PSC-1 or PSC-2)
        #expect(minutes.mattersArising.allSatisfy { ["psc-1", "psc-2"].contains($0.agreedAt ?? "") })
    }
}
