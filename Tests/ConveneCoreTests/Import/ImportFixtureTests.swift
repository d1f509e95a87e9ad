import Foundation
import GRDB
import Synchronization
import Testing

@testable import ConveneCore

/// The four fixture files in Fixtures/imports, imported into a known seed. Every figure
/// below was counted by hand from the files (see Fixtures/imports/README.md).
@Suite("import: the four real-world exports")
struct ImportFixtureTests {
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/imports")

    static func fixture(_ name: String) throws -> Data {
        try Data(contentsOf: fixtures.appendingPathComponent(name))
    }

    /// Kemlu with its directorate, SBMI (alias "SBMI NTB"), and Budi Santoso of SBMI.
    static func seed() throws -> TestDatabase {
        let test = try TestDatabase()
        _ = try test.db.addOrganisation(.init(name: "Kementerian Luar Negeri", acronym: "Kemlu", type: .ministry))
        _ = try test.db.addOrganisation(
            .init(name: "Direktorat Sosial Budaya dan OINB", type: .ministry, parent: "Kemlu"))
        _ = try test.db.addOrganisation(
            .init(name: "Serikat Buruh Migran Indonesia", acronym: "SBMI", type: .civilSociety))
        _ = try test.db.addAlias("SBMI NTB", to: "SBMI")
        try test.person("Budi Santoso", .male, org: "SBMI", email: "budi@example.org")
        return test
    }

    static func addEvent(
        _ test: TestDatabase, _ code: String, _ kind: EventKind, _ start: String, zone: String = "Asia/Jakarta"
    ) throws {
        _ = try test.db.addEvent(
            .init(code: code, title: code, kind: kind, startDate: CalendarDate(iso: start)!, timeZone: zone))
    }

    /// rows read = rejected + merged + new + matched: every row is accounted for.
    static func expectAccounted(_ report: ImportReport, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(
            report.rowsRead == report.rejected.count + report.duplicatesMerged + report.newParticipants
                + report.matchedExisting,
            sourceLocation: sourceLocation)
    }

