import Foundation
import GRDB

/// What a minutes template can show: plain, already-worded values, never records.
public struct MinutesDocument: Sendable, Encodable {
    public struct Person: Sendable, Encodable {
        public var name: String
        public var position: String?
        public var organisation: String?
    }
    public struct Count: Sendable, Encodable {
        public var label: String
        public var count: Int
        public var share: String
    }
    public struct OrganisationGroup: Sendable, Encodable {
        public var organisation: String
        public var people: [Person]
    }
    public struct AgendaItem: Sendable, Encodable {
        public var number: Int
        public var title: String
        public var time: String?
        public var room: String?
        public var chair: String?
    }
    public struct HistoryLine: Sendable, Encodable {
        public var date: String
        public var status: String
        public var note: String?
    }
    public struct ActionItem: Sendable, Encodable {
        public var number: Int
        public var id: String
        public var text: String
        public var owner: String?
        public var due: String?
        public var status: String
        /// The meeting it was agreed at (matters arising).
        public var agreedAt: String?
        public var history: [HistoryLine]
        public var hasHistory: Bool
    }
    public struct Decision: Sendable, Encodable {
        public var number: Int
        public var text: String
    }
    public struct NextMeeting: Sendable, Encodable {
        public var title: String
        public var date: String
        public var venue: String?
    }
    public struct AnnexLine: Sendable, Encodable {
        public var number: Int
        public var name: String
        public var organisation: String?
        public var position: String?
        public var gender: String
        public var sessions: String
    }

    public var title: String
    public var code: String
    public var series: String?
    public var number: Int?
    public var date: String
    public var time: String?
    public var venue: String?
    public var city: String?
    /// "Siti Aminah (Kemlu)", several joined with "; ".
    public var chair: String?
    public var coChairs: String?
    public var registered: Int
    public var participants: Int
    public var women: Int
    public var womenShare: String
    public var ministries: Int
    public var organisations: Int
    public var byStakeholder: [Count]
    public var attendees: [OrganisationGroup]
    public var apologies: [Person]
    public var hasApologies: Bool
    public var agenda: [AgendaItem]
    public var mattersArising: [ActionItem]
    public var hasMattersArising: Bool
    public var decisions: [Decision]
    public var hasDecisions: Bool
    public var actions: [ActionItem]
    public var hasActions: Bool
    public var nextMeeting: NextMeeting?
    public var annex: [AnnexLine]
}

/// The file formats documents come in; the template's name ends with the extension.
public enum DocumentFormat: String, Sendable, CaseIterable {
    case markdown, html, csv, ics

    public var fileExtension: String { self == .markdown ? "md" : rawValue }
}

extension AppDatabase {
    /// The minutes of an event as text, in `language` (default: the event's own).
    public func renderMinutes(
        event code: String, language: Language?, format: DocumentFormat, templates: TemplateSet
    ) throws(ConveneError) -> String {
        let event = try read { db in try Event.find(code, db) }
        let chosen = language ?? event.language
        let document = try minutes(event: event.code, language: chosen)
        return try DocumentRenderer.render(
            document, template: DocumentRenderer.templateName("minutes", chosen, format.fileExtension),
            using: templates)
    }

