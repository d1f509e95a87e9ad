import Foundation
import GRDB

// MARK: - Participation statistics
// All counting is SQL over a few common table expressions:
//   scopeEvent  the events in scope
//   mark        attendance marks that count (present, late, left-early) in their sessions
//               (only the session breakdown reads them one by one)
//   attendee    the distinct (person, event) pairs among them, with their number of marks:
//               the `eventAttendee` table the schema's triggers keep on every write
//   person      the distinct persons with such a mark, with the first day they attended
//               and the participant columns the breakdowns read (each person looked up once)
//               and their top-level body
//   attendeeMinistry  whether that body was a ministry: per person, or per (person, event)
//               when its type changed over time (the ministry breakdown and headline)
// Each dimension is a query of (participantId, eventId, key, label) pairs, so a
// breakdown is COUNT(DISTINCT participantId) per key and a cross-table is the same over
// a join of two dimensions: one definition of "participant" everywhere.
// The headline and every breakdown are one statement, with `mark`, `person` and
// `attendeeMinistry` MATERIALIZED: each is gathered once per report, not once per figure.

extension AppDatabase {
    /// Figures for the scope, broken down by each of `dimensions`, and by the `cross` pair as a cross-table.
    public func statistics(
        _ scope: StatsScope, by dimensions: [StatsDimension],
        cross: (rows: StatsDimension, columns: StatsDimension)? = nil
    ) throws(ConveneError) -> ParticipationStats {
        try read { db in try StatisticsQuery(db: db, scope: scope).run(dimensions: dimensions, cross: cross) }
    }
}

struct StatisticsQuery {
    let db: Database
    let scope: StatsScope
    let events: [Event]
    let arguments: StatementArguments
    let prefix: String

