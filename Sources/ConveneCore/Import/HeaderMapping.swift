import Foundation

/// What a column of an import file holds.
public enum ImportField: String, CaseIterable, Sendable {
    case fullName = "name"
    case firstName = "first-name"
    case lastName = "last-name"
    case gender
    case organisation
    case position
    case stakeholder
    case phone
    case email
    case province
    case birthYear = "birth-year"
    case age
    case disability
    case consent
    case role
    /// Indico's registration state: Completed, Pending, Rejected, Withdrawn, …
    case registrationState = "registration-state"
    /// Indico's "Checked in" Yes/No.
    case checkedIn = "checked-in"
    /// KoboToolbox `_validation_status`: Approved, Not Approved, On Hold.
    case validationStatus = "validation-status"
    /// An attendance status column in a sign-in sheet (hadir, izin, …).
    case attendance
    /// Known columns Convene reads past on purpose (row numbers, timestamps, form metadata).
    case ignore

    /// Header spellings, compared after `CodedValueKey.make` (case, accents, punctuation ignored).
    static let aliases: [ImportField: [String]] = [
        .fullName: [
            "name", "full name", "nama", "nama lengkap", "nama peserta", "participant name", "your name",
            "nama lengkap peserta",
            "nama lengkap dan gelar",
        ],
        .firstName: ["first name", "given name", "nama depan"],
        .lastName: ["last name", "surname", "family name", "nama belakang"],
        .gender: [
            "gender", "sex", "jenis kelamin", "kelamin", "gender/sex", "sex/gender", "l/p", "jk", "f/m", "m/f", "p/l",
        ],
        .organisation: [
            "organisation", "organization", "affiliation", "institution", "instansi", "lembaga", "organisasi",
            "asal instansi", "instansi/lembaga", "instansi/organisasi", "asal lembaga", "unit kerja", "agency",
            "ministry",
        ],
        .position: ["position", "job title", "title/position", "jabatan", "posisi", "designation"],
        .stakeholder: [
            "stakeholder", "stakeholder type", "stakeholder group", "stakeholder category", "category", "kategori",
            "kategori pemangku kepentingan", "pemangku kepentingan", "kelompok pemangku kepentingan", "sektor",
        ],
        .phone: [
            "phone", "phone number", "mobile", "mobile number", "telephone", "whatsapp", "whatsapp number", "wa",
            "no hp", "no. hp", "nomor whatsapp", "no whatsapp", "nomor wa", "nomor hp", "no hp/wa", "no. hp/wa",
            "nomor telepon", "telepon", "no telp", "hp", "no wa",
        ],
        .email: [
            "email", "e-mail", "email address", "alamat email", "alamat e-mail", "surel", "alamat surel", "e mail",
        ],
        .province: ["province", "provinsi", "asal provinsi", "region"],
        .birthYear: ["birth year", "year of birth", "tahun lahir"],
        .age: ["age", "usia", "umur", "usia (tahun)", "umur (tahun)"],
        .disability: ["disability", "disabilitas", "penyandang disabilitas", "person with disability", "difabel"],
        .consent: ["consent", "persetujuan", "data consent", "informed consent"],
        .role: ["role", "peran", "participant role"],
        .registrationState: ["registration state", "registration status", "status registrasi"],
        .checkedIn: ["checked in", "check in", "checked-in"],
        .validationStatus: ["_validation_status", "validation status"],
        .attendance: ["attendance", "kehadiran", "status kehadiran", "hadir/tidak"],
        .ignore: [
            "no", "no.", "nomor", "#", "id", "timestamp", "registration date", "check-in date", "checked in date",
            "tanggal registrasi", "country", "negara", "start", "end", "today", "deviceid", "_id", "_uuid",
            "_submission_time", "_status", "_submitted_by", "__version__", "_tags", "_index", "meta/rootuuid",
            "meta/instanceid", "_notes", "_geolocation", "tanda tangan", "signature", "paraf", "ttd",
        ],
    ]

    /// The field for a header: by alias; else by one of its parts ("Institution /
    /// Organization", "Job title (Position)"); else by its words, as form builders write
    /// questions ("Which province do you live in?", "Nomor WA", "Nama Instansi"). `nil`
    /// for a header it does not know.
    static func match(_ header: String) -> ImportField? {
        let key = CodedValueKey.make(header)
        guard !key.isEmpty else { return nil }
        if let field = aliasIndex[key] { return field }
        let parts = header.split(whereSeparator: { "/()[]?:|–—,".contains($0) }).map {
            CodedValueKey.make(String($0))
        }
        if parts.count > 1 {
            let fields = Set(parts.compactMap { aliasIndex[$0] }).subtracting([.ignore])
            if fields.count == 1 { return fields.first }
        }
        return byWords(key)
    }

    /// Folded alias → field, built once.
    static let aliasIndex: [String: ImportField] = {
        var index: [String: ImportField] = [:]
        for field in allCases {
            for alias in aliases[field, default: []] where index[CodedValueKey.make(alias)] == nil {
                index[CodedValueKey.make(alias)] = field
            }
        }
        return index
    }()

