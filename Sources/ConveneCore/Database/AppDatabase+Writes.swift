import Foundation
import GRDB

// MARK: - Inputs
// What a user supplies, still with human references (organisation acronym, event
// code); the writes resolve and check them inside their transaction.

public struct OrganisationInput: Sendable {
    public var name: String
    public var acronym: String?
    public var type: OrganisationType
    public var parent: String?

    public init(name: String, acronym: String? = nil, type: OrganisationType, parent: String? = nil) {
        self.name = name
        self.acronym = acronym
        self.type = type
        self.parent = parent
    }
}

public struct EventInput: Sendable {
    public var code: String
    public var title: String
    public var kind: EventKind
    public var series: String?
    public var number: Int?
    public var startDate: CalendarDate
    public var endDate: CalendarDate?
    public var venue: String?
    public var city: String?
    public var timeZone: String
    public var language: Language

    public init(
        code: String, title: String, kind: EventKind, series: String? = nil, number: Int? = nil,
        startDate: CalendarDate, endDate: CalendarDate? = nil, venue: String? = nil, city: String? = nil,
        timeZone: String = Event.defaultTimeZone, language: Language = .en
    ) {
        self.code = code
        self.title = title
        self.kind = kind
        self.series = series
        self.number = number
        self.startDate = startDate
        self.endDate = endDate
        self.venue = venue
        self.city = city
        self.timeZone = timeZone
        self.language = language
    }
}

public struct SessionInput: Sendable {
    public var event: String
    public var title: String
    public var code: String?
    /// Local wall-clock text in the event's zone: `2024-01-09 09:00`, or `09:00` on the event's first day.
    public var start: String?
    public var end: String?
    public var room: String?
    public var chair: String?

    public init(
        event: String, title: String, code: String? = nil, start: String? = nil, end: String? = nil,
        room: String? = nil, chair: String? = nil
    ) {
        self.event = event
        self.title = title
        self.code = code
        self.start = start
        self.end = end
        self.room = room
        self.chair = chair
    }
}

public struct ParticipantInput: Sendable {
    public var fullName: String
    public var gender: Gender
    public var stakeholderType: StakeholderType?
    /// An organisation reference: acronym, name or alias.
    public var organisation: String?
    public var position: String?
    public var email: String?
    public var phone: String?
    public var province: String?
    public var birthYear: Int?
    public var disability: DisabilityStatus
    public var dataUseConsent: Bool?

    public init(
        fullName: String, gender: Gender = .undisclosed, stakeholderType: StakeholderType? = nil,
        organisation: String? = nil, position: String? = nil, email: String? = nil, phone: String? = nil,
        province: String? = nil, birthYear: Int? = nil, disability: DisabilityStatus = .undisclosed,
        dataUseConsent: Bool? = nil
    ) {
        self.fullName = fullName
        self.gender = gender
        self.stakeholderType = stakeholderType
        self.organisation = organisation
        self.position = position
        self.email = email
        self.phone = phone
        self.province = province
        self.birthYear = birthYear
        self.disability = disability
        self.dataUseConsent = dataUseConsent
    }
}

/// Changes to a participant: nil leaves a field as it is; an empty string clears it.
public struct ParticipantChanges: Sendable {
    public var fullName: String?
    public var gender: Gender?
    public var stakeholderType: StakeholderType??
    public var organisation: String?
    public var position: String?
    public var email: String?
    public var phone: String?
    public var province: String?
    public var birthYear: Int??
    public var disability: DisabilityStatus?
    public var dataUseConsent: Bool??

    public init() {}
}

// MARK: - Outcomes

public enum RegistrationOutcome: Hashable, Sendable {
    case registered
    case alreadyRegistered
    case roleChanged(from: RegistrationRole)
    case reinstated
}

public enum AttendanceOutcome: Hashable, Sendable {
    case marked
    case unchanged
    case statusChanged(from: AttendanceStatus)
}

public struct AttendanceResult: Sendable {
    public var session: Session
    public var event: Event
    /// The N of `EVENT/N` for the session.
    public var sessionNumber: Int
    /// Per participant, in the order given; `walkInRegistered` when registered on the spot.
    public var marks: [(participant: Participant, outcome: AttendanceOutcome, walkInRegistered: Bool)]
    /// How a new walk-in was found to be someone already stored ("name and organisation"),
    /// so no second row was made; nil when the walk-in was added as a new person.
    public var walkInMatchedBy: String?
}

