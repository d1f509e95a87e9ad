import ConveneCore
import Foundation
import Hummingbird

// MARK: - The pages a phone shows
// Plain HTML forms, so they work on any phone without a framework; one small script keeps
// the counts live. Searches and marks are POSTs, so no name ends up in a URL or a history.

/// What `checkin.en.html.mustache` renders: one page, its parts optional.
struct PageContext: Encodable {
    struct EventPart: Encodable {
        var code: String
        var title: String
    }
    struct LoginPart: Encodable {
        var name: String
    }
    struct SessionLine: Encodable {
        var number: Int
        var reference: String
        var title: String
        var time: String
        var attended: Int
    }
    struct SessionListPart: Encodable {
        var sessions: [SessionLine]
    }
    struct Choice: Encodable {
        var value: String
        var label: String
        var selected: Bool
    }
    struct Button: Encodable {
        var value: String
        var label: String
        var current: Bool
    }
    struct PersonLine: Encodable {
        var id: String
        var name: String
        var organisation: String
        var statusLabel: String?
        var buttons: [Button]
    }
    struct SearchPart: Encodable {
        var people: [PersonLine]
        var more: Bool
        var limit: Int
    }
    struct WalkInPart: Encodable {
        var open: Bool
        var name: String
        var organisation: String
        var genders: [Choice]
        var stakeholders: [Choice]
    }
    struct SessionPart: Encodable {
        var number: Int
        var reference: String
        var title: String
        var time: String
        var present: Int
        var registered: Int
        var women: Int
        var canMark: Bool
        var query: String
        var searched: SearchPart?
        var walkIn: WalkInPart?
    }

    var title: String
    var event: EventPart?
    var signedIn: Bool
    var csrf: String
    var error: String?
    var notice: String?
    var login: LoginPart?
    var sessionList: SessionListPart?
    var session: SessionPart?
    var back: Bool
}

struct LoginFormBody: Decodable {
    var code: String?
    var name: String?
}

struct CSRFFormBody: Decodable {
    var csrf: String?
}

struct SearchFormBody: Decodable {
    var csrf: String?
    var q: String?
}

struct MarkFormBody: Decodable {
    var csrf: String?
    var participant: String?
    var status: String?
    var q: String?
}

struct WalkInFormBody: Decodable {
    var csrf: String?
    var name: String?
    var gender: String?
    var organisation: String?
    var stakeholder: String?
}

enum Pages {
    static let template = "checkin.en.html.mustache"

