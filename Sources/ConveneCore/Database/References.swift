import Foundation
import GRDB

// MARK: - Human references
// Users type codes, emails, phones and short ids; these turn them into records inside
// the caller's transaction. A reference that matches nothing throws `.notFound`; one
// that matches several throws `.ambiguous` listing them, so nothing is written.

extension Event {
    /// An event by its code, case-insensitively, or by a code it had before it was corrected.
    static func find(_ reference: String, _ db: Database) throws -> Event {
        if let event = try findIfExists(reference, db) { return event }
        let known = try String.fetchAll(db, Event.select(Columns.code).order(Columns.startDate.desc).limit(6))
        let hint =
            known.isEmpty
            ? "There are no events yet; add one with `convene event add`."
            : "Known events: \(known.prefix(5).joined(separator: ", "))\(known.count > 5 ? ", …" : "") (`convene event list` shows all)."
        throw ConveneError.notFound(kind: "event", reference: reference, hint: hint)
    }

    static func findIfExists(_ reference: String, _ db: Database) throws -> Event? {
        // Plain SQL on the path of every command that names an event or session: a first
        // query-interface request costs a process milliseconds of type metadata.
        let code = reference.trimmingWhitespace
        if let event = try Event.fetchOne(db, sql: "SELECT * FROM event WHERE code = ?", arguments: [code]) {
            return event
        }
        guard
            let eventId = try String.fetchOne(
                db, sql: "SELECT eventId FROM eventAlias WHERE code = ?", arguments: [code])
        else { return nil }
        return try Event.fetchOne(db, sql: "SELECT * FROM event WHERE id = ?", arguments: [eventId])
    }

    /// What already answers to `code` as an event or session reference, as the `kind` of a
    /// `.duplicate` error; nil when the code is free. `except` is the event being renamed.
    static func holderOfCode(_ code: String, except eventId: String? = nil, _ db: Database) throws -> String? {
        if let event = try Event.filter(Columns.code == code).fetchOne(db), event.id != eventId {
            return "event with code"
        }
        if let alias = try EventAlias.filter(EventAlias.Columns.code == code).fetchOne(db), alias.eventId != eventId {
            return "former code of event \(try Event.find(id: alias.eventId, db).code)"
        }
        if try Session.filter(Session.Columns.code == code).fetchCount(db) > 0 { return "session with code" }
        return nil
    }
}

extension Session {
    /// A session by `EVENT/N` (1-based, in start order), by its code, or by an event
    /// code when that event has one session.
    static func find(_ reference: String, _ db: Database) throws -> (Session, Event) {
        let text = reference.trimmingWhitespace
        if let slash = text.lastIndex(of: "/"), let number = Int(text[text.index(after: slash)...]) {
            let event = try Event.find(String(text[..<slash]), db)
            let sessions = try numbered(event, db)
            guard number >= 1, number <= sessions.count else {
                throw ConveneError.notFound(
                    kind: "session", reference: reference,
                    hint:
                        "\(event.code) has \(sessions.count) session\(sessions.count == 1 ? "" : "s") (\(event.code)/1…\(event.code)/\(sessions.count))."
                )
            }
            return (sessions[number - 1], event)
        }
        if let session = try Session.fetchOne(db, sql: "SELECT * FROM session WHERE code = ?", arguments: [text]) {
            return (session, try Event.find(id: session.eventId, db))
        }
        if let event = try Event.findIfExists(text, db) {
            let sessions = try numbered(event, db)
            if sessions.count == 1 { return (sessions[0], event) }
            throw ConveneError.ambiguous(
                kind: "session", reference: reference,
                candidates: sessions.enumerated().map { "\(event.code)/\($0.offset + 1)  \($0.element.title)" })
        }
        throw ConveneError.notFound(
            kind: "session", reference: reference, hint: "Use EVENT/N (e.g. psc-3/1) or a session code.")
    }

    /// The order `EVENT/N` numbers an event's sessions in: by start, untimed last, then as
    /// added. The one definition: the statistics' `sessionReference` qualifies it.
    static func numberingOrder(of table: String? = nil) -> String {
        let column = { (name: String) in table.map { "\($0).\(name)" } ?? name }
        return "\(column("startsAt")) IS NULL, \(column("startsAt")), \(column("createdAt")), \(column("id"))"
    }

