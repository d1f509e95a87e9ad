import Foundation
import GRDB

// MARK: - Read values
// What the reads return: plain values the CLI formats. Counts follow DESIGN.md's
// counting rules: participants are distinct persons with a present, late or
// left-early mark; registered-but-absent persons are registered, not participants.

public struct OrganisationRow: Hashable, Sendable {
    public var organisation: Organisation
    /// The parent's acronym or name, for a directorate.
    public var parent: String?
    public var aliases: [String]
    public var participantCount: Int
}

public struct EventRow: Hashable, Sendable {
    public var event: Event
    public var sessionCount: Int
    public var registered: Int
    public var participants: Int
}

public struct SessionRow: Hashable, Sendable {
    /// The N of `EVENT/N`.
    public var number: Int
    public var session: Session
    /// Present, late or left-early marks in this session.
    public var attended: Int
    /// All marks, including excused and absent.
    public var marked: Int
}

public struct GenderCount: Hashable, Sendable {
    public var gender: Gender
    public var count: Int
    /// Percent of the participants, rounded so the shares add up to 100 (as in `stats`).
    public var share: Double? = nil
}

public struct EventSummary: Sendable {
    public var event: Event
    public var sessions: [SessionRow]
    public var registered: Int
    public var participants: Int
    public var attendances: Int
    /// Participants by gender, every gender listed (zero counts included), in enum order.
    public var participantsByGender: [GenderCount]
}

public struct ParticipantRow: Hashable, Sendable {
    public var participant: Participant
    public var organisation: String?
    /// Set when the list is for one event.
    public var role: RegistrationRole?
    public var registrationStatus: RegistrationStatus?
    public var sessionsAttended: Int?
}

public struct ParticipantDetail: Sendable {
    public struct EventLine: Hashable, Sendable {
        public var eventCode: String
        public var eventTitle: String
        public var startDate: CalendarDate
        public var role: RegistrationRole
        public var status: RegistrationStatus
        public var sessionsAttended: Int
        public var sessionCount: Int
    }
    public var participant: Participant
    public var organisation: Organisation?
    public var events: [EventLine]
}

/// SQL fragments that encode the counting rules, shared by every count.
enum CountingSQL {
    /// A registration that counts (not cancelled), for a registration aliased `alias`:
    /// the one definition behind `.active()`, the statistics and the event list.
    static func activeRegistration(_ alias: String) -> String {
        "\(alias).status <> '\(RegistrationStatus.cancelled.rawValue)'"
    }

    /// `'present','late','left-early'`.
    static let attendedStatuses = AttendanceStatus.attendanceStatuses.map { "'\($0.rawValue)'" }.joined(separator: ",")

    /// The age band of participant `p` on the day `dateColumn` (a `YYYY-MM-DD` column):
    /// whole years from the birth year only, so ±1 year.
    static func ageBand(onDate dateColumn: String) -> String {
        let age = "(CAST(substr(\(dateColumn), 1, 4) AS INTEGER) - p.birthYear)"
        return """
            CASE WHEN p.birthYear IS NULL THEN 'unknown' WHEN \(age) < 15 THEN 'under-15' WHEN \(age) <= 24 THEN '15-24'
                 WHEN \(age) <= 59 THEN '25-59' ELSE '60+' END
            """
    }

