import Foundation
import GRDB

/// A part of an event that attendance is marked for. Users refer to it as `EVENT/N`
/// (1-based, in order of start time) or by its optional code.
public struct Session: Identifiable, Hashable, Sendable {
    public var id: String
    public var eventId: String
    public var code: String?
    public var title: String
    /// Instants (stored in UTC); shown in the event's time zone. Nil for an untimed session.
    public var startsAt: Date?
    public var endsAt: Date?
    public var room: String?
    public var chair: String?
    /// The session every event gets when none is added; replaced by the first added
    /// session as long as nobody has been marked in it.
    public var isDefault: Bool
    public var createdAt: Date

    public init(
        id: String = RecordID.make(), eventId: String, code: String? = nil, title: String, startsAt: Date? = nil,
        endsAt: Date? = nil, room: String? = nil, chair: String? = nil, isDefault: Bool = false,
        createdAt: Date = Date()
    ) {
        self.id = id
        self.eventId = eventId
        self.code = code
        self.title = title
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.room = room
        self.chair = chair
        self.isDefault = isDefault
        self.createdAt = createdAt
    }
}

extension Session {
    /// Reads a stored row column by column, without Codable (see `Participant.init(row:)`).
    public init(row: Row) throws {
        id = try row.decode(forColumn: "id")
        eventId = try row.decode(forColumn: "eventId")
        code = try row.decode(forColumn: "code")
        title = try row.decode(forColumn: "title")
        startsAt = try row.storedDate(forColumn: "startsAt")
        endsAt = try row.storedDate(forColumn: "endsAt")
        room = try row.decode(forColumn: "room")
        chair = try row.decode(forColumn: "chair")
        isDefault = try row.decode(forColumn: "isDefault")
        createdAt = try row.storedDate(forColumn: "createdAt")
    }
}

extension Session: Codable, FetchableRecord, PersistableRecord {
    /// Named here: GRDB would otherwise derive it from the type name at run time.
    public static let databaseTableName = "session"

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let eventId = Column(CodingKeys.eventId)
        public static let code = Column(CodingKeys.code)
        public static let startsAt = Column(CodingKeys.startsAt)
        public static let isDefault = Column(CodingKeys.isDefault)
        public static let createdAt = Column(CodingKeys.createdAt)
    }

    static let event = belongsTo(Event.self)
    static let attendances = hasMany(Attendance.self)
}

extension DerivableRequest<Session> {
    /// Sessions in the order `EVENT/N` numbers them: by start, untimed last, then as added.
    public func orderedForNumbering() -> Self {
        order(sql: Session.numberingOrder())
    }
}
