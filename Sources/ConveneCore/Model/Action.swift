import Foundation
import GRDB

/// A follow-up agreed at an event, with an owner and a due date.
public struct Action: Identifiable, Hashable, Sendable {
    public var id: String
    public var eventId: String
    public var text: String
    public var ownerOrganisationId: String?
    public var ownerParticipantId: String?
    public var dueDate: CalendarDate?
    public var status: ActionStatus
    public var createdAt: Date

    public init(
        id: String = RecordID.make(), eventId: String, text: String, ownerOrganisationId: String? = nil,
        ownerParticipantId: String? = nil, dueDate: CalendarDate? = nil, status: ActionStatus = .open,
        createdAt: Date = Date()
    ) {
        self.id = id
        self.eventId = eventId
        self.text = text
        self.ownerOrganisationId = ownerOrganisationId
        self.ownerParticipantId = ownerParticipantId
        self.dueDate = dueDate
        self.status = status
        self.createdAt = createdAt
    }
}

extension Action: Codable, FetchableRecord, PersistableRecord {}

/// A dated change of an action's status, with a note.
public struct ActionUpdate: Identifiable, Hashable, Sendable, Codable, FetchableRecord, PersistableRecord {
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
