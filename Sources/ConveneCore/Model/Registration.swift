import Foundation
import GRDB

/// A participant's registration for an event, in a role.
public struct Registration: Identifiable, Hashable, Sendable {
    public var id: String
    public var eventId: String
    public var participantId: String
    public var role: RegistrationRole
    public var status: RegistrationStatus
    /// How it was made: `cli`, `import`, `walk-in`.
    public var source: String
    public var registeredAt: Date

    public init(
        id: String = RecordID.timeOrdered(), eventId: String, participantId: String,
        role: RegistrationRole = .participant,
        status: RegistrationStatus = .registered, source: String = "cli", registeredAt: Date = Date()
    ) {
        self.id = id
        self.eventId = eventId
        self.participantId = participantId
        self.role = role
        self.status = status
        self.source = source
        self.registeredAt = registeredAt
    }
}

extension Registration {
    /// Reads a stored row column by column, without Codable (see `Participant.init(row:)`).
    public init(row: Row) throws {
        id = try row.decode(forColumn: "id")
        eventId = try row.decode(forColumn: "eventId")
        participantId = try row.decode(forColumn: "participantId")
        role = try row.decode(forColumn: "role")
        status = try row.decode(forColumn: "status")
        source = try row.decode(forColumn: "source")
        registeredAt = try row.storedDate(forColumn: "registeredAt")
    }
}

extension Registration: Codable, FetchableRecord, PersistableRecord {
    /// Named here: GRDB would otherwise derive it from the type name at run time.
    public static let databaseTableName = "registration"

    public enum Columns {
        public static let eventId = Column(CodingKeys.eventId)
        public static let participantId = Column(CodingKeys.participantId)
        public static let role = Column(CodingKeys.role)
        public static let status = Column(CodingKeys.status)
    }

    static let participant = belongsTo(Participant.self)
    static let event = belongsTo(Event.self)
}

extension DerivableRequest<Registration> {
    /// Registrations that stand (not cancelled).
    public func active() -> Self { filter(sql: CountingSQL.activeRegistration("registration")) }
}
