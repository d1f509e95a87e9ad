import ConveneCore

/// A small programme whose figures were counted by hand (the table is in the tests).
///
/// Events: psc-3 (2024-01-09, series PSC, two sessions), psc-4 (2024-09-25, series PSC),
/// tr-1 (training, 2024-08-05, Mataram). Organisations: Kemlu with a directorate, Kemnaker
/// (ministries), SBMI (civil society), UNDP (UN agency).
///
/// | who | gender | org | born | psc-3/1 | psc-3/2 | psc-4/1 | tr-1/1 |
/// |---|---|---|---|---|---|---|---|
/// | P1 Siti | female | Kemlu | 1980 | present | left-early | present | |
/// | P2 Rina | female | directorate of Kemlu | 1998 | late | present | | |
/// | P3 Budi | male | SBMI | 1960 | present | | present | |
/// | P4 Ahmad | male | Kemnaker | – | present | | registered, no mark | |
/// | P5 (undisclosed) | undisclosed | – | 2001 | | present | | present |
/// | P6 Dewi | female | SBMI | 1975 | excused | | present | present |
/// | P7 Yusuf | male | UNDP | 1990 | absent | | | |
public enum StatsFixture {
    public static func build(_ db: AppDatabase) throws {
        _ = try db.addOrganisation(.init(name: "Kementerian Luar Negeri", acronym: "Kemlu", type: .ministry))
        _ = try db.addOrganisation(.init(name: "Direktorat Sosial Budaya dan OINB", type: .ministry, parent: "Kemlu"))
        _ = try db.addOrganisation(.init(name: "Kementerian Ketenagakerjaan", acronym: "Kemnaker", type: .ministry))
        _ = try db.addOrganisation(.init(name: "Serikat Buruh Migran Indonesia", acronym: "SBMI", type: .civilSociety))
        _ = try db.addOrganisation(
            .init(name: "United Nations Development Programme", acronym: "UNDP", type: .unAgency))

        _ = try db.addEvent(
            .init(
                code: "psc-3", title: "Third PSC meeting", kind: .pscMeeting, series: "PSC", number: 3,
                startDate: CalendarDate(iso: "2024-01-09")!, city: "Jakarta"))
        _ = try db.addSession(.init(event: "psc-3", title: "Plenary", start: "09:00", end: "12:00"))
        _ = try db.addSession(.init(event: "psc-3", title: "Workplan", start: "13:00", end: "15:00"))
        _ = try db.addEvent(
            .init(
                code: "psc-4", title: "Final PSC meeting", kind: .pscMeeting, series: "PSC", number: 4,
                startDate: CalendarDate(iso: "2024-09-25")!, city: "Jakarta"))
        _ = try db.addEvent(
            .init(
                code: "tr-1", title: "Training of trainers", kind: .training,
                startDate: CalendarDate(iso: "2024-08-05")!, city: "Mataram", timeZone: "Asia/Makassar"))

        let people: [(String, Gender, StakeholderType?, String?, Int?, String)] = [
            ("Siti Aminah", .female, .governmentNational, "Kemlu", 1980, "p1@example.org"),
            (
                "Rina Wulandari", .female, .governmentNational, "Direktorat Sosial Budaya dan OINB", 1998,
                "p2@example.org"
            ),
            ("Budi Santoso", .male, .migrantOrDiaspora, "SBMI", 1960, "p3@example.org"),
            ("Ahmad Fauzi", .male, .governmentNational, "Kemnaker", nil, "p4@example.org"),
            ("Anonymous Participant", .undisclosed, nil, nil, 2001, "p5@example.org"),
            ("Dewi Lestari", .female, .civilSociety, "SBMI", 1975, "p6@example.org"),
            ("Yusuf Rahman", .male, .unAgency, "UNDP", 1990, "p7@example.org"),
        ]
        for (name, gender, stakeholder, organisation, born, email) in people {
            _ = try db.addParticipant(
                .init(
                    fullName: name, gender: gender, stakeholderType: stakeholder,
                    organisation: organisation, email: email, birthYear: born))
        }
        let all = (1...7).map { "p\($0)@example.org" }
        _ = try db.register(all, forEvent: "psc-3", role: .participant)
        _ = try db.register(["p1@example.org"], forEvent: "psc-3", role: .coChair)
        _ = try db.register(
            ["p1@example.org", "p3@example.org", "p4@example.org", "p6@example.org"], forEvent: "psc-4",
            role: .participant)
        _ = try db.register(["p5@example.org", "p6@example.org"], forEvent: "tr-1", role: .participant)

        func mark(_ session: String, _ status: AttendanceStatus, _ who: Int...) throws {
            _ = try db.markAttendance(
                session: session, participants: who.map { "p\($0)@example.org" }, status: status, walkIn: false)
        }
        try mark("psc-3/1", .present, 1, 3, 4)
        try mark("psc-3/1", .late, 2)
        try mark("psc-3/1", .absent, 7)
        try mark("psc-3/1", .excused, 6)
        try mark("psc-3/2", .leftEarly, 1)
        try mark("psc-3/2", .present, 2, 5)
        try mark("psc-4/1", .present, 1, 3, 6)
        try mark("tr-1/1", .present, 5, 6)
    }
}
