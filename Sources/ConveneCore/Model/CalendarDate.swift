import Foundation
import GRDB

/// A day on the calendar (an event's first day, an action's due date), with no time
/// and no time zone. Stored as ISO 8601 text `YYYY-MM-DD`, so it sorts and compares
/// in SQL and never shifts by a time-zone offset the way an instant would.
public struct CalendarDate: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month), (1...31).contains(day) else { return nil }
        // Rejects 2024-02-30 and the like. Counted here from 1583 on: the calendar's first use
        // in a process sets up ICU's time zones (1.9M instructions of an `attend`). Before
        // that, Foundation's calendar is Julian, and it is asked.
        if year >= 1583 {
            guard day <= Self.days(inMonth: month, of: year) else { return nil }
        } else {
            var components = DateComponents(year: year, month: month, day: day)
            components.calendar = Self.utcCalendar
            guard components.isValidDate else { return nil }
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The days of a month in the Gregorian calendar.
    static func days(inMonth month: Int, of year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Parses `YYYY-MM-DD` (the form the CLI and the database use).
    public init?(iso text: String) {
        let parts = text.trimmingWhitespace.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, (1...2).contains(parts[1].count), (1...2).contains(parts[2].count),
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// Parses a user's date, naming the field when it is not a date.
    public static func parse(_ text: String, field: String) throws(ConveneError) -> CalendarDate {
        guard let date = CalendarDate(iso: text) else {
            throw ConveneError.invalidInput("\(field): '\(text)' is not a date; use YYYY-MM-DD, e.g. 2024-01-09.")
        }
        return date
    }

    public var description: String { String(format: "%04d-%02d-%02d", year, month, day) }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// The day `days` later (earlier when negative).
    public func adding(days: Int) -> CalendarDate {
        let start = Self.utcCalendar.date(from: DateComponents(year: year, month: month, day: day))!
        return CalendarDate(
            Self.utcCalendar.date(byAdding: .day, value: days, to: start)!, in: Self.utcCalendar.timeZone)
    }

    /// Whole days from `other` to this day (negative when this day is earlier).
    public func days(since other: CalendarDate) -> Int {
        let from = Self.utcCalendar.date(from: DateComponents(year: other.year, month: other.month, day: other.day))!
        let to = Self.utcCalendar.date(from: DateComponents(year: year, month: month, day: day))!
        return Self.utcCalendar.dateComponents([.day], from: from, to: to).day!
    }

    /// The instant this day starts in a time zone.
    public func startOfDay(in timeZone: TimeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.date(from: DateComponents(year: year, month: month, day: day))!
    }

    /// The calendar day of an instant in a time zone.
    public init(_ date: Date, in timeZone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        self.year = c.year!
        self.month = c.month!
        self.day = c.day!
    }

    private static let utcCalendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    // MARK: Codable as the same ISO text

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = CalendarDate(iso: text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "Not a YYYY-MM-DD date: \(text)"))
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension CalendarDate: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { description.databaseValue }

    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> CalendarDate? {
        String.fromDatabaseValue(dbValue).flatMap(CalendarDate.init(iso:))
    }
}

/// Local wall-clock times typed by users, read in an event's time zone.
public enum LocalTime {
    /// Parses `YYYY-MM-DD HH:MM[:SS]` (or with a `T`), or `HH:MM` on `defaultDay`, in `timeZone`.
    public static func parse(_ text: String, field: String, in timeZone: TimeZone, defaultDay: CalendarDate?)
        throws(ConveneError) -> Date
    {
        let trimmed = text.trimmingWhitespace
        let pieces = trimmed.split(whereSeparator: { $0 == " " || $0 == "T" })
        let day: CalendarDate?
        let clock: Substring?
        switch pieces.count {
        case 1 where pieces[0].contains(":"): (day, clock) = (defaultDay, pieces[0])
        case 2: (day, clock) = (CalendarDate(iso: String(pieces[0])), pieces[1])
        default: (day, clock) = (nil, nil)
        }
        let hms = clock?.split(separator: ":").map { Int($0) } ?? []
        guard let day, (2...3).contains(hms.count), hms.allSatisfy({ $0 != nil }),
            let hour = hms[0], let minute = hms[1], (0...23).contains(hour), (0...59).contains(minute)
        else {
            throw ConveneError.invalidInput(
                "\(field): '\(text)' is not a time; use 'YYYY-MM-DD HH:MM' in the event's local time, e.g. '2024-01-09 09:00'."
            )
        }
        let second = hms.count == 3 ? hms[2]! : 0
        guard (0...59).contains(second) else {
            throw ConveneError.invalidInput("\(field): '\(text)' has an invalid seconds value.")
        }
        return day.startOfDay(in: timeZone).addingTimeInterval(TimeInterval(hour * 3600 + minute * 60 + second))
    }

    /// `2024-01-09 09:00` in the zone, with the zone's abbreviation when `withZone`.
    public static func format(_ date: Date, in timeZone: TimeZone, withZone: Bool = false) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        let text = String(format: "%04d-%02d-%02d %02d:%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!)
        return withZone ? "\(text) \(zoneLabel(timeZone, at: date))" : text
    }

    /// The same wall-clock time `days` later, read in `newZone`: an event moved by days, or
    /// its zone corrected, keeps its sessions at the local times that were typed.
    public static func moving(_ date: Date, from oldZone: TimeZone, to newZone: TimeZone, days: Int) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = oldZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .nanosecond], from: date)
        let day = CalendarDate(year: c.year!, month: c.month!, day: c.day!)!.adding(days: days)
        let seconds = c.hour! * 3600 + c.minute! * 60 + c.second!
        return day.startOfDay(in: newZone).addingTimeInterval(TimeInterval(seconds) + Double(c.nanosecond!) / 1e9)
    }

    /// `HH:MM` in the zone.
    public static func formatClock(_ date: Date, in timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.hour, .minute], from: date)
        return String(format: "%02d:%02d", c.hour!, c.minute!)
    }

    /// Indonesia's own zone names (WIB, WITA, WIT), else the UTC offset.
    public static func zoneLabel(_ timeZone: TimeZone, at date: Date) -> String {
        switch timeZone.identifier {
        case "Asia/Jakarta", "Asia/Pontianak": return "WIB"
        case "Asia/Makassar": return "WITA"
        case "Asia/Jayapura": return "WIT"
        default:
            let seconds = timeZone.secondsFromGMT(for: date)
            let sign = seconds < 0 ? "-" : "+"
            return String(format: "UTC%@%02d:%02d", sign, abs(seconds) / 3600, abs(seconds) % 3600 / 60)
        }
    }

    /// A known IANA zone, or an error naming the flag.
    public static func timeZone(_ identifier: String) throws(ConveneError) -> TimeZone {
        guard TimeZone.knownTimeZoneIdentifiers.contains(identifier), let zone = TimeZone(identifier: identifier) else {
            throw ConveneError.invalidInput(
                "time zone: '\(identifier)' is not an IANA time zone; e.g. Asia/Jakarta (WIB), Asia/Makassar (WITA), Asia/Jayapura (WIT)."
            )
        }
        return zone
    }
}
