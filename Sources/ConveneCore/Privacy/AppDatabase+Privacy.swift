import Foundation
import GRDB

// MARK: - Erasure, anonymised export, backup and check
// Participants' names, contacts and positions are personal data (UU PDP 27/2022).
// Erasure removes them and keeps what statistics count, so reports do not change.

public enum ErasureReason: String, Sendable {
    case request
    case consentWithdrawn = "consent-withdrawn"
}

/// What an erasure did.
public struct Erasure: Sendable {
    public var participant: Participant
    /// False when another process held the database open and erased values may remain in
    /// the `-wal` file until it closes.
    public var logCleared: Bool
}

/// One row of an anonymised export: a pseudonym instead of a person.
public struct AnonymisedRow: Hashable, Sendable {
    public var pseudonym: String
    public var event: String
    /// `EVENT/N`, nil for a registration without a mark.
    public var session: String?
    /// The attendance status, or `registered` when there is no mark.
    public var status: String
    public var role: String
    public var gender: String
    public var stakeholderType: String?
    public var organisation: String?
    public var organisationType: String?
    public var ageBand: String
    public var disability: String
    /// Fewer than `SmallCounts.identifiable` people in the export share this row's gender,
    /// stakeholder type, organisation, age band and disability: together these describe so
    /// few people that someone who knows the event could tell who the row is.
    public var smallGroup: Bool
}

public struct CheckReport: Sendable {
    /// `PRAGMA application_id`: Convene's mark, set by init (and by migration on older files).
    public var applicationID: Int32
    public var integrity: [String]
    public var foreignKeyViolations: Int
    /// Events without any session (every event must have one).
    public var eventsWithoutSessions: [String]
    /// Attendance marks whose person is not registered for the event.
    public var marksWithoutRegistration: Int
    /// (event, person, marks) rows where the kept `eventAttendee` and a recount from the
    /// marks differ: rows in one and not the other. Its triggers keep it at 0.
    public var attendeesOutOfStep: Int
    public var appliedMigrations: [String]
    public var knownMigrations: [String]
    public var journalMode: String
    public var participants: Int
    public var events: Int

    public var isHealthy: Bool {
        applicationID == AppDatabase.applicationID && integrity == ["ok"] && foreignKeyViolations == 0
            && eventsWithoutSessions.isEmpty
            && marksWithoutRegistration == 0 && attendeesOutOfStep == 0
            && appliedMigrations == knownMigrations
    }
}

extension AppDatabase {
    /// Removes a participant's name, email, phone and position; keeps gender, stakeholder
    /// type, organisation, birth year, province, disability and attendance, so statistics
    /// do not change. The erasure is logged with its date and reason, not the person.
    public func erase(_ reference: String, reason: ErasureReason) throws(ConveneError) -> Erasure {
        let participant = try write { db in try Self.erase(try Participant.find(reference, db), reason: reason, db) }
        return Erasure(participant: participant, logCleared: clearWriteAheadLog())
    }

    static func erase(_ participant: Participant, reason: ErasureReason, _ db: Database) throws -> Participant {
        guard participant.erasedAt == nil else {
            throw ConveneError.invalidInput("Participant \(participant.shortId) was already erased.")
        }
        var erased = participant
        let now = Date()
        erased.fullName = Participant.erasedName
        erased.email = nil
        erased.phone = nil
        erased.position = nil
        if reason == .consentWithdrawn { erased.dataUseConsent = false }
        erased.erasedAt = now
        erased.updatedAt = now
        try erased.update(db)
        try db.execute(
            sql: "INSERT INTO erasure (id, erasedAt, reason) VALUES (?, ?, ?)",
            arguments: [RecordID.make(), now, reason.rawValue])
        // A new pseudonym next time: old exports cannot be joined to what follows.
        try db.execute(sql: "DELETE FROM pseudonym WHERE participantId = ?", arguments: [participant.id])
        return erased
    }

    /// Registrations and attendance with a stable pseudonym per person and no personal data.
    /// Pseudonyms are random and kept in the database, so the same person has the same
    /// pseudonym in every export (a write: new people get one). Each row says whether its
    /// quasi-identifiers are shared by fewer than `SmallCounts.identifiable` pseudonyms in
    /// the export.
    public func anonymisedExport(event code: String? = nil) throws(ConveneError) -> [AnonymisedRow] {
        try write { db in
            let event = try code.map { try Event.find($0, db) }
            let missing = try String.fetchAll(
                db,
                sql: """
                    SELECT DISTINCT r.participantId FROM registration r
                    WHERE r.participantId NOT IN (SELECT participantId FROM pseudonym)
                    """)
            let insert = try db.cachedStatement(sql: "INSERT INTO pseudonym (participantId, pseudonym) VALUES (?, ?)")
            for id in missing {
                try insert.execute(arguments: [
                    id, "p-" + RecordID.make().replacingOccurrences(of: "-", with: "").prefix(12),
                ])
            }
            return try Row.fetchAll(
                db,
                sql: """
                    WITH sessionRef AS (
                        SELECT s.id, s.eventId, \(CountingSQL.sessionReference) AS ref
                        FROM session s JOIN event e ON e.id = s.eventId
                    ),
                    exported AS (
                        SELECT ps.pseudonym, e.code AS event, sr.ref AS session, COALESCE(a.status, 'registered') AS status,
                               r.role, p.gender, p.stakeholderType, COALESCE(o.acronym, o.name) AS organisation,
                               o.type AS organisationType, p.disability,
                               \(CountingSQL.ageBand(onDate: "e.startDate")) AS ageBand, e.startDate
                        FROM registration r
                        JOIN event e ON e.id = r.eventId
                        JOIN participant p ON p.id = r.participantId
                        JOIN pseudonym ps ON ps.participantId = p.id
                        LEFT JOIN organisation o ON o.id = p.organisationId
                        LEFT JOIN attendance a ON a.participantId = p.id AND a.sessionId IN (SELECT id FROM session WHERE eventId = e.id)
                        LEFT JOIN sessionRef sr ON sr.id = a.sessionId
                        WHERE (? IS NULL OR e.id = ?)
                    ),
                    -- Distinct people per combination of quasi-identifiers, over the whole export
                    quasi AS (
                        SELECT gender, stakeholderType, organisation, ageBand, disability,
                               COUNT(DISTINCT pseudonym) AS people
                        FROM exported
                        GROUP BY gender, stakeholderType, organisation, ageBand, disability
                    )
                    SELECT x.*, q.people < \(SmallCounts.identifiable) AS smallGroup
                    FROM exported x
                    JOIN quasi q
                      ON q.gender IS x.gender AND q.stakeholderType IS x.stakeholderType
                     AND q.organisation IS x.organisation AND q.ageBand IS x.ageBand AND q.disability IS x.disability
                    ORDER BY x.startDate, x.event, x.session, x.pseudonym
                    """, arguments: [event?.id, event?.id]
            ).map { row in
                AnonymisedRow(
                    pseudonym: row["pseudonym"], event: row["event"], session: row["session"], status: row["status"],
                    role: row["role"], gender: row["gender"], stakeholderType: row["stakeholderType"],
                    organisation: row["organisation"], organisationType: row["organisationType"],
                    ageBand: row["ageBand"],
                    disability: row["disability"], smallGroup: row["smallGroup"])
            }
        }
    }