    @Test("Indico: withdrawn, rejected and test rows out; the same email twice is one person; check-ins marked")
    func indico() throws {
        let test = try Self.seed()
        try Self.addEvent(test, "psc-final", .pscMeeting, "2024-09-25")
        let report = try test.db.importFile(
            try Self.fixture("indico-psc-final.csv"), options: .init(event: "psc-final"))

        #expect(report.dialect == CSVDialect(encoding: .utf8WithBOM, delimiter: UInt8(ascii: ","), lineEnding: "CRLF"))
        #expect(report.rowsRead == 10)
        #expect(report.rejected.map(\.row) == [4, 5, 8])
        #expect(
            report.rejected.map(\.reason) == [
                .registrationState("Withdrawn"), .registrationState("Rejected"), .testSubmission,
            ])
        #expect(report.duplicatesMerged == 1)  // row 7: Siti's email in capitals
        #expect(report.matchedExisting == 1)  // row 2: Budi, by email
        #expect(report.newParticipants == 5)
        #expect(report.registered == 6)
        #expect(report.attendanceMarked == 4)  // Siti, Ayu, Agus, Nur checked in
        #expect(report.newOrganisations.isEmpty)  // both are in the built-in directory
        #expect(
            report.directoryOrganisations == [
                "Komisi Nasional Hak Asasi Manusia (Komnas HAM)", "Kementerian Ketenagakerjaan (Kemnaker)",
            ])
        #expect(report.flags.isEmpty)
        Self.expectAccounted(report)

        // Then the stored people read as the file meant them
        let summary = try test.db.eventSummary("psc-final")
        #expect(summary.registered == 6)
        #expect(summary.participants == 4)
        #expect(summary.participantsByGender.map(\.count) == [2, 1, 0, 1])  // Siti, Ayu; Agus; Nur undisclosed
        let siti = try test.db.participantDetail("siti.aminah@example.org").participant
        #expect(siti.phone == "+6281234567001")  // Indico stripped the +
        #expect(siti.position == "Direktur")  // filled from row 7
        let agus = try test.db.participantDetail("agus.salim@example.org")
        #expect(agus.organisation?.acronym == "SBMI")  // matched by full name
        let organisations = try test.db.organisations()
        #expect(
            organisations.first { $0.organisation.acronym == "Komnas HAM" }?.organisation.type
                == .humanRightsInstitution)
        #expect(
            organisations.first { $0.organisation.name == "Kementerian Ketenagakerjaan" }?.organisation.type
                == .ministry)
    }

    @Test("KoboToolbox: no consent and not approved out; ages become birth years; chapter alias matched")
    func kobo() throws {
        let test = try Self.seed()
        try Self.addEvent(test, "tot-mataram", .training, "2024-08-05", zone: "Asia/Makassar")
        let report = try test.db.importFile(
            try Self.fixture("kobo-training-mataram.csv"), options: .init(event: "tot-mataram"))

        #expect(report.dialect == CSVDialect(encoding: .utf8, delimiter: UInt8(ascii: ";"), lineEnding: "CRLF"))
        #expect(report.rowsRead == 8)
        #expect(report.rejected.map(\.reason) == [.noConsent, .notApproved])
        #expect(report.duplicatesMerged == 1)  // row 6: LALU AHMAD, same phone and first name, no email
        #expect(report.newParticipants == 5)
        #expect(report.matchedExisting == 0)
        #expect(report.registered == 5)
        #expect(report.flags.map(\.row) == [3, 8])  // on hold; age "tiga puluh"
        #expect(
            report.newOrganisations == [
                "Dinas Tenaga Kerja dan Transmigrasi Provinsi Nusa Tenggara Barat", "Universitas Mataram",
            ])
        #expect(report.directoryOrganisations == ["Organisasi Internasional untuk Migrasi (IOM)"])
        #expect(report.unknownColumns == ["Topik yang diminati"])
        #expect(report.optionColumns == 3)
        Self.expectAccounted(report)

        let baiq = try test.db.participantDetail("baiq@example.org")
        #expect(baiq.organisation?.acronym == "SBMI")  // "SBMI NTB" is an alias
        #expect(baiq.participant.birthYear == 2002)  // 22 at the 2024 event
        #expect(baiq.participant.stakeholderType == .migrantOrDiaspora)
        #expect(baiq.participant.dataUseConsent == true)
        let lalu = try test.db.participantDetail("lalu.ahmad@example.org").participant
        #expect(lalu.phone == "+6281911112222")
        #expect(lalu.birthYear == 1990)
        let putu = try test.db.participantDetail("putu@example.org")
        #expect(putu.organisation?.acronym == "Kemlu")
        #expect(putu.participant.birthYear == 1962)
        #expect(try test.db.participantDetail("wayan@example.org").participant.birthYear == nil)
        #expect(try test.db.participantDetail("wayan@example.org").participant.stakeholderType == .unAgency)
    }

    @Test("Google Forms: an unreadable gender stops the whole import; --skip-invalid rejects just that row")
    func googleForms() throws {
        let test = try Self.seed()
        try Self.addEvent(test, "sym-2024", .symposium, "2024-08-07")
        let data = try Self.fixture("google-forms-symposium.csv")
        let before = try test.db.read { db in try Participant.fetchCount(db) }

        // When imported as it is, Then nothing is written and row 8 is named
        #expect {
            try test.db.importFile(data, options: .init(event: "sym-2024"))
        } throws: { isInvalidInput($0, containing: "row 8 (line 10): gender 'X' not recognised") }
        #expect(try test.db.read { db in try Participant.fetchCount(db) } == before)
        #expect(try test.db.organisations().count == 3)

        // When imported with skipInvalid
        let report = try test.db.importFile(data, options: .init(event: "sym-2024", skipInvalid: true))
        #expect(report.dialect.delimiter == UInt8(ascii: ","))
        #expect(report.rowsRead == 9)
        #expect(report.rejected.map(\.row) == [5, 8, 9])
        #expect(report.rejected.map(\.reasonText)[0] == "test submission")
        #expect(report.rejected.map(\.reasonText)[2] == "no consent to data use")
        #expect(report.duplicatesMerged == 1)  // row 6: RINA@EXAMPLE.ORG
        #expect(report.matchedExisting == 1)  // Budi
        #expect(report.newParticipants == 4)  // Rina, two Ahmad Fauzi (homonyms at Kemlu and SBMI), Dian
        #expect(report.registered == 5)
        #expect(report.flags.map(\.message) == ["same person as row 1; position differs: kept row 1's"])
        #expect(report.newOrganisations == ["Yayasan Pemberdayaan Perempuan Migran"])  // the two-line cell, joined
        #expect(report.unknownColumns == ["Sesi yang akan diikuti"])
        Self.expectAccounted(report)
        #expect(try test.db.participantDetail("rina@example.org").participant.fullName == "Rina Wulandari")
    }

    @Test(
        "Excel sign-in sheet: title row, blank and JUMLAH rows, mangled phones; walk-ins registered and everyone marked"
    )
    func excelSignInSheet() throws {
        // Given PSC-3 with Siti, Budi and Rina registered (Rina stored with an email the sheet lacks)
        let test = try Self.seed()
        try Self.addEvent(test, "psc-3", .pscMeeting, "2024-01-09")
        try test.person("Siti Aminah", .female, org: "Kemlu", email: "siti@example.org")
        try test.person("Rina Wulandari", .female, org: "Direktorat Sosial Budaya dan OINB", email: "rina@example.org")
        _ = try test.db.register(
            ["siti@example.org", "budi@example.org", "rina@example.org"], forEvent: "psc-3", role: .participant)

        let report = try test.db.importFile(
            try Self.fixture("excel-psc3-daftar-hadir.csv"), options: .init(kind: .attendance, session: "psc-3/1"))

        #expect(report.dialect == CSVDialect(encoding: .utf8WithBOM, delimiter: UInt8(ascii: ";"), lineEnding: "CRLF"))
        #expect(report.rowsRead == 8)
        #expect(report.rejected.map(\.reason) == [.blank, .blank, .totalRow])
        #expect(report.matchedExisting == 3)  // Siti and Budi by email, Rina by name and organisation
        #expect(report.newParticipants == 2)  // Hendra, Kartini
        #expect(report.alreadyRegistered == 3)
        #expect(report.registered == 2)
        #expect(report.attendanceMarked == 5)
        #expect(
            report.flags.map(\.message) == ["phone is in spreadsheet scientific notation (digits lost); not stored"])
        #expect(report.newOrganisations.isEmpty)
        // BP2MI became KP2MI in October 2024: one body, an agency for this January 2024 meeting.
        #expect(
            report.directoryOrganisations == [
                "Kementerian Ketenagakerjaan (Kemnaker)", "Kementerian Pelindungan Pekerja Migran Indonesia (KP2MI)",
            ])
        #expect(report.unknownColumns.isEmpty)
        Self.expectAccounted(report)

        let summary = try test.db.eventSummary("psc-3")
        #expect(summary.participants == 5)
        #expect(summary.participantsByGender.map(\.count) == [3, 2, 0, 0])
        let budi = try test.db.participantDetail("budi@example.org").participant
        #expect(budi.phone == "+6281234567002")  // the sheet dropped the 0; filled in
        let kartini = try test.db.participantDetail("+62 812 3456 7005").participant
        #expect(kartini.fullName == "Kartini Suwarno")  // ALL CAPS title-cased; Excel's apostrophe dropped
        #expect(
            try test.db.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM attendance WHERE method = 'sheet'")
            } == 5)
    }

    @Test("a dry run reports the same figures and writes nothing")
    func dryRun() throws {
        let test = try Self.seed()
        try Self.addEvent(test, "psc-final", .pscMeeting, "2024-09-25")
        let data = try Self.fixture("indico-psc-final.csv")
        let counts = {
            try test.db.read { db in
                [
                    try Participant.fetchCount(db), try Organisation.fetchCount(db), try Registration.fetchCount(db),
                    try Attendance.fetchCount(db),
                ]
            }
        }
        let before = try counts()
        let dry = try test.db.importFile(data, options: .init(event: "psc-final", dryRun: true))
        #expect(try counts() == before)
        let real = try test.db.importFile(data, options: .init(event: "psc-final"))
        #expect(dry.newParticipants == real.newParticipants && dry.registered == real.registered)
        #expect(dry.decisions.count == real.decisions.count)
        #expect(try counts() == [before[0] + 5, before[1] + 2, before[2] + 6, before[3] + 4])

        // And importing the same file again adds nobody
        let again = try test.db.importFile(data, options: .init(event: "psc-final"))
        #expect(again.newParticipants == 0)
        #expect(again.matchedExisting == 6)
        #expect(again.alreadyRegistered == 6)
        #expect(again.attendanceMarked == 0)
    }
}

