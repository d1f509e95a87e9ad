import Foundation
import GRDB

// MARK: - Correcting records
// What was typed wrong is put right in place, each correction one transaction: an event's
// details, a session's time or room, a session added by mistake, a registration that
// was cancelled, a mark made by mistake. Statistics afterwards are those of the
// corrected data; nothing else moves.

/// One field an edit changed, with its values before and after as shown to the user.
public struct FieldChange: Hashable, Sendable {
    public var field: String
    public var old: String?
    public var new: String?
}

/// Changes to an event: nil leaves a field as it is; an empty string clears an optional one.
public struct EventChanges: Sendable {
    public var code: String?
    public var title: String?
    public var kind: EventKind?
    /// An empty string takes the event out of its series (and drops its number).
    public var series: String?
    public var number: Int?
    /// A one-day event given only a new first day stays one day long.
    public var startDate: CalendarDate?
    public var endDate: CalendarDate?
    public var venue: String?
    public var city: String?
    /// IANA identifier. Timed sessions keep the local clock times they were typed in.
    public var timeZone: String?
    public var language: Language?
    /// Timed sessions move by as many days as the first day moves.
    public var shiftSessions = false

    public init() {}
}

/// What an event edit changed (or, in a dry run, would change).
public struct EventEdit: Sendable {
    /// The event as stored afterwards.
    public var event: Event
    public var changes: [FieldChange]
    /// Timed sessions whose instants changed: moved with the dates, or kept at their local
    /// clock times in a corrected time zone.
    public var sessionsMoved: Int
    /// The code the event had, which still finds it.
    public var formerCode: String?
    public var dryRun: Bool
}

/// Changes to a session: nil leaves a field as it is; an empty string clears it (an empty
/// start makes the session untimed, its end too).
public struct SessionChanges: Sendable {
    public var title: String?
    /// Local wall-clock text in the event's zone, as for `SessionInput`; `HH:MM` keeps the session's day.
    public var start: String?
    /// `HH:MM` is on the session's (new) first day.
    public var end: String?
    public var room: String?
    public var chair: String?

    public init(
        title: String? = nil, start: String? = nil, end: String? = nil, room: String? = nil, chair: String? = nil
    ) {
        self.title = title
        self.start = start
        self.end = end
        self.room = room
        self.chair = chair
    }
}

public struct SessionEdit: Sendable {
    public var session: Session
    public var event: Event
    /// `EVENT/N` before and after: a new start can renumber the event's sessions.
    public var referenceBefore: String
    public var reference: String
    public var changes: [FieldChange]
}

/// What removing a session took with it (or, in a dry run, would take).
public struct SessionRemoval: Sendable {
    public var session: Session
    public var event: Event
    public var reference: String
    /// Attendance marks deleted with the session, and how many of them counted as attendances.
    public var marks: Int
    public var attendances: Int
    /// Actions and decisions that named the session; they stay with the event.
    public var actionsUnlinked: Int
    public var decisionsUnlinked: Int
    /// It was the event's only session, so the event has a default session again.
    public var defaultSessionAdded: Bool
    public var dryRun: Bool
}

public enum CancellationOutcome: Hashable, Sendable {
    case cancelled
    case alreadyCancelled
}

public struct CancellationResult: Sendable {
    public var event: Event
    /// Per participant, in the order given, with the excused and absent marks that stay recorded.
    public var outcomes: [(participant: Participant, outcome: CancellationOutcome, keptMarks: Int)]
    public var dryRun: Bool
}

public struct AttendanceUndo: Sendable {
    public var session: Session
    public var event: Event
    public var reference: String
    /// The marks removed, with the status each had.
    public var removed: [(participant: Participant, status: AttendanceStatus)]
    /// People the removed mark had registered on the spot (walk-ins) who now have no mark
    /// at the event: still registered, which may have been part of the mistake.
    public var walkInsStillRegistered: [Participant]
    public var dryRun: Bool
}

extension AppDatabase {
    // MARK: Events

