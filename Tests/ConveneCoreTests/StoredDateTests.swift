import Foundation
import GRDB
import Testing

@testable import ConveneCore

@Suite("instants stored as GRDB stores them")
struct StoredDateTests {
    @Test("the text equals GRDB's own for instants across two centuries and at millisecond edges")
    func sameTextAsGRDB() {
        var generator = SystemRandomNumberGenerator()
        var instants: [Date] = [
            Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: -0.0005),
            Date(timeIntervalSince1970: 0.0009999),
            Date(timeIntervalSince1970: 1_704_762_000.999), Date(timeIntervalSince1970: 1_704_762_000.9995),
            Date(timeIntervalSince1970: 951_782_400),  // 2000-02-29
            Date(timeIntervalSince1970: 4_107_542_399.999),  // 2100-02-28 23:59:59.999
            Date(timeIntervalSince1970: -2_208_988_800),  // 1900-01-01
            Date(timeIntervalSince1970: 253_402_300_800.25),  // 10000-01-01: left to GRDB
            Date(timeIntervalSince1970: -62_198_755_200),  // year -1: left to GRDB
            Date(),
        ]
        for _ in 0..<20_000 {
            instants.append(
                Date(timeIntervalSince1970: Double.random(in: -2_208_988_800...4_102_444_800, using: &generator)))
        }
        for _ in 0..<2_000 {
            // Whole milliseconds, as a clock that ticks in them gives.
            let milliseconds = Int64.random(in: 0...4_102_444_800_000, using: &generator)
            instants.append(Date(timeIntervalSince1970: Double(milliseconds) / 1000))
        }
        var differing: [String] = []
        for instant in instants {
            let ours = StoredDate.text(instant)
            let grdb = String.fromDatabaseValue(instant.databaseValue)
            if ours != grdb { differing.append("\(instant.timeIntervalSince1970): \(ours) ≠ \(grdb ?? "nil")") }
        }
        let examples = differing.prefix(5).joined(separator: "; ")
        #expect(differing.count == 0, "e.g. \(examples)")
    }

    @Test("a stored row reads back as the instant it was written with, to the millisecond")
    func readsBack() throws {
        let queue = try DatabaseQueue()
        let instant = Date(timeIntervalSince1970: 1_727_251_200.123_456)
        let read = try queue.read { db in
            try Date.fetchOne(db, sql: "SELECT ?", arguments: [StoredDate.text(instant)])
        }
        #expect(read.map { abs($0.timeIntervalSince1970 - 1_727_251_200.123) < 0.000_5 } == true)
    }
}