    /// The event's sessions in that order.
    static func numbered(_ event: Event, _ db: Database) throws -> [Session] {
        try Session.fetchAll(
            db, sql: "SELECT * FROM session WHERE eventId = ? ORDER BY \(numberingOrder())", arguments: [event.id])
    }
}

extension Event {
    static func find(id: String, _ db: Database) throws -> Event {
        guard let event = try Event.fetchOne(db, sql: "SELECT * FROM event WHERE id = ?", arguments: [id]) else {
            throw ConveneError.notFound(kind: "event", reference: RecordID.short(id))
        }
        return event
    }
}

extension Organisation {
    /// An organisation by acronym, exact name or alias, case-insensitively.
    static func find(_ reference: String, _ db: Database) throws -> Organisation {
        if let organisation = try findIfExists(reference, db) { return organisation }
        throw ConveneError.notFound(
            kind: "organisation", reference: reference,
            hint: "Add it with `convene org add --name \"…\" --type …`, or see `convene org list`.")
    }

    static func findIfExists(_ reference: String, _ db: Database) throws -> Organisation? {
        let text = Normalise.whitespace(reference)
        guard !text.isEmpty else { return nil }
        if let match = try Organisation.filter(Columns.acronym == text).fetchOne(db) { return match }
        if let match = try Organisation.filter(Columns.name == text).fetchOne(db) { return match }
        if let alias = try OrganisationAlias.filter(OrganisationAlias.Columns.alias == text).fetchOne(db) {
            return try Organisation.fetchOne(db, key: alias.organisationId)
        }
        return nil
    }
}

extension Participant {
    /// A participant by email, short id prefix (4+ characters), phone, or exact full name.
    static func find(_ reference: String, _ db: Database) throws -> Participant {
        let text = Normalise.whitespace(reference)
        let matches = try candidates(for: text, db)
        switch matches.count {
        case 1:
            return matches[0]
        case 0:
            throw ConveneError.notFound(
                kind: "participant", reference: reference,
                hint:
                    "Refer to a participant by email, phone, short id (`convene participant list`) or exact full name.")
        default:
            throw ConveneError.ambiguous(
                kind: "participant", reference: reference, candidates: try describe(matches, db))
        }
    }

    private static func candidates(for text: String, _ db: Database) throws -> [Participant] {
        guard !text.isEmpty else { return [] }
        if text.contains("@") {
            guard let email = Normalise.email(text) else { return [] }
            return try Participant.fetchAll(
                db.cachedStatement(sql: "SELECT * FROM participant WHERE email = ?"), arguments: [email])
        }
        let lowered = text.lowercased()
        if lowered.count >= 4, lowered.count <= 36, lowered.allSatisfy({ $0.isHexDigit || $0 == "-" }) {
            let byId = try Participant.filter(Columns.id.like("\(lowered)%")).limit(10).fetchAll(db)
            if !byId.isEmpty { return byId }
        }
        if let phone = Normalise.phone(text) {
            let byPhone = try Participant.filter(Columns.phone == phone).limit(10).fetchAll(db)
            if !byPhone.isEmpty { return byPhone }
        }
        return try Participant.filter(Columns.fullName.collating(.nocase) == text).limit(10).fetchAll(db)
    }

    /// Candidates named without personal data: short id, organisation, masked email.
    private static func describe(_ participants: [Participant], _ db: Database) throws -> [String] {
        try participants.map { participant in
            let organisation = try participant.organisationId.flatMap { try Organisation.fetchOne(db, key: $0) }
            let email = participant.email.map(Self.mask) ?? "no email"
            return "\(participant.shortId)  \(organisation?.shortName ?? "no organisation")  \(email)"
        }
    }

    /// `s****@example.org`: enough to tell two people apart, not enough to reveal an address.
    static func mask(_ email: String) -> String {
        guard let at = email.firstIndex(of: "@"), let first = email.first else { return "***" }
        return "\(first)****\(email[at...])"
    }
}