    init(db: Database, scope: StatsScope) throws {
        self.db = db
        self.scope = scope
        var request = Event.all()
        if !scope.events.isEmpty {
            let found = try scope.events.map { try Event.find($0, db) }
            request = request.filter(keys: found.map(\.id))
        }
        if let series = scope.series { request = request.filter(Event.Columns.series == series) }
        if let kind = scope.kind { request = request.filter(Event.Columns.kind == kind) }
        if let from = scope.from { request = request.filter(Column("endDate") >= from) }
        if let to = scope.to { request = request.filter(Event.Columns.startDate <= to) }
        events = try request.order(Event.Columns.startDate, Event.Columns.code).fetchAll(db)
        if events.isEmpty && !scope.isWholeDatabase {
            if let series = scope.series {
                let known = try String.fetchAll(
                    db, sql: "SELECT DISTINCT series FROM event WHERE series IS NOT NULL ORDER BY series")
                throw ConveneError.notFound(
                    kind: "event in scope", reference: series,
                    hint: known.isEmpty
                        ? "No event has a series yet (event add --series)."
                        : "Known series: \(known.joined(separator: ", ")).")
            }
            throw ConveneError.notFound(kind: "event in scope", reference: StatisticsQuery.describe(scope))
        }
        let placeholders = events.isEmpty ? "NULL" : Array(repeating: "?", count: events.count).joined(separator: ",")
        arguments = StatementArguments(events.map(\.id))
        prefix = """
            WITH RECURSIVE
            orgRoot(id, rootId) AS (
                SELECT id, id FROM organisation WHERE parentId IS NULL
                UNION ALL
                SELECT o.id, r.rootId FROM organisation o JOIN orgRoot r ON o.parentId = r.id
            ),
            scopeEvent AS (SELECT id, code, title, startDate FROM event WHERE id IN (\(placeholders))),
            typeChange(directoryKey, validFrom, typeBefore, validTo) AS (\(CountingSQL.typeChanges)),
            mark AS MATERIALIZED (
                SELECT a.participantId, s.eventId, a.sessionId
                FROM attendance a JOIN session s ON s.id = a.sessionId
                WHERE s.eventId IN (SELECT id FROM scopeEvent) AND a.status IN (\(CountingSQL.attendedStatuses))
            ),
            attendee AS (
                SELECT participantId, eventId, marks FROM eventAttendee WHERE eventId IN (SELECT id FROM scopeEvent)
            ),
            firstDay(id, firstDate) AS (
                SELECT m.participantId, MIN(e.startDate)
                FROM attendee m JOIN scopeEvent e ON e.id = m.eventId
                GROUP BY m.participantId
            ),
            person AS MATERIALIZED (
                SELECT f.id, f.firstDate, p.gender, p.stakeholderType, p.organisationId, p.province, p.disability,
                       p.birthYear, root.id AS rootId, root.type AS rootType, root.directoryKey AS rootKey,
                       root.name AS rootName, COALESCE(root.acronym, root.name) AS rootShortName
                FROM firstDay f JOIN participant p ON p.id = f.id
                LEFT JOIN orgRoot r ON r.id = p.organisationId LEFT JOIN organisation root ON root.id = r.rootId
            ),
            -- The people whose top-level body changed type (a ministry split or dissolved).
            changedPerson AS MATERIALIZED (
                SELECT * FROM person WHERE rootKey IN (SELECT directoryKey FROM typeChange)
            ),
            -- Whether each person's top-level body was a ministry: once per person when the
            -- body's type never changed (eventId NULL: the same on every event), else per
            -- event attended, on the event's date. Those events come from one pass over the
            -- attendees, each looked up among the changed people; probing every event's
            -- attendees for each changed person instead took 476,000 probes at the benchmark's
            -- full scale (11,345 such people, 42 events), 0.23 s of a 2.2 s report.
            ministryType(participantId, eventId, rootId, type, rootName, rootShortName) AS (
                SELECT p.id, NULL, p.rootId, p.rootType, p.rootName, p.rootShortName FROM person p
                WHERE p.rootKey IS NULL OR p.rootKey NOT IN (SELECT directoryKey FROM typeChange)
                UNION ALL
                SELECT p.id, e.id, p.rootId, \(CountingSQL.typeOnEventDate("p.rootType")), p.rootName, p.rootShortName
                FROM attendee m
                CROSS JOIN changedPerson p ON p.id = m.participantId
                CROSS JOIN typeChange tc ON tc.directoryKey = p.rootKey
                CROSS JOIN scopeEvent e ON e.id = m.eventId
            ),
            attendeeMinistry AS MATERIALIZED (
                SELECT participantId, eventId,
                       CASE WHEN type = 'ministry' THEN rootId END AS ministryId,
                       CASE WHEN type = 'ministry' THEN rootShortName ELSE 'not-a-ministry' END AS key,
                       CASE WHEN type = 'ministry' THEN rootName ELSE '(not from a ministry)' END AS label
                FROM ministryType
            )
            """
    }

    static func describe(_ scope: StatsScope) -> String {
        var parts: [String] = []
        if !scope.events.isEmpty { parts.append(scope.events.joined(separator: ", ")) }
        if let series = scope.series { parts.append("series \(series)") }
        if let kind = scope.kind { parts.append("kind \(kind.rawValue)") }
        if let from = scope.from { parts.append("from \(from)") }
        if let to = scope.to { parts.append("to \(to)") }
        return parts.isEmpty ? "all events" : parts.joined(separator: ", ")
    }

    // MARK: Dimensions as (participantId, eventId, key, label)