    /// The minutes of an event, worded in `language`.
    public func minutes(event code: String, language: Language) throws(ConveneError) -> MinutesDocument {
        let event = try read { db in try Event.find(code, db) }
        // The counts come from the statistics, so minutes and reports never disagree.
        let stats = try statistics(StatsScope(events: [event.code]), by: [.stakeholder])
        let words = Localisation(language)
        return try read { db in
            let people = try MinutesPeople(event: event, db)
            let sessions = try Self.sessionRows(event, db)
            let actionRows = try Self.rows(
                for: Action.filter(Action.Columns.eventId == event.id).order(Column.rowID).fetchAll(db),
                today: event.startDate, db)
            let arising = try Self.mattersArising(for: event, db)
            let next = try event.series.flatMap { series in
                try Event.filter(Event.Columns.series == series && Event.Columns.startDate > event.startDate)
                    .order(Event.Columns.startDate).fetchOne(db)
            }
            let decisions = try Decision.filter(Decision.Columns.eventId == event.id)
                .order(Decision.Columns.position).fetchAll(db)
            let organisationName = { (person: MinutesPeople.Line) in person.organisation?.displayName }
            let toPerson = { (line: MinutesPeople.Line) in
                MinutesDocument.Person(
                    name: line.participant.fullName, position: line.participant.position,
                    organisation: organisationName(line))
            }
            let byOrganisation = Dictionary(grouping: people.attendees) { organisationName($0) ?? "" }
            let groups = Alphabetical.sorted(byOrganisation.keys, emptyLast: true).map { key in
                MinutesDocument.OrganisationGroup(
                    organisation: key.isEmpty ? words.noOrganisation : key,
                    people: (byOrganisation[key] ?? []).map(toPerson))
            }
            let arisingItems = arising.enumerated().map { index, item in
                Self.actionItem(index + 1, item.row, history: item.history, words, agreedAt: true)
            }
            let actionItems = actionRows.enumerated().map { index, row in
                Self.actionItem(index + 1, row, history: [], words, agreedAt: false)
            }
            let stakeholder = stats.breakdowns[.stakeholder] ?? []
            return MinutesDocument(
                title: event.title, code: event.code, series: event.series, number: event.number,
                date: words.dateRange(event.startDate, event.endDate),
                time: words.timeRange(
                    sessions.compactMap(\.session.startsAt).min(), sessions.compactMap(\.session.endsAt).max(),
                    in: event.zone),
                venue: event.venue, city: event.city,
                chair: Self.names(people.withRole(.chair)), coChairs: Self.names(people.withRole(.coChair)),
                registered: stats.registered, participants: stats.participants, women: stats.women ?? 0,
                womenShare: words.percent(stats.womenShare ?? 0), ministries: stats.ministries,
                organisations: stats.organisations,
                byStakeholder: stakeholder.filter { ($0.count ?? 0) > 0 }.map {
                    .init(
                        label: words.stakeholderType(key: $0.key), count: $0.count ?? 0,
                        share: words.percent($0.share ?? 0))
                },
                attendees: groups, apologies: people.apologies.map(toPerson), hasApologies: !people.apologies.isEmpty,
                agenda: sessions.map { row in
                    .init(
                        number: row.number, title: row.session.title,
                        time: words.timeRange(row.session.startsAt, row.session.endsAt, in: event.zone),
                        room: row.session.room, chair: row.session.chair)
                },
                mattersArising: arisingItems, hasMattersArising: !arisingItems.isEmpty,
                decisions: decisions.map { .init(number: $0.position, text: $0.text) },
                hasDecisions: !decisions.isEmpty, actions: actionItems, hasActions: !actionItems.isEmpty,
                nextMeeting: next.map { .init(title: $0.title, date: words.longDate($0.startDate), venue: $0.venue) },
                annex: people.attendees.enumerated().map { index, line in
                    .init(
                        number: index + 1, name: line.participant.fullName, organisation: organisationName(line),
                        position: line.participant.position, gender: words.genderLetter(line.participant.gender),
                        sessions: Self.sessionList(line.sessions))
                })
        }
    }

    /// Open actions of earlier events in the same series: those not done or dropped by the
    /// day this event starts, with their updates up to then.
    static func mattersArising(for event: Event, _ db: Database) throws -> [(
        row: ActionRow, history: [ActionUpdate]
    )] {
        guard let series = event.series else { return [] }
        let earlier = try Event.filter(Event.Columns.series == series && Event.Columns.startDate < event.startDate)
            .select(Event.Columns.id, as: String.self).fetchAll(db)
        let earlierActions = Action.filter(earlier.contains(Action.Columns.eventId))
        let actions = try earlierActions.order(Column.rowID).fetchAll(db)
        // All their updates before this event in one read, each action's in date order.
        let histories = Dictionary(
            grouping: try ActionUpdate.filter(
                earlierActions.select(Action.Columns.id).contains(ActionUpdate.Columns.actionId)
                    && ActionUpdate.Columns.date < event.startDate
            ).order(ActionUpdate.Columns.date, ActionUpdate.Columns.createdAt).fetchAll(db),
            by: \.actionId)
        let open = actions.compactMap { action -> Action? in
            var action = action
            action.status = histories[action.id]?.last?.status ?? .open
            return action.status.isOpen ? action : nil
        }
        // One `rows(for:)` for them all: it reads each event and its session numbers once.
        return try rows(for: open, today: event.startDate, db).map { ($0, histories[$0.action.id] ?? []) }
    }

    static func actionItem(
        _ number: Int, _ row: ActionRow, history: [ActionUpdate], _ words: Localisation, agreedAt: Bool
    ) -> MinutesDocument.ActionItem {
        let owner = [row.ownerOrganisation?.shortName, row.ownerName].compactMap { $0 }.joined(separator: " / ")
        let lines = history.map {
            MinutesDocument.HistoryLine(date: words.date($0.date), status: words.actionStatus($0.status), note: $0.note)
        }
        return .init(
            number: number, id: row.action.shortId, text: row.action.text, owner: owner.isEmpty ? nil : owner,
            due: row.action.dueDate.map(words.date), status: words.actionStatus(row.action.status),
            agreedAt: agreedAt ? row.eventCode : nil, history: lines, hasHistory: !lines.isEmpty)
    }

