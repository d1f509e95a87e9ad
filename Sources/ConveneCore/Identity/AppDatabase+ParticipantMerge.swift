import Foundation
import GRDB

// MARK: - Two rows for one person
// A person entered twice (an import that could not tell, a walk-in typed by hand) is
// folded into one row in one transaction. Statistics afterwards are those of the data
// as if the person had been entered once.

/// What a participant merge moved and decided (or, in a dry run, would).
public struct ParticipantMerge: Sendable {
    /// Both people marked in one session with different statuses: the stronger one stays.
    public struct MarkConflict: Hashable, Sendable {
        /// `EVENT/N`.
        public var session: String
        public var kept: AttendanceStatus
        public var dropped: AttendanceStatus
    }

    /// A field both records filled differently. Values are of the two records named by the user.
    public struct Difference: Hashable, Sendable {
        /// `name`, `email`, `phone`, `organisation`, … or `role at EVENT`.
        public var field: String
        public var kept: String
        public var dropped: String
    }

    /// The duplicate as it was; it is gone afterwards.
    public var duplicate: Participant
    /// The remaining record as stored afterwards.
    public var target: Participant
    public var registrationsMoved: Int
    /// Events both were registered for: one registration stays (a standing one over a cancelled one).
    public var registrationsCombined: Int
    public var marksMoved: Int
    /// Sessions both were marked in: one mark stays.
    public var marksCombined: Int
    public var markConflicts: [MarkConflict]
    /// Actions the duplicate owned.
    public var actionsMoved: Int
    /// Fields the target lacked, filled from the duplicate.
    public var filled: [String]
    public var differences: [Difference]
    public var dryRun: Bool
}

extension AttendanceStatus {
    /// Which of two marks for one person in one session stands when two records are merged:
    /// present > late > left-early > excused > absent.
    public var precedence: Int {
        switch self {
        case .present: 5
        case .late: 4
        case .leftEarly: 3
        case .excused: 2
        case .absent: 1
        }
    }
}

extension AppDatabase {
    /// Folds `duplicate` into `target`: registrations, attendance marks and owned actions move
    /// over; where both have a registration for an event one stays (a standing one over a
    /// cancelled one, else the target's, with its role); where both have a mark for a session
    /// the stronger status stays. Empty fields of the target are filled from the duplicate;
    /// fields both filled differently keep the target's value (a refusal of consent is
    /// never dropped). The duplicate is then removed. Erased people are not merged.
    public func mergeParticipant(_ duplicateReference: String, into targetReference: String, dryRun: Bool = false)
        throws(ConveneError) -> ParticipantMerge
    {
        try writeRollingBack(dryRun) { db in
            let duplicate = try Participant.find(duplicateReference, db)
            var target = try Participant.find(targetReference, db)
            guard duplicate.id != target.id else {
                throw ConveneError.invalidInput(
                    "'\(duplicateReference)' and '\(targetReference)' are the same participant (\(target.shortId)); nothing was changed."
                )
            }
            for person in [duplicate, target] where person.erasedAt != nil {
                throw ConveneError.invalidInput(
                    "Participant \(person.shortId) was erased: an erased person's records are not joined to another's. Nothing was changed."
                )
            }
            var merge = ParticipantMerge(
                duplicate: duplicate, target: target, registrationsMoved: 0, registrationsCombined: 0, marksMoved: 0,
                marksCombined: 0, markConflicts: [], actionsMoved: 0, filled: [], differences: [], dryRun: dryRun)
            var references = SessionReferences()

            for registration in try Registration.filter(Registration.Columns.participantId == duplicate.id)
                .fetchAll(db)
            {
                guard
                    var kept =
                        try Registration
                        .filter(
                            Registration.Columns.eventId == registration.eventId
                                && Registration.Columns.participantId == target.id
                        )
                        .fetchOne(db)
                else {
                    var moved = registration
                    moved.participantId = target.id
                    try moved.update(db)
                    merge.registrationsMoved += 1
                    continue
                }
                merge.registrationsCombined += 1
                var dropped = registration
                if kept.status == .cancelled && registration.status != .cancelled {
                    swap(&kept.role, &dropped.role)
                    kept.status = registration.status
                }
                if kept.role != dropped.role {
                    let event = try references.event(registration.eventId, db)
                    merge.differences.append(
                        .init(field: "role at \(event.code)", kept: kept.role.rawValue, dropped: dropped.role.rawValue))
                }
                kept.registeredAt = min(kept.registeredAt, registration.registeredAt)
                try registration.delete(db)
                try kept.update(db)
            }

            // No index finds a person's marks (v12): this reads all marks once, as does the
            // cascade when the duplicate is deleted (0.1 s each for 1.5M marks), and finds
            // every mark of the duplicate's, registered or not.
            for mark in try Attendance.filter(Attendance.Columns.participantId == duplicate.id).fetchAll(db) {
                guard
                    var kept =
                        try Attendance
                        .filter(
                            Attendance.Columns.sessionId == mark.sessionId
                                && Attendance.Columns.participantId == target.id
                        )
                        .fetchOne(db)
                else {
                    var moved = mark
                    moved.participantId = target.id
                    try moved.update(db)
                    merge.marksMoved += 1
                    continue
                }
                merge.marksCombined += 1
                try mark.delete(db)
                guard kept.status != mark.status else { continue }
                let stronger = mark.status.precedence > kept.status.precedence
                merge.markConflicts.append(
                    .init(
                        session: try references.session(mark.sessionId, db),
                        kept: stronger ? mark.status : kept.status, dropped: stronger ? kept.status : mark.status))
                if stronger {
                    kept.status = mark.status
                    kept.markedAt = mark.markedAt
                    kept.markedBy = mark.markedBy
                    kept.method = mark.method
                    try kept.update(db)
                }
            }

            merge.actionsMoved = try Action.filter(Action.Columns.ownerParticipantId == duplicate.id)
                .updateAll(db, Action.Columns.ownerParticipantId.set(to: target.id))
            // Exports keep one pseudonym per person: the duplicate's, if the target had none.
            if try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM pseudonym WHERE participantId = ?", arguments: [target.id])
                == 0
            {
                try db.execute(
                    sql: "UPDATE pseudonym SET participantId = ? WHERE participantId = ?",
                    arguments: [target.id, duplicate.id])
            }
            // Gone before the target takes its email: the address is unique.
            try duplicate.delete(db)

            try Self.fill(&target, from: duplicate, into: &merge, db)
            if target != merge.target {
                target.updatedAt = Date()
                try target.update(db)
            }
            merge.target = target
            return merge
        }
    }

