import Foundation

/// The words documents show for the domain's values, in English and Indonesian. One
/// place for every document (minutes, roster, agenda, certificate, later the report).
public struct Localisation: Sendable {
    public let language: Language

    public init(_ language: Language) { self.language = language }

    private func pick(_ en: String, _ id: String) -> String { language == .en ? en : id }

    // MARK: - Coded values

    public func stakeholderType(_ type: StakeholderType?) -> String {
        switch type {
        case .governmentNational: pick("Government (national)", "Pemerintah pusat")
        case .governmentSubnational: pick("Government (sub-national)", "Pemerintah daerah")
        case .unAgency: pick("UN agency", "Badan PBB")
        case .civilSociety: pick("Civil society", "Organisasi masyarakat sipil")
        case .academia: pick("Academia", "Akademisi")
        case .privateSector: pick("Private sector", "Sektor swasta")
        case .tradeUnion: pick("Trade union", "Serikat pekerja")
        case .humanRightsInstitution: pick("Human rights institution", "Lembaga HAM")
        case .migrantOrDiaspora: pick("Migrant or diaspora", "Pekerja migran atau diaspora")
        case .media: pick("Media", "Media")
        case .donor: pick("Donor", "Mitra pembangunan")
        case .other: pick("Other", "Lainnya")
        case nil: pick("Not recorded", "Tidak tercatat")
        }
    }

    /// The label for a statistics key of the stakeholder breakdown ("unknown" included).
    public func stakeholderType(key: String) -> String {
        stakeholderType(StakeholderType(rawValue: key))
    }

    public func gender(_ gender: Gender) -> String {
        switch gender {
        case .female: pick("Female", "Perempuan")
        case .male: pick("Male", "Laki-laki")
        case .other: pick("Other", "Lainnya")
        case .undisclosed: pick("Not stated", "Tidak disebutkan")
        }
    }

    /// The one-letter column of a sign-in sheet: F/M in English, P/L in Indonesian.
    public func genderLetter(_ gender: Gender) -> String {
        switch gender {
        case .female: pick("F", "P")
        case .male: pick("M", "L")
        case .other, .undisclosed: ""
        }
    }

    public func role(_ role: RegistrationRole) -> String {
        switch role {
        case .participant: pick("Participant", "Peserta")
        case .chair: pick("Chair", "Pimpinan rapat")
        case .coChair: pick("Co-chair", "Wakil pimpinan rapat")
        case .speaker: pick("Speaker", "Pembicara")
        case .facilitator: pick("Facilitator", "Fasilitator")
        case .organiser: pick("Organiser", "Panitia")
        case .observer: pick("Observer", "Peninjau")
        case .resourcePerson: pick("Resource person", "Narasumber")
        }
    }

    public func actionStatus(_ status: ActionStatus) -> String {
        switch status {
        case .open: pick("Open", "Belum ditindaklanjuti")
        case .inProgress: pick("In progress", "Dalam proses")
        case .done: pick("Done", "Selesai")
        case .dropped: pick("Dropped", "Dibatalkan")
        }
    }

    public func organisationType(_ type: OrganisationType?) -> String {
        switch type {
        case .ministry: pick("Ministry", "Kementerian")
        case .governmentAgency: pick("Government agency", "Lembaga pemerintah")
        case .localGovernment: pick("Local government", "Pemerintah daerah")
        case .unAgency: pick("UN agency", "Badan PBB")
        case .civilSociety: pick("Civil society", "Organisasi masyarakat sipil")
        case .academia: pick("Academia", "Akademisi")
        case .privateSector: pick("Private sector", "Sektor swasta")
        case .tradeUnion: pick("Trade union", "Serikat pekerja")
        case .humanRightsInstitution: pick("Human rights institution", "Lembaga HAM")
        case .media: pick("Media", "Media")
        case .donor: pick("Donor", "Mitra pembangunan")
        case .other: pick("Other", "Lainnya")
        case nil: pick("Not recorded", "Tidak tercatat")
        }
    }

