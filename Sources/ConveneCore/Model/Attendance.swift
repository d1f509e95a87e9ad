import Foundation
import GRDB

/// One person's mark for one session. Unique per participant × session: marking again
/// updates the status.
public struct Attendance: Identifiable, Hashable, Sendable {
    public var id: String
    public var sessionId: String
    public var participantId: String
    public var status: AttendanceStatus
    public var markedAt: Date
    public var markedBy: String?
    public var method: AttendanceMethod

    public init(
        id: String = RecordID.timeOrdered(), sessionId: String, participantId: String,
        status: AttendanceStatus = .present,
        markedAt: Date = Date(), markedBy: String? = nil, method: AttendanceMethod = .cli
    ) {
        self.id = id
        self.sessionId = sessionId
        self.participantId = participantId
        self.status = status
        self.markedAt = markedAt
        self.markedBy = markedBy
        self.method = method
    }
}

extension Attendance {
    /// Reads a stored row column by column, without Codable (see `Participant.init(row:)`).
    public init(row: Row) throws {
        id = try row.decode(forColumn: "id")
        sessionId = try row.decode(forColumn: "sessionId")
        participantId = try row.decode(forColumn: "participantId")
        status = try row.decode(forColumn: "status")
        markedAt = try row.storedDate(forColumn: "markedAt")
        markedBy = try row.decode(forColumn: "markedBy")
        method = try row.decode(forColumn: "method")
    }
}

extension Attendance {
    /// The stored columns in the order `init(byPosition:)` reads them.
    static let columnsInOrder = "id, sessionId, participantId, status, markedAt, markedBy, method"

    /// Reads a row of `SELECT \(columnsInOrder)` by position (see `PositionalRow`).
    init(byPosition row: PositionalRow) throws {
        id = try row.decode(0)
        sessionId = try row.decode(1)
        participantId = try row.decode(2)
        status = try row.decode(3)
        markedAt = try row.date(4)
        markedBy = try row.decode(5)
        method = try row.decode(6)
    }
}

extension Attendance: Codable, FetchableRecord, PersistableRecord {
    /// Named here: GRDB would otherwise derive it from the type name at run time.
    public static let databaseTableName = "attendance"

    public enum Columns {
        public static let sessionId = Column(CodingKeys.sessionId)
        public static let participantId = Column(CodingKeys.participantId)
        public static let status = Column(CodingKeys.status)
    }

    static let session = belongsTo(Session.self)
    static let participant = belongsTo(Participant.self)
}

extension DerivableRequest<Attendance> {
    /// Marks that count as attendances: present, late or left early.
    public func attended() -> Self {
        filter(AttendanceStatus.attendanceStatuses.contains(Attendance.Columns.status))
    }
}