    /// Corrects an event. A new code keeps the old one as a reference to the event; timed
    /// sessions must fall within the new dates (`shiftSessions` moves them with the first
    /// day), and a new time zone keeps them at the local clock times they were typed in.
    public func editEvent(_ reference: String, _ changes: EventChanges, dryRun: Bool = false) throws(ConveneError)
        -> EventEdit
    {
        var newZone: TimeZone?
        if let identifier = changes.timeZone { newZone = try LocalTime.timeZone(identifier) }
        return try writeRollingBack(dryRun) { [newZone] db in
            let before = try Event.find(reference, db)
            var event = before
            var formerCode: String?
            if let text = changes.code {
                let code = try Self.checkedEventCode(text)
                if code != before.code {
                    if let holder = try Event.holderOfCode(code, except: before.id, db) {
                        throw ConveneError.duplicate(kind: holder, key: code)
                    }
                    // Back to a former code: it is the code again, no longer an alias.
                    try EventAlias.filter(EventAlias.Columns.eventId == before.id && EventAlias.Columns.code == code)
                        .deleteAll(db)
                    if code.lowercased() != before.code.lowercased() {
                        try EventAlias(eventId: before.id, code: before.code).insert(db)
                        formerCode = before.code
                    }
                    event.code = code
                }
            }
            if let text = changes.title {
                let title = Normalise.whitespace(text)
                guard !title.isEmpty else { throw ConveneError.invalidInput("--title: an event needs a title.") }
                event.title = title
            }
            if let kind = changes.kind { event.kind = kind }
            if let series = changes.series {
                event.series = Normalise.optional(series)
                if event.series == nil { event.number = nil }
            }
            if let number = changes.number {
                guard number >= 1 else { throw ConveneError.invalidInput("--number: \(number) is not 1 or more.") }
                event.number = number
            }
            if event.number != nil && event.series == nil {
                throw ConveneError.invalidInput("--number: \(event.code) is in no series; give --series too.")
            }
            if let start = changes.startDate {
                event.startDate = start
                if changes.endDate == nil && before.startDate == before.endDate { event.endDate = start }
            }
            if let end = changes.endDate { event.endDate = end }
            guard event.endDate >= event.startDate else {
                throw ConveneError.invalidInput(
                    "--end: the last day (\(event.endDate)) would be before the first day (\(event.startDate)); give both --start and --end."
                )
            }
            if let venue = changes.venue { event.venue = Normalise.optional(venue) }
            if let city = changes.city { event.city = Normalise.optional(city) }
            if let newZone { event.timeZone = newZone.identifier }
            if let language = changes.language { event.language = language }

            // Sessions: moved with the first day when asked, kept at their local times in a new zone.
            let shift = changes.shiftSessions ? event.startDate.days(since: before.startDate) : 0
            var moved = 0
            if shift != 0 || event.timeZone != before.timeZone {
                for var session in try Session.filter(Session.Columns.eventId == before.id).fetchAll(db)
                where session.startsAt != nil {
                    session.startsAt = session.startsAt.map {
                        LocalTime.moving($0, from: before.zone, to: event.zone, days: shift)
                    }
                    session.endsAt = session.endsAt.map {
                        LocalTime.moving($0, from: before.zone, to: event.zone, days: shift)
                    }
                    try session.update(db)
                    moved += 1
                }
            }
            let sessions = try Session.filter(Session.Columns.eventId == before.id).orderedForNumbering().fetchAll(db)
            let outside = sessions.enumerated().compactMap { index, session -> String? in
                guard let start = session.startsAt else { return nil }
                let day = CalendarDate(start, in: event.zone)
                return day < event.startDate || day > event.endDate ? "\(before.code)/\(index + 1) (\(day))" : nil
            }
            guard outside.isEmpty else {
                throw ConveneError.sessionsOutsideDates(
                    event: before.code, sessions: outside, start: event.startDate, end: event.endDate)
            }
            // The placeholder session is titled like its event, and stays so.
            if event.title != before.title {
                try Session.filter(
                    Session.Columns.eventId == before.id && Session.Columns.isDefault == true
                        && Column("title") == before.title
                ).updateAll(db, Column("title").set(to: event.title))
            }
            if event != before { try event.update(db) }
            return EventEdit(
                event: event, changes: Self.changes(from: before, to: event), sessionsMoved: moved,
                formerCode: formerCode, dryRun: dryRun)
        }
    }

    private static func changes(from old: Event, to new: Event) -> [FieldChange] {
        func dates(_ event: Event) -> String {
            event.startDate == event.endDate ? "\(event.startDate)" : "\(event.startDate) to \(event.endDate)"
        }
        let pairs: [(String, String?, String?)] = [
            ("code", old.code, new.code), ("title", old.title, new.title),
            ("kind", old.kind.rawValue, new.kind.rawValue), ("series", old.series, new.series),
            ("number", old.number.map(String.init), new.number.map(String.init)),
            ("dates", dates(old), dates(new)), ("venue", old.venue, new.venue), ("city", old.city, new.city),
            ("time zone", old.timeZone, new.timeZone), ("language", old.language.rawValue, new.language.rawValue),
        ]
        return pairs.filter { $0.1 != $0.2 }.map { FieldChange(field: $0.0, old: $0.1, new: $0.2) }
    }