    /// The directory's changes over time as rows `(directoryKey, validFrom, typeBefore, validTo)`:
    /// see `Directory.typeChanges`. They are embedded worked out, so that a count does not
    /// decode the whole directory (3 ms of every `stats`, `minutes` and `event show`).
    static let typeChanges: String = {
        func text(_ value: String?) -> String {
            value.map { "'\($0.replacingOccurrences(of: "'", with: "''"))'" } ?? "NULL"
        }
        let rows = EmbeddedData.directoryTypeChanges.map { change in
            "SELECT \(text(change.key)), \(text(change.validFrom)), \(text(change.typeBefore)), \(text(change.validTo))"
        }
        return rows.isEmpty ? "SELECT NULL, NULL, NULL, NULL WHERE 0" : rows.joined(separator: " UNION ALL ")
    }()

    /// The type on the date of event `e` of a body whose type today is `type` and whose
    /// `typeChange` row is joined as `tc`: its type before a change for earlier events,
    /// `dissolved` after its end.
    static func typeOnEventDate(_ type: String) -> String {
        """
        CASE WHEN tc.validTo IS NOT NULL AND e.startDate > tc.validTo THEN 'dissolved'
             WHEN tc.validFrom IS NOT NULL AND e.startDate < tc.validFrom THEN tc.typeBefore
             ELSE \(type) END
        """
    }

    /// `EVENT/N` for a session aliased `s` of an event aliased `e`: the numbering of
    /// `orderedForNumbering()`, in SQL.
    static let sessionReference = """
        e.code || '/' || ROW_NUMBER() OVER (PARTITION BY s.eventId ORDER BY \(Session.numberingOrder(of: "s")))
        """
}

// MARK: - Reads

extension AppDatabase {
    public func organisations() throws(ConveneError) -> [OrganisationRow] {
        try read { db in
            let aliases = Dictionary(
                grouping: try OrganisationAlias.order(OrganisationAlias.Columns.alias).fetchAll(db),
                by: \.organisationId)
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT o.*, COALESCE(parent.acronym, parent.name) AS parentName,
                           (SELECT COUNT(*) FROM participant p WHERE p.organisationId = o.id) AS participantCount
                    FROM organisation o LEFT JOIN organisation parent ON parent.id = o.parentId
                    ORDER BY COALESCE(parent.name, o.name) COLLATE NOCASE, o.parentId IS NOT NULL, o.name COLLATE NOCASE
                    """)
            return try rows.map { row in
                let organisation = try Organisation(row: row)
                return OrganisationRow(
                    organisation: organisation, parent: row["parentName"],
                    aliases: aliases[organisation.id, default: []].map(\.alias),
                    participantCount: row["participantCount"])
            }
        }
    }

    public func events() throws(ConveneError) -> [EventRow] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT e.*,
                           (SELECT COUNT(*) FROM session s WHERE s.eventId = e.id) AS sessionCount,
                           (SELECT COUNT(*) FROM registration r
                             WHERE r.eventId = e.id AND \(CountingSQL.activeRegistration("r"))) AS registered,
                           (SELECT COUNT(*) FROM eventAttendee a WHERE a.eventId = e.id) AS participants
                    FROM event e
                    ORDER BY e.startDate, e.code
                    """
            ).map { row in
                EventRow(
                    event: try Event(row: row), sessionCount: row["sessionCount"], registered: row["registered"],
                    participants: row["participants"])
            }
        }
    }

    public func sessions(ofEvent code: String) throws(ConveneError) -> (Event, [SessionRow]) {
        try read { db in
            let event = try Event.find(code, db)
            return (event, try Self.sessionRows(event, db))
        }
    }

    static func sessionRows(_ event: Event, _ db: Database) throws -> [SessionRow] {
        let sessions = try Session.filter(Session.Columns.eventId == event.id).orderedForNumbering().fetchAll(db)
        let counts = try Row.fetchAll(
            db,
            sql: """
                SELECT s.id,
                       COUNT(a.id) AS marked,
                       COUNT(CASE WHEN a.status IN (\(CountingSQL.attendedStatuses)) THEN 1 END) AS attended
                FROM session s LEFT JOIN attendance a ON a.sessionId = s.id
                WHERE s.eventId = ?
                GROUP BY s.id
                """, arguments: [event.id])
        let byId = Dictionary(
            uniqueKeysWithValues: counts.map { row in
                (row["id"] as String, (attended: row["attended"] as Int, marked: row["marked"] as Int))
            })
        return sessions.enumerated().map { index, session in
            let count = byId[session.id] ?? (0, 0)
            return SessionRow(number: index + 1, session: session, attended: count.attended, marked: count.marked)
        }
    }

