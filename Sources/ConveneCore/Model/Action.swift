import Foundation
import GRDB

/// A follow-up agreed at an event, with an owner (an organisation, a person, or both)
/// and a due date. Users refer to it by its short id.
public struct Action: Identifiable, Hashable, Sendable {
    public var id: String
    public var eventId: String
    /// The session it was agreed in, when that is known.
    public var sessionId: String?
    public var text: String
    public var ownerOrganisationId: String?
    public var ownerParticipantId: String?
    public var dueDate: CalendarDate?
    public var status: ActionStatus
    public var createdAt: Date

    public init(
        id: String = RecordID.make(), eventId: String, sessionId: String? = nil, text: String,
        ownerOrganisationId: String? = nil, ownerParticipantId: String? = nil, dueDate: CalendarDate? = nil,
        status: ActionStatus = .open, createdAt: Date = Date()
    ) {
        self.id = id
        self.eventId = eventId
        self.sessionId = sessionId
        self.text = text
        self.ownerOrganisationId = ownerOrganisationId
        self.ownerParticipantId = ownerParticipantId
        self.dueDate = dueDate
        self.status = status
        self.createdAt = createdAt
    }

    public var shortId: String { RecordID.short(id) }

    /// Not done or dropped, and due before `today`.
    public func isOverdue(on today: CalendarDate) -> Bool {
        guard let dueDate, status.isOpen else { return false }
        return dueDate < today
    }
}

extension ActionStatus {
    /// Open and in-progress actions are still to be done.
    public var isOpen: Bool { self == .open || self == .inProgress }
}

extension Action: Codable, FetchableRecord, PersistableRecord, StoredDateDecoding {
    /// Named here: GRDB would otherwise derive it from the type name at run time.
    public static let databaseTableName = "action"

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let eventId = Column(CodingKeys.eventId)
        public static let sessionId = Column(CodingKeys.sessionId)
        public static let ownerOrganisationId = Column(CodingKeys.ownerOrganisationId)
        public static let ownerParticipantId = Column(CodingKeys.ownerParticipantId)
        public static let dueDate = Column(CodingKeys.dueDate)
        public static let status = Column(CodingKeys.status)
        public static let createdAt = Column(CodingKeys.createdAt)
    }

    static let updates = hasMany(ActionUpdate.self)
}

/// A dated change of an action's status, with a note. Updates are kept, never replaced.
public struct ActionUpdate: Identifiable, Hashable, Sendable {
    public var id: String
    public var actionId: String
    public var date: CalendarDate
    public var status: ActionStatus
    public var note: String?
    public var createdAt: Date

    public init(
        id: String = RecordID.make(), actionId: String, date: CalendarDate, status: ActionStatus, note: String? = nil,
        createdAt: Date = Date()
    ) {
        self.id = id
        self.actionId = actionId
        self.date = date
        self.status = status
        self.note = note
        self.createdAt = createdAt
    }
}

extension ActionUpdate: Codable, FetchableRecord, PersistableRecord, StoredDateDecoding {
    /// Named here: GRDB would otherwise derive it from the type name at run time.
    public static let databaseTableName = "actionUpdate"

    public enum Columns {
        public static let actionId = Column(CodingKeys.actionId)
        public static let date = Column(CodingKeys.date)
        public static let createdAt = Column(CodingKeys.createdAt)
    }
}
