import ConveneCore
import ConveneServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("convene serve: the phone pages, in process")
struct ServerPageTests {
    /// Signs in through the code form, as a phone does; the cookie and the page's CSRF token.
    func signInWithForm(_ client: some TestClientProtocol) async throws -> Signed {
        let response = try await client.postForm("/login", [("code", ServerFixture.code), ("name", "Ani")], as: nil)
        #expect(response.status == .seeOther)
        #expect(response.headers[.location] == "/")
        let cookie = String(try #require(response.headers[.setCookie]).split(separator: ";")[0])
        let page = try await client.get("/", as: Signed(cookie: cookie, csrf: ""))
        let csrf = try #require(page.text.firstMatch(of: /name="csrf" value="([0-9a-f]{64})"/)?.1)
        return Signed(cookie: cookie, csrf: String(csrf))
    }

    @Test("the code form, the session list and a session page render; a wrong code shows the error")
    func pages() async throws {
        let fixture = try ServerFixture()
        try await fixture.application.test(.router) { client in
            let login = try await client.get("/login")
            #expect(login.status == .ok)
            #expect(login.text.contains("Facilitator code"))
            #expect(login.headers[.contentType] == "text/html; charset=utf-8")

            let wrong = try await client.postForm("/login", [("code", "1234-5678")], as: nil)
            #expect(wrong.status == .unauthorized)
            #expect(wrong.text.contains("That is not the facilitator code."))

            let signed = try await signInWithForm(client)
            let list = try await client.get("/", as: signed)
            #expect(list.text.contains("psc-3/1</span> Plenary"))
            #expect(list.text.contains("2024-01-09 09:00–12:00 WIB"))
            let session = try await client.get("/sessions/1", as: signed)
            #expect(session.text.contains("<b id=\"present\">0</b> / <span id=\"registered\">4</span> present"))
            #expect(session.text.contains("<script src=\"/app.js\" defer></script>"))
            #expect(try await client.get("/app.js", as: signed).text.contains("setInterval"))
        }
    }

    @Test("search, mark and walk-in through the forms; a POST without the page's token is refused")
    func forms() async throws {
        let fixture = try ServerFixture()
        let budi = try fixture.id("budi@example.org")
        try await fixture.application.test(.router) { client in
            let signed = try await signInWithForm(client)
            let noToken = try await client.postForm("/sessions/1/search", [("q", "budi")], as: signed)
            #expect(noToken.status == .forbidden)

            let search = try await client.postForm(
                "/sessions/1/search", [("csrf", signed.csrf), ("q", "BUDI")], as: signed)
            #expect(search.text.contains("<b>Budi Santoso</b>"))
            #expect(search.text.contains("value=\"\(budi)\""))

            let noMarkToken = try await client.postForm(
                "/sessions/1/mark", [("participant", budi), ("status", "present"), ("q", "budi")], as: signed)
            #expect(noMarkToken.status == .forbidden)
            #expect(try fixture.plenaryMarks().isEmpty)

            let mark = try await client.postForm(
                "/sessions/1/mark", [("csrf", signed.csrf), ("participant", budi), ("status", "late"), ("q", "budi")],
                as: signed)
            #expect(mark.status == .ok)
            #expect(mark.text.contains("Budi Santoso: late."))
            #expect(mark.text.contains("class=\"current\" aria-pressed=\"true\">Late</button>"))

            let walkIn = try await client.postForm(
                "/sessions/1/walk-in",
                [
                    ("csrf", signed.csrf), ("name", "Nyoman <Ayu>"), ("gender", "female"), ("organisation", "SBMI"),
                    ("stakeholder", "civil-society"),
                ], as: signed)
            #expect(walkIn.status == .ok)
            #expect(walkIn.text.contains("Nyoman &lt;Ayu&gt; added as a walk-in and marked present."))
            #expect(!walkIn.text.contains("<Ayu>"))

            let refused = try await client.postForm(
                "/sessions/1/walk-in", [("csrf", signed.csrf), ("name", "Made"), ("organisation", "Nowhere Inc")],
                as: signed)
            #expect(refused.status == .notFound)
            #expect(
                refused.text.contains("No organisation matches &#39;Nowhere Inc&#39;.")
                    || refused.text.contains("No organisation matches &#x27;Nowhere Inc&#x27;."))
            #expect(refused.text.contains("value=\"Made\""))
        }
        #expect(try fixture.plenaryMarks()[budi]?.status == "late")
        #expect(try fixture.count("SELECT COUNT(*) FROM attendance") == 2)
    }
}
