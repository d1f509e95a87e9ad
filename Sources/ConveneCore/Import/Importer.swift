import Foundation
import GRDB

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

extension AppDatabase {
    /// Imports a form export or sign-in sheet in one transaction: all rows or none.
    /// A dry run does the same work and rolls it back, so its report is exactly what would happen.
    /// The file is read as a stream, so memory stays flat however many rows it has;
    /// `rejected` receives every rejected row (with the header) as it is found.
    public func importFile(
        at url: URL, options: ImportOptions, progress: (@Sendable (ImportProgress) -> Void)? = nil,
        rejected: ((_ header: [String], _ rejection: ImportRejection) throws -> Void)? = nil
    ) throws(ConveneError) -> ImportReport {
        try importStream(.file(url), options: options, progress: progress, rejected: rejected)
    }

    /// The same for a file already in memory (tests, the fuzzer).
    public func importFile(
        _ data: Data, options: ImportOptions, progress: (@Sendable (ImportProgress) -> Void)? = nil,
        rejected: ((_ header: [String], _ rejection: ImportRejection) throws -> Void)? = nil
    ) throws(ConveneError) -> ImportReport {
        try importStream(.data(data), options: options, progress: progress, rejected: rejected)
    }

    private func importStream(
        _ source: CSVStream.Source, options: ImportOptions, progress: (@Sendable (ImportProgress) -> Void)?,
        rejected: ((_ header: [String], _ rejection: ImportRejection) throws -> Void)?
    ) throws(ConveneError) -> ImportReport {
        // The write runs synchronously while this thread waits: the sink is only ever
        // called from one thread at a time.
        nonisolated(unsafe) let sink = rejected
        return try writeRollingBack(options.dryRun) { db in
            var stream = try CSVStream(source: source)
            var head: [CSVRecord] = []
            while head.count < 10, let record = try stream.next() { head.append(record) }
            let (headerIndex, mapping) = try Importer.findHeader(head, overrides: options.mapping)
            var importer = try Importer(
                db: db, options: options, dialect: stream.dialect, mapping: mapping, progress: progress,
                rejected: sink)
            importer.setHeader(head[headerIndex].fields)
            var buffered = head[(headerIndex + 1)...]
            return try importer.run {
                if let record = buffered.popFirst() { return (record, stream.bytesRead, stream.totalBytes) }
                return try stream.next().map { ($0, stream.bytesRead, stream.totalBytes) }
            }
        }
    }
}

struct Importer {
    let db: Database
    let options: ImportOptions
    let mapping: HeaderMapping
    let event: Event
    let session: Session?
    let progress: (@Sendable (ImportProgress) -> Void)?
    let rejectedSink: ((_ header: [String], _ rejection: ImportRejection) throws -> Void)?
    var report: ImportReport

    var organisations: OrganisationResolver
    var headerKeys: [String] = []
    /// Organisations already known to the person matcher's table of top-level bodies.
    var matchedOrganisations = Set<String>()
    /// Per organisation: a note when its body had ended before the event (Kemenkumham at a 2025 meeting).
    var ended: [String: String?] = [:]
    /// Stakeholder answers already interpreted: a form repeats a handful of answers.
    var stakeholderAnswers: [String: StakeholderType?] = [:]
    let people: PersonMatcher
    /// The row each person of this import first came from, for "same person as row N".
    var firstRows = FirstRows()
    /// Whether the session held marks before this import: when it did not, only a person
    /// met earlier in this file can have one, so the others are not looked up.
    let sessionHadMarks: Bool
    let now: Date
    /// The marks this import makes, written together (see `SessionMarks`).
    var marks: SessionMarks?

