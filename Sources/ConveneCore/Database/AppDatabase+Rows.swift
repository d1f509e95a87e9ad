import Foundation
import GRDB

// MARK: - The row writes every writer shares
// A participant, a registration or an attendance mark is inserted by one statement,
// prepared once per connection and reused: `participant add`, `attend`, walk-ins and
// imports all come through here, so a bulk import pays for binding values, not for
// building and encoding a record. The lookups every row makes are cached the same way.

extension Participant {
    func insertRow(_ db: Database) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO participant (id, fullName, nameKey, gender, stakeholderType, organisationId, position, email,
                                         phone, province, birthYear, disability, dataUseConsent, createdAt, updatedAt,
                                         erasedAt)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            id, fullName, nameKey, gender, stakeholderType, organisationId, position, email, phone, province, birthYear,
            disability, dataUseConsent, createdAt, updatedAt, erasedAt,
        ])
    }
}

extension Registration {
    func insertRow(_ db: Database) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO registration (id, eventId, participantId, role, status, source, registeredAt)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [id, eventId, participantId, role, status, source, registeredAt])
    }
}

extension Attendance {
    func insertRow(_ db: Database) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO attendance (id, sessionId, participantId, status, markedAt, markedBy, method)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [id, sessionId, participantId, status, markedAt, markedBy, method])
    }

    /// A participant's mark in a session, if any.
    static func fetchOne(session sessionId: String, participant participantId: String, _ db: Database) throws
        -> Attendance?
    {
        try Attendance.fetchOne(
            db.cachedStatement(sql: "SELECT * FROM attendance WHERE sessionId = ? AND participantId = ?"),
            arguments: [sessionId, participantId])
    }
}

extension Participant {
    /// A participant by full id.
    static func fetchOne(id: String, _ db: Database) throws -> Participant? {
        try Participant.fetchOne(db.cachedStatement(sql: "SELECT * FROM participant WHERE id = ?"), arguments: [id])
    }
}

extension Registration {
    /// Whether the participant holds a registration for the event that is not cancelled.
    static func isActive(event eventId: String, participant participantId: String, _ db: Database) throws -> Bool {
        try Bool.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT EXISTS (SELECT 1 FROM registration r
                                   WHERE r.eventId = ? AND r.participantId = ? AND \(CountingSQL.activeRegistration("r")))
                    """), arguments: [eventId, participantId]) ?? false
    }
}
