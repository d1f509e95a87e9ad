import Foundation
import GRDB

/// Who a person in an import row is among the people stored: the same e-mail, else the
/// same phone with the same first name, else the same folded name within the same
/// top-level organisation when their e-mails do not disagree. Every question
/// is one probe of an index (`participant_on_email`, `participant_on_nameKey_organisationId_email`),
/// so matching costs the same for the first row and the millionth, however many people
/// share a name.
struct PersonMatcher {
    enum Outcome: Equatable {
        case none
        /// `rowid` is the stored row's, for keeping track of people by a number.
        case match(id: String, rowid: Int64, by: String)
        /// Several stored people fit and nothing tells them apart; at most a few ids.
        case ambiguous([String])
    }

    private let byEmail: Statement
    private let byPhone: Statement
    private let byNameAnyEmail: Statement
    private let byNameWithoutEmailFirst: Statement
    private let registeredByName: Statement
    private let registeredByNameWithoutEmail: Statement
    private let addOrganisation: Statement

    init(_ db: Database) throws {
        // The top-level body of every organisation: people are matched by name within it,
        // so "Kemenkumham" and "Kanwil Kemenkumham Sulawesi Selatan" are one place to be.
        try db.execute(
            sql: """
                CREATE TEMP TABLE IF NOT EXISTS organisationRoot (id TEXT PRIMARY KEY, rootId TEXT NOT NULL);
                DELETE FROM organisationRoot;
                INSERT INTO organisationRoot (id, rootId)
                WITH RECURSIVE tree(id, rootId) AS (
                    SELECT id, id FROM organisation WHERE parentId IS NULL
                    UNION ALL
                    SELECT o.id, t.rootId FROM organisation o JOIN tree t ON o.parentId = t.id
                )
                SELECT id, rootId FROM tree;
                """)
        addOrganisation = try db.cachedStatement(
            sql: """
                INSERT OR IGNORE INTO organisationRoot (id, rootId)
                WITH RECURSIVE up(id, parentId) AS (
                    SELECT id, parentId FROM organisation WHERE id = :id
                    UNION ALL
                    SELECT o.id, o.parentId FROM organisation o JOIN up ON o.id = up.parentId
                )
                SELECT id, (SELECT id FROM up WHERE parentId IS NULL) FROM up
                """)
        byEmail = try db.cachedStatement(
            sql: "SELECT \(Participant.columnsInOrder), rowid FROM participant WHERE email = ?")
        byPhone = try db.cachedStatement(sql: "SELECT id, rowid, nameKey FROM participant WHERE phone = ? LIMIT 2")
        let sameBody = """
            nameKey = :name AND (
                (:organisation IS NULL AND organisationId IS NULL)
                OR organisationId IN (
                    SELECT id FROM organisationRoot
                    WHERE rootId = (SELECT rootId FROM organisationRoot WHERE id = :organisation)))
            """
        byNameAnyEmail = try db.cachedStatement(sql: "SELECT id, rowid FROM participant WHERE \(sameBody) LIMIT 6")
        // Namesakes without an e-mail first (any of them may be this person), then those
        // with one (a namesake to mention when none of the first kind is there): one probe.
        byNameWithoutEmailFirst = try db.cachedStatement(
            sql:
                "SELECT id, rowid, email IS NOT NULL FROM participant WHERE \(sameBody) ORDER BY email IS NOT NULL LIMIT 7"
        )
        let registered = """
            SELECT participant.id, participant.rowid FROM participant
            JOIN registration r ON r.participantId = participant.id AND r.eventId = :event
            WHERE \(sameBody)
            """
        registeredByName = try db.cachedStatement(sql: registered + " LIMIT 2")
        registeredByNameWithoutEmail = try db.cachedStatement(
            sql: registered + " AND participant.email IS NULL LIMIT 2")
    }

    /// Makes an organisation created during the import known to the matching (its top-level body).
    func organisationAdded(_ id: String) throws {
        try addOrganisation.execute(arguments: ["id": id])
    }

    /// The stored person this is; when there is none, whether a namesake at the same
    /// organisation has another e-mail (false otherwise); `stored` is the person's row when
    /// the match read it (a match by e-mail: most rows).
    func match(email: String?, phone: String?, nameKey: String, organisationId: String?, eventId: String) throws
        -> (outcome: Outcome, namesakeWithOtherEmail: Bool, stored: Participant?)
    {
        if let email,
            let (stored, rowid) = try byEmail.fetchFirst(
                arguments: [email], byPosition: { (try Participant(byPosition: $0), try $0.decode(16, as: Int64.self)) }
            )
        {
            return (.match(id: stored.id, rowid: rowid, by: "email"), false, stored)
        }
        // A phone is shared in offices and families: it identifies a person only together
        // with the first word of the name, and only when one stored person has it.
        if let phone {
            let rows = try byPhone.fetchAll(arguments: [phone]) { row in
                (
                    id: try row.decode(0, as: String.self), rowid: try row.decode(1, as: Int64.self),
                    nameKey: try row.decode(2, as: String.self)
                )
            }
            if rows.count == 1,
                CodedValueKey.firstWord(rows[0].nameKey) == CodedValueKey.firstWord(nameKey)
            {
                return (.match(id: rows[0].id, rowid: rows[0].rowid, by: "phone"), false, nil)
            }
        }
        let arguments: StatementArguments = ["name": nameKey, "organisation": organisationId]
        let qualifying: [(id: String, rowid: Int64)]
        var namesake = false
        if email == nil {
            qualifying = try byNameAnyEmail.fetchAll(arguments: arguments, byPosition: Self.person)
        } else {
            let rows = try byNameWithoutEmailFirst.fetchAll(arguments: arguments) { row in
                (person: try Self.person(row), hasEmail: try row.decode(2, as: Bool.self))
            }
            let withoutEmail = rows.filter { !$0.hasEmail }
            qualifying = withoutEmail.prefix(6).map(\.person)
            // With nobody qualifying, the rows are the namesakes with an e-mail.
            namesake = withoutEmail.isEmpty && !rows.isEmpty
        }
        switch qualifying.count {
        case 0:
            return (.none, namesake, nil)
        case 1:
            return (.match(id: qualifying[0].id, rowid: qualifying[0].rowid, by: "name and organisation"), false, nil)
        default:
            let registered = try (email == nil ? registeredByName : registeredByNameWithoutEmail).fetchAll(
                arguments: ["event": eventId, "name": nameKey, "organisation": organisationId], byPosition: Self.person)
            if registered.count == 1 {
                return (
                    .match(
                        id: registered[0].id, rowid: registered[0].rowid,
                        by: "name and organisation, registered for the event"), false, nil
                )
            }
            return (.ambiguous(qualifying.map(\.id)), false, nil)
        }
    }

    /// A person's id and rowid, the first two columns a statement returns.
    private static func person(_ row: PositionalRow) throws -> (id: String, rowid: Int64) {
        (try row.decode(0), try row.decode(1))
    }
}