    /// The label a statistics row shows: a human word for a coded key ("Government
    /// (national)", "Perempuan", "60 and over"), the name itself for organisations, events
    /// and sessions, and the placeholders for what is missing in the report's language.
    public func statisticsLabel(_ dimension: StatsDimension, key: String, label: String) -> String {
        switch dimension {
        case .gender: return Gender(rawValue: key).map(gender) ?? unknown
        case .stakeholder: return stakeholderType(key: key)
        case .organisationType: return OrganisationType(rawValue: key).map(organisationType) ?? unknown
        case .role: return RegistrationRole(rawValue: key).map(role) ?? unknown
        case .disability:
            switch key {
            case "yes": return pick("With a disability", "Penyandang disabilitas")
            case "no": return pick("Without a disability", "Bukan penyandang disabilitas")
            default: return pick("Not stated", "Tidak disebutkan")
            }
        case .ageBand:
            switch key {
            case "under-15": return pick("Under 15", "Di bawah 15")
            case "15-24": return pick("15–24 (youth)", "15–24 (pemuda)")
            case "25-59": return "25–59"
            case "60+": return pick("60 and over", "60 ke atas")
            default: return unknown
            }
        case .ministry where key == "not-a-ministry": return pick("(not from a ministry)", "(bukan dari kementerian)")
        case .organisation where key == "none": return pick("(no organisation)", "(tanpa instansi)")
        case .province where key == "unknown": return unknown
        default: return label
        }
    }

    private var unknown: String { pick("Unknown", "Tidak diketahui") }

    // MARK: - Dates and numbers

    private static let monthsEN = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
        "December",
    ]
    private static let monthsID = [
        "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November",
        "Desember",
    ]
    private static let weekdaysEN = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
    private static let weekdaysID = ["Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"]

    /// "9 January 2024" / "9 Januari 2024".
    public func date(_ date: CalendarDate) -> String {
        "\(date.day) \((language == .en ? Self.monthsEN : Self.monthsID)[date.month - 1]) \(date.year)"
    }

    /// "Tuesday, 9 January 2024" / "Selasa, 9 Januari 2024": how minutes date a meeting.
    public func longDate(_ date: CalendarDate) -> String {
        "\(weekday(date)), \(self.date(date))"
    }

    public func weekday(_ date: CalendarDate) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let index = calendar.component(.weekday, from: date.startOfDay(in: calendar.timeZone)) - 1
        return (language == .en ? Self.weekdaysEN : Self.weekdaysID)[index]
    }

    /// One day, or "9–10 January 2024", or across months and years.
    public func dateRange(_ start: CalendarDate, _ end: CalendarDate) -> String {
        guard end != start else { return longDate(start) }
        let months = language == .en ? Self.monthsEN : Self.monthsID
        if start.year == end.year && start.month == end.month {
            return "\(start.day)–\(end.day) \(months[start.month - 1]) \(start.year)"
        }
        if start.year == end.year {
            return "\(start.day) \(months[start.month - 1]) – \(end.day) \(months[end.month - 1]) \(end.year)"
        }
        return "\(date(start)) – \(date(end))"
    }

    /// "09:00–12:00 WIB" / "09.00–12.00 WIB" (Indonesian writes clock times with a dot).
    public func timeRange(_ start: Date?, _ end: Date?, in zone: TimeZone) -> String? {
        guard let start else { return nil }
        let clock = { (date: Date) in
            let text = LocalTime.formatClock(date, in: zone)
            return language == .en ? text : text.replacingOccurrences(of: ":", with: ".")
        }
        let zoneLabel = LocalTime.zoneLabel(zone, at: start)
        guard let end else { return "\(clock(start)) \(zoneLabel)" }
        return "\(clock(start))–\(clock(end)) \(zoneLabel)"
    }

    /// "42.9%" / "42,9%".
    public func percent(_ value: Double) -> String {
        let text = String(format: "%.1f%%", value)
        return language == .en ? text : text.replacingOccurrences(of: ".", with: ",")
    }
}
