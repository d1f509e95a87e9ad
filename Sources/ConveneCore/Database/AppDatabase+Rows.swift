import Foundation
import GRDB

// MARK: - The row writes every writer shares
// A participant or a registration is inserted by one statement, prepared once per
// connection and reused: `participant add`, walk-ins and imports all come through here,
// so a bulk import pays for binding values, not for building and encoding a record.

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