    static func pairs(_ dimension: StatsDimension) -> String {
        switch dimension {
        case .gender:
            return "SELECT p.id AS participantId, NULL AS eventId, p.gender AS key, p.gender AS label FROM person p"
        case .stakeholder:
            return """
                SELECT p.id AS participantId, NULL AS eventId, COALESCE(p.stakeholderType, 'unknown') AS key,
                       COALESCE(p.stakeholderType, 'unknown') AS label
                FROM person p
                """
        case .organisation:
            return """
                SELECT p.id AS participantId, NULL AS eventId, COALESCE(o.acronym, o.name, 'none') AS key,
                       COALESCE(o.name, '(no organisation)') AS label
                FROM person p LEFT JOIN organisation o ON o.id = p.organisationId
                """
        case .ministry:
            // Per event: a body counts as a ministry on the events it was one on.
            return "SELECT participantId, eventId, key, label FROM attendeeMinistry"
        case .organisationType:
            return """
                SELECT p.id AS participantId, NULL AS eventId, COALESCE(o.type, 'unknown') AS key, COALESCE(o.type, 'unknown') AS label
                FROM person p LEFT JOIN organisation o ON o.id = p.organisationId
                """
        case .province:
            return """
                SELECT p.id AS participantId, NULL AS eventId, COALESCE(NULLIF(TRIM(p.province), ''), 'unknown') AS key,
                       COALESCE(NULLIF(TRIM(p.province), ''), 'unknown') AS label
                FROM person p
                """
        case .disability:
            return
                "SELECT p.id AS participantId, NULL AS eventId, p.disability AS key, p.disability AS label FROM person p"
        case .ageBand:
            // Age at the first event attended in scope.
            let band = CountingSQL.ageBand(onDate: "p.firstDate")
            return "SELECT p.id AS participantId, NULL AS eventId, \(band) AS key, \(band) AS label FROM person p"
        case .event:
            return
                "SELECT m.participantId, m.eventId, e.code AS key, e.title AS label FROM attendee m JOIN scopeEvent e ON e.id = m.eventId"
        case .session:
            return """
                SELECT m.participantId, m.eventId, ref.ref AS key, ref.ref || ' ' || ref.title AS label
                FROM mark m JOIN (
                    SELECT s.id, s.title, \(CountingSQL.sessionReference) AS ref
                    FROM session s JOIN scopeEvent e ON e.id = s.eventId
                ) ref ON ref.id = m.sessionId
                """
        case .role:
            return """
                SELECT m.participantId, m.eventId, COALESCE(r.role, 'unknown') AS key, COALESCE(r.role, 'unknown') AS label
                FROM attendee m LEFT JOIN registration r ON r.participantId = m.participantId AND r.eventId = m.eventId
                """
        }
    }

    /// Whether the dimension's pairs hold each (person, key) once, so that counting rows is
    /// counting people: one row per person (`person`), or per (person, event) keyed by the
    /// event. Saves sorting the pairs for COUNT(DISTINCT).
    static func onePairPerPersonAndKey(_ dimension: StatsDimension) -> Bool {
        switch dimension {
        case .gender, .stakeholder, .organisation, .organisationType, .province, .disability, .ageBand, .event: true
        case .ministry, .session, .role: false
        }
    }

    // MARK: Running

