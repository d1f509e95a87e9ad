import Foundation
import GRDB

// MARK: - Inputs and read values

public struct ActionInput: Sendable {
    public var event: String
    public var text: String
    /// Organisation (acronym, name, alias) or participant (email, phone, short id, name)
    /// references: at most one of each.
    public var owners: [String]
    public var dueDate: CalendarDate?
    /// `EVENT/N` or a session code; the session must belong to the event.
    public var session: String?

    public init(
        event: String, text: String, owners: [String] = [], dueDate: CalendarDate? = nil, session: String? = nil
    ) {
        self.event = event
        self.text = text
        self.owners = owners
        self.dueDate = dueDate
        self.session = session
    }
}

/// Which actions `actions(_:today:)` returns; every field narrows the list.
public struct ActionFilter: Sendable {
    public var event: String?
    public var series: String?
    public var owner: String?
    public var status: ActionStatus?
    public var overdueOnly: Bool

    public init(
        event: String? = nil, series: String? = nil, owner: String? = nil, status: ActionStatus? = nil,
        overdueOnly: Bool = false
    ) {
        self.event = event
        self.series = series
        self.owner = owner
        self.status = status
        self.overdueOnly = overdueOnly
    }
}

/// An action with what lists and documents show beside it.
public struct ActionRow: Hashable, Sendable {
    public var action: Action
    public var eventCode: String
    public var eventStartDate: CalendarDate
    /// `EVENT/N` of the session it was agreed in.
    public var sessionReference: String?
    public var ownerOrganisation: Organisation?
    public var ownerName: String?
    public var isOverdue: Bool
}

public struct ActionDetail: Sendable {
    public var row: ActionRow
    /// Oldest first.
    public var history: [ActionUpdate]
}

public struct DecisionRow: Hashable, Sendable {
    public var decision: Decision
    public var eventCode: String
    public var sessionReference: String?
}

// MARK: - Writes and reads

extension AppDatabase {
    /// Records an action agreed at an event.
    public func addAction(_ input: ActionInput) throws(ConveneError) -> Action {
        try write { db in
            let event = try Event.find(input.event, db)
            let text = Normalise.whitespace(input.text)
            guard !text.isEmpty else { throw ConveneError.invalidInput("An action needs a text.") }
            let session = try input.session.map { try Self.session($0, of: event, db) }
            var action = Action(eventId: event.id, sessionId: session?.id, text: text, dueDate: input.dueDate)
            for reference in input.owners {
                switch try Self.owner(reference, db) {
                case .organisation(let organisation):
                    guard action.ownerOrganisationId == nil || action.ownerOrganisationId == organisation.id else {
                        throw ConveneError.invalidInput(
                            "An action has at most one owning organisation and one owning person; '\(reference)' is a second organisation."
                        )
                    }
                    action.ownerOrganisationId = organisation.id
                case .participant(let participant):
                    guard action.ownerParticipantId == nil || action.ownerParticipantId == participant.id else {
                        throw ConveneError.invalidInput(
                            "An action has at most one owning organisation and one owning person; '\(reference)' is a second person."
                        )
                    }
                    action.ownerParticipantId = participant.id
                }
            }
            return try action.inserted(db)
        }
    }

    /// Changes an action's status; the change is kept, dated `date`, with the note. An
    /// update may be recorded late (dated earlier than others): the action's status is
    /// always that of its latest-dated update. It cannot be dated before the event the
    /// action was agreed at.
    public func updateAction(_ reference: String, status: ActionStatus, note: String?, on date: CalendarDate)
        throws(ConveneError) -> Action
    {
        try write { db in
            var action = try Action.find(reference, db)
            let event = try Event.find(id: action.eventId, db)
            guard date >= event.startDate else {
                throw ConveneError.invalidInput(
                    "--date \(date) is before \(event.code) (\(event.startDate)), where action \(action.shortId) was agreed."
                )
            }
            try ActionUpdate(actionId: action.id, date: date, status: status, note: Normalise.optional(note))
                .insert(db)
            let latest = try ActionUpdate.filter(ActionUpdate.Columns.actionId == action.id)
                .order(ActionUpdate.Columns.date.desc, ActionUpdate.Columns.createdAt.desc).fetchOne(db)
            action.status = latest?.status ?? status
            try action.update(db)
            return action
        }
    }