    static func render(_ page: PageContext, status: HTTPResponse.Status = .ok) -> Response {
        let html: String
        do {
            html = try DocumentRenderer.render(page, template: template, using: TemplateSet())
        } catch {
            return Response(
                status: .internalServerError, headers: [.contentType: "text/plain; charset=utf-8"],
                body: .init(
                    byteBuffer: ByteBuffer(string: "The page could not be rendered: \(error.localizedDescription)")))
        }
        return Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    static func errorPage(status: HTTPResponse.Status, message: String) -> Response {
        render(
            PageContext(
                title: "Convene check-in", event: nil, signedIn: false, csrf: "", error: message, notice: nil,
                login: nil, sessionList: nil, session: nil, back: true), status: status)
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }

    static let statusButtons: [(AttendanceStatus, String)] = [
        (.present, "Present"), (.late, "Late"), (.leftEarly, "Left early"), (.excused, "Excused"),
    ]

    static func label(_ status: AttendanceStatus) -> String {
        switch status {
        case .present: "Present"
        case .late: "Late"
        case .leftEarly: "Left early"
        case .excused: "Excused"
        case .absent: "Absent"
        }
    }

    static let genderChoices: [(String, String)] = [
        ("", "Not given"), ("female", "Female"), ("male", "Male"), ("other", "Other"),
        ("undisclosed", "Prefers not to say"),
    ]

    static let stakeholderChoices: [(String, String)] = [
        ("", "Not given"), ("government-national", "National government"),
        ("government-subnational", "Local government"), ("un-agency", "UN agency"),
        ("civil-society", "Civil society"), ("academia", "Academia"), ("private-sector", "Private sector"),
        ("trade-union", "Trade union"), ("human-rights-institution", "Human rights institution"),
        ("migrant-or-diaspora", "Migrant or diaspora"), ("media", "Media"), ("donor", "Donor"), ("other", "Other"),
    ]

    static func choices(_ options: [(String, String)], selected: String?) -> [PageContext.Choice] {
        options.map { PageContext.Choice(value: $0.0, label: $0.1, selected: $0.0 == (selected ?? "")) }
    }

    static let script = """
        (function () {
          var box = document.getElementById('counts');
          if (!box || !window.fetch) return;
          var url = box.getAttribute('data-url');
          function tick() {
            fetch(url, { credentials: 'same-origin', cache: 'no-store' })
              .then(function (r) { return r.ok ? r.json() : null; })
              .then(function (c) {
                if (!c) { box.classList.add('stale'); return; }
                ['present', 'registered', 'women'].forEach(function (k) {
                  var n = document.getElementById(k);
                  if (n) n.textContent = c[k];
                });
                box.classList.remove('stale');
              })
              .catch(function () { box.classList.add('stale'); });
          }
          setInterval(tick, 5000);
        })();

        """
}

extension CheckInServer {
    func addPages(to router: Router<CheckInContext>) {
        router.get("/") { _, context -> Response in
            guard let facilitator = context.facilitator else { return Pages.redirect("/login") }
            return try await sessionListPage(facilitator)
        }
        router.get("login") { _, context -> Response in
            if context.facilitator != nil { return Pages.redirect("/") }
            return loginPage(error: nil, name: "")
        }
        router.post("login") { request, context -> Response in
            let form = try await Self.decodeForm(LoginFormBody.self, request, context)
            do {
                let session = try login(code: form.code ?? "", name: form.name, client: context.client)
                var response = Pages.redirect("/")
                response.setCookie(sessionCookie(session))
                return response
            } catch let failure as CheckInFailure {
                var response = loginPage(error: failure.message, name: form.name ?? "", status: failure.status)
                if let retryAfter = failure.retryAfter { response.headers[.retryAfter] = String(retryAfter) }
                return response
            }
        }
        router.post("logout") { request, context -> Response in
            var response = Pages.redirect("/login")
            response.setCookie(Self.expiredCookie)
            guard let facilitator = context.facilitator else { return response }
            let form = try await Self.decodeForm(CSRFFormBody.self, request, context)
            try Self.checkCSRF(form.csrf, facilitator)
            access.logout(token: facilitator.token)
            log(facilitator, "signed out")
            return response
        }
        router.get("app.js") { _, context -> Response in
            _ = try context.facilitatorOrRefuse()
            return Response(
                status: .ok, headers: [.contentType: "text/javascript; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: Pages.script)))
        }
        router.get("sessions/:number") { _, context -> Response in
            guard let facilitator = context.facilitator else { return Pages.redirect("/login") }
            return try await sessionPage(try sessionNumber(context), facilitator)
        }
        router.post("sessions/:number/search") { request, context -> Response in
            guard let facilitator = context.facilitator else { return Pages.redirect("/login") }
            let form = try await Self.decodeForm(SearchFormBody.self, request, context)
            try Self.checkCSRF(form.csrf, facilitator)
            return try await sessionPage(try sessionNumber(context), facilitator, query: form.q ?? "")
        }
        router.post("sessions/:number/mark") { request, context -> Response in
            guard let facilitator = context.facilitator else { return Pages.redirect("/login") }
            let form = try await Self.decodeForm(MarkFormBody.self, request, context)
            try Self.checkCSRF(form.csrf, facilitator)
            let number = try sessionNumber(context)
            do {
                let outcome = try await mark(
                    number, participant: form.participant ?? "", status: form.status ?? "", by: facilitator)
                let notice =
                    outcome.outcome == .unchanged
                    ? "\(outcome.participant.fullName) was already marked \(Pages.label(outcome.status).lowercased())."
                    : "\(outcome.participant.fullName): \(Pages.label(outcome.status).lowercased())."
                return try await sessionPage(number, facilitator, query: form.q ?? "", notice: notice)
            } catch let failure as CheckInFailure where failure.status != .serviceUnavailable {
                return try await sessionPage(
                    number, facilitator, query: form.q ?? "", error: failure.message, status: failure.status)
            }
        }
        router.post("sessions/:number/walk-in") { request, context -> Response in
            guard let facilitator = context.facilitator else { return Pages.redirect("/login") }
            let form = try await Self.decodeForm(WalkInFormBody.self, request, context)
            try Self.checkCSRF(form.csrf, facilitator)
            let number = try sessionNumber(context)
            let submitted = WalkInForm(
                name: form.name ?? "", gender: form.gender, organisation: form.organisation,
                stakeholder: form.stakeholder)
            do {
                let outcome = try await walkIn(number, submitted, by: facilitator)
                let notice =
                    outcome.matchedBy != nil
                    ? "\(outcome.participant.fullName) was already in the database (same \(outcome.matchedBy!)): \(outcome.outcome == .unchanged ? "already marked" : "marked") \(Pages.label(outcome.status).lowercased())."
                    : "\(outcome.participant.fullName) added as a walk-in and marked \(Pages.label(outcome.status).lowercased())."
                return try await sessionPage(number, facilitator, query: outcome.participant.fullName, notice: notice)
            } catch let failure as CheckInFailure where failure.status != .serviceUnavailable {
                return try await sessionPage(
                    number, facilitator, error: failure.message, walkIn: submitted, status: failure.status)
            }
        }
    }

    // MARK: Pages

    func loginPage(error: String?, name: String, status: HTTPResponse.Status = .ok) -> Response {
        Pages.render(
            PageContext(
                title: "Check-in · \(event.code)", event: eventPart, signedIn: false, csrf: "", error: error,
                notice: nil, login: .init(name: name), sessionList: nil, session: nil, back: false), status: status)
    }

    func sessionListPage(_ facilitator: FacilitatorSession) async throws -> Response {
        let lines = try await sessions().map { row in
            PageContext.SessionLine(
                number: row.number, reference: sessionReference(row.number), title: row.session.title,
                time: timeText(row.session), attended: row.attended)
        }
        return Pages.render(
            PageContext(
                title: "Sessions · \(event.code)", event: eventPart, signedIn: true, csrf: facilitator.csrf,
                error: nil, notice: nil, login: nil, sessionList: .init(sessions: lines), session: nil, back: false))
    }

    func sessionPage(
        _ number: Int, _ facilitator: FacilitatorSession, query: String? = nil, notice: String? = nil,
        error: String? = nil, walkIn: WalkInForm? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        guard let row = try await sessions().first(where: { $0.number == number }) else {
            throw CheckInFailure(.notFound, "There is no such session.")
        }
        let counts = try await counts(number)
        var searched: PageContext.SearchPart?
        let query = Normalise.whitespace(query ?? "")
        if !configuration.readOnly, !query.isEmpty {
            let people = try await search(number, query)
            searched = PageContext.SearchPart(
                people: people.map { person in
                    PageContext.PersonLine(
                        id: person.id, name: person.name, organisation: person.organisation ?? "",
                        statusLabel: person.status.map(Pages.label),
                        buttons: Pages.statusButtons.map {
                            PageContext.Button(value: $0.0.rawValue, label: $0.1, current: person.status == $0.0)
                        })
                }, more: people.count >= configuration.maxResults, limit: configuration.maxResults)
        }
        let walkInPart = PageContext.WalkInPart(
            open: walkIn != nil, name: walkIn?.name ?? "", organisation: walkIn?.organisation ?? "",
            genders: Pages.choices(Pages.genderChoices, selected: walkIn?.gender),
            stakeholders: Pages.choices(Pages.stakeholderChoices, selected: walkIn?.stakeholder))
        let part = PageContext.SessionPart(
            number: number, reference: sessionReference(number), title: row.session.title,
            time: timeText(row.session), present: counts.present, registered: counts.registered, women: counts.women,
            canMark: !configuration.readOnly, query: query, searched: searched,
            walkIn: configuration.readOnly ? nil : walkInPart)
        return Pages.render(
            PageContext(
                title: "\(sessionReference(number)) · \(row.session.title)", event: eventPart, signedIn: true,
                csrf: facilitator.csrf, error: error, notice: notice, login: nil, sessionList: nil, session: part,
                back: false), status: status)
    }

    var eventPart: PageContext.EventPart { .init(code: event.code, title: event.title) }

    /// `2024-01-09 09:00–12:00 WIB`, in the venue's zone.
    func timeText(_ session: Session) -> String {
        guard let start = session.startsAt else { return "No time set" }
        let zone = event.zone
        var text = LocalTime.format(start, in: zone)
        if let end = session.endsAt { text += "–" + LocalTime.formatClock(end, in: zone) }
        return text + " " + LocalTime.zoneLabel(zone, at: start)
    }

    static func decodeForm<T: Decodable>(_ type: T.Type, _ request: Request, _ context: CheckInContext) async throws
        -> T
    {
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        do {
            return try URLEncodedFormDecoder().decode(T.self, from: String(buffer: buffer))
        } catch {
            throw CheckInFailure(.badRequest, "The form could not be read. Reload the page and try again.")
        }
    }
}