    /// Words that say what a question asks, in the order they win when a header has
    /// several ("Nama Instansi" is an organisation, not a name).
    static let keywords: [(ImportField, [String])] = [
        (.consent, ["consent", "persetujuan", "bersedia", "setuju", "agree", "izin penggunaan data"]),
        (.email, ["email", "e mail", "surel"]),
        (.phone, ["phone", "telephone", "whatsapp", "wa", "hp", "handphone", "telepon", "telp", "mobile", "ponsel"]),
        (
            .organisation,
            [
                "institution", "institusi", "instansi", "organisation", "organization", "organisasi", "lembaga",
                "affiliation", "afiliasi", "agency", "employer", "unit kerja", "asal kantor",
            ]
        ),
        (.province, ["province", "provinsi", "propinsi"]),
        (.stakeholder, ["stakeholder", "pemangku", "category", "kategori", "sector", "sektor", "kelompok"]),
        (.position, ["position", "jabatan", "posisi", "job title", "designation", "occupation", "pekerjaan"]),
        (.gender, ["gender", "sex", "kelamin"]),
        (.birthYear, ["birth year", "year of birth", "tahun lahir"]),
        (.age, ["age", "usia", "umur"]),
        (.disability, ["disability", "disabilitas", "difabel"]),
        (.fullName, ["name", "nama"]),
    ]

    static func byWords(_ key: String) -> ImportField? {
        let padded = " \(key) "
        for (field, words) in keywords where words.contains(where: { padded.contains(" \($0) ") }) {
            return field
        }
        return nil
    }

    /// What the field is called in messages.
    var label: String {
        switch self {
        case .fullName: "a name"
        case .organisation: "an organisation"
        case .phone: "a phone number"
        case .province: "a province"
        case .email: "an e-mail address"
        case .gender: "a gender"
        default: rawValue
        }
    }

    /// Parses `--map` field names, listing them on error.
    public static func parse(_ text: String) throws(ConveneError) -> ImportField {
        guard let field = ImportField(rawValue: text.trimmingCharacters(in: .whitespaces).lowercased()) else {
            throw ConveneError.invalidValue(field: "--map field", value: text, accepted: allCases.map(\.rawValue))
        }
        return field
    }
}

/// The columns of a file mapped to fields.
struct HeaderMapping {
    /// Column index for each field read (the first column wins when two map to one field).
    var columns: [ImportField: Int] = [:]
    /// Headers that mapped to nothing; reported once.
    var unknown: [String] = []
    /// KoboToolbox select-multiple option columns (`Question/Option`), read past.
    var optionColumns = 0
    /// Columns that look like a field but were not read for it.
    var warnings: [String] = []

    init(header: [String], overrides: [String: ImportField]) throws(ConveneError) {
        let normalisedOverrides = Dictionary(
            overrides.map { (CodedValueKey.make($0.key), $0.value) }, uniquingKeysWith: { _, last in last })
        let keys = header.map(CodedValueKey.make)
        var matchedOverrides = Set<String>()
        for (index, title) in header.enumerated() {
            let key = keys[index]
            let field: ImportField?
            if let override = normalisedOverrides[key] {
                field = override
                matchedOverrides.insert(key)
            } else if let slash = title.lastIndex(of: "/"), index > 0,
                keys[..<index].contains(CodedValueKey.make(String(title[..<slash])))
            {
                optionColumns += 1  // KoboToolbox's `Question/option` columns after their question
                continue
            } else {
                field = ImportField.match(title)
            }
            if let field {
                if field == .ignore { continue }
                if let taken = columns[field] {
                    // A second column of the same kind: read the first, say so.
                    if [.organisation, .phone, .province, .email, .fullName, .gender].contains(field) {
                        warnings.append(
                            "column '\(title)' also looks like \(field.label), but '\(header[taken])' was read for it")
                    }
                } else {
                    columns[field] = index
                }
                continue
            }
            if key.isEmpty { continue }  // Excel's empty trailing column
            unknown.append(title)
        }
        if let missing = normalisedOverrides.keys.first(where: { !matchedOverrides.contains($0) }) {
            let original = overrides.keys.first { CodedValueKey.make($0) == missing } ?? missing
            throw ConveneError.invalidInput(
                "--map: the file has no column '\(original)'. Its columns are: \(header.filter { !$0.isEmpty }.joined(separator: ", "))."
            )
        }
        guard columns[.fullName] != nil || columns[.firstName] != nil || columns[.lastName] != nil else {
            throw ConveneError.invalidInput(
                "No name column found. Expected a header such as Name, Nama, Nama Lengkap or First Name/Last Name; the file's columns are: \(header.filter { !$0.isEmpty }.joined(separator: ", ")). Use --map \"Column=name\" to say which one holds names."
            )
        }
    }

    func value(_ field: ImportField, in fields: [String]) -> String? {
        guard let index = columns[field], index < fields.count else { return nil }
        let value = Normalise.whitespace(fields[index])
        return value.isEmpty ? nil : value
    }
}
