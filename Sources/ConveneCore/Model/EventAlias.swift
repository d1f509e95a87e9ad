import Foundation
import GRDB

/// A code an event had before `editEvent` gave it a new one; references still find it.
public struct EventAlias: Identifiable, Hashable, Sendable {
    public var id: String
    public var eventId: String
    /// Unique, case-insensitive, and never another event's or session's code.
    public var code: String

    public init(id: String = RecordID.make(), eventId: String, code: String) {
        self.id = id
        self.eventId = eventId
        self.code = code
    }
}

extension EventAlias: Codable, FetchableRecord, PersistableRecord {
    /// Named here: GRDB would otherwise derive it from the type name at run time.
    public static let databaseTableName = "eventAlias"

    public enum Columns {
        public static let eventId = Column(CodingKeys.eventId)
        public static let code = Column(CodingKeys.code)
    }
}