    // MARK: Sessions

    /// Corrects a session's title, time, room or chair. A time stays within the event's
    /// dates; a corrected default session is the event's own from then on (a session added
    /// later no longer replaces it).
    public func editSession(_ reference: String, _ changes: SessionChanges) throws(ConveneError) -> SessionEdit {
        try write { db in
            let (before, event) = try Session.find(reference, db)
            let zone = event.zone
            let numberBefore = try Self.sessionNumbers(event, db)[before.id] ?? 1
            var session = before
            if let text = changes.title {
                let title = Normalise.whitespace(text)
                guard !title.isEmpty else { throw ConveneError.invalidInput("--title: a session needs a title.") }
                session.title = title
            }
            if let start = changes.start {
                if Normalise.optional(start) == nil {
                    guard changes.end.flatMap(Normalise.optional) == nil else {
                        throw ConveneError.invalidInput("--end: a session without a start cannot have an end.")
                    }
                    session.startsAt = nil
                    session.endsAt = nil
                } else {
                    let day = before.startsAt.map { CalendarDate($0, in: zone) } ?? event.startDate
                    session.startsAt = try LocalTime.parse(start, field: "--start", in: zone, defaultDay: day)
                }
            }
            if let end = changes.end {
                if Normalise.optional(end) == nil {
                    session.endsAt = nil
                } else {
                    guard let startsAt = session.startsAt else {
                        throw ConveneError.invalidInput(
                            "--end: \(event.code)/\(numberBefore) has no start; give --start too.")
                    }
                    session.endsAt = try LocalTime.parse(
                        end, field: "--end", in: zone, defaultDay: CalendarDate(startsAt, in: zone))
                }
            }
            if let startsAt = session.startsAt, let endsAt = session.endsAt, endsAt < startsAt {
                throw ConveneError.invalidInput(
                    "--end: \(LocalTime.format(endsAt, in: zone)) would be before the start, \(LocalTime.format(startsAt, in: zone)); give both --start and --end."
                )
            }
            if let startsAt = session.startsAt {
                let day = CalendarDate(startsAt, in: zone)
                guard day >= event.startDate, day <= event.endDate else {
                    throw ConveneError.invalidInput(
                        "--start: \(day) is outside the event's dates (\(event.startDate) to \(event.endDate)).")
                }
            }
            if let room = changes.room { session.room = Normalise.optional(room) }
            if let chair = changes.chair { session.chair = Normalise.optional(chair) }
            let time = { (date: Date?) in date.map { LocalTime.format($0, in: zone) } }
            let pairs: [(String, String?, String?)] = [
                ("title", before.title, session.title), ("start", time(before.startsAt), time(session.startsAt)),
                ("end", time(before.endsAt), time(session.endsAt)), ("room", before.room, session.room),
                ("chair", before.chair, session.chair),
            ]
            let changed = pairs.filter { $0.1 != $0.2 }.map { FieldChange(field: $0.0, old: $0.1, new: $0.2) }
            if !changed.isEmpty {
                session.isDefault = false
                try session.update(db)
            }
            let number = try Self.sessionNumbers(event, db)[session.id] ?? numberBefore
            return SessionEdit(
                session: session, event: event, referenceBefore: "\(event.code)/\(numberBefore)",
                reference: "\(event.code)/\(number)", changes: changed)
        }
    }

    /// Removes a session added by mistake. A session holding attendance marks is removed only
    /// with `force`, and its marks with it; actions and decisions agreed in it stay with the
    /// event. An event left without sessions gets its default session again.
    public func removeSession(_ reference: String, force: Bool, dryRun: Bool = false) throws(ConveneError)
        -> SessionRemoval
    {
        try writeRollingBack(dryRun) { db in
            let (session, event) = try Session.find(reference, db)
            let ref = "\(event.code)/\(try Self.sessionNumbers(event, db)[session.id] ?? 1)"
            let marks = Attendance.filter(Attendance.Columns.sessionId == session.id)
            let markCount = try marks.fetchCount(db)
            guard markCount == 0 || force else { throw ConveneError.sessionHasMarks(session: ref, marks: markCount) }
            let attendances = try marks.attended().fetchCount(db)
            let actions = try Action.filter(Action.Columns.sessionId == session.id).fetchCount(db)
            let decisions = try Decision.filter(Column("sessionId") == session.id).fetchCount(db)
            try session.delete(db)
            let empty = try Session.filter(Session.Columns.eventId == event.id).fetchCount(db) == 0
            if empty { try Session(eventId: event.id, title: event.title, isDefault: true).insert(db) }
            return SessionRemoval(
                session: session, event: event, reference: ref, marks: markCount, attendances: attendances,
                actionsUnlinked: actions, decisionsUnlinked: decisions, defaultSessionAdded: empty, dryRun: dryRun)
        }
    }