@Suite("import: rejection reasons and refusals")
struct ImportRuleTests {
    func event() throws -> TestDatabase {
        let test = try TestDatabase()
        try test.seed()
        return test
    }

    @Test("a row with cells but no name is rejected as such; first and last names are joined")
    func names() throws {
        let test = try event()
        let csv = "First Name,Last Name,Email\nSiti,Aminah,siti@example.org\n,,nobody@example.org\n"
        let report = try test.db.importFile(Data(csv.utf8), options: .init(event: "psc-3"))
        #expect(report.rejected.map(\.reason) == [.noName])
        #expect(try test.db.participantDetail("siti@example.org").participant.fullName == "Siti Aminah")
    }

    @Test("homonyms at different organisations stay two people; same name and organisation with different emails too")
    func homonyms() throws {
        let test = try event()
        let csv = """
            Nama,Instansi,Email
            Ahmad Fauzi,Kemlu,a1@example.org
            Ahmad Fauzi,SBMI,a2@example.org
            Ahmad Fauzi,Kemlu,a3@example.org
            """
        let report = try test.db.importFile(Data(csv.utf8), options: .init(event: "psc-3"))
        #expect(report.newParticipants == 3)
        #expect(report.flags.map(\.row) == [3])
    }

    @Test("a row matching two stored people by name and organisation is not guessed")
    func ambiguousStoredMatch() throws {
        let test = try event()
        try test.person("Ahmad Fauzi", .male, org: "Kemlu", email: "a1@example.org")
        try test.person("Ahmad Fauzi", .male, org: "Kemlu", email: "a2@example.org")
        // Siti's row is written before Ahmad's row fails: the rollback must take it back too.
        let csv = Data("Nama,Instansi\nSiti,Kemlu\nAhmad Fauzi,Kemlu\n".utf8)
        #expect { try test.db.importFile(csv, options: .init(event: "psc-3")) } throws: {
            isInvalidInput($0, containing: "matches 2 participants by name and organisation")
        }
        #expect(try test.db.participants().count == 2)