// MARK: - Writes

extension AppDatabase {
    /// Creates an organisation; the parent (for a directorate, its ministry) must exist.
    public func addOrganisation(_ input: OrganisationInput) throws(ConveneError) -> Organisation {
        try write { db in
            let name = Normalise.whitespace(input.name)
            guard !name.isEmpty else { throw ConveneError.invalidInput("--name: an organisation needs a name.") }
            let acronym = Normalise.optional(input.acronym)
            if try Organisation.filter(Organisation.Columns.name == name).fetchCount(db) > 0
                || OrganisationAlias.filter(OrganisationAlias.Columns.alias == name).fetchCount(db) > 0
            {
                throw ConveneError.duplicate(kind: "organisation", key: name)
            }
            if let acronym, try Organisation.filter(Organisation.Columns.acronym == acronym).fetchCount(db) > 0 {
                throw ConveneError.duplicate(kind: "organisation acronym", key: acronym)
            }
            let parent = try input.parent.map { try Self.organisation(named: $0, db) }
            return try Organisation(name: name, acronym: acronym, type: input.type, parentId: parent?.id).inserted(db)
        }
    }

    /// Teaches Convene another spelling or a chapter of an organisation ("SBMI NTB" → SBMI),
    /// for references and imports alike.
    public func addAlias(_ alias: String, to reference: String) throws(ConveneError) -> Organisation {
        try write { db in
            let organisation = try Organisation.find(reference, db)
            let text = Normalise.whitespace(alias)
            guard !text.isEmpty else {
                throw ConveneError.invalidInput("alias: give the other spelling, e.g. \"SBMI NTB\".")
            }
            if let taken = try Organisation.findIfExists(text, db) {
                throw ConveneError.duplicate(
                    kind: "organisation name, acronym or alias", key: "\(text) (\(taken.shortName))")
            }
            try OrganisationAlias(organisationId: organisation.id, alias: text).insert(db)
            return organisation
        }
    }

    /// Creates an event with its default session, so attendance always has a session.
    public func addEvent(_ input: EventInput) throws(ConveneError) -> Event {
        let zone = try LocalTime.timeZone(input.timeZone)
        return try write { db in
            let code = try Self.checkedEventCode(input.code)
            let title = Normalise.whitespace(input.title)
            guard !title.isEmpty else { throw ConveneError.invalidInput("--title: an event needs a title.") }
            if let end = input.endDate, end < input.startDate {
                throw ConveneError.invalidInput("--end: \(end) is before --start \(input.startDate).")
            }
            if let holder = try Event.holderOfCode(code, db) { throw ConveneError.duplicate(kind: holder, key: code) }
            let event = try Event(
                code: code, title: title, kind: input.kind, series: Normalise.optional(input.series),
                number: input.number, startDate: input.startDate, endDate: input.endDate,
                venue: Normalise.optional(input.venue), city: Normalise.optional(input.city),
                timeZone: zone.identifier, language: input.language
            ).inserted(db)
            try Session(eventId: event.id, title: event.title, isDefault: true).insert(db)
            return event
        }
    }