    /// Fills the target's empty fields from the duplicate and lists the fields both filled differently.
    private static func fill(
        _ target: inout Participant, from duplicate: Participant, into merge: inout ParticipantMerge, _ db: Database
    ) throws {
        func combine<T: Equatable>(
            _ field: String, _ path: WritableKeyPath<Participant, T?>, _ describe: (T) throws -> String
        ) throws {
            switch (target[keyPath: path], duplicate[keyPath: path]) {
            case (nil, let value?):
                target[keyPath: path] = value
                merge.filled.append(field)
            case (let kept?, let dropped?) where kept != dropped:
                merge.differences.append(.init(field: field, kept: try describe(kept), dropped: try describe(dropped)))
            default:
                break
            }
        }
        /// Undisclosed is an empty answer.
        func combineCoded<T: RawRepresentable & Equatable>(
            _ field: String, _ path: WritableKeyPath<Participant, T>, empty: T
        ) where T.RawValue == String {
            let (kept, other) = (target[keyPath: path], duplicate[keyPath: path])
            guard other != empty, kept != other else { return }
            if kept == empty {
                target[keyPath: path] = other
                merge.filled.append(field)
            } else {
                merge.differences.append(.init(field: field, kept: kept.rawValue, dropped: other.rawValue))
            }
        }
        if target.fullName != duplicate.fullName {
            merge.differences.append(.init(field: "name", kept: target.fullName, dropped: duplicate.fullName))
        }
        combineCoded("gender", \.gender, empty: .undisclosed)
        try combine("stakeholder type", \.stakeholderType) { $0.rawValue }
        try combine("organisation", \.organisationId) { id in
            try Organisation.fetchOne(db, key: id)?.shortName ?? RecordID.short(id)
        }
        try combine("position", \.position) { $0 }
        try combine("email", \.email) { $0 }
        try combine("phone", \.phone) { $0 }
        try combine("province", \.province) { $0 }
        try combine("birth year", \.birthYear) { String($0) }
        combineCoded("disability", \.disability, empty: .undisclosed)
        if target.dataUseConsent == true && duplicate.dataUseConsent == false {
            // A "no" to data use stands whichever record said it.
            target.dataUseConsent = false
            merge.differences.append(.init(field: "consent", kept: "no", dropped: "yes"))
        } else {
            try combine("consent", \.dataUseConsent) { $0 ? "yes" : "no" }
        }
    }
}

/// `EVENT/N` of sessions and events by id, looked up once each.
private struct SessionReferences {
    var events: [String: Event] = [:]
    var numbers: [String: [String: Int]] = [:]
    var references: [String: String] = [:]

    mutating func event(_ id: String, _ db: Database) throws -> Event {
        if let event = events[id] { return event }
        let event = try Event.find(id: id, db)
        events[id] = event
        return event
    }

    mutating func session(_ id: String, _ db: Database) throws -> String {
        if let reference = references[id] { return reference }
        guard let session = try Session.fetchOne(db, key: id) else { return RecordID.short(id) }
        let event = try event(session.eventId, db)
        let numbers = try numbers[event.id] ?? AppDatabase.sessionNumbers(event, db)
        self.numbers[event.id] = numbers
        let reference = "\(event.code)/\(numbers[id] ?? 0)"
        references[id] = reference
        return reference
    }
}