        let report = try test.db.importFile(csv, options: .init(event: "psc-3", skipInvalid: true))
        #expect(report.rejected.count == 1)
        #expect(report.newParticipants == 1)
        #expect(report.rejected.first?.fields == ["Ahmad Fauzi", "Kemlu"])

        // Once one of them is registered for the event, that one is the match
        _ = try test.db.register(["a2@example.org"], forEvent: "psc-3", role: .participant)
        let registered = try test.db.importFile(
            Data("Nama,Instansi\nAhmad Fauzi,Kemlu\n".utf8), options: .init(event: "psc-3"))
        #expect(registered.matchedExisting == 1)
        #expect(registered.alreadyRegistered == 1)
    }

    @Test("a file without a name column, or a --map naming a missing column, is refused with the file's columns")
    func headers() throws {
        let test = try event()
        #expect {
            try test.db.importFile(Data("Instansi,Email\nKemlu,a@example.org\n".utf8), options: .init(event: "psc-3"))
        } throws: {
            isInvalidInput($0, containing: "No name column found")
                && isInvalidInput($0, containing: "the file's columns are: Instansi, Email")
        }
        #expect {
            try test.db.importFile(
                Data("Nama\nSiti\n".utf8), options: .init(event: "psc-3", mapping: ["Asal": .province]))
        } throws: {
            isInvalidInput($0, containing: "--map: the file has no column 'Asal'")
        }
        let mapped = try test.db.importFile(
            Data("Peserta,Asal Daerah\nSiti,NTB\n".utf8),
            options: .init(event: "psc-3", mapping: ["Peserta": .fullName, "asal daerah": .province]))
        #expect(mapped.newParticipants == 1)
        #expect(try test.db.participantDetail("Siti").participant.province == "Nusa Tenggara Barat")
    }

    @Test("check-ins need a session when the event has several")
    func checkInsNeedSession() throws {
        let test = try event()
        _ = try test.db.addSession(.init(event: "psc-3", title: "Afternoon", start: "13:00"))
        let csv = Data("Name,Checked in\nSiti,Yes\n".utf8)
        #expect { try test.db.importFile(csv, options: .init(event: "psc-3")) } throws: {
            isInvalidInput($0, containing: "--session psc-3/N")
        }
        let report = try test.db.importFile(csv, options: .init(event: "psc-3", session: "psc-3/2"))
        #expect(report.attendanceMarked == 1)
        #expect(try test.db.eventSummary("psc-3").sessions.map(\.attended) == [0, 1])
    }

    @Test("progress is reported per thousand rows, with how much of the file is read")
    func progress() throws {
        let test = try event()
        let csv = "Nama,Email\n" + (0..<2500).map { "Person \($0),p\($0)@example.org" }.joined(separator: "\n")
        let steps = Mutex<[ImportProgress]>([])
        _ = try test.db.importFile(Data(csv.utf8), options: .init(event: "psc-3")) { step in
            steps.withLock { $0.append(step) }
        }
        let seen = steps.withLock { $0 }
        #expect(seen.map(\.rows) == [1000, 2000])
        #expect(seen.allSatisfy { $0.totalBytes == csv.utf8.count && $0.percent <= 100 })
    }

    @Test("formulas are imported as plain text, never evaluated or lost")
    func formulas() throws {
        let test = try event()
        let csv = Data("Nama,Jabatan\nSiti,\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"\n".utf8)
        let report = try test.db.importFile(csv, options: .init(event: "psc-3"))
        #expect(report.newParticipants == 1)
        #expect(try test.db.participantDetail("Siti").participant.position == "=HYPERLINK(\"http://x\",\"y\")")
    }
}
