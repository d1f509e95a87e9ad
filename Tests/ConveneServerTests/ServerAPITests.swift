import ConveneCore
import ConveneServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("convene serve: the JSON API, in process")
struct ServerAPITests {
    @Test("the code is exchanged for an HttpOnly, SameSite=Strict cookie and a CSRF token; a wrong code is 401")
    func login() async throws {
        let fixture = try ServerFixture()
        try await fixture.application.test(.router) { client in
            // Given the code printed at startup, typed with or without its dash
            let wrong = try await client.post("/api/v1/login", json: ["code": "1111-2222"])
            #expect(wrong.status == .unauthorized)
            #expect(
                wrong.object["error"] as? String
                    == "That is not the facilitator code. Check it with whoever runs Convene.")
            #expect(wrong.headers[.setCookie] == nil)

            let right = try await client.post("/api/v1/login", json: ["code": "48271935", "name": "Ani"])
            #expect(right.status == .ok)
            let cookie = try #require(right.headers[.setCookie])
            #expect(cookie.hasPrefix("convene_session="))
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Strict"))
            #expect((right.object["csrf"] as? String)?.count == 64)
            #expect(right.headers[.cacheControl] == "no-store")
            #expect(right.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
        }
        #expect(fixture.accessLog.lines.contains { $0.contains("sign-in refused: wrong code") })
    }

    @Test("nothing is served without the code: the API says 401, pages send the phone to the code form")
    func nothingWithoutCode() async throws {
        let fixture = try ServerFixture()
        try await fixture.application.test(.router) { client in
            for uri in ["/api/v1/sessions", "/api/v1/sessions/1/people?q=siti", "/api/v1/sessions/1/counts", "/app.js"]
            {
                #expect(try await client.get(uri).status == .unauthorized, "\(uri)")
            }
            let mark = try await client.post(
                "/api/v1/sessions/1/marks", json: ["participant": "x", "status": "present"])
            #expect(mark.status == .unauthorized)
            for uri in ["/", "/sessions/1"] {
                let page = try await client.get(uri)
                #expect(page.status == .seeOther)
                #expect(page.headers[.location] == "/login")
            }
            // A made-up cookie is no session
            let forged = Signed(cookie: "convene_session=" + String(repeating: "ab", count: 32), csrf: "x")
            #expect(try await client.get("/api/v1/sessions", as: forged).status == .unauthorized)
        }
        #expect(try fixture.count("SELECT COUNT(*) FROM attendance") == 0)
    }

    @Test("sessions list the event's sessions with local start times")
    func sessions() async throws {
        let fixture = try ServerFixture()
        try await fixture.application.test(.router) { client in
            let signed = try await client.signIn()
            let list = try await client.get("/api/v1/sessions", as: signed).list
            #expect(list.map { $0["number"] as? Int } == [1, 2])
            #expect(list.map { $0["title"] as? String } == ["Plenary", "Workplan"])
            #expect(list.first?["starts_at"] as? String == "2024-01-09T09:00:00+07:00")
            #expect(list.first?["reference"] as? String == "psc-3/1")
        }
    }

    @Test("search ignores case and accents, finds by organisation and phone tail, and returns no contacts")
    func search() async throws {
        let fixture = try ServerFixture()
        try await fixture.application.test(.router) { client in
            let signed = try await client.signIn()
            func names(_ q: String) async throws -> [String] {
                let query = q.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)!
                return try await client.get("/api/v1/sessions/1/people?q=\(query)", as: signed).list.compactMap {
                    $0["name"] as? String
                }
            }
            #expect(try await names("rose") == ["Rosé Manurung"])
            #expect(try await names("ROSÉ manu") == ["Rosé Manurung"])
            #expect(try await names("sbmi") == ["Budi Santoso", "Rosé Manurung"])
            #expect(try await names("kemlu siti") == ["Siti Aminah"])
            #expect(try await names("7890") == ["Siti Aminah"])
            #expect(try await names("0812-3456-7890") == ["Siti Aminah"])
            #expect(try await names("s") == [])
            // Yusuf is registered for PSC-4 only: a PSC-3 search never shows him
            #expect(try await names("yusuf") == [])
            #expect(try await names("2222") == [])

            let raw = try await client.get("/api/v1/sessions/1/people?q=siti", as: signed)
            #expect(Set(raw.list.first?.keys.map { $0 } ?? []) == ["id", "name", "organisation", "status"])
            #expect(!raw.text.contains("example.org"))
            #expect(!raw.text.contains("+62"))
        }
    }

    @Test("search returns at most 50 people")
    func searchLimit() async throws {
        let fixture = try ServerFixture()
        try fixture.addCrowd(60)
        try await fixture.application.test(.router) { client in
            let signed = try await client.signIn()
            #expect(try await client.get("/api/v1/sessions/1/people?q=peserta", as: signed).list.count == 50)
        }
    }

    @Test("a mark needs the CSRF token; marking twice is one row, method web, marked by the facilitator")
    func marks() async throws {
        let fixture = try ServerFixture()
        let siti = try fixture.id("siti@example.org")
        try await fixture.application.test(.router) { client in
            let signed = try await client.signIn(name: "Ani")
            let body = ["participant": siti, "status": "present"]

            let missing = try await client.post("/api/v1/sessions/1/marks", json: body, as: signed)
            #expect(missing.status == .forbidden)
            let wrong = try await client.post(
                "/api/v1/sessions/1/marks", json: body, as: signed,
                csrf: (signed.csrf.first == "0" ? "1" : "0") + signed.csrf.dropFirst())
            #expect(wrong.status == .forbidden)
            #expect(try fixture.plenaryMarks().isEmpty)

            let first = try await client.post("/api/v1/sessions/1/marks", json: body, as: signed, csrf: signed.csrf)
            #expect(first.status == .ok)
            #expect(first.object["outcome"] as? String == "marked")
            let again = try await client.post("/api/v1/sessions/1/marks", json: body, as: signed, csrf: signed.csrf)
            #expect(again.status == .ok)
            #expect(again.object["outcome"] as? String == "unchanged")
            let late = try await client.post(
                "/api/v1/sessions/1/marks", json: ["participant": siti, "status": "terlambat"], as: signed,
                csrf: signed.csrf)
            #expect(late.object["outcome"] as? String == "changed")
            #expect(late.object["previous"] as? String == "present")
            #expect((late.object["counts"] as? [String: Int]) == ["registered": 4, "present": 1, "women": 1])
        }
        let marks = try fixture.plenaryMarks()
        #expect(marks.count == 1)
        #expect(marks[siti]?.status == "late")
        #expect(marks[siti]?.method == "web")
        #expect(marks[siti]?.markedBy?.hasPrefix("Ani (web-") == true)
        // The access log says who (a handle), what and when, and never a name
        let log = fixture.accessLog.lines
        #expect(log.contains { $0.contains("psc-3/1") && $0.contains(String(siti.prefix(8))) && $0.contains("late") })
        #expect(!log.joined().contains("Siti"))
        #expect(!log.joined().contains("Ani"))
    }

    @Test("another event's participant, an unknown id or a bad status is refused with the CLI's words")
    func refusals() async throws {
        let fixture = try ServerFixture()
        let yusuf = try fixture.id("yusuf@example.org")
        let siti = try fixture.id("siti@example.org")
        try await fixture.application.test(.router) { client in
            let signed = try await client.signIn()
            let other = try await client.post(
                "/api/v1/sessions/1/marks", json: ["participant": yusuf, "status": "present"], as: signed,
                csrf: signed.csrf)
            #expect(other.status == .forbidden)
            #expect(other.object["error"] as? String == "This person is not registered for psc-3.")

            let byEmail = try await client.post(
                "/api/v1/sessions/1/marks", json: ["participant": "siti@example.org", "status": "present"], as: signed,
                csrf: signed.csrf)
            #expect(byEmail.status == .unprocessableContent)

            let status = try await client.post(
                "/api/v1/sessions/1/marks", json: ["participant": siti, "status": "maybe"], as: signed,
                csrf: signed.csrf)
            #expect(status.status == .unprocessableContent)
            #expect(
                status.object["error"] as? String
                    == "'maybe' is not a valid attendance status. Accepted values: present, late, left-early, excused, absent."
            )
            let session = try await client.post(
                "/api/v1/sessions/9/marks", json: ["participant": siti, "status": "present"], as: signed,
                csrf: signed.csrf)
            #expect(session.status == .notFound)
        }
        #expect(try fixture.count("SELECT COUNT(*) FROM attendance") == 0)
        #expect(try fixture.count("SELECT COUNT(*) FROM registration") == 5)
        #expect(fixture.accessLog.lines.contains { $0.contains("psc-3/1  \(yusuf.prefix(8))  refused (403)") })
    }

    @Test("a walk-in is added, registered and marked once, however often the form is sent")
    func walkIns() async throws {
        let fixture = try ServerFixture()
        try await fixture.application.test(.router) { client in
            let signed = try await client.signIn()
            let form = ["name": "Wayan Sudarsana", "gender": "P", "organisation": "SBMI", "stakeholder": "cso"]
            let first = try await client.post("/api/v1/sessions/1/walk-ins", json: form, as: signed, csrf: signed.csrf)
            #expect(first.status == .ok)
            #expect(first.object["outcome"] as? String == "marked")
            #expect(first.object["registered_now"] as? Bool == true)
            #expect((first.object["counts"] as? [String: Int]) == ["registered": 5, "present": 1, "women": 1])

            let again = try await client.post("/api/v1/sessions/1/walk-ins", json: form, as: signed, csrf: signed.csrf)
            #expect(again.object["outcome"] as? String == "unchanged")
            #expect(again.object["matched_by"] as? String == "name and organisation")
            #expect(again.object["participant"] as? String == first.object["participant"] as? String)

            let unknown = try await client.post(
                "/api/v1/sessions/1/walk-ins", json: ["name": "Made Wirawan", "organisation": "Kemluu"], as: signed,
                csrf: signed.csrf)
            #expect(unknown.status == .notFound)
            let message = try #require(unknown.object["error"] as? String)
            #expect(message.hasPrefix("No organisation matches 'Kemluu'."))
            #expect(!message.contains("convene") && !message.contains("--"))

            let nameless = try await client.post(
                "/api/v1/sessions/1/walk-ins", json: ["name": "  "], as: signed, csrf: signed.csrf)
            #expect(nameless.status == .unprocessableContent)
            #expect(nameless.object["error"] as? String == "Name: a participant needs a name.")

            let counts = try await client.get("/api/v1/sessions/1/counts", as: signed)
            #expect((counts.object as? [String: Int]) == ["registered": 5, "present": 1, "women": 1])
        }
        #expect(try fixture.count("SELECT COUNT(*) FROM participant WHERE fullName = 'Wayan Sudarsana'") == 1)
        #expect(try fixture.count("SELECT COUNT(*) FROM participant WHERE fullName = 'Made Wirawan'") == 0)
    }

    @Test("an expired code lets nobody in, and sessions end with it")
    func expiry() async throws {
        let fixture = try ServerFixture()
        try await fixture.application.test(.router) { client in
            let signed = try await client.signIn()
            fixture.clock.advance(9 * 3600 + 1)
            let late = try await client.post("/api/v1/login", json: ["code": ServerFixture.code])
            #expect(late.status == .unauthorized)
            #expect(
                late.object["error"] as? String == "That code has expired. Ask whoever runs Convene for the new one.")
            #expect(try await client.get("/api/v1/sessions", as: signed).status == .unauthorized)
        }
    }

    @Test("five wrong codes lock the client out for the window, even with the right code")
    func rateLimit() async throws {
        let fixture = try ServerFixture()
        try await fixture.application.test(.router) { client in
            for _ in 1...5 {
                #expect(try await client.post("/api/v1/login", json: ["code": "0000-0000"]).status == .unauthorized)
            }
            let locked = try await client.post("/api/v1/login", json: ["code": ServerFixture.code])
            #expect(locked.status == .tooManyRequests)
            #expect(locked.headers[.retryAfter] == "900")
            fixture.clock.advance(15 * 60)
            #expect(try await client.post("/api/v1/login", json: ["code": ServerFixture.code]).status == .ok)
        }
    }

    @Test("--read-only serves the counts and nothing that names a person")
    func readOnly() async throws {
        let fixture = try ServerFixture(readOnly: true)
        let siti = try fixture.id("siti@example.org")
        try await fixture.application.test(.router) { client in
            let signed = try await client.signIn()
            #expect(try await client.get("/api/v1/sessions/1/counts", as: signed).status == .ok)
            #expect(try await client.get("/api/v1/sessions/1/people?q=siti", as: signed).status == .forbidden)
            let mark = try await client.post(
                "/api/v1/sessions/1/marks", json: ["participant": siti, "status": "present"], as: signed,
                csrf: signed.csrf)
            #expect(mark.status == .forbidden)
            let walkIn = try await client.post(
                "/api/v1/sessions/1/walk-ins", json: ["name": "Made Wirawan"], as: signed, csrf: signed.csrf)
            #expect(walkIn.status == .forbidden)
            let page = try await client.get("/sessions/1", as: signed)
            #expect(page.status == .ok)
            #expect(page.text.contains("shows counts only"))
            #expect(!page.text.contains("Add a walk-in"))
        }
        #expect(try fixture.count("SELECT COUNT(*) FROM attendance") == 0)
    }

    @Test("marks sent at once by eight phones are each stored once")
    func concurrentMarks() async throws {
        let fixture = try ServerFixture()
        try fixture.addCrowd(40)
        let ids = try (1...40).map { try fixture.id("peserta\($0)@example.org") }
        try await fixture.application.test(.router) { client in
            let phones = try await withThrowingTaskGroup(of: Signed.self) { group in
                for _ in 0..<8 { group.addTask { try await client.signIn() } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for phone in phones {
                    group.addTask {
                        // Every phone marks everyone: the same person from several phones at once
                        for id in ids.shuffled() {
                            let response = try await client.post(
                                "/api/v1/sessions/1/marks", json: ["participant": id, "status": "present"], as: phone,
                                csrf: phone.csrf)
                            #expect(response.status == .ok)
                        }
                    }
                }
                try await group.waitForAll()
            }
        }
        #expect(try fixture.count("SELECT COUNT(*) FROM attendance") == 40)
        #expect(try fixture.sessionCountsPresent() == 40)
    }
}

extension ServerFixture {
    func sessionCountsPresent() throws -> Int { try db.sessionCounts(session: "psc-3/1").present }
}