    /// "Siti Aminah (Kemlu); Budi Santoso (SBMI)", or nil for nobody.
    static func names(_ lines: [MinutesPeople.Line]) -> String? {
        lines.isEmpty
            ? nil
            : lines.map { line in
                line.participant.fullName + (line.organisation.map { " (\($0.shortName))" } ?? "")
            }.joined(separator: "; ")
    }

    /// "1, 2, 5–9": sorted session numbers, runs of three or more as a range.
    static func sessionList(_ numbers: [Int]) -> String {
        var parts: [String] = []
        var index = numbers.startIndex
        while index < numbers.endIndex {
            var end = index
            while end + 1 < numbers.endIndex, numbers[end + 1] == numbers[end] + 1 { end += 1 }
            if end - index >= 2 {
                parts.append("\(numbers[index])–\(numbers[end])")
            } else {
                parts += numbers[index...end].map(String.init)
            }
            index = end + 1
        }
        return parts.joined(separator: ", ")
    }

    /// Non-empty parts joined with ", ", or nil when there are none.
    static func joined(_ parts: [String?]) -> String? {
        let present = parts.compactMap { $0 }.filter { !$0.isEmpty }
        return present.isEmpty ? nil : present.joined(separator: ", ")
    }
}

extension Localisation {
    var noOrganisation: String { language == .en ? "No organisation recorded" : "Tanpa instansi" }
}

/// Who was at an event: attendees (at least one attended session), apologies (excused,
/// never attended), and registration roles.
struct MinutesPeople {
    struct Line {
        var participant: Participant
        var organisation: Organisation?
        var role: RegistrationRole?
        /// The `N` of the sessions attended.
        var sessions: [Int]
        /// Where the line sorts: its organisation's rank (named ones first), then its name's,
        /// each in alphabetical order (`Alphabetical`). Ranked once per distinct value, so the
        /// four sorts compare integers.
        var place: (organisation: Int, name: Int)
    }

    var attendees: [Line] = []
    var apologies: [Line] = []
    var registered: [Line] = []

    init(event: Event, _ db: Database) throws {
        let numbers = try AppDatabase.sessionNumbers(event, db)
        let marks = try Attendance.fetchAll(
            db, sql: "SELECT a.* FROM attendance a JOIN session s ON s.id = a.sessionId WHERE s.eventId = ?",
            arguments: [event.id])
        let byPerson = Dictionary(grouping: marks, by: \.participantId)
        let registrations = try Registration.filter(Registration.Columns.eventId == event.id).active().fetchAll(db)
        let roles = Dictionary(uniqueKeysWithValues: registrations.map { ($0.participantId, $0.role) })
        let ids = Set(byPerson.keys).union(roles.keys)
        let participants = try Participant.fetchAll(db, keys: Array(ids))
        let organisations = try Dictionary(
            uniqueKeysWithValues: Organisation.fetchAll(db, keys: Set(participants.compactMap(\.organisationId)))
                .map { ($0.id, $0.named(on: event.startDate)) })
        func organisation(_ participant: Participant) -> Organisation? {
            participant.organisationId.flatMap { organisations[$0] }
        }
        let organisationRank = Self.ranks(participants.map { organisation($0)?.displayName ?? "" }, emptyLast: true)
        let nameRank = Self.ranks(participants.map(\.fullName), emptyLast: false)
        for participant in participants {
            let personMarks = byPerson[participant.id] ?? []
            let attended = personMarks.filter { $0.status.isAttendance }.compactMap { numbers[$0.sessionId] }.sorted()
            let organisation = organisation(participant)
            let line = Line(
                participant: participant, organisation: organisation, role: roles[participant.id], sessions: attended,
                place: (organisationRank[organisation?.displayName ?? ""] ?? 0, nameRank[participant.fullName] ?? 0))
            if roles[participant.id] != nil { registered.append(line) }
            if !attended.isEmpty {
                attendees.append(line)
            } else if personMarks.contains(where: { $0.status == .excused }) {
                apologies.append(line)
            }
        }
        let order = { (a: Line, b: Line) -> Bool in a.place < b.place }
        attendees.sort(by: order)
        apologies.sort(by: order)
        registered.sort(by: order)
    }

    func withRole(_ role: RegistrationRole) -> [Line] {
        registered.filter { $0.role == role }.sorted { $0.place.name < $1.place.name }
    }

    /// Each distinct value's position in alphabetical order (`Alphabetical`), the empty one
    /// last when `emptyLast` (people without an organisation after the named ones).
    static func ranks(_ values: [String], emptyLast: Bool) -> [String: Int] {
        let sorted = Alphabetical.sorted(Set(values), emptyLast: emptyLast)
        return Dictionary(uniqueKeysWithValues: sorted.enumerated().map { ($0.element, $0.offset) })
    }
}
