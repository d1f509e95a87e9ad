import Foundation

/// One accepted row, its values normalised.
struct ImportedPerson {
    var row: Int
    var line: Int
    var name: String
    var gender: Gender?
    var stakeholder: StakeholderType?
    var organisation: String?
    var position: String?
    var email: String?
    var phone: String?
    var province: String?
    var birthYear: Int?
    var disability: DisabilityStatus?
    var consent: Bool?
    var role: RegistrationRole?
    var attendance: AttendanceStatus?
    /// Text cleaned of control characters (terminal escapes, bidi overrides).
    var cleaned = false
    /// `Participant.nameKey(for: name)`, worked out once per row.
    var nameKey: String
}

/// Reads an export's rows into people: the checks and normalisation that need nothing
/// from the database, so that they can run on their own thread while the rows before are
/// written (`RowPipeline`).
struct RowReader {
    let mapping: HeaderMapping
    let kind: ImportOptions.Kind
    /// The year of the event's start: birth years after it are not plausible, ages count from it.
    let eventYear: Int
    /// The header row folded for comparison, to recognise it typed again further down.
    let headerKeys: [String]
    /// Stakeholder answers already interpreted: a form repeats a handful of answers.
    var stakeholderAnswers: [String: StakeholderType?] = [:]

    init(mapping: HeaderMapping, kind: ImportOptions.Kind, eventYear: Int, header: [String]) {
        self.mapping = mapping
        self.kind = kind
        self.eventYear = eventYear
        self.headerKeys = header.map(CodedValueKey.make)
    }

    enum Classification {
        case person(ImportedPerson)
        case rejected(ImportRejection)
        case invalid(ImportRejection)
    }

    static let totalWords: Set<String> = [
        "jumlah", "total", "grand total", "jumlah peserta", "total peserta", "subtotal", "sub total", "jumlah total",
    ]
    /// Empty, or a bare line number ("12", "12.").
    static func isEmptyOrNumber(_ cell: String) -> Bool {
        // Cheap first: a cell with an ASCII letter in it is neither.
        var bytes = cell
        let hasLetter = bytes.withUTF8 { $0.contains { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A } }
        if hasLetter { return false }
        var digits = Normalise.whitespace(cell)
        if digits.hasSuffix(".") { digits.removeLast() }
        return digits.allSatisfy(\.isASCII) && digits.allSatisfy(\.isNumber)
    }

    /// The header again (a sheet printed on several pages and typed back): most of the
    /// columns read say what the header says.
    func isRepeatedHeader(_ fields: [String]) -> Bool {
        let columns = mapping.columns.values.filter { $0 < fields.count && $0 < headerKeys.count }
        guard columns.count >= 2 else { return false }
        // Cheap first: the name column must say what the header says, starting with the
        // same letter (folding only changes the case of an ASCII letter).
        if let name = mapping.columns[.fullName] ?? mapping.columns[.firstName], name < fields.count,
            name < headerKeys.count
        {
            if let cell = Self.firstASCIILetter(fields[name]), let header = Self.firstASCIILetter(headerKeys[name]),
                cell != header
            {
                return false
            }
            if CodedValueKey.make(fields[name]) != headerKeys[name] { return false }
        }
        let same = columns.filter { CodedValueKey.make(fields[$0]) == headerKeys[$0] }.count
        return same * 2 > columns.count
    }

    /// The first letter or digit of `text` in lower case, when it is ASCII (nil otherwise).
    static func firstASCIILetter(_ text: String) -> UInt8? {
        for byte in text.utf8 {
            let lower = byte | 0x20
            if (lower >= 0x61 && lower <= 0x7A) { return lower }
            if byte >= 0x30 && byte <= 0x39 { return byte }
            if byte >= 0x80 { return nil }
        }
        return nil
    }

