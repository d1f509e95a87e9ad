import Testing

@testable import ConveneCore

@Suite("coded values parse the spellings people type")
struct CodedValueTests {
    @Test(
        "gender spellings in English and Indonesian",
        arguments: [
            ("female", Gender.female), ("F", .female), ("Perempuan", .female), ("p", .female), ("WANITA", .female),
            ("male", .male), ("m", .male), ("Laki-laki", .male), ("laki laki", .male), ("L", .male), ("Pria", .male),
            ("undisclosed", .undisclosed), ("Prefer not to say", .undisclosed),
            ("Tidak ingin menyebutkan", .undisclosed),
            ("  other ", .other),
        ])
    func gender(text: String, expected: Gender) throws {
        #expect(try Gender.parse(text) == expected)
    }

    @Test(
        "attendance statuses",
        arguments: [
            ("hadir", AttendanceStatus.present), ("Present", .present), ("terlambat", .late),
            ("left early", .leftEarly),
            ("izin", .excused), ("Tidak Hadir", .absent), ("absent", .absent),
        ])
    func attendance(text: String, expected: AttendanceStatus) throws {
        #expect(try AttendanceStatus.parse(text) == expected)
    }

    @Test(
        "stakeholder, organisation type, role and kind synonyms",
        arguments: [
            ("Pemerintah Pusat", "government-national"), ("Pekerja Migran", "migrant-or-diaspora"),
            ("LSM", "civil-society"),
            ("Komnas HAM", "human-rights-institution"), ("serikat buruh", "trade-union"), ("Akademisi", "academia"),
        ])
    func stakeholder(text: String, raw: String) throws {
        #expect(try StakeholderType.parse(text).rawValue == raw)
    }

    @Test("only attendance statuses present, late and left-early count as attendance")
    func attendanceCounting() {
        #expect(AttendanceStatus.attendanceStatuses == [.present, .late, .leftEarly])
    }

    @Test("an unknown spelling is an error that lists the accepted values")
    func rejection() {
        #expect(
            throws: ConveneError.invalidValue(
                field: "gender", value: "x", accepted: ["female", "male", "other", "undisclosed"])
        ) {
            try Gender.parse("x")
        }
        #expect(Gender.lookup("") == nil)
        #expect(RegistrationRole.lookup("Narasumber") == .resourcePerson)
        #expect(EventKind.lookup("PSC") == .pscMeeting)
        #expect(OrganisationType.lookup("Kementerian") == .ministry)
    }
}

@Suite("normal forms")
struct NormaliseTests {
    @Test(
        "phones become E.164 where they can be read",
        arguments: [
            ("0812-3456-7890", "+6281234567890"), ("+62 812 3456 7890", "+6281234567890"),
            ("62 81234567890", "+6281234567890"), ("81234567890", "+6281234567890"), ("(021) 3848626", "+62213848626"),
            ("+62 (0)812 3456 7890", "+6281234567890"), ("0062 812 3456 7890", "+6281234567890"),
            ("+60 12-345 6789", "+60123456789"),
        ])
    func phone(text: String, expected: String) {
        #expect(Normalise.phone(text) == expected)
    }

    @Test(
        "phones that cannot be read are refused, not guessed",
        arguments: ["6.2812E+12", "12345", "call me", "", "1-800-FLOWERS"])
    func unreadablePhone(text: String) {
        #expect(Normalise.phone(text) == nil)
    }

    @Test(
        "spreadsheet scientific notation is recognised",
        arguments: [
            ("6.2812E+12", true), ("6,2812E+12", true), ("6.28e12", true), ("62812E+1", true),
            ("E+12", false), ("6.2812E+", false), ("0812-3456", false), ("+62 812", false), ("Eka", false),
        ])
    func scientific(text: String, expected: Bool) {
        #expect(Normalise.isScientificNotation(text) == expected)
    }

    @Test("emails are lower-cased; non-addresses refused")
    func email() {
        #expect(Normalise.email("  Siti.Aminah@Example.ORG ") == "siti.aminah@example.org")
        #expect(Normalise.email("siti@") == nil)
        #expect(Normalise.email("siti at example.org") == nil)
        #expect(Normalise.email("a@b@example.org") == nil)
    }

    @Test("names: NFKC, whitespace collapsed, ALL CAPS title-cased, other casing kept")
    func names() {
        #expect(Normalise.personName("  SITI   AMINAH ") == "Siti Aminah")
        #expect(Normalise.personName("Muhammad bin Abdullah") == "Muhammad bin Abdullah")
        #expect(Normalise.personName("ｓｉｔｉ\u{00A0}aminah") == "siti aminah")
        #expect(Normalise.personName("Zoe\u{0308}") == "Zoe\u{0308}".precomposedStringWithCompatibilityMapping)
    }

    @Test("calendar dates are ISO days and refuse impossible days")
    func dates() throws {
        #expect(CalendarDate(iso: "2024-01-09")?.description == "2024-01-09")
        #expect(CalendarDate(iso: "2024-02-29") != nil)
        #expect(CalendarDate(iso: "2023-02-29") == nil)
        #expect(CalendarDate(iso: "9/1/2024") == nil)
        #expect(CalendarDate(iso: "2024-1-9")?.description == "2024-01-09")
    }
}
