import Foundation
import GRDB

/// A decision or recommendation agreed at an event; `position` keeps them in the order agreed.
public struct Decision: Identifiable, Hashable, Sendable {
    public var id: String
    public var eventId: String
    public var sessionId: String?
    public var text: String
    /// 1, 2, 3 … within the event.
    public var position: Int
    public var createdAt: Date

    public init(
        id: String = RecordID.make(), eventId: String, sessionId: String? = nil, text: String, position: Int,
        createdAt: Date = Date()
    ) {
        self.id = id
        self.eventId = eventId
        self.sessionId = sessionId
        self.text = text
        self.position = position
        self.createdAt = createdAt
    }
}

extension Decision: Codable, FetchableRecord, PersistableRecord, StoredDateDecoding {
    /// Named here: GRDB would otherwise derive it from the type name at run time.
    public static let databaseTableName = "decision"

    public enum Columns {
        public static let eventId = Column(CodingKeys.eventId)
        public static let position = Column(CodingKeys.position)
    }
}
