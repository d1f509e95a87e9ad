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
        case match(id: String, by: String)
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
        byEmail = try db.cachedStatement(sql: "SELECT \(Participant.columnsInOrder) FROM participant WHERE email = ?")
        byPhone = try db.cachedStatement(sql: "SELECT id, nameKey FROM participant WHERE phone = ? LIMIT 2")
        let sameBody = """
            nameKey = :name AND (
                (:organisation IS NULL AND organisationId IS NULL)
                OR organisationId IN (
                    SELECT id FROM organisationRoot
                    WHERE rootId = (SELECT rootId FROM organisationRoot WHERE id = :organisation)))
            """
        byNameAnyEmail = try db.cachedStatement(sql: "SELECT id FROM participant WHERE \(sameBody) LIMIT 6")
        // Namesakes without an e-mail first (any of them may be this person), then those
        // with one (a namesake to mention when none of the first kind is there): one probe.
        byNameWithoutEmailFirst = try db.cachedStatement(
            sql: "SELECT id, email IS NOT NULL FROM participant WHERE \(sameBody) ORDER BY email IS NOT NULL LIMIT 7")
        let registered = """
            SELECT participant.id FROM participant
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
        if let email, let stored = try byEmail.fetchFirst(arguments: [email], byPosition: Participant.init) {
            return (.match(id: stored.id, by: "email"), false, stored)
        }
        // A phone is shared in offices and families: it identifies a person only together
        // with the first word of the name, and only when one stored person has it.
        if let phone {
            let rows = try Row.fetchAll(byPhone, arguments: [phone])
            if rows.count == 1, let stored: String = rows[0]["nameKey"],
                stored.split(separator: " ").first == nameKey.split(separator: " ").first
            {
                return (.match(id: rows[0]["id"], by: "phone"), false, nil)
            }
        }
        let arguments: StatementArguments = ["name": nameKey, "organisation": organisationId]
        let qualifying: [String]
        var namesake = false
        if email == nil {
            qualifying = try String.fetchAll(byNameAnyEmail, arguments: arguments)
        } else {
            let rows = try Row.fetchAll(byNameWithoutEmailFirst, arguments: arguments)
            let withoutEmail = try rows.filter { try !$0.decode(Bool.self, atIndex: 1) }
            qualifying = try withoutEmail.prefix(6).map { try $0.decode(String.self, atIndex: 0) }
            // With nobody qualifying, the rows are the namesakes with an e-mail.
            namesake = withoutEmail.isEmpty && !rows.isEmpty
        }
        switch qualifying.count {
        case 0:
            return (.none, namesake, nil)
        case 1:
            return (.match(id: qualifying[0], by: "name and organisation"), false, nil)
        default:
            let registered = try String.fetchAll(
                email == nil ? registeredByName : registeredByNameWithoutEmail,
                arguments: ["event": eventId, "name": nameKey, "organisation": organisationId])
            if registered.count == 1 {
                return (
                    .match(id: registered[0], by: "name and organisation, registered for the event"), false, nil
                )
            }
            return (.ambiguous(qualifying), false, nil)
        }
    }
}