    /// Adds a session. The event's default session gives way to it unless someone was
    /// already marked in the default session.
    public func addSession(_ input: SessionInput) throws(ConveneError) -> Session {
        try write { db in
            let event = try Event.find(input.event, db)
            let title = Normalise.whitespace(input.title)
            guard !title.isEmpty else { throw ConveneError.invalidInput("--title: a session needs a title.") }
            let startsAt = try input.start.map { text throws(ConveneError) in
                try LocalTime.parse(text, field: "--start", in: event.zone, defaultDay: event.startDate)
            }
            let endDay = startsAt.map { CalendarDate($0, in: event.zone) } ?? event.startDate
            let endsAt = try input.end.map { text throws(ConveneError) in
                try LocalTime.parse(text, field: "--end", in: event.zone, defaultDay: endDay)
            }
            if let startsAt, let endsAt, endsAt < startsAt {
                throw ConveneError.invalidInput("--end: \(input.end!) is before --start \(input.start!).")
            }
            if let startsAt {
                let day = CalendarDate(startsAt, in: event.zone)
                guard day >= event.startDate, day <= event.endDate else {
                    throw ConveneError.invalidInput(
                        "--start: \(day) is outside the event's dates (\(event.startDate) to \(event.endDate)).")
                }
            }
            let code = Normalise.optional(input.code)
            if let code {
                guard !code.contains("/") else {
                    throw ConveneError.invalidInput("--code: a session code cannot contain '/'.")
                }
                if let holder = try Event.holderOfCode(code, db) {
                    throw ConveneError.duplicate(kind: holder, key: code)
                }
            }
            // The placeholder session goes when a real one arrives, unless it holds marks.
            try Session
                .filter(Session.Columns.eventId == event.id && Session.Columns.isDefault == true)
                .having(Session.attendances.isEmpty)
                .deleteAll(db)
            return try Session(
                eventId: event.id, code: code, title: title, startsAt: startsAt, endsAt: endsAt,
                room: Normalise.optional(input.room), chair: Normalise.optional(input.chair)
            ).inserted(db)
        }
    }

    /// Creates a participant; the organisation must exist and the email must be new.
    public func addParticipant(_ input: ParticipantInput) throws(ConveneError) -> Participant {
        try write { db in try Self.insertParticipant(input, db) }
    }

    static func insertParticipant(_ input: ParticipantInput, _ db: Database) throws -> Participant {
        let name = Normalise.personName(input.fullName)
        guard !name.isEmpty else {
            throw ConveneError.invalidField(field: "name", reason: "a participant needs a name.")
        }
        let email = try input.email.flatMap(Self.checkedEmail)
        let phone = try input.phone.flatMap(Self.checkedPhone)
        try checkBirthYear(input.birthYear)
        if let email, try Participant.filter(Participant.Columns.email == email).fetchCount(db) > 0 {
            throw ConveneError.duplicate(kind: "participant with email", key: email)
        }
        let organisation = try input.organisation.flatMap { try Self.organisation(named: $0, db) }
        let participant = Participant(
            fullName: name, gender: input.gender, stakeholderType: input.stakeholderType,
            organisationId: organisation?.id, position: Normalise.optional(input.position), email: email,
            phone: phone, province: Normalise.optional(input.province), birthYear: input.birthYear,
            disability: input.disability, dataUseConsent: input.dataUseConsent)
        try participant.insertRow(db)
        return participant
    }

    /// Changes a participant's fields; returns the participant as stored.
    public func editParticipant(_ reference: String, _ changes: ParticipantChanges) throws(ConveneError) -> Participant
    {
        try write { db in
            var participant = try Participant.find(reference, db)
            if let name = changes.fullName {
                let normalised = Normalise.personName(name)
                guard !normalised.isEmpty else {
                    throw ConveneError.invalidField(field: "name", reason: "a participant needs a name.")
                }
                participant.fullName = normalised
            }
            if let gender = changes.gender { participant.gender = gender }
            if let stakeholderType = changes.stakeholderType { participant.stakeholderType = stakeholderType }
            if let organisation = changes.organisation {
                participant.organisationId = try Normalise.optional(organisation).map {
                    try Self.organisation(named: $0, db).id
                }
            }
            if let position = changes.position { participant.position = Normalise.optional(position) }
            if let email = changes.email {
                let checked = try Normalise.optional(email).flatMap(Self.checkedEmail)
                if let checked,
                    try Participant.filter(
                        Participant.Columns.email == checked && Participant.Columns.id != participant.id
                    )
                    .fetchCount(db) > 0
                {
                    throw ConveneError.duplicate(kind: "participant with email", key: checked)
                }
                participant.email = checked
            }
            if let phone = changes.phone {
                participant.phone = try Normalise.optional(phone).flatMap(Self.checkedPhone)
            }
            if let province = changes.province { participant.province = Normalise.optional(province) }
            if let birthYear = changes.birthYear {
                try Self.checkBirthYear(birthYear)
                participant.birthYear = birthYear
            }
            if let disability = changes.disability { participant.disability = disability }
            if let consent = changes.dataUseConsent { participant.dataUseConsent = consent }
            participant.updatedAt = Date()
            try participant.update(db)
            // Withdrawing consent erases the person's identifying data.
            if changes.dataUseConsent == .some(false) {
                return try Self.erase(participant, reason: .consentWithdrawn, db)
            }
            return participant
        }
    }