    /// Dates, venue, sessions, registered vs attended and the gender split of one event:
    /// counted by the statistics query itself, so `event show` and `stats` cannot disagree.
    public func eventSummary(_ code: String) throws(ConveneError) -> EventSummary {
        try read { db in
            let event = try Event.find(code, db)
            let sessions = try Self.sessionRows(event, db)
            let stats = try StatisticsQuery(db: db, scope: StatsScope(events: [event.code]))
                .run(dimensions: [.gender], cross: nil)
            let rows = Dictionary(
                uniqueKeysWithValues: (stats.breakdowns[.gender] ?? []).map { ($0.key, $0) })
            let split = Gender.allCases.map { gender in
                GenderCount(
                    gender: gender, count: rows[gender.rawValue]?.count ?? 0, share: rows[gender.rawValue]?.share)
            }
            return EventSummary(
                event: event, sessions: sessions, registered: stats.registered, participants: stats.participants,
                attendances: stats.attendances, participantsByGender: split)
        }
    }

    /// Everyone, or the people registered for one event with their role and attendance.
    public func participants(event code: String? = nil) throws(ConveneError) -> [ParticipantRow] {
        try read { db in
            guard let code else {
                return try Row.fetchAll(
                    db,
                    sql: """
                        SELECT p.*, COALESCE(o.acronym, o.name) AS organisationName
                        FROM participant p LEFT JOIN organisation o ON o.id = p.organisationId
                        ORDER BY p.fullName COLLATE NOCASE, p.id
                        """
                ).map { row in
                    ParticipantRow(participant: try Participant(row: row), organisation: row["organisationName"])
                }
            }
            let event = try Event.find(code, db)
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT p.*, COALESCE(o.acronym, o.name) AS organisationName, r.role, r.status AS registrationStatus,
                           (SELECT COUNT(*) FROM attendance a JOIN session s ON s.id = a.sessionId
                             WHERE s.eventId = r.eventId AND a.participantId = p.id
                               AND a.status IN (\(CountingSQL.attendedStatuses))) AS sessionsAttended
                    FROM registration r
                    JOIN participant p ON p.id = r.participantId
                    LEFT JOIN organisation o ON o.id = p.organisationId
                    WHERE r.eventId = ?
                    ORDER BY p.fullName COLLATE NOCASE, p.id
                    """, arguments: [event.id]
            ).map { row in
                ParticipantRow(
                    participant: try Participant(row: row), organisation: row["organisationName"], role: row["role"],
                    registrationStatus: row["registrationStatus"], sessionsAttended: row["sessionsAttended"])
            }
        }
    }

    /// One participant with the events they registered for.
    public func participantDetail(_ reference: String) throws(ConveneError) -> ParticipantDetail {
        try read { db in
            let participant = try Participant.find(reference, db)
            let organisation = try participant.organisationId.flatMap { try Organisation.fetchOne(db, key: $0) }
            let lines = try Row.fetchAll(
                db,
                sql: """
                    SELECT e.code, e.title, e.startDate, r.role, r.status,
                           (SELECT COUNT(*) FROM session s WHERE s.eventId = e.id) AS sessionCount,
                           (SELECT COUNT(*) FROM attendance a JOIN session s ON s.id = a.sessionId
                             WHERE s.eventId = e.id AND a.participantId = r.participantId
                               AND a.status IN (\(CountingSQL.attendedStatuses))) AS sessionsAttended
                    FROM registration r JOIN event e ON e.id = r.eventId
                    WHERE r.participantId = ?
                    ORDER BY e.startDate, e.code
                    """, arguments: [participant.id]
            ).map { row in
                ParticipantDetail.EventLine(
                    eventCode: row["code"], eventTitle: row["title"], startDate: row["startDate"], role: row["role"],
                    status: row["status"], sessionsAttended: row["sessionsAttended"], sessionCount: row["sessionCount"])
            }
            return ParticipantDetail(participant: participant, organisation: organisation, events: lines)
        }
    }

    /// The schema migrations applied to this database, in order.
    public func appliedMigrations() throws(ConveneError) -> [String] {
        try read { db in try Self.migrator.appliedMigrations(db) }
    }
}