    func run(dimensions: [StatsDimension], cross pair: (rows: StatsDimension, columns: StatsDimension)?) throws
        -> ParticipationStats
    {
        let wanted = Array(Set(dimensions + [pair?.rows, pair?.columns].compactMap { $0 })).sorted {
            $0.rawValue < $1.rawValue
        }
        // The headline figures as rows with an empty dimension, then each breakdown's groups.
        var parts = [
            "SELECT '' AS dimension, 'participants' AS key, '' AS label, (SELECT COUNT(*) FROM person) AS count",
            "SELECT '', 'attendances', '', (SELECT COALESCE(SUM(marks), 0) FROM attendee)",
            "SELECT '', 'women', '', (SELECT COUNT(*) FROM person WHERE gender = 'female')",
            """
            SELECT '', 'registered', '', (SELECT COUNT(DISTINCT r.participantId) FROM registration r
              WHERE r.eventId IN (SELECT id FROM scopeEvent) AND \(CountingSQL.activeRegistration("r")))
            """,
            """
            SELECT '', 'ministries', '', (SELECT COUNT(DISTINCT ministryId) FROM attendeeMinistry)
            """,
            """
            SELECT '', 'organisations', '', (SELECT COUNT(DISTINCT rootId) FROM person)
            """,
        ]
        for dimension in wanted {
            let count = Self.onePairPerPersonAndKey(dimension) ? "COUNT(*)" : "COUNT(DISTINCT participantId)"
            parts.append(
                """
                SELECT '\(dimension.rawValue)', key, MIN(label), \(count)
                FROM (\(Self.pairs(dimension))) GROUP BY key
                """)
        }
        let rows = try Row.fetchAll(
            db,
            sql: """
                \(prefix)
                \(parts.joined(separator: "\nUNION ALL\n"))
                ORDER BY 1, 4 DESC, 3 COLLATE NOCASE, 2
                """, arguments: arguments)
        var headline: [String: Int] = [:]
        var grouped: [String: [(key: String, label: String, count: Int)]] = [:]
        for row in rows {
            let dimension: String = row[0]
            if dimension.isEmpty {
                headline[row[1]] = row[3]
            } else {
                grouped[dimension, default: []].append((row[1], row[2], row[3]))
            }
        }
        let participants = headline["participants"] ?? 0
        let women = headline["women"] ?? 0
        var breakdowns: [StatsDimension: [StatsRow]] = [:]
        for dimension in wanted {
            breakdowns[dimension] = Self.rows(grouped[dimension.rawValue] ?? [], dimension)
        }
        let crossTable = try pair.map { pair in
            try cross(
                pair.rows, pair.columns, rows: breakdowns[pair.rows]!, columns: breakdowns[pair.columns]!,
                total: participants)
        }
        return ParticipationStats(
            scope: scope,
            events: events.map {
                StatsEvent(code: $0.code, title: $0.title, startDate: $0.startDate, endDate: $0.endDate)
            },
            registered: headline["registered"] ?? 0, participants: participants,
            attendances: headline["attendances"] ?? 0, women: women,
            womenShare: participants == 0 ? nil : (Double(women) * 1000 / Double(participants)).rounded() / 10,
            ministries: headline["ministries"] ?? 0, organisations: headline["organisations"] ?? 0,
            breakdowns: breakdowns, crossTable: crossTable)
    }

    /// A breakdown's groups (largest first) with the small fixed sets' zeros, and shares that add up to 100.
    static func rows(_ found: [(key: String, label: String, count: Int)], _ dimension: StatsDimension) -> [StatsRow] {
        var found = found
        // Small fixed sets list every value, zeros included, so a report shows "undisclosed 0".
        for key in dimension.fixedKeys where !found.contains(where: { $0.key == key }) {
            found.append((key, key, 0))
        }
        let shares = Shares.largestRemainder(found.map(\.count))
        return zip(found, shares).map { row, share in
            StatsRow(key: row.key, label: row.label, count: row.count, share: share)
        }
    }

    /// One breakdown on its own (the tests' recount compares with it).
    func breakdown(_ dimension: StatsDimension) throws -> [StatsRow] {
        try run(dimensions: [dimension], cross: nil).breakdowns[dimension] ?? []
    }

    func cross(_ a: StatsDimension, _ b: StatsDimension, rows: [StatsRow], columns: [StatsRow], total: Int) throws
        -> StatsCrossTable
    {
        let cells = try Row.fetchAll(
            db,
            sql: """
                \(prefix)
                SELECT a.key AS rowKey, b.key AS columnKey, COUNT(DISTINCT a.participantId) AS count
                FROM (\(Self.pairs(a))) a JOIN (\(Self.pairs(b))) b
                  ON b.participantId = a.participantId
                 AND (a.eventId IS NULL OR b.eventId IS NULL OR a.eventId = b.eventId)
                GROUP BY a.key, b.key
                """, arguments: arguments)
        let rowIndex = Dictionary(uniqueKeysWithValues: rows.enumerated().map { ($0.element.key, $0.offset) })
        let columnIndex = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($0.element.key, $0.offset) })
        var counts = Array(repeating: Array(repeating: 0, count: columns.count), count: rows.count)
        for cell in cells {
            guard let r = rowIndex[cell["rowKey"] as String], let c = columnIndex[cell["columnKey"] as String] else {
                continue
            }
            counts[r][c] = cell["count"]
        }
        return StatsCrossTable(
            rowDimension: a, columnDimension: b, rows: rows.map { ($0.key, $0.label) },
            columns: columns.map { ($0.key, $0.label) },
            counts: counts, rowTotals: rows.map(\.count), columnTotals: columns.map(\.count), total: total)
    }
}
