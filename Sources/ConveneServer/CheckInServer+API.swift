import ConveneCore
import Foundation
import HTTPTypes
import Hummingbird

// MARK: - The JSON API (`/api/v1`), which the page's script and other tools use
// POSTs other than login carry the session's CSRF token in `X-CSRF-Token`.

struct LoginBody: Decodable {
    var code: String
    var name: String?
}

struct LoginReply: ResponseEncodable {
    var csrf: String
    var facilitator: String
    var expiresAt: String

    enum CodingKeys: String, CodingKey {
        case csrf, facilitator
        case expiresAt = "expires_at"
    }
}

struct SessionReply: ResponseEncodable {
    var number: Int
    var reference: String
    var title: String
    var startsAt: String?
    var endsAt: String?
    var room: String?
    var attended: Int

    enum CodingKeys: String, CodingKey {
        case number, reference, title, room, attended
        case startsAt = "starts_at"
        case endsAt = "ends_at"
    }
}

struct PersonReply: ResponseEncodable {
    var id: String
    var name: String
    var organisation: String?
    var status: String?

    /// Every key, `null` included: scripts read `status` whether or not the person was marked.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encode(organisation, forKey: .organisation)
        try container.encode(status, forKey: .status)
    }

    enum CodingKeys: String, CodingKey {
        case id, name, organisation, status
    }
}

struct CountsReply: ResponseEncodable {
    var registered: Int
    var present: Int
    var women: Int

    init(_ counts: SessionCounts) {
        registered = counts.registered
        present = counts.present
        women = counts.women
    }
}

struct MarkBody: Decodable {
    var participant: String
    var status: String
}

struct MarkReply: ResponseEncodable {
    var participant: String
    var name: String
    var status: String
    /// `marked`, `unchanged` or `changed`.
    var outcome: String
    var previous: String?
    var registeredNow: Bool
    var matchedBy: String?
    var counts: CountsReply

    init(_ outcome: MarkOutcome) {
        participant = outcome.participant.id
        name = outcome.participant.fullName
        status = outcome.status.rawValue
        switch outcome.outcome {
        case .marked: self.outcome = "marked"
        case .unchanged: self.outcome = "unchanged"
        case .statusChanged(let from):
            self.outcome = "changed"
            previous = from.rawValue
        }
        registeredNow = outcome.registeredNow
        matchedBy = outcome.matchedBy
        counts = CountsReply(outcome.counts)
    }

    enum CodingKeys: String, CodingKey {
        case participant, name, status, outcome, previous, counts
        case registeredNow = "registered_now"
        case matchedBy = "matched_by"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(participant, forKey: .participant)
        try container.encode(name, forKey: .name)
        try container.encode(status, forKey: .status)
        try container.encode(outcome, forKey: .outcome)
        try container.encode(previous, forKey: .previous)
        try container.encode(registeredNow, forKey: .registeredNow)
        try container.encode(matchedBy, forKey: .matchedBy)
        try container.encode(counts, forKey: .counts)
    }
}

extension CheckInServer {
    func addAPI(to api: RouterGroup<CheckInContext>) {
        api.post("login") { request, context -> Response in
            let body = try await Self.decode(LoginBody.self, request, context)
            let session = try login(code: body.code, name: body.name, client: context.client)
            var response = try context.responseEncoder.encode(
                LoginReply(
                    csrf: session.csrf, facilitator: session.handle,
                    expiresAt: localISO(session.expiresAt)),
                from: request, context: context)
            response.setCookie(sessionCookie(session))
            return response
        }
        api.post("logout") { request, context -> Response in
            let facilitator = try context.facilitatorOrRefuse()
            try Self.checkCSRF(request.headers[.csrfToken], facilitator)
            access.logout(token: facilitator.token)
            log(facilitator, "signed out")
            var response = Response(status: .noContent)
            response.setCookie(Self.expiredCookie)
            return response
        }
        api.get("sessions") { _, context -> [SessionReply] in
            _ = try context.facilitatorOrRefuse()
            return try await sessions().map { row in
                SessionReply(
                    number: row.number, reference: sessionReference(row.number), title: row.session.title,
                    startsAt: row.session.startsAt.map(localISO), endsAt: row.session.endsAt.map(localISO),
                    room: row.session.room, attended: row.attended)
            }
        }
        api.get("sessions/:number/counts") { _, context -> CountsReply in
            _ = try context.facilitatorOrRefuse()
            return CountsReply(try await counts(try sessionNumber(context)))
        }
        api.get("sessions/:number/people") { request, context -> [PersonReply] in
            _ = try context.facilitatorOrRefuse()
            let text =
                (try? URLEncodedFormDecoder().decode(SearchFormBody.self, from: request.uri.query ?? ""))?.q ?? ""
            return try await search(try sessionNumber(context), text).map { person in
                PersonReply(
                    id: person.id, name: person.name, organisation: person.organisation, status: person.status?.rawValue
                )
            }
        }
        api.post("sessions/:number/marks") { request, context -> MarkReply in
            let facilitator = try context.facilitatorOrRefuse()
            try Self.checkCSRF(request.headers[.csrfToken], facilitator)
            let body = try await Self.decode(MarkBody.self, request, context)
            return MarkReply(
                try await mark(
                    try sessionNumber(context), participant: body.participant, status: body.status, by: facilitator))
        }
        api.post("sessions/:number/walk-ins") { request, context -> MarkReply in
            let facilitator = try context.facilitatorOrRefuse()
            try Self.checkCSRF(request.headers[.csrfToken], facilitator)
            let body = try await Self.decode(WalkInForm.self, request, context)
            return MarkReply(try await walkIn(try sessionNumber(context), body, by: facilitator))
        }
    }

    /// HttpOnly, SameSite=Strict, for the whole site, until the code expires.
    func sessionCookie(_ session: FacilitatorSession) -> Cookie {
        Cookie(
            name: FacilitatorMiddleware.cookieName, value: session.token,
            maxAge: max(0, Int(session.expiresAt.timeIntervalSince(access.now()))), path: "/", httpOnly: true,
            sameSite: .strict)
    }

    static let expiredCookie = Cookie(
        name: FacilitatorMiddleware.cookieName, value: "", maxAge: 0, path: "/", httpOnly: true, sameSite: .strict)

    static func checkCSRF(_ token: String?, _ facilitator: FacilitatorSession) throws {
        guard facilitator.acceptsCSRF(token) else {
            throw CheckInFailure(.forbidden, "The request lacks this page's security token. Reload the page.")
        }
    }

    /// A JSON body, or a 400 that says what was wrong with it (never echoing the body).
    static func decode<T: Decodable>(_ type: T.Type, _ request: Request, _ context: CheckInContext) async throws -> T {
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        do {
            return try JSONDecoder().decode(T.self, from: Data(buffer: buffer))
        } catch DecodingError.keyNotFound(let key, _) {
            throw CheckInFailure(.badRequest, "The request lacks '\(key.stringValue)'.")
        } catch {
            throw CheckInFailure(.badRequest, "The request body is not the JSON this call takes.")
        }
    }

    /// `2024-01-09T09:00:00+07:00`: the venue's local time with its offset.
    func localISO(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = event.zone
        return formatter.string(from: date)
    }
}

extension HTTPField.Name {
    static let csrfToken = Self("X-CSRF-Token")!
}
