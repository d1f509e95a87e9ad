import ConveneCore
import ConveneServer
import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

/// A clock the tests move: code expiry and the failed-attempt window without waiting.
final class TestClock: Sendable {
    private let date = Mutex(Date(timeIntervalSince1970: 1_704_765_600))  // 2024-01-09 09:00 WIB

    var now: Date { date.withLock { $0 } }
    func advance(_ seconds: TimeInterval) { date.withLock { $0 += seconds } }
}

/// What the server wrote to its access log.
final class LogLines: Sendable {
    private let storage = Mutex<[String]>([])
    func append(_ line: String) { storage.withLock { $0.append(line) } }
    var lines: [String] { storage.withLock { $0 } }
}

/// A temp database holding PSC-3 (two sessions) and PSC-4, the people registered for each,
/// and a check-in server for PSC-3 whose code is 4827-1935, valid until 18:00 WIB.
final class ServerFixture: Sendable {
    let directory: URL
    let path: String
    let db: AppDatabase
    let clock = TestClock()
    let access: FacilitatorAccess
    let server: CheckInServer
    let accessLog = LogLines()
    static let code = "4827-1935"

    init(readOnly: Bool = false, limits: FacilitatorAccess.Limits = .init()) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("convene-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        path = directory.appendingPathComponent("test.sqlite").path
        db = try AppDatabase.open(path: path, create: true, concurrentReads: true)
        try Self.seed(db)
        let clock = clock
        access = FacilitatorAccess(
            code: FacilitatorCode(digits: "48271935", expiresAt: clock.now.addingTimeInterval(9 * 3600)),
            limits: limits, now: { clock.now })
        let log = accessLog
        server = try CheckInServer(
            database: db,
            configuration: CheckInConfiguration(event: "psc-3", readOnly: readOnly) { line in
                log.append(line)
            }, access: access)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    var application: some ApplicationProtocol { Application(router: server.router()) }

    static func seed(_ db: AppDatabase) throws {
        _ = try db.addOrganisation(.init(name: "Kementerian Luar Negeri", acronym: "Kemlu", type: .ministry))
        _ = try db.addOrganisation(.init(name: "Serikat Buruh Migran Indonesia", acronym: "SBMI", type: .civilSociety))
        _ = try db.addEvent(
            .init(
                code: "psc-3", title: "Third PSC meeting", kind: .pscMeeting, series: "PSC", number: 3,
                startDate: CalendarDate(iso: "2024-01-09")!))
        _ = try db.addSession(.init(event: "psc-3", title: "Plenary", start: "09:00", end: "12:00"))
        _ = try db.addSession(.init(event: "psc-3", title: "Workplan", start: "13:00", end: "15:00"))
        _ = try db.addEvent(
            .init(
                code: "psc-4", title: "Final PSC meeting", kind: .pscMeeting, series: "PSC", number: 4,
                startDate: CalendarDate(iso: "2024-09-25")!))
        let people: [(String, Gender, String?, String, String?)] = [
            ("Siti Aminah", .female, "Kemlu", "siti@example.org", "0812-3456-7890"),
            ("Budi Santoso", .male, "SBMI", "budi@example.org", nil),
            ("Rosé Manurung", .female, "SBMI", "rose@example.org", nil),
            ("Dewi Lestari", .female, nil, "dewi@example.org", nil),
            ("Yusuf Rahman", .male, "Kemlu", "yusuf@example.org", "0813-1111-2222"),
        ]
        for (name, gender, organisation, email, phone) in people {
            _ = try db.addParticipant(
                .init(fullName: name, gender: gender, organisation: organisation, email: email, phone: phone))
        }
        _ = try db.register(
            ["siti@example.org", "budi@example.org", "rose@example.org", "dewi@example.org"], forEvent: "psc-3",
            role: nil)
        _ = try db.register(["yusuf@example.org"], forEvent: "psc-4", role: nil)
    }

    /// Adds `count` people called "Peserta N", all registered for PSC-3.
    func addCrowd(_ count: Int) throws {
        let emails = try (1...count).map { index in
            let email = "peserta\(index)@example.org"
            _ = try db.addParticipant(.init(fullName: "Peserta \(index)", gender: .male, email: email))
            return email
        }
        _ = try db.register(emails, forEvent: "psc-3", role: nil)
    }

    /// The id of the participant with this e-mail.
    func id(_ email: String) throws -> String {
        try readOnlyQueue().read { db in
            try String.fetchOne(db, sql: "SELECT id FROM participant WHERE email = ?", arguments: [email])!
        }
    }

    /// Attendance rows of PSC-3's plenary: participant id → (status, method, markedBy).
    func plenaryMarks() throws -> [String: (status: String, method: String, markedBy: String?)] {
        try readOnlyQueue().read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT a.participantId, a.status, a.method, a.markedBy FROM attendance a
                    JOIN session s ON s.id = a.sessionId WHERE s.title = 'Plenary'
                    """)
            return Dictionary(
                uniqueKeysWithValues: rows.map { row in
                    (
                        row["participantId"] as String,
                        (
                            status: row["status"] as String, method: row["method"] as String,
                            markedBy: row["markedBy"] as String?
                        )
                    )
                })
        }
    }

    func count(_ sql: String) throws -> Int {
        try readOnlyQueue().read { db in try Int.fetchOne(db, sql: sql)! }
    }

    private func readOnlyQueue() throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.readonly = true
        return try DatabaseQueue(path: path, configuration: configuration)
    }
}

// MARK: - Requests

struct Signed: Sendable {
    var cookie: String
    var csrf: String
}

extension TestClientProtocol {
    /// Signs in with the fixture's code; the cookie and CSRF token for later requests.
    func signIn(code: String = ServerFixture.code, name: String? = "Ani") async throws -> Signed {
        let response = try await post("/api/v1/login", json: ["code": code, "name": name ?? ""])
        #expect(response.status == .ok)
        let cookie = try #require(response.headers[.setCookie]).split(separator: ";")[0]
        let body = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as! [String: Any]
        return Signed(cookie: String(cookie), csrf: body["csrf"] as! String)
    }

    func post(_ uri: String, json: [String: String], as signed: Signed? = nil, csrf: String? = nil) async throws
        -> TestResponse
    {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let signed { headers[.cookie] = signed.cookie }
        if let csrf { headers[.init("X-CSRF-Token")!] = csrf }
        let body = try JSONSerialization.data(withJSONObject: json)
        return try await execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(bytes: body))
    }

    func postForm(_ uri: String, _ fields: [(String, String)], as signed: Signed?) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        if let signed { headers[.cookie] = signed.cookie }
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        let body = fields.map {
            "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed)!)"
        }.joined(separator: "&")
        return try await execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    func get(_ uri: String, as signed: Signed? = nil) async throws -> TestResponse {
        var headers: HTTPFields = [:]
        if let signed { headers[.cookie] = signed.cookie }
        return try await execute(uri: uri, method: .get, headers: headers)
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }
    var json: Any { (try? JSONSerialization.jsonObject(with: Data(buffer: body))) ?? [:] }
    var object: [String: Any] { json as? [String: Any] ?? [:] }
    var list: [[String: Any]] { json as? [[String: Any]] ?? [] }
}
