import Foundation

@testable import ConveneCore

/// A database in a temp file of its own, removed when the test is done.
final class TestDatabase: Sendable {
    let directory: URL
    let path: String
    let db: AppDatabase

    convenience init() throws {
        let name = "convene-core-\(UUID().uuidString)"
        try self.init(in: FileManager.default.temporaryDirectory.appendingPathComponent(name))
    }

    private init(in directory: URL) throws {
        self.directory = directory
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        path = directory.appendingPathComponent("test.sqlite").path
        db = try AppDatabase.open(path: path, create: true)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// The folder of the database a suite shares, one per test process.
    static var sharedDirectory: URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("convene-core-shared-\(getpid())")
    }

    /// A database a whole suite shares through a `static let`. A static is never
    /// deinitialised, so its folder is removed when the test process exits instead (one
    /// such database per process).
    static func shared() throws -> TestDatabase {
        atexit { try? FileManager.default.removeItem(at: TestDatabase.sharedDirectory) }
        return try TestDatabase(in: sharedDirectory)
    }

    /// Kemlu with a directorate, SBMI, and PSC-3 (one plenary, 09:00–12:00 WIB).
    func seed() throws {
        _ = try db.addOrganisation(.init(name: "Kementerian Luar Negeri", acronym: "Kemlu", type: .ministry))
        _ = try db.addOrganisation(.init(name: "Direktorat Sosial Budaya dan OINB", type: .ministry, parent: "Kemlu"))
        _ = try db.addOrganisation(.init(name: "Serikat Buruh Migran Indonesia", acronym: "SBMI", type: .civilSociety))
        _ = try db.addEvent(
            .init(
                code: "psc-3", title: "Third Programme Steering Committee meeting", kind: .pscMeeting, series: "PSC",
                number: 3, startDate: CalendarDate(iso: "2024-01-09")!, venue: "Diplomacy Cafeteria Meeting Room",
                city: "Jakarta"))
        _ = try db.addSession(
            .init(event: "psc-3", title: "Plenary", start: "2024-01-09 09:00", end: "2024-01-09 12:00"))
    }

    @discardableResult
    func person(_ name: String, _ gender: Gender, org: String? = nil, email: String? = nil, phone: String? = nil) throws
        -> Participant
    {
        try db.addParticipant(.init(fullName: name, gender: gender, organisation: org, email: email, phone: phone))
    }
}