    init(
        db: Database, options: ImportOptions, dialect: CSVDialect, mapping: HeaderMapping,
        progress: (@Sendable (ImportProgress) -> Void)?,
        rejected: ((_ header: [String], _ rejection: ImportRejection) throws -> Void)?
    ) throws {
        self.db = db
        self.options = options
        self.mapping = mapping
        self.progress = progress
        self.rejectedSink = rejected
        let named = try options.session.map { try Session.find($0, db) }
        if let eventCode = options.event {
            event = try Event.find(eventCode, db)
        } else if let (_, parent) = named {
            event = parent
        } else {
            throw ConveneError.invalidInput("--event: say which event the file belongs to.")
        }
        let hasCheckIns = mapping.columns[.checkedIn] != nil
        if let (found, parent) = named {
            guard parent.id == event.id else {
                throw ConveneError.invalidInput(
                    "--session: \(options.session!) belongs to \(parent.code), not \(event.code).")
            }
            session = found
        } else if options.kind == .attendance {
            throw ConveneError.invalidInput(
                "--session: say which session the sign-in sheet is for, e.g. --session \(event.code)/1.")
        } else if hasCheckIns {
            let sessions = try Session.filter(Session.Columns.eventId == event.id).fetchAll(db)
            guard sessions.count == 1 else {
                throw ConveneError.invalidInput(
                    "The file has a 'Checked in' column and \(event.code) has \(sessions.count) sessions: say which one check-ins count for with --session \(event.code)/N."
                )
            }
            session = sessions[0]
        } else {
            session = nil
        }
        let now = Date()
        let method: AttendanceMethod = options.kind == .attendance ? .sheet : .import
        self.now = now
        marks = session.map { SessionMarks(session: $0, at: now, by: nil, method: method) }
        report = ImportReport(
            dialect: dialect, eventCode: event.code, sessionReference: options.session, dryRun: options.dryRun)
        report.unknownColumns = mapping.unknown
        report.columnWarnings = mapping.warnings
        report.optionColumns = mapping.optionColumns
        organisations = try OrganisationResolver(db)
        people = try PersonMatcher(db)
        sessionHadMarks =
            try session.map {
                try Bool.fetchOne(
                    db, sql: "SELECT EXISTS (SELECT 1 FROM attendance WHERE sessionId = ?)", arguments: [$0.id])
                    ?? true
            } ?? false
    }

    /// The first of the top ten records that has a name column is the header: hand-made
    /// sheets often carry a title row ("DAFTAR HADIR …") above it.
    static func findHeader(_ records: [CSVRecord], overrides: [String: ImportField]) throws(ConveneError) -> (
        Int, HeaderMapping
    ) {
        var firstError: ConveneError?
        for index in records.indices.prefix(10) {
            do {
                return (index, try HeaderMapping(header: records[index].fields, overrides: overrides))
            } catch {
                if firstError == nil { firstError = error }
                // An override naming a missing column is the user's mistake, not a title row.
                if case .invalidInput(let message) = error, message.hasPrefix("--map") { throw error }
            }
        }
        throw firstError ?? ConveneError.invalidInput("The file has no header row.")
    }

    // MARK: - One pass

    /// Reads, checks and writes row by row. Rows with unreadable values stop the writing
    /// (unless skipped); the rest of the file is still read so the message lists them.
    mutating func run(next: () throws -> (record: CSVRecord, bytesRead: Int, totalBytes: Int)?) throws -> ImportReport {
        var invalid: [ImportRejection] = []
        var invalidCount = 0
        var people = 0
        while let (record, bytesRead, totalBytes) = try next() {
            report.rowsRead += 1
            let row = report.rowsRead
            if row % 1000 == 0 {
                progress?(ImportProgress(rows: row, bytesRead: bytesRead, totalBytes: totalBytes))
            }
            switch classify(record, row: row) {
            case .person(let person):
                people += 1
                guard invalidCount == 0 else { continue }
                try write(person, fields: record.fields)
            case .rejected(let rejection):
                try reject(rejection)
            case .invalid(let rejection):
                if options.skipInvalid {
                    try reject(rejection)
                } else {
                    invalidCount += 1
                    if invalid.count < 20 { invalid.append(rejection) }
                }
            }
        }
        if invalidCount > 0 {
            let shown = invalid.map { "  row \($0.row) (line \($0.line)): \($0.reasonText)" }
            let more = invalidCount > invalid.count ? ["  … and \(invalidCount - invalid.count) more"] : []
            throw ConveneError.invalidInput(
                "\(invalidCount) row\(invalidCount == 1 ? " has" : "s have") values Convene cannot read; nothing was imported. Fix the file, or pass --skip-invalid to import the other rows and reject these:\n"
                    + (shown + more).joined(separator: "\n"))
        }
        if people == 0 && report.rowsRead == report.blankRows && !options.allowEmpty {
            throw ConveneError.invalidInput(
                "The file has a header row but no data rows, so there is nothing to import. If that is expected (a form nobody has answered yet), pass --allow-empty."
            )
        }
        try marks?.write(db)
        try organisations.removeUnused(db)
        report.newOrganisations = organisations.created.map(\.name)
        for created in organisations.created {
            if let note = created.note { report.newOrganisationNotes[created.name] = note }
        }
        report.directoryOrganisations = organisations.fromDirectory
        report.organisationSuggestions = organisations.created.compactMap { created in
            created.suggestion.map { (created.name, $0.display, $0.reference) }
        }
        try db.execute(sql: "DROP TABLE IF EXISTS organisationRoot")
        return report
    }