    /// Actions matching the filter, by event date then as recorded.
    public func actions(_ filter: ActionFilter, today: CalendarDate) throws(ConveneError) -> [ActionRow] {
        try read { db in
            var request = Action.all().order(Column.rowID)
            if let code = filter.event {
                request = request.filter(Action.Columns.eventId == (try Event.find(code, db)).id)
            }
            if let series = filter.series {
                let ids = try Event.filter(Event.Columns.series == series).select(Event.Columns.id, as: String.self)
                    .fetchAll(db)
                guard !ids.isEmpty else { throw ConveneError.notFound(kind: "event in series", reference: series) }
                request = request.filter(ids.contains(Action.Columns.eventId))
            }
            if let reference = filter.owner {
                switch try Self.owner(reference, db) {
                case .organisation(let organisation):
                    request = request.filter(Action.Columns.ownerOrganisationId == organisation.id)
                case .participant(let participant):
                    request = request.filter(Action.Columns.ownerParticipantId == participant.id)
                }
            }
            if let status = filter.status { request = request.filter(Action.Columns.status == status) }
            if filter.overdueOnly {
                request = request.filter(
                    [ActionStatus.open, .inProgress].contains(Action.Columns.status) && Action.Columns.dueDate < today)
            }
            return try Self.rows(for: request.fetchAll(db), today: today, db)
        }
    }

    /// One action with its dated history.
    public func actionDetail(_ reference: String, today: CalendarDate) throws(ConveneError) -> ActionDetail {
        try read { db in
            let action = try Action.find(reference, db)
            let history = try ActionUpdate.filter(ActionUpdate.Columns.actionId == action.id)
                .order(ActionUpdate.Columns.date, ActionUpdate.Columns.createdAt).fetchAll(db)
            return ActionDetail(row: try Self.rows(for: [action], today: today, db)[0], history: history)
        }
    }

    /// Records a decision or recommendation, after the event's earlier ones.
    public func addDecision(event code: String, session reference: String?, text: String) throws(ConveneError)
        -> Decision
    {
        try write { db in
            let event = try Event.find(code, db)
            let body = Normalise.whitespace(text)
            guard !body.isEmpty else { throw ConveneError.invalidInput("A decision needs a text.") }
            let session = try reference.map { try Self.session($0, of: event, db) }
            let last =
                try Int.fetchOne(
                    db, Decision.filter(Decision.Columns.eventId == event.id).select(max(Decision.Columns.position)))
                ?? 0
            return try Decision(eventId: event.id, sessionId: session?.id, text: body, position: last + 1).inserted(db)
        }
    }

    /// Decisions of one event (or all events), in the order agreed.
    public func decisions(event code: String?) throws(ConveneError) -> [DecisionRow] {
        try read { db in
            let events: [Event] =
                try code.map { [try Event.find($0, db)] }
                ?? Event.order(Event.Columns.startDate, Event.Columns.code).fetchAll(db)
            return try events.flatMap { event in
                let numbers = try Self.sessionNumbers(event, db)
                return try Decision.filter(Decision.Columns.eventId == event.id).order(Decision.Columns.position)
                    .fetchAll(db)
                    .map { decision in
                        DecisionRow(
                            decision: decision, eventCode: event.code,
                            sessionReference: decision.sessionId.flatMap { numbers[$0] }.map { "\(event.code)/\($0)" })
                    }
            }
        }
    }

    // MARK: Shared pieces

    enum Owner {
        case organisation(Organisation)
        case participant(Participant)
    }