    /// Registers participants for an event. A new registration takes `role` (a participant
    /// when nil); an existing one gets `role` when one is given and keeps its own otherwise,
    /// and a cancelled one stands again. All or nothing: one unknown reference and nobody
    /// is registered.
    public func register(_ references: [String], forEvent eventCode: String, role: RegistrationRole?)
        throws(ConveneError)
        -> (event: Event, outcomes: [(participant: Participant, outcome: RegistrationOutcome, role: RegistrationRole)])
    {
        try write { db in
            let event = try Event.find(eventCode, db)
            let participants = try Self.resolve(references, db).map(\.participant)
            let outcomes = try participants.map { participant in
                let (outcome, role) = try Self.register(participant, event, role: role, source: "cli", db)
                return (participant, outcome, role)
            }
            return (event, outcomes)
        }
    }

    /// The one registration write; returns what happened and the role the registration has now.
    @discardableResult
    static func register(
        _ participant: Participant, _ event: Event, role: RegistrationRole?, source: String, _ db: Database
    ) throws -> (RegistrationOutcome, RegistrationRole) {
        guard
            var existing =
                try Registration
                .filter(
                    Registration.Columns.eventId == event.id && Registration.Columns.participantId == participant.id
                )
                .fetchOne(db)
        else {
            let role = role ?? .participant
            try Registration(eventId: event.id, participantId: participant.id, role: role, source: source).insertRow(db)
            return (.registered, role)
        }
        let newRole = role ?? existing.role
        let outcome: RegistrationOutcome =
            existing.status == .cancelled
            ? .reinstated
            : existing.role != newRole
                ? .roleChanged(from: existing.role)
                : .alreadyRegistered
        guard outcome != .alreadyRegistered else { return (outcome, newRole) }
        existing.status = .registered
        existing.role = newRole
        try existing.update(db)
        return (outcome, newRole)
    }

    /// Marks attendance for a session. Everyone must be registered for the event,
    /// unless `walkIn` is set: then they are registered on the spot. `newWalkIn`
    /// creates a person who is not in the database yet. Marking again updates the status.
    public func markAttendance(
        session sessionReference: String, participants references: [String], newWalkIn: ParticipantInput? = nil,
        status: AttendanceStatus, walkIn: Bool, markedBy: String? = nil, method: AttendanceMethod = .cli
    ) throws(ConveneError) -> AttendanceResult {
        try write { db in
            let (session, event) = try Session.find(sessionReference, db)
            var people = try Self.resolve(references, db)
            var walkInMatchedBy: String?
            if let newWalkIn {
                let (person, matchedBy) = try Self.walkIn(newWalkIn, at: event, db)
                walkInMatchedBy = matchedBy
                if !people.contains(where: { $0.participant.id == person.id }) {
                    people.append((person.shortId, person))
                }
            }
            guard !people.isEmpty else {
                throw ConveneError.invalidInput("Name at least one participant to mark (or --walk-in with --name).")
            }
            var writes = SessionMarks(session: session, at: Date(), by: markedBy, method: method)
            var marks: [(Participant, AttendanceOutcome, Bool)] = []
            for (reference, participant) in people {
                let isRegistered = try Registration.isActive(event: event.id, participant: participant.id, db)
                var registeredNow = false
                if !isRegistered {
                    guard walkIn else {
                        throw ConveneError.notRegistered(participant: reference, event: event.code)
                    }
                    try Self.register(participant, event, role: nil, source: "walk-in", db)
                    registeredNow = true
                }
                let existing = try Attendance.fetchOne(session: session.id, participant: participant.id, db)
                let outcome = try writes.mark(participant.id, existing: existing, status: status, db)
                marks.append((participant, outcome, registeredNow))
            }
            try writes.write(db)
            let number = try Session.numbered(event, db).firstIndex { $0.id == session.id }.map { $0 + 1 } ?? 1
            return AttendanceResult(
                session: session, event: event, sessionNumber: number, marks: marks, walkInMatchedBy: walkInMatchedBy)
        }
    }