    mutating func reject(_ rejection: ImportRejection) throws {
        report.reject(rejection)
        if rejection.reason == .blank {
            report.blankRows += 1
            return  // nothing in a blank row to correct: kept out of the rejects file
        }
        try rejectedSink?(report.header, rejection)
    }

    mutating func flag(_ row: Int, _ line: Int, _ message: String) {
        report.flag(ImportFlag(row: row, line: line, message: message))
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

    /// The header row, as the file has it and folded for comparison.
    mutating func setHeader(_ header: [String]) {
        report.header = header
        headerKeys = header.map(CodedValueKey.make)
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

    mutating func classify(_ record: CSVRecord, row: Int) -> Classification {
        let fields = record.fields
        func reject(_ reason: ImportRejection.Reason) -> Classification {
            .rejected(ImportRejection(row: row, line: record.line, reason: reason, fields: fields))
        }
        func flag(_ message: String) {
            report.flag(ImportFlag(row: row, line: record.line, message: message))
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
        let eventYear = event.startDate.year
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
        if options.kind == .registrations, let text = value(.checkedIn), Self.yesNo(text) == true {
            attendance = .present
        }
        if options.kind == .attendance, attendance == nil { attendance = .present }
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

    // MARK: - Writing, row by row

    /// Writes one accepted row: its organisation, the person (found or created), the
    /// registration and any attendance mark.
    mutating func write(_ person: ImportedPerson, fields: [String]) throws {
        let organisationId = try organisations.resolve(person.organisation, now: now, db)?.id
        if let organisationId, matchedOrganisations.insert(organisationId).inserted {
            try people.organisationAdded(organisationId)
            ended[organisationId] = try endedBody(organisationId)
        }
        if let organisationId, let note = ended[organisationId] ?? nil {
            flag(person.row, person.line, note)
        }
        let (outcome, namesake, stored) = try people.match(
            email: person.email, phone: person.phone, nameKey: person.nameKey, organisationId: organisationId,
            eventId: event.id)
        let participantId: String
        let rowid: Int64
        var firstRow: Int?
        switch outcome {
        case .ambiguous(let ids):
            let reason =
                "matches \(ids.count > 5 ? "more than 5" : String(ids.count)) participants by name and organisation (\(ids.prefix(5).map(RecordID.short).joined(separator: ", "))); add an email to tell them apart"
            let rejection = ImportRejection(
                row: person.row, line: person.line, reason: .invalid(reason), fields: fields)
            guard options.skipInvalid else {
                throw ConveneError.invalidInput(
                    "Row \(person.row) (line \(person.line)) \(rejection.reasonText); nothing was imported. Fix the file, or pass --skip-invalid to import the other rows and reject this one."
                )
            }
            try reject(rejection)
            return
        case .none:
            if namesake {
                flag(
                    person.row, person.line,
                    "same name and organisation as a participant with a different email: added as a new person")
            }
            participantId = try insert(person, organisationId: organisationId)
            rowid = db.lastInsertedRowID
            report.newParticipants += 1
            report.decide(ImportDecision(row: person.row, line: person.line, action: .new))
        case .match(let id, let matchedRowid, let by):
            participantId = id
            rowid = matchedRowid
            firstRow = firstRows.row(of: rowid)
            if let firstRow {
                report.duplicatesMerged += 1
                report.decide(
                    ImportDecision(row: person.row, line: person.line, action: .merged(intoRow: firstRow, by: by)))
            } else {
                report.matchedExisting += 1
                report.decide(
                    ImportDecision(
                        row: person.row, line: person.line, action: .matched(shortId: RecordID.short(id), by: by)))
            }
            try fillStored(stored, id, from: person, firstRow: firstRow)
        }
        if firstRow == nil { firstRows.note(rowid, row: person.row) }
        try registerAndMark(participantId, person, isNew: outcome == .none, sameFileAs: firstRow)
    }

    private func insert(_ person: ImportedPerson, organisationId: String?) throws -> String {
        let participant = Participant(
            fullName: person.name, nameKey: person.nameKey, gender: person.gender ?? .undisclosed,
            stakeholderType: person.stakeholder, organisationId: organisationId, position: person.position,
            email: person.email, phone: person.phone, province: person.province, birthYear: person.birthYear,
            disability: person.disability ?? .undisclosed, dataUseConsent: person.consent, createdAt: now)
        try participant.insertRow(db)
        return participant.id
    }

    /// A note when the body an organisation belongs to no longer existed on the event's
    /// date (split or dissolved): it does not count as a ministry there.
    private func endedBody(_ organisationId: String) throws -> String? {
        let key = try String.fetchOne(
            db,
            sql: """
                SELECT o.directoryKey FROM organisation o
                WHERE o.id = (SELECT rootId FROM organisationRoot WHERE id = ?)
                """, arguments: [organisationId])
        guard let key, let entry = Directory.builtIn.entry(key: key), let end = entry.validTo,
            entry.successors.count != 1, event.startDate > end
        else { return nil }
        let successors = entry.successors.compactMap { Directory.builtIn.entry(key: $0)?.shortName }
        return "\(entry.shortName) ended on \(end)"
            + (successors.isEmpty ? "" : " (now \(successors.joined(separator: ", ")))")
            + ", before this event: not counted as a ministry here; set the right successor with participant edit --org"
    }

    /// Registers the person (a second row of the same person fills the role it lacked) and
    /// marks their attendance where the row says so.
    private mutating func registerAndMark(
        _ participantId: String, _ person: ImportedPerson, isNew: Bool, sameFileAs firstRow: Int?
    ) throws {
        // Someone created a moment ago has no registration or mark to look up. Most people
        // are registered already: their role and status are read, the whole row only to change it.
        let key: StatementArguments = [event.id, participantId]
        let held: (role: RegistrationRole, status: RegistrationStatus)? =
            isNew
            ? nil
            : try db.cachedStatement(
                sql: "SELECT role, status FROM registration WHERE eventId = ? AND participantId = ?"
            ).fetchFirst(arguments: key) { row in (try row.decode(0), try row.decode(1)) }
        func update(_ change: (inout Registration) -> Void) throws {
            guard
                var stored = try Registration.fetchOne(
                    db.cachedStatement(sql: "SELECT * FROM registration WHERE eventId = ? AND participantId = ?"),
                    arguments: key)
            else { return }
            change(&stored)
            try stored.update(db)
        }
        if let (role, status) = held {
            if firstRow != nil {
                if let newRole = person.role, newRole != role, role == .participant {
                    try update { $0.role = newRole }
                }
            } else if status == .cancelled {
                try update { $0.status = .registered }
                report.registered += 1
            } else {
                report.alreadyRegistered += 1
            }
        } else {
            try Registration(
                eventId: event.id, participantId: participantId, role: person.role ?? .participant, source: "import",
                registeredAt: now
            ).insertRow(db)
            report.registered += 1
        }
        guard let session, let status = person.attendance, marks != nil else { return }
        // A mark this import made and has not written yet, else the stored one.
        let madeHere = firstRow == nil ? nil : marks!.status(of: participantId)
        let stored =
            isNew || madeHere != nil || (!sessionHadMarks && firstRow == nil)
            ? nil
            : try Attendance.fetchOne(session: session.id, participant: participantId, db)
        if let firstRow, let earlier = madeHere ?? stored?.status {
            // The same person twice in one file: the first row's mark stands.
            if earlier != status {
                flag(
                    person.row, person.line,
                    "same person as row \(firstRow); attendance differs: kept row \(firstRow)'s")
            }
            return
        }
        // In place (not a copy of the marks held).
        let outcome = try marks!.mark(participantId, existing: stored, status: status, db)
        if outcome != .unchanged { report.attendanceMarked += 1 }
    }

    /// Fills what the stored participant lacks; a different stored value is kept and reported.
    /// `read` is the stored row when the match has just read it.
    private mutating func fillStored(_ read: Participant?, _ id: String, from person: ImportedPerson, firstRow: Int?)
        throws
    {
        guard var stored = try read ?? Participant.fetchOne(id: id, db) else { return }
        let before = stored
        let conflicts = stored.fillEmpty(from: person)
        if stored != before {
            stored.updatedAt = now
            try stored.update(db)
        }
        guard !conflicts.isEmpty else { return }
        let verb = conflicts.count == 1 ? "differs" : "differ"
        flag(
            person.row, person.line,
            firstRow.map { "same person as row \($0); \(conflicts.joined(separator: ", ")) \(verb): kept row \($0)'s" }
                ?? "matches participant \(RecordID.short(id)); \(conflicts.joined(separator: ", ")) \(verb) from what is stored: kept the stored value"
        )
    }
}

extension Participant {
    /// Takes from an import row what this participant lacks; returns the fields where both
    /// have a value and they differ (the stored one is kept). Gender and disability count
    /// as missing when undisclosed.
    mutating func fillEmpty(from person: ImportedPerson) -> [String] {
        var conflicts: [String] = []
        func fill<T: Equatable>(_ keyPath: WritableKeyPath<Participant, T?>, _ value: T?, _ label: String) {
            guard let value else { return }
            if let old = self[keyPath: keyPath] {
                if old != value { conflicts.append(label) }
            } else {
                self[keyPath: keyPath] = value
            }
        }
        if let gender = person.gender, gender != self.gender {
            if self.gender == .undisclosed { self.gender = gender } else { conflicts.append("gender") }
        }
        fill(\.stakeholderType, person.stakeholder, "stakeholder")
        fill(\.position, person.position, "position")
        fill(\.email, person.email, "email")
        fill(\.phone, person.phone, "phone")
        fill(\.province, person.province, "province")
        fill(\.birthYear, person.birthYear, "birth year")
        if let disability = person.disability, disability != self.disability {
            if self.disability == .undisclosed { self.disability = disability } else { conflicts.append("disability") }
        }
        fill(\.dataUseConsent, person.consent, "consent")
        return conflicts
    }
}

/// The row of the file each person first came from, by the person's rowid. Four bytes for
/// each rowid up to the largest met (SQLite hands rowids out in order, so about one per
/// person stored), and a dictionary past 16 million; a temporary table cost two statements
/// a row (30,000 instructions of the 270,000 a sign-in sheet's row took) and outgrew
/// SQLite's cache for temporary tables in large imports.
struct FirstRows {
    private var dense: [Int32] = []
    private var sparse: [Int64: Int] = [:]
    private static let denseLimit: Int64 = 1 << 24

    /// The first row noted for the person, if any.
    func row(of rowid: Int64) -> Int? {
        if rowid >= 0 && rowid < Self.denseLimit, Int(rowid) < dense.count, dense[Int(rowid)] != 0 {
            return Int(dense[Int(rowid)])
        }
        return sparse.isEmpty ? nil : sparse[rowid]
    }

    /// Notes the person's first row (1 or more).
    mutating func note(_ rowid: Int64, row: Int) {
        precondition(row > 0)
        guard rowid >= 0 && rowid < Self.denseLimit, row <= Int(Int32.max) else {
            sparse[rowid] = row
            return
        }
        let index = Int(rowid)
        if index >= dense.count {
            // Doubling, but never past the dense range's end.
            let size = min(Int(Self.denseLimit), max(index + 1, 2 * dense.count))
            dense.append(contentsOf: repeatElement(0, count: size - dense.count))
        }
        dense[index] = Int32(row)
    }
}