    /// An organisation the database holds, else a participant, else a body the directory
    /// knows ("IOM", "Kemlu"), taken into the database like any first use.
    static func owner(_ reference: String, _ db: Database) throws -> Owner {
        if let organisation = try Organisation.findIfExists(reference, db) { return .organisation(organisation) }
        do {
            return .participant(try Participant.find(reference, db))
        } catch ConveneError.notFound {
            if let organisation = try? AppDatabase.organisation(named: reference, db) {
                return .organisation(organisation)
            }
            throw ConveneError.notFound(
                kind: "owner", reference: reference,
                hint:
                    "An owner is an organisation (acronym, name or alias) or a participant (email, phone or short id).")
        }
    }

    static func session(_ reference: String, of event: Event, _ db: Database) throws -> Session {
        let (session, parent) = try Session.find(reference, db)
        guard parent.id == event.id else {
            throw ConveneError.invalidInput("Session '\(reference)' belongs to \(parent.code), not \(event.code).")
        }
        return session
    }

    /// Session id → N of `EVENT/N`.
    static func sessionNumbers(_ event: Event, _ db: Database) throws -> [String: Int] {
        let ids = try Session.filter(Session.Columns.eventId == event.id).orderedForNumbering()
            .select(Session.Columns.id, as: String.self).fetchAll(db)
        return Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($0.element, $0.offset + 1) })
    }

    static func rows(for actions: [Action], today: CalendarDate, _ db: Database) throws -> [ActionRow] {
        var events: [String: Event] = [:]
        var numbers: [String: [String: Int]] = [:]
        let rows = try actions.map { action in
            let event = try events[action.eventId] ?? Event.find(id: action.eventId, db)
            events[action.eventId] = event
            let sessionNumbers = try numbers[event.id] ?? Self.sessionNumbers(event, db)
            numbers[event.id] = sessionNumbers
            let person = try action.ownerParticipantId.flatMap { try Participant.fetchOne(db, key: $0) }
            return ActionRow(
                action: action, eventCode: event.code, eventStartDate: event.startDate,
                sessionReference: action.sessionId.flatMap { sessionNumbers[$0] }.map { "\(event.code)/\($0)" },
                ownerOrganisation: try action.ownerOrganisationId.flatMap { try Organisation.fetchOne(db, key: $0) },
                ownerName: person?.fullName, isOverdue: action.isOverdue(on: today))
        }
        return inRecordedOrder(rows)
    }

    /// `rows` by event, then as recorded: when, and for actions recorded in the same
    /// millisecond (the demo records a meeting's at once) the order they came in, which
    /// callers fetch in (rowid). Their ids are random, so ordering by id numbered them
    /// differently from one run to the next.
    static func inRecordedOrder(_ rows: [ActionRow]) -> [ActionRow] {
        zip(rows.indices, rows).sorted { a, b in
            (a.1.eventStartDate, a.1.eventCode, a.1.action.createdAt, a.0)
                < (b.1.eventStartDate, b.1.eventCode, b.1.action.createdAt, b.0)
        }.map(\.1)
    }
}

extension Action {
    /// An action by its short id (4 or more characters of its id).
    static func find(_ reference: String, _ db: Database) throws -> Action {
        let text = reference.trimmingWhitespace.lowercased()
        guard text.count >= 4, text.allSatisfy({ $0.isHexDigit || $0 == "-" }) else {
            throw ConveneError.notFound(
                kind: "action", reference: reference, hint: "Use the short id `action list` shows, e.g. 1a2b3c4d.")
        }
        let matches = try Action.filter(Columns.id.like("\(text)%")).limit(10).fetchAll(db)
        switch matches.count {
        case 1: return matches[0]
        case 0: throw ConveneError.notFound(kind: "action", reference: reference, hint: "See `action list`.")
        default: throw ConveneError.ambiguous(kind: "action", reference: reference, candidates: matches.map(\.shortId))
        }
    }
}
