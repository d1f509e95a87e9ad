import Foundation
import GRDB

// MARK: - Check-in reads
// What a facilitator's phone asks for at the door: the people registered for the event
// that a typed fragment finds, with their mark in the session, and the session's counts.
// Contacts never leave here: a phone tail finds a person, but no phone or e-mail is returned.

/// One registered person as a facilitator sees them: name, organisation, mark in the session.
public struct CheckInPerson: Decodable, FetchableRecord, Hashable, Sendable {
    public var id: String
    public var name: String
    /// The organisation's acronym, else its name.
    public var organisation: String?
    /// The person's mark in the session; nil when not marked yet.
    public var status: AttendanceStatus?
}

/// A session's figures for the door: registered for the event, attended the session, women among them.
public struct SessionCounts: Decodable, FetchableRecord, Hashable, Sendable {
    public var registered: Int
    /// Persons marked present, late or left early in the session (the counting rules' attendances).
    public var present: Int
    public var women: Int
}

/// A search typed at the door, read once: folded words that must all appear in the person's
/// name or organisation, or the last digits of a phone number.
public struct CheckInQuery: Hashable, Sendable {
    public var words: [String]
    /// Digits the stored E.164 phone ends with (a national `0812…` loses its trunk 0).
    public var phoneTail: String?

    public init(_ text: String) {
        let trimmed = Normalise.whitespace(text)
        let phoneCharacters = CharacterSet(charactersIn: "0123456789+-(). ")
        let digits = trimmed.filter(\.isASCII).filter(\.isNumber)
        if digits.count >= 3, trimmed.unicodeScalars.allSatisfy({ phoneCharacters.contains($0) }) {
            words = []
            phoneTail = digits.count >= 9 && digits.hasPrefix("0") ? String(digits.dropFirst()) : digits
        } else {
            words = CodedValueKey.make(trimmed).split(separator: " ").map(String.init)
            phoneTail = nil
        }
    }

    /// Too little to search with: fewer than two letters and no phone digits.
    public var isEmpty: Bool { phoneTail == nil && words.joined().count < 2 }
}

extension AppDatabase {
    /// Registered people of the session's event that `query` finds (by name, organisation or
    /// phone tail, ignoring case and accents), at most `limit`, by name.
    public func checkInPeople(session reference: String, matching query: CheckInQuery, limit: Int)
        throws(ConveneError) -> [CheckInPerson]
    {
        try read { db in
            let (session, event) = try Session.find(reference, db)
            guard !query.isEmpty else { return [] }
            var conditions: [String] = []
            var arguments: StatementArguments = [session.id, event.id]
            if let tail = query.phoneTail {
                conditions.append("substr(phone, -length(?)) = ?")
                _ = arguments.append(contentsOf: [tail, tail])
            }
            for word in query.words {
                conditions.append("instr(haystack, ?) > 0")
                _ = arguments.append(contentsOf: [word])
            }
            _ = arguments.append(contentsOf: [limit])
            return try CheckInPerson.fetchAll(
                db,
                sql: """
                    WITH candidate AS (
                        SELECT p.id, p.fullName AS name, COALESCE(o.acronym, o.name) AS organisation, a.status, p.phone,
                               convene_fold(p.fullName || ' ' || COALESCE(o.name, '') || ' ' || COALESCE(o.acronym, '')
                                   || ' ' || COALESCE(parent.name, '') || ' ' || COALESCE(parent.acronym, '')) AS haystack
                        FROM registration r
                        JOIN participant p ON p.id = r.participantId
                        LEFT JOIN organisation o ON o.id = p.organisationId
                        LEFT JOIN organisation parent ON parent.id = o.parentId
                        LEFT JOIN attendance a ON a.participantId = p.id AND a.sessionId = ?
                        WHERE r.eventId = ? AND \(CountingSQL.activeRegistration("r")) AND p.erasedAt IS NULL
                    )
                    SELECT id, name, organisation, status FROM candidate
                    WHERE \(conditions.joined(separator: " AND "))
                    ORDER BY name COLLATE NOCASE, id
                    LIMIT ?
                    """, arguments: arguments)
        }
    }

    /// Registered for the event, attended the session (present, late or left early), women among them.
    public func sessionCounts(session reference: String) throws(ConveneError) -> SessionCounts {
        try read { db in
            let (session, event) = try Session.find(reference, db)
            return try SessionCounts.fetchOne(
                db,
                sql: """
                    SELECT (SELECT COUNT(*) FROM registration r
                            WHERE r.eventId = ? AND \(CountingSQL.activeRegistration("r"))) AS registered,
                           COUNT(DISTINCT a.participantId) AS present,
                           COUNT(DISTINCT CASE WHEN p.gender = 'female' THEN a.participantId END) AS women
                    FROM attendance a JOIN participant p ON p.id = a.participantId
                    WHERE a.sessionId = ? AND a.status IN (\(CountingSQL.attendedStatuses))
                    """, arguments: [event.id, session.id])!
        }
    }
}

extension AppDatabase {
    /// `convene_fold(text)`: the folding of `CodedValueKey.make` in SQL (case, accents,
    /// punctuation), so "jose" finds "José" and "kemlu" finds "KEMLU".
    static let foldFunction = DatabaseFunction("convene_fold", argumentCount: 1, pure: true) { values in
        String.fromDatabaseValue(values[0]).map(CodedValueKey.make)
    }
}
