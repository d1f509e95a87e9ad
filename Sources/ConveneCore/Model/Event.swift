import Foundation
import GRDB

/// A symposium, PSC meeting, training, workshop or meeting. Users refer to it by `code`.
public struct Event: Identifiable, Hashable, Sendable {
    public var id: String
    /// Unique, case-insensitive: `psc-3`.
    public var code: String
    public var title: String
    public var kind: EventKind
    public var series: String?
    public var number: Int?
    public var startDate: CalendarDate
    public var endDate: CalendarDate
    public var venue: String?
    public var city: String?
    /// IANA identifier; session times are typed and shown in it.
    public var timeZone: String
    public var language: Language
    public var createdAt: Date

    public init(
        id: String = RecordID.make(), code: String, title: String, kind: EventKind, series: String? = nil,
        number: Int? = nil, startDate: CalendarDate, endDate: CalendarDate? = nil, venue: String? = nil,
        city: String? = nil, timeZone: String = Event.defaultTimeZone, language: Language = .en,
        createdAt: Date = Date()
    ) {
        self.id = id
        self.code = code
        self.title = title
        self.kind = kind
        self.series = series
        self.number = number
        self.startDate = startDate
        self.endDate = endDate ?? startDate
        self.venue = venue
        self.city = city
        self.timeZone = timeZone
        self.language = language
        self.createdAt = createdAt
    }

    public static let defaultTimeZone = "Asia/Jakarta"

    /// The event's zone (the stored identifier was checked when the event was added).
    public var zone: TimeZone { TimeZone(identifier: timeZone) ?? TimeZone(identifier: Self.defaultTimeZone)! }
}

extension Event {
    /// Reads a stored row column by column, without Codable (see `Participant.init(row:)`).
    public init(row: Row) throws {
        id = try row.decode(forColumn: "id")
        code = try row.decode(forColumn: "code")
        title = try row.decode(forColumn: "title")
        kind = try row.decode(forColumn: "kind")
        series = try row.decode(forColumn: "series")
        number = try row.decode(forColumn: "number")
        startDate = try row.decode(forColumn: "startDate")
        endDate = try row.decode(forColumn: "endDate")
        venue = try row.decode(forColumn: "venue")
        city = try row.decode(forColumn: "city")
        timeZone = try row.decode(forColumn: "timeZone")
        language = try row.decode(forColumn: "language")
        createdAt = try row.storedDate(forColumn: "createdAt")
    }
}

extension Event: Codable, FetchableRecord, PersistableRecord {
    /// Named here: GRDB would otherwise derive it from the type name at run time.
    public static let databaseTableName = "event"

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let code = Column(CodingKeys.code)
        public static let series = Column(CodingKeys.series)
        public static let kind = Column(CodingKeys.kind)
        public static let startDate = Column(CodingKeys.startDate)
        public static let number = Column(CodingKeys.number)
    }

    static let sessions = hasMany(Session.self)
    static let registrations = hasMany(Registration.self)
}