    /// The person a walk-in is: someone stored with the same e-mail, or phone and first name,
    /// or folded name within the same organisation (the import's rules), else a new
    /// participant. A form sent twice, or one person added at two doors, is one person.
    static func walkIn(_ input: ParticipantInput, at event: Event, _ db: Database) throws -> (
        Participant, matchedBy: String?
    ) {
        let name = Normalise.personName(input.fullName)
        guard !name.isEmpty else {
            throw ConveneError.invalidField(field: "name", reason: "a participant needs a name.")
        }
        let email = try input.email.flatMap(Self.checkedEmail)
        let phone = try input.phone.flatMap(Self.checkedPhone)
        let organisation = try input.organisation.flatMap { try Self.organisation(named: $0, db) }
        let match = try PersonMatcher(db).match(
            email: email, phone: phone, nameKey: Participant.nameKey(for: name), organisationId: organisation?.id,
            eventId: event.id)
        // Only the same name: an e-mail or phone that belongs to someone else is refused below, not merged.
        if case .match(let id, _, let by) = match.outcome,
            let person = try match.stored ?? Participant.fetchOne(db, key: id),
            person.nameKey == Participant.nameKey(for: name)
        {
            return (person, by)
        }
        return (try Self.insertParticipant(input, db), nil)
    }

    // MARK: Checks shared by add and edit

    /// The organisation a typed name means: one the database holds (by acronym, name or
    /// alias), else what the directory knows ("MoFA", "Kanwil Kemenkumham Sulsel"), taken
    /// into the database. A name nobody knows is refused with the nearest known one, so a
    /// typo never becomes a new organisation.
    static func organisation(named reference: String, _ db: Database) throws -> Organisation {
        if let organisation = try Organisation.findIfExists(reference, db) { return organisation }
        var resolver = try OrganisationResolver(db, origin: .user)
        if case .unknown(let suggestion) = resolver.matcher.resolve(reference) {
            throw ConveneError.unknownOrganisation(
                reference: reference, suggestion: suggestion.map { resolver.matcher.displayName($0) })
        }
        guard let id = try resolver.resolve(reference, db)?.id,
            let organisation = try Organisation.fetchOne(db, key: id)
        else { throw ConveneError.notFound(kind: "organisation", reference: reference) }
        return organisation
    }

    static func checkedEventCode(_ text: String) throws -> String {
        let code = text.trimmingWhitespace
        guard !code.isEmpty, !code.contains("/"), !code.contains(where: \.isWhitespace) else {
            throw ConveneError.invalidInput(
                "--code: '\(text)' is not a usable event code; use letters, digits and dashes, e.g. psc-3.")
        }
        return code
    }

    private static func checkedEmail(_ text: String) throws -> String {
        guard let email = Normalise.email(text) else {
            throw ConveneError.invalidField(field: "email", reason: "'\(text)' is not an email address.")
        }
        return email
    }

    private static func checkedPhone(_ text: String) throws -> String {
        guard let phone = Normalise.phone(text) else {
            throw ConveneError.invalidField(
                field: "phone",
                reason: "'\(text)' is not a phone number Convene can read; use +62… or 08…, digits only.")
        }
        return phone
    }

    private static func checkBirthYear(_ year: Int?) throws {
        guard let year else { return }
        let thisYear = Calendar(identifier: .gregorian).component(.year, from: Date())
        guard (1900...thisYear).contains(year) else {
            throw ConveneError.invalidField(
                field: "birth year", reason: "\(year) is not a plausible year of birth (1900–\(thisYear)).")
        }
    }

    /// Resolves references in order; the same person named twice (by email and by id) is kept once.
    static func resolve(_ references: [String], _ db: Database) throws -> [(
        reference: String, participant: Participant
    )] {
        var seen = Set<String>()
        return try references.compactMap { reference in
            let participant = try Participant.find(reference, db)
            return seen.insert(participant.id).inserted ? (reference, participant) : nil
        }
    }
}