    /// A summary typed into a cell: "JUMLAH", "Jumlah: 31 peserta", "TOTAL 31 orang".
    static func isTotalCell(_ cell: String) -> Bool {
        // Cheap first: every summary word starts with one of these letters.
        guard let first = cell.utf8.first(where: { $0 != 32 }),
            [UInt8(ascii: "j"), UInt8(ascii: "t"), UInt8(ascii: "g"), UInt8(ascii: "s")].contains(first | 0x20)
        else { return false }
        let tokens = CodedValueKey.words(CodedValueKey.make(cell))
        guard let first = tokens.first else { return false }
        let start: Int
        if ["jumlah", "total", "subtotal"].contains(first) {
            start = 1
        } else if tokens.count > 1, ["grand", "sub"].contains(first), tokens[1] == "total" {
            start = 2
        } else {
            return false
        }
        let rest = tokens.dropFirst(start)
        let counted: Set<Substring> = [
            "peserta", "orang", "participants", "people", "hadir", "attendees", "org", "total",
        ]
        return rest.allSatisfy { counted.contains($0) || $0.allSatisfy(\.isNumber) }
    }

    static let testWords: Set<String> = ["test", "tes", "testing", "coba", "percobaan", "dummy", "asdf", "uji coba"]

    /// Reads the `row`th data row (1 for the first after the header): a person, or why not.
    /// What is worth a note but does not stop the row goes into `flags`, in the order found.
    mutating func classify(_ record: CSVRecord, row: Int, flags: inout [ImportFlag]) -> Classification {
        let fields = record.fields
        func reject(_ reason: ImportRejection.Reason) -> Classification {
            .rejected(ImportRejection(row: row, line: record.line, reason: reason, fields: fields))
        }
        func flag(_ message: String) {
            flags.append(ImportFlag(row: row, line: record.line, message: message))
        }
        // Blank, or blank but for its line number: the empty numbered lines of a sign-in sheet.
        if fields.allSatisfy({ Self.isEmptyOrNumber($0) }),
            fields.filter({ !Normalise.whitespace($0).isEmpty }).count <= 1
        {
            return reject(.blank)
        }
        if isRepeatedHeader(fields) { return reject(.repeatedHeader) }
        if fields.contains(where: Normalise.hasHiddenControls) {
            flag("control characters (terminal escapes or text-direction overrides) removed from its text")
        }

        let mapping = self.mapping
        func value(_ field: ImportField) -> String? { mapping.value(field, in: fields) }
        var name = value(.fullName)
        if name == nil {
            let joined = [value(.firstName), value(.lastName)].compactMap { $0 }.joined(separator: " ")
            name = joined.isEmpty ? nil : joined
        }
        let nameKey = name.map(CodedValueKey.make) ?? ""
        if Self.totalWords.contains(nameKey) || fields.contains(where: Self.isTotalCell) {
            return reject(.totalRow)
        }
        if let state = value(.registrationState) {
            let key = CodedValueKey.make(state)
            if key == "rejected" || key == "withdrawn" || key == "cancelled" || key == "canceled" {
                return reject(.registrationState(state))
            }
        }
        if let status = value(.validationStatus), CodedValueKey.make(status).contains("not approved") {
            return reject(.notApproved)
        }
        var consent: Bool?
        if let text = value(.consent) {
            consent = Self.yesNo(text)
            if consent == false { return reject(.noConsent) }
            if consent == nil { flag("consent answer\(Self.quoted(text)) not understood; consent not recorded") }
        }
        guard let name, !nameKey.isEmpty else { return reject(.noName) }
        let email = value(.email)
        let emailLocal =
            email.map { CodedValueKey.make(String($0[..<($0.utf8.firstIndex(of: UInt8(ascii: "@")) ?? $0.endIndex)])) }
            ?? ""
        // Every word a test word: the first is looked at before all are split out.
        if (Self.testWords.contains(String(CodedValueKey.firstWord(nameKey)))
            && CodedValueKey.words(nameKey).allSatisfy({ Self.testWords.contains(String($0)) }))
            || Self.testWords.contains(emailLocal)
        {
            return reject(.testSubmission)
        }

        // Values that must be right for the statistics: an unreadable one stops the row.
        var problems: [String] = []
        var gender: Gender?
        if let text = value(.gender) {
            gender = Gender.lookup(text)
            if gender == nil {
                problems.append(
                    "gender\(Self.quoted(text)) not recognised (accepted: female/perempuan/P, male/laki-laki/L, other, undisclosed)"
                )
            }
        }
        var normalisedEmail: String?
        if let email {
            normalisedEmail = Normalise.email(email)
            // A broken address never blocks a person: imported without it, and not used to match.
            if normalisedEmail == nil { flag("email is not an email address; not stored") }
        }
        var attendance: AttendanceStatus?
        if let text = value(.attendance) {
            attendance = AttendanceStatus.lookup(text)
            if attendance == nil {
                problems.append(
                    "attendance\(Self.quoted(text)) not recognised (hadir, terlambat, izin, tidak hadir, …)")
            }
        }
        if !problems.isEmpty {
            return .invalid(
                ImportRejection(
                    row: row, line: record.line, reason: .invalid(problems.joined(separator: "; ")), fields: fields))
        }

        // Values that help but can be fixed later: flagged, the row imported.
        var stakeholder: StakeholderType?
        if let text = value(.stakeholder) {
            if let known = stakeholderAnswers[text] {
                stakeholder = known
            } else {
                stakeholder = StakeholderType.interpret(text)
                stakeholderAnswers[text] = stakeholder
            }
            if stakeholder == nil { flag("stakeholder\(Self.quoted(text)) not recognised; stored as unknown") }
        }
        var disability: DisabilityStatus?
        if let text = value(.disability) {
            disability = DisabilityStatus.lookup(text)
            if disability == nil { flag("disability answer\(Self.quoted(text)) not recognised; stored as undisclosed") }
        }
        var phone: String?
        if let text = value(.phone) {
            if let normalised = Normalise.phone(text) {
                phone = normalised
            } else if Normalise.isScientificNotation(text) {
                flag("phone is in spreadsheet scientific notation (digits lost); not stored")
            } else {
                // Not a number anyone can call, and useless for matching people: left out.
                flag("phone is not a phone number; not stored")
            }
        }
        var province: String?
        if let text = value(.province) {
            switch Provinces.builtIn.read(text) {
            case .province(let name): province = name
            case .abroad: province = Provinces.abroadName
            case .unknown:
                province = text
                flag("province\(Self.quoted(text)) not recognised; stored as typed")
            }
        }
        var birthYear: Int?
        if let text = value(.birthYear) {
            if let year = Int(text), (1900...eventYear).contains(year) {
                birthYear = year
            } else {
                flag("birth year not plausible; not stored")
            }
        } else if let text = value(.age) {
            if let age = Int(text.filter(\.isNumber)), text.contains(where: \.isNumber), (5...110).contains(age) {
                birthYear = eventYear - age
            } else {
                flag("age not understood; not stored")
            }
        }
        var role: RegistrationRole?
        if let text = value(.role) {
            role = RegistrationRole.lookup(text)
            if role == nil { flag("role\(Self.quoted(text)) not recognised; registered as participant") }
        }
        if kind == .registrations, let text = value(.checkedIn), Self.yesNo(text) == true {
            attendance = .present
        }
        if kind == .attendance, attendance == nil { attendance = .present }
        if let text = value(.validationStatus), CodedValueKey.make(text).contains("hold") {
            flag("validation status is on hold; imported")
        }
        let personName = Normalise.personName(name)
        return .person(
            ImportedPerson(
                row: row, line: record.line, name: personName, gender: gender, stakeholder: stakeholder,
                organisation: value(.organisation), position: value(.position), email: normalisedEmail, phone: phone,
                province: province, birthYear: birthYear, disability: disability, consent: consent, role: role,
                attendance: attendance, nameKey: Participant.nameKey(for: personName)))
    }

    /// An answer to a closed question, quoted in a message when it cannot be personal data
    /// (short, no digits, no @: never a phone number, e-mail or name-length text).
    static func quoted(_ text: String) -> String {
        text.count <= 24 && !text.contains(where: { $0.isNumber || $0 == "@" }) ? " '\(text)'" : ""
    }

    static func yesNo(_ text: String) -> Bool? {
        let key = CodedValueKey.make(text)
        let yes = [
            "yes", "y", "ya", "iya", "1", "true", "setuju", "bersedia", "agree", "i agree", "saya setuju",
            "saya bersedia", "checked in", "hadir",
        ]
        let no = ["no", "n", "tidak", "0", "false", "tidak setuju", "tidak bersedia", "disagree", "i do not agree"]
        if no.contains(key) || key.hasPrefix("tidak ") || key.hasPrefix("no ") { return false }
        if yes.contains(key) || key.hasPrefix("ya ") || key.hasPrefix("yes ") || key.hasPrefix("saya bersedia")
            || key.hasPrefix("saya setuju")
        {
            return true
        }
        return nil
    }
}