    /// Copies the database with SQLite's online backup: consistent while others write.
    /// The copy is made under a temporary name beside `destination`, checked, and only
    /// then given its name, so an interrupted backup never leaves a file that looks whole.
    /// Returns the check of the copy.
    public func backup(to destination: String) throws(ConveneError) -> CheckReport {
        let fileManager = FileManager.default
        guard !fileManager.fileExists(atPath: destination) else {
            throw ConveneError.cannotCreateOutput(
                path: destination, reason: "the file exists; choose a new name (backups never overwrite).")
        }
        let url = URL(fileURLWithPath: destination)
        let folder = url.deletingLastPathComponent().path
        guard fileManager.fileExists(atPath: folder) else {
            throw ConveneError.cannotCreateOutput(path: destination, reason: "the folder \(folder) does not exist.")
        }
        let partial = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).partial-\(RecordID.make().prefix(8))").path
        func removePartial() {
            for suffix in ["", "-wal", "-shm", "-journal"] { try? fileManager.removeItem(atPath: partial + suffix) }
        }
        let report: CheckReport
        do {
            let target = try DatabaseQueue(path: partial)
            try backupSource.backup(to: target)
            try target.close()
            let copy = try AppDatabase.open(path: partial)
            report = try copy.check()
            try copy.close()
        } catch {
            removePartial()
            throw Self.translate(error, path: destination)
        }
        guard report.isHealthy else {
            removePartial()
            throw ConveneError.database(
                message: "the copy failed its check, so no backup was written; keep the original and try again.")
        }
        // link(2) then unlink: unlike rename, it never replaces a file that appeared meanwhile.
        guard link(partial, destination) == 0 else {
            let reason = String(cString: strerror(errno))
            removePartial()
            throw ConveneError.cannotCreateOutput(path: destination, reason: reason)
        }
        removePartial()
        return report
    }

    static func attendeesOutOfStep(_ db: Database) throws -> Int {
        // Before v9 there is nothing kept to compare (check reports the schema instead).
        guard try db.tableExists("eventAttendee") else { return 0 }
        return try Int.fetchOne(
            db,
            sql: """
                WITH recount AS (
                  SELECT s.eventId, a.participantId, COUNT(*) AS marks
                  FROM attendance a JOIN session s ON s.id = a.sessionId
                  WHERE a.status IN (\(CountingSQL.attendedStatuses))
                  GROUP BY s.eventId, a.participantId
                ),
                kept AS (SELECT eventId, participantId, marks FROM eventAttendee)
                SELECT (SELECT COUNT(*) FROM (SELECT * FROM kept EXCEPT SELECT * FROM recount))
                     + (SELECT COUNT(*) FROM (SELECT * FROM recount EXCEPT SELECT * FROM kept))
                """) ?? 0
    }

    /// Integrity, foreign keys, Convene's own invariants and the schema version.
    public func check() throws(ConveneError) -> CheckReport {
        try read { db in
            CheckReport(
                applicationID: try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0,
                integrity: try String.fetchAll(db, sql: "PRAGMA integrity_check"),
                foreignKeyViolations: try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").count,
                eventsWithoutSessions: try String.fetchAll(
                    db,
                    sql: """
                        SELECT code FROM event WHERE id NOT IN (SELECT eventId FROM session) ORDER BY code
                        """),
                marksWithoutRegistration: try Int.fetchOne(
                    db,
                    sql: """
                        SELECT COUNT(*) FROM attendance a JOIN session s ON s.id = a.sessionId
                        WHERE NOT EXISTS (SELECT 1 FROM registration r WHERE r.eventId = s.eventId AND r.participantId = a.participantId)
                        """) ?? 0,
                attendeesOutOfStep: try Self.attendeesOutOfStep(db),
                appliedMigrations: try Self.migrator.appliedMigrations(db),
                knownMigrations: Self.migrator.migrations,
                journalMode: try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "?",
                participants: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM participant") ?? 0,
                events: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM event") ?? 0)
        }
    }
}
