import Foundation
import Testing

@testable import ConveneCore

@Suite("RecordID: the two kinds of UUID")
struct RecordIDTests {
    @Test("a time-ordered id is a version 7 UUID carrying the time in milliseconds")
    func timeOrderedLayout() throws {
        // 2024-09-25 03:00:00.125 UTC, the final PSC meeting's morning: 1,727,233,200,125 ms,
        // 0x0192_271f_0ffd in hex (Python's hex(1727233200125)); .125 is exact in binary.
        let date = Date(timeIntervalSince1970: 1_727_233_200.125)
        let id = RecordID.timeOrdered(at: date)
        #expect(id.count == 36)
        #expect(UUID(uuidString: id) != nil)
        #expect(id == id.lowercased())
        let hex = id.replacingOccurrences(of: "-", with: "")
        #expect(hex.prefix(12) == "0192271f0ffd")
        #expect(Array(hex)[12] == "7")
        #expect("89ab".contains(Array(hex)[16]))
    }

    @Test("ids made on several threads at once all differ, and their random bits are spread evenly")
    func manyFromThreads() async {
        let ids = await withTaskGroup(of: [String].self) { group in
            for _ in 0..<4 { group.addTask { (0..<25_000).map { _ in RecordID.make() } } }
            var all: [String] = []
            for await part in group { all += part }
            return all
        }
        #expect(Set(ids).count == 100_000)
        // A version 4 id's first hex digit is random: each of the 16 about 6,250 times (one
        // standard deviation is 77).
        var counts: [Character: Int] = [:]
        for id in ids { counts[id.first!, default: 0] += 1 }
        #expect(counts.count == 16)
        #expect(counts.values.allSatisfy { (5_500...7_000).contains($0) }, "\(counts)")
    }

    @Test("ids made later sort later, and ids made in the same millisecond differ")
    func timeOrderedSorts() {
        let start = Date(timeIntervalSince1970: 1_704_758_400)  // 2024-01-09, the 3rd PSC meeting
        let ids = (0..<500).map { RecordID.timeOrdered(at: start.addingTimeInterval(Double($0) * 0.002)) }
        #expect(ids == ids.sorted())
        let same = (0..<1000).map { _ in RecordID.timeOrdered(at: start) }
        #expect(Set(same).count == 1000)
    }

    @Test("ids people type stay random from their first character; marks and registrations are time-ordered")
    func whichKind() {
        let random = RecordID.make()
        #expect(Array(random)[14] == "4")
        #expect(Array(Participant(fullName: "A").id)[14] == "4")
        #expect(Array(Attendance(sessionId: "s", participantId: "p").id)[14] == "7")
        #expect(Array(Registration(eventId: "e", participantId: "p").id)[14] == "7")
        // Two records people refer to, made in the same instant, differ in what they see.
        let shown = (0..<200).map { _ in RecordID.short(RecordID.make()) }
        #expect(Set(shown).count > 195)
    }
}