    // MARK: Registrations and marks

    /// Cancels registrations: the registration stays, with its role and source, and stops
    /// counting as registered (registering again reinstates it). Refused for anyone marked
    /// present, late or left early at the event; their excused and absent marks stay.
    /// All or nothing.
    public func cancelRegistrations(_ references: [String], forEvent code: String, dryRun: Bool = false)
        throws(ConveneError) -> CancellationResult
    {
        try writeRollingBack(dryRun) { db in
            let event = try Event.find(code, db)
            let sessionIds = Session.filter(Session.Columns.eventId == event.id).select(Session.Columns.id)
            var outcomes: [(participant: Participant, outcome: CancellationOutcome, keptMarks: Int)] = []
            for (reference, participant) in try Self.resolve(references, db) {
                guard
                    var registration =
                        try Registration
                        .filter(
                            Registration.Columns.eventId == event.id
                                && Registration.Columns.participantId == participant.id
                        )
                        .fetchOne(db)
                else {
                    throw ConveneError.notFound(
                        kind: "registration", reference: "\(reference) at \(event.code)",
                        hint: "They are not registered for \(event.code).")
                }
                let marks = Attendance.filter(
                    Attendance.Columns.participantId == participant.id
                        && sessionIds.contains(Attendance.Columns.sessionId))
                let attended = try marks.attended().fetchCount(db)
                guard attended == 0 else {
                    throw ConveneError.attendedEvent(participant: reference, event: event.code, sessions: attended)
                }
                let kept = try marks.fetchCount(db)
                if registration.status == .cancelled {
                    outcomes.append((participant, .alreadyCancelled, kept))
                } else {
                    registration.status = .cancelled
                    try registration.update(db)
                    outcomes.append((participant, .cancelled, kept))
                }
            }
            return CancellationResult(event: event, outcomes: outcomes, dryRun: dryRun)
        }
    }

    /// Removes marks made by mistake. Everyone named must have a mark in the session, else
    /// nothing is removed. Registrations stay.
    public func undoAttendance(session reference: String, participants references: [String], dryRun: Bool = false)
        throws(ConveneError) -> AttendanceUndo
    {
        try writeRollingBack(dryRun) { db in
            let (session, event) = try Session.find(reference, db)
            let ref = "\(event.code)/\(try Self.sessionNumbers(event, db)[session.id] ?? 1)"
            var found: [(Participant, Attendance)] = []
            var missing: [String] = []
            for (typed, participant) in try Self.resolve(references, db) {
                if let mark = try Attendance.filter(
                    Attendance.Columns.sessionId == session.id && Attendance.Columns.participantId == participant.id
                ).fetchOne(db) {
                    found.append((participant, mark))
                } else {
                    missing.append(typed)
                }
            }
            guard missing.isEmpty else { throw ConveneError.notMarked(participants: missing, session: ref) }
            let sessionIds = Session.filter(Session.Columns.eventId == event.id).select(Session.Columns.id)
            var walkIns: [Participant] = []
            for (participant, mark) in found {
                try mark.delete(db)
                let isWalkIn =
                    try Registration.filter(
                        Registration.Columns.eventId == event.id && Registration.Columns.participantId == participant.id
                            && Column("source") == "walk-in"
                    ).active().fetchCount(db) > 0
                let otherMarks = try Attendance.filter(
                    Attendance.Columns.participantId == participant.id
                        && sessionIds.contains(Attendance.Columns.sessionId)
                ).fetchCount(db)
                if isWalkIn && otherMarks == 0 { walkIns.append(participant) }
            }
            return AttendanceUndo(
                session: session, event: event, reference: ref, removed: found.map { ($0.0, $0.1.status) },
                walkInsStillRegistered: walkIns, dryRun: dryRun)
        }
    }
}
