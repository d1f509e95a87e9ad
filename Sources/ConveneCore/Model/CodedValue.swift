import Foundation
import GRDB
import Synchronization

/// A closed set of values stored as text, with the spellings people type for each,
/// in English and Bahasa Indonesia. `parse(_:)` is the one place user text becomes
/// one of these values, for the CLI and for imports alike.
public protocol CodedValue: RawRepresentable<String>, CaseIterable, Codable, Hashable, Sendable,
    DatabaseValueConvertible
where AllCases == [Self] {
    /// What the value is called in messages ("gender", "role").
    static var fieldName: String { get }
    /// Extra spellings for each value, beyond its raw value. Compared after `CodedValueKey.make`.
    static var synonyms: [Self: [String]] { get }
}

extension CodedValue {
    /// Parses a user's spelling, ignoring case, accents of punctuation and repeated spaces.
    public static func parse(_ text: String) throws(ConveneError) -> Self {
        if let value = lookup(text) { return value }
        throw ConveneError.invalidValue(
            field: fieldName, value: text, accepted: allCases.map(\.rawValue))
    }

    /// The value for a spelling, or nil when no spelling matches.
    public static func lookup(_ text: String) -> Self? {
        let key = CodedValueKey.make(text)
        guard !key.isEmpty else { return nil }
        return spellingIndex[key]
    }

    /// Every folded spelling → value, built once per type (imports look values up per cell).
    static var spellingIndex: [String: Self] {
        let id = ObjectIdentifier(Self.self)
        if let cached = spellingCache.withLock({ $0[id] }) as? [String: Self] { return cached }
        var index: [String: Self] = [:]
        for value in allCases {
            for spelling in [value.rawValue] + synonyms[value, default: []] {
                let key = CodedValueKey.make(spelling)
                if index[key] == nil { index[key] = value }
            }
        }
        spellingCache.withLock { $0[id] = index }
        return index
    }
}

private let spellingCache = Mutex<[ObjectIdentifier: Any]>([:])

/// Folds a spelling so that "Laki-laki", "laki laki" and "LAKI_LAKI" compare equal.
public enum CodedValueKey {
    public static func make(_ text: String) -> String {
        if let ascii = makeASCII(text) { return ascii }
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        var result = ""
        var pendingSpace = false
        for scalar in folded.unicodeScalars {
            if CharacterSet.alphanumerics.contains(scalar) {
                if pendingSpace && !result.isEmpty { result.append(" ") }
                pendingSpace = false
                result.unicodeScalars.append(scalar)
            } else if scalar == "/" || scalar == "+" {
                // Kept: "n/a" and "60+" mean something; spaces around them do not.
                result.unicodeScalars.append(scalar)
                pendingSpace = false
            } else {
                pendingSpace = true
            }
        }
        return result
    }

    /// The words of a folded key (`make`'s result: words one space apart), split at the
    /// space byte. Splitting a String by characters finds each grapheme's boundaries first,
    /// several times the work for the same words; they differ only for a word that starts
    /// with a combining mark, which no name has.
    static func words(_ key: String) -> [Substring] {
        key.utf8.split(separator: UInt8(ascii: " ")).map { Substring($0) }
    }

    /// The first word of a folded key (all of it when it has one), without splitting the rest.
    static func firstWord(_ key: String) -> Substring {
        key.utf8.firstIndex(of: UInt8(ascii: " ")).map { key[..<$0] } ?? Substring(key)
    }

    /// The same folding for plain ASCII text, without Foundation's Unicode machinery.
    private static func makeASCII(_ text: String) -> String? {
        // From the string's own bytes when it has them in one piece (see `Normalise.whitespace`).
        text.utf8.withContiguousStorageIfAvailable { foldASCII($0) } ?? foldASCII(text.utf8)
    }

