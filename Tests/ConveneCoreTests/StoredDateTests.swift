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

    @Test("reading the stored text gives the very Date GRDB's reading gives, and other spellings are left to GRDB")
    func readsAsGRDB() throws {
        var generator = SystemRandomNumberGenerator()
        var texts = [
            "1970-01-01 00:00:00.000", "1969-12-31 23:59:59.999", "2000-02-29 12:00:00.500",
            "2024-01-09 02:00:00.000", "2100-02-28 23:59:59.999", "1583-01-01 00:00:00.000",
            "1600-02-29 00:00:00.001", "9999-12-31 23:59:59.999",
            "2023-02-31 10:00:00.000",  // the 31st of February: GRDB's calendar rolls it into March
        ]
        for _ in 0..<20_000 {
            let milliseconds = Int64.random(in: -12_212_553_600_000...253_402_300_799_999, using: &generator)
            texts.append(StoredDate.text(Date(timeIntervalSince1970: Double(milliseconds) / 1000)))
        }
        var differing: [String] = []
        for text in texts {
            let ours = StoredDate.date(text)
            let grdb = Date.fromDatabaseValue(text.databaseValue)
            if ours == nil || ours != grdb {
                let seconds = [ours, grdb].map { $0.map { "\($0.timeIntervalSince1970)" } ?? "nil" }
                differing.append("\(text): \(seconds[0]) ≠ \(seconds[1])")
            }
        }
        #expect(differing.count == 0, "e.g. \(differing.prefix(5).joined(separator: "; "))")

        // Not the stored spelling: nil here, so Row.storedDate asks GRDB.
        for other in [
            "2024-01-09", "2024-01-09 02:00", "2024-01-09 02:00:00", "2024-01-09T02:00:00.000",
            "2024-01-09 02:00:00.000Z", "2024-13-09 02:00:00.000", "2024-01-09 24:00:00.000",
            "2024-01-09 02:00:00.0000",
            "２024-01-09 02:00:00.000", "",
            "1582-10-15 00:00:00.000", "0001-01-01 00:00:00.000",  // Julian before 1583 in Foundation's calendar
        ] {
            #expect(StoredDate.date(other) == nil, "\(other)")
        }
        let queue = try DatabaseQueue()
        let read = try queue.read { db in
            try Row.fetchOne(
                db, sql: "SELECT '2024-01-09 02:00' AS a, '2024-01-09 02:00:00.250' AS b, NULL AS c, 1704765600 AS d")!
        }
        #expect(try read.storedDate(forColumn: "a") == Date(timeIntervalSince1970: 1_704_765_600))
        #expect(try read.storedDate(forColumn: "b") == Date(timeIntervalSince1970: 1_704_765_600.25))
        #expect(try read.storedDate(forColumn: "c") as Date? == nil)
        #expect(try read.storedDate(forColumn: "d") == Date(timeIntervalSince1970: 1_704_765_600))
    }

    @Test("a calendar day is valid exactly when Foundation's Gregorian calendar says so")
    func calendarDaysAsFoundation() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        var years = Array(1580...2110) + [2400, 2800, 3000, 9999]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 { years.append(Int.random(in: 1...9999, using: &generator)) }
        var differing: [String] = []
        for year in years {
            for month in 1...12 {
                for day in 1...31 {
                    var components = DateComponents(year: year, month: month, day: day)
                    components.calendar = calendar
                    if (CalendarDate(year: year, month: month, day: day) != nil) != components.isValidDate {
                        differing.append("\(year)-\(month)-\(day)")
                    }
                }
            }
        }
        #expect(differing.isEmpty, "e.g. \(differing.prefix(5))")
        #expect(CalendarDate(iso: "2024-02-29") != nil)
        #expect(CalendarDate(iso: "2023-02-29") == nil)
        #expect(CalendarDate(iso: "2100-02-29") == nil)
        #expect(CalendarDate(iso: "2000-02-29") != nil)
    }
}
