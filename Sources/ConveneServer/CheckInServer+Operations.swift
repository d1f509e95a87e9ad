import ConveneCore
import Foundation
import Hummingbird

// MARK: - What a facilitator can do
// Each operation is the same for the JSON API and the HTML pages: one core read or write,
// the access rules, and a line in the access log.

/// A walk-in as the form sends it: words as people type them ("P", "perempuan", "cso").
public struct WalkInForm: Codable, Sendable {
    public var name: String
    public var gender: String?
    public var organisation: String?
    public var stakeholder: String?
    /// Present unless given.
    public var status: String?

    public init(
        name: String, gender: String? = nil, organisation: String? = nil, stakeholder: String? = nil,
        status: String? = nil
    ) {
        self.name = name
        self.gender = gender
        self.organisation = organisation
        self.stakeholder = stakeholder
        self.status = status
    }
}

struct MarkOutcome: Sendable {
    var participant: Participant
    var status: AttendanceStatus
    var outcome: AttendanceOutcome
    var registeredNow: Bool
    var matchedBy: String?
    var counts: SessionCounts
}

extension CheckInServer {
    /// Exchanges the code for a session, or says why not (401 wrong or expired, 429 too many tries).
    func login(code: String, name: String?, client: String) throws -> FacilitatorSession {
        let name = Normalise.optional(name).map { String($0.prefix(60)) }
        switch access.login(code: code, name: name, client: client) {
        case .granted(let session):
            log(session, "signed in")
            return session
        case .wrongCode:
            log(nil, "sign-in refused: wrong code (from \(client))")
            throw CheckInFailure(.unauthorized, "That is not the facilitator code. Check it with whoever runs Convene.")
        case .expired:
            log(nil, "sign-in refused: code expired (from \(client))")
            throw CheckInFailure(.unauthorized, "That code has expired. Ask whoever runs Convene for the new one.")
        case .tooManyAttempts(let retryAfter):
            let seconds = max(1, Int(retryAfter.timeIntervalSince(access.now()).rounded(.up)))
            log(nil, "sign-in refused: too many wrong codes (from \(client))")
            throw CheckInFailure(
                .tooManyRequests,
                "Too many wrong codes from this phone. Try again in \(max(1, (seconds + 59) / 60)) minute\(seconds > 60 ? "s" : "").",
                retryAfter: seconds)
        }
    }

    func sessions() async throws -> [SessionRow] {
        let code = event.code
        return try await db { database throws(ConveneError) in try database.sessions(ofEvent: code).1 }
    }

    func counts(_ number: Int) async throws -> SessionCounts {
        let reference = sessionReference(number)
        return try await db { database throws(ConveneError) in try database.sessionCounts(session: reference) }
    }

    func search(_ number: Int, _ text: String) async throws -> [CheckInPerson] {
        try refuseWhenReadOnly()
        let reference = sessionReference(number)
        let query = CheckInQuery(String(text.prefix(100)))
        let limit = configuration.maxResults
        return try await db { database throws(ConveneError) in
            try database.checkInPeople(session: reference, matching: query, limit: limit)
        }
    }

    /// Marks a registered person of the event; the same status again changes nothing.
    func mark(_ number: Int, participant id: String, status text: String, by facilitator: FacilitatorSession)
        async throws -> MarkOutcome
    {
        try refuseWhenReadOnly()
        guard Self.isRecordID(id) else {
            throw CheckInFailure(.unprocessableContent, "participant: give the id a search returned.")
        }
        let status = try Self.parse(AttendanceStatus.self, text)
        let reference = sessionReference(number)
        let markedBy = facilitator.markedBy
        let (result, counts): (AttendanceResult, SessionCounts)
        do {
            (result, counts) = try await db { database throws(ConveneError) in
                let result = try database.markAttendance(
                    session: reference, participants: [id], status: status, walkIn: false, markedBy: markedBy,
                    method: .web)
                return (result, try database.sessionCounts(session: reference))
            }
        } catch let failure as CheckInFailure {
            // A refused mark is worth a line: someone tried a person this event does not have.
            log(facilitator, "\(reference)  \(id.prefix(8))  refused (\(failure.status.code))")
            throw failure
        }
        let mark = result.marks[0]
        log(facilitator, "\(reference)  \(mark.participant.shortId)  \(status.rawValue) (\(Self.word(mark.outcome)))")
        return MarkOutcome(
            participant: mark.participant, status: status, outcome: mark.outcome, registeredNow: false, matchedBy: nil,
            counts: counts)
    }

    /// Adds and marks someone at the door, registering them for the event; someone already
    /// stored (same name and organisation) is marked, not added twice.
    func walkIn(_ number: Int, _ form: WalkInForm, by facilitator: FacilitatorSession) async throws -> MarkOutcome {
        try refuseWhenReadOnly()
        let input = ParticipantInput(
            fullName: String(form.name.prefix(200)),
            gender: try Normalise.optional(form.gender).map { try Self.parse(Gender.self, $0) } ?? .undisclosed,
            stakeholderType: try Normalise.optional(form.stakeholder).map { try Self.parse(StakeholderType.self, $0) },
            organisation: Normalise.optional(form.organisation).map { String($0.prefix(200)) })
        let status = try Normalise.optional(form.status).map { try Self.parse(AttendanceStatus.self, $0) } ?? .present
        let reference = sessionReference(number)
        let markedBy = facilitator.markedBy
        let (result, counts) = try await db { database throws(ConveneError) in
            let result = try database.markAttendance(
                session: reference, participants: [], newWalkIn: input, status: status, walkIn: true,
                markedBy: markedBy, method: .web)
            return (result, try database.sessionCounts(session: reference))
        }
        let mark = result.marks[0]
        let how = result.walkInMatchedBy.map { "walk-in, found by \($0)" } ?? "walk-in, new person"
        log(
            facilitator,
            "\(reference)  \(mark.participant.shortId)  \(status.rawValue) (\(Self.word(mark.outcome)); \(how)\(mark.walkInRegistered ? ", registered now" : ""))"
        )
        return MarkOutcome(
            participant: mark.participant, status: status, outcome: mark.outcome, registeredNow: mark.walkInRegistered,
            matchedBy: result.walkInMatchedBy, counts: counts)
    }

    func refuseWhenReadOnly() throws {
        guard !configuration.readOnly else {
            throw CheckInFailure(.forbidden, "This check-in server shows counts only: searching and marking are off.")
        }
    }

    static func parse<Value: CodedValue>(_ type: Value.Type, _ text: String) throws -> Value {
        do {
            return try Value.parse(text)
        } catch {
            throw CheckInFailure(error)
        }
    }

    static func word(_ outcome: AttendanceOutcome) -> String {
        switch outcome {
        case .marked: "marked"
        case .unchanged: "unchanged"
        case .statusChanged(let from): "changed from \(from.rawValue)"
        }
    }

    /// A whole record id (`8-4-4-4-12` hex): the API names people only by the ids it gave out,
    /// never by e-mail, phone or name.
    static func isRecordID(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        return parts.map(\.count) == [8, 4, 4, 4, 12] && parts.allSatisfy { $0.allSatisfy(\.isHexDigit) }
    }
}