    private static func foldASCII(_ text: some Collection<UInt8>) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.count)
        var pendingSpace = false
        for byte in text {
            guard byte < 0x80 else { return nil }
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                if pendingSpace && !bytes.isEmpty { bytes.append(32) }
                pendingSpace = false
                bytes.append(byte)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                if pendingSpace && !bytes.isEmpty { bytes.append(32) }
                pendingSpace = false
                bytes.append(byte + 32)
            case UInt8(ascii: "/"), UInt8(ascii: "+"):
                bytes.append(byte)
                pendingSpace = false
            default:
                pendingSpace = true
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

// MARK: - The coded values of the domain

public enum Gender: String, CodedValue {
    case female, male, other, undisclosed
    public static let fieldName = "gender"
    public static let synonyms: [Gender: [String]] = [
        .female: ["f", "p", "w", "perempuan", "wanita", "woman", "women", "girl", "ibu", "feminine"],
        .male: ["m", "l", "laki-laki", "lakilaki", "laki", "pria", "man", "men", "boy", "bapak"],
        .other: ["lainnya", "lain-lain", "non-binary", "nonbinary"],
        .undisclosed: [
            "prefer not to say", "prefer not to answer", "rather not say", "not stated",
            "tidak ingin menyebutkan", "tidak mau menyebutkan", "tidak disebutkan",
            "unknown", "tidak diketahui", "n/a", "na", "-",
        ],
    ]
}

public enum StakeholderType: String, CodedValue {
    case governmentNational = "government-national"
    case governmentSubnational = "government-subnational"
    case unAgency = "un-agency"
    case civilSociety = "civil-society"
    case academia
    case privateSector = "private-sector"
    case tradeUnion = "trade-union"
    case humanRightsInstitution = "human-rights-institution"
    case migrantOrDiaspora = "migrant-or-diaspora"
    case media, donor, other
    public static let fieldName = "stakeholder type"
    public static let synonyms: [StakeholderType: [String]] = [
        .governmentNational: [
            "government", "national government", "central government", "ministry", "government national",
            "pemerintah", "pemerintah pusat", "kementerian", "kementerian/lembaga", "k/l",
        ],
        .governmentSubnational: [
            "local government", "subnational government", "provincial government", "district government",
            "pemerintah daerah", "pemda", "pemprov", "pemkab", "pemkot",
        ],
        .unAgency: ["un", "united nations", "un agency", "pbb", "badan pbb", "lembaga pbb"],
        .civilSociety: [
            "cso", "ngo", "civil society", "civil society organisation", "civil society organization",
            "lsm", "masyarakat sipil", "organisasi masyarakat sipil", "oms",
        ],
        .academia: ["academic", "academics", "university", "akademisi", "akademik", "universitas", "perguruan tinggi"],
        .privateSector: ["private", "business", "company", "swasta", "sektor swasta", "perusahaan"],
        .tradeUnion: ["union", "trade unions", "labour union", "labor union", "serikat pekerja", "serikat buruh"],
        .humanRightsInstitution: [
            "nhri", "human rights", "national human rights institution", "lembaga ham", "komnas ham",
        ],
        .migrantOrDiaspora: [
            "migrant", "migrants", "diaspora", "migrant worker", "returnee", "pekerja migran", "pmi", "migran",
            "purna pmi", "diaspora indonesia",
        ],
        .media: ["press", "journalist", "pers", "jurnalis", "wartawan"],
        .donor: ["development partner", "funder", "mitra pembangunan", "donatur"],
        .other: ["lainnya", "lain-lain", "others"],
    ]
}

public enum OrganisationType: String, CodedValue {
    case ministry
    case governmentAgency = "government-agency"
    case localGovernment = "local-government"
    case unAgency = "un-agency"
    case civilSociety = "civil-society"
    case academia
    case privateSector = "private-sector"
    case tradeUnion = "trade-union"
    case humanRightsInstitution = "human-rights-institution"
    case media, donor, other
    public static let fieldName = "organisation type"
    public static let synonyms: [OrganisationType: [String]] = [
        .ministry: ["kementerian", "kementrian", "directorate", "direktorat"],
        .governmentAgency: ["agency", "government agency", "lembaga", "badan", "lembaga pemerintah"],
        .localGovernment: ["local government", "pemerintah daerah", "pemda", "dinas"],
        .unAgency: ["un", "united nations", "pbb"],
        .civilSociety: ["cso", "ngo", "lsm", "civil society", "organisasi masyarakat sipil"],
        .academia: ["university", "universitas", "akademisi"],
        .privateSector: ["private", "company", "swasta", "perusahaan"],
        .tradeUnion: ["union", "serikat pekerja", "serikat buruh"],
        .humanRightsInstitution: ["nhri", "lembaga ham"],
        .media: ["press", "pers"],
        .donor: ["development partner", "mitra pembangunan"],
        .other: ["lainnya"],
    ]
}

public enum RegistrationRole: String, CodedValue {
    case participant, chair
    case coChair = "co-chair"
    case speaker, facilitator, organiser, observer
    case resourcePerson = "resource-person"
    public static let fieldName = "role"
    public static let synonyms: [RegistrationRole: [String]] = [
        .participant: ["peserta", "attendee", "delegate", "delegasi"],
        .chair: ["chairperson", "ketua", "pimpinan rapat", "pimpinan sidang"],
        .coChair: ["cochair", "co chair", "ketua bersama", "wakil ketua"],
        .speaker: ["panelist", "panellist", "pembicara", "panelis"],
        .facilitator: ["fasilitator", "moderator", "moderator/fasilitator"],
        .organiser: ["organizer", "secretariat", "panitia", "penyelenggara", "sekretariat"],
        .observer: ["pengamat", "peninjau"],
        .resourcePerson: ["resource person", "narasumber", "expert", "ahli"],
    ]
}

public enum RegistrationStatus: String, CodedValue {
    case registered, cancelled
    public static let fieldName = "registration status"
    public static let synonyms: [RegistrationStatus: [String]] = [
        .registered: ["terdaftar", "confirmed", "completed"],
        .cancelled: ["canceled", "batal", "dibatalkan", "withdrawn"],
    ]
}

public enum AttendanceStatus: String, CodedValue {
    case present, late
    case leftEarly = "left-early"
    case excused, absent
    public static let fieldName = "attendance status"
    public static let synonyms: [AttendanceStatus: [String]] = [
        .present: ["hadir", "attended", "yes", "ya"],
        .late: ["terlambat", "telat"],
        .leftEarly: ["left early", "pulang awal", "pulang lebih awal", "pulang cepat"],
        .excused: ["izin", "ijin", "sakit", "apologies", "excused absence"],
        .absent: ["tidak hadir", "absen", "no show", "no-show", "tidak"],
    ]

    /// Present, late and left-early marks are attendances; excused and absent are recorded only.
    public var isAttendance: Bool { self == .present || self == .late || self == .leftEarly }
    public static let attendanceStatuses: [AttendanceStatus] = allCases.filter(\.isAttendance)
}

public enum AttendanceMethod: String, CodedValue {
    case cli, `import`, sheet, web
    public static let fieldName = "attendance method"
    public static let synonyms: [AttendanceMethod: [String]] = [:]
}

public enum EventKind: String, CodedValue {
    case pscMeeting = "psc-meeting"
    case symposium, training, workshop, meeting
    public static let fieldName = "event kind"
    public static let synonyms: [EventKind: [String]] = [
        .pscMeeting: ["psc", "steering committee", "programme steering committee", "rapat komite pengarah"],
        .symposium: ["simposium", "conference", "konferensi"],
        .training: ["pelatihan", "capacity building", "peningkatan kapasitas", "bimtek"],
        .workshop: ["lokakarya", "loka karya"],
        .meeting: ["rapat", "pertemuan"],
    ]
}

public enum DisabilityStatus: String, CodedValue {
    case yes, no, undisclosed
    public static let fieldName = "disability"
    public static let synonyms: [DisabilityStatus: [String]] = [
        .yes: ["y", "ya", "with disability", "penyandang disabilitas", "disabilitas", "true", "1"],
        .no: ["n", "tidak", "none", "no disability", "tidak ada", "false", "0"],
        .undisclosed: ["prefer not to say", "tidak ingin menyebutkan", "unknown", "n/a", "-"],
    ]
}

public enum Language: String, CodedValue {
    case en, id
    public static let fieldName = "language"
    public static let synonyms: [Language: [String]] = [
        .en: ["english", "inggris", "bahasa inggris"],
        .id: ["indonesian", "bahasa", "bahasa indonesia", "indonesia", "in"],
    ]
}

public enum ActionStatus: String, CodedValue {
    case open
    case inProgress = "in-progress"
    case done, dropped
    public static let fieldName = "action status"
    public static let synonyms: [ActionStatus: [String]] = [
        .open: ["terbuka", "belum"],
        .inProgress: ["in progress", "ongoing", "berjalan", "sedang berjalan", "proses"],
        .done: ["completed", "closed", "selesai"],
        .dropped: ["cancelled", "canceled", "dibatalkan", "batal"],
    ]
}
