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
    /// Same person twice in a file: the rows merged into this one.
    var mergedRows: [Int] = []
    var nameKey: String { CodedValueKey.make(name) }
}

extension AppDatabase {
    /// Imports a form export or sign-in sheet in one transaction: all rows or none.
    /// A dry run does the same work and rolls it back, so its report is exactly what would happen.
    public func importFile(
        _ data: Data, options: ImportOptions, progress: (@Sendable (ImportProgress) -> Void)? = nil
    ) throws(ConveneError) -> ImportReport {
        let (dialect, records) = try CSVReader.read(data)
        let (headerIndex, mapping) = try Importer.findHeader(records, overrides: options.mapping)
        return try writeRollingBack(options.dryRun) { db in
            var importer = try Importer(
                db: db, options: options, dialect: dialect, mapping: mapping, progress: progress)
            importer.report.header = records[headerIndex].fields
            return try importer.run(records: Array(records[(headerIndex + 1)...]))
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
    var report: ImportReport

    // What the database holds, loaded once: no per-row query scans.
    var organisationsByKey: [String: String] = [:]
    var participantByEmail: [String: String] = [:]
    var participantsByNameOrg: [String: [String]] = [:]
    var registrationStatus: [String: RegistrationStatus] = [:]
    /// People this import created: a homonym of one of them was already flagged within the file.
    var createdIds = Set<String>()

    init(
        db: Database, options: ImportOptions, dialect: CSVDialect, mapping: HeaderMapping,
        progress: (@Sendable (ImportProgress) -> Void)?
    ) throws {
        self.db = db
        self.options = options
        self.mapping = mapping
        self.progress = progress
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
        report = ImportReport(
            dialect: dialect, eventCode: event.code, sessionReference: options.session, dryRun: options.dryRun)
        report.unknownColumns = mapping.unknown
        report.optionColumns = mapping.optionColumns
        try loadDatabase()
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

    mutating func loadDatabase() throws {
        for organisation in try Organisation.fetchAll(db) {
            organisationsByKey[CodedValueKey.make(organisation.name)] = organisation.id
            if let acronym = organisation.acronym { organisationsByKey[CodedValueKey.make(acronym)] = organisation.id }
        }
        for alias in try OrganisationAlias.fetchAll(db) {
            organisationsByKey[CodedValueKey.make(alias.alias)] = alias.organisationId
        }
        let rows = try Row.fetchCursor(db, sql: "SELECT id, fullName, email, organisationId FROM participant")
        while let row = try rows.next() {
            let id: String = row["id"]
            if let email: String = row["email"] { participantByEmail[email] = id }
            let key = Self.nameOrgKey(CodedValueKey.make(row["fullName"]), organisation: row["organisationId"])
            participantsByNameOrg[key, default: []].append(id)
        }
        let registrations = try Row.fetchCursor(
            db, sql: "SELECT participantId, status FROM registration WHERE eventId = ?", arguments: [event.id])
        while let row = try registrations.next() { registrationStatus[row["participantId"]] = row["status"] }
    }

    static func nameOrgKey(_ nameKey: String, organisation: String?) -> String {
        "\(nameKey)|\(organisation ?? "")"
    }

    // MARK: - The three passes

    mutating func run(records: [CSVRecord]) throws -> ImportReport {
        report.rowsRead = records.count
        var people: [ImportedPerson] = []
        var invalid: [ImportRejection] = []
        for (offset, record) in records.enumerated() {
            if offset % 1000 == 999 {
                progress?(ImportProgress(phase: .reading, done: offset + 1, total: records.count))
            }
            switch classify(record, row: offset + 1) {
            case .person(let person): people.append(person)
            case .rejected(let rejection): report.rejected.append(rejection)
            case .invalid(let rejection): invalid.append(rejection)
            }
        }
        if !invalid.isEmpty {
            guard options.skipInvalid else {
                let shown = invalid.prefix(20).map { "  row \($0.row) (line \($0.line)): \($0.reasonText)" }
                let more = invalid.count > 20 ? ["  … and \(invalid.count - 20) more"] : []
                throw ConveneError.invalidInput(
                    "\(invalid.count) row\(invalid.count == 1 ? " has" : "s have") values Convene cannot read; nothing was imported. Fix the file, or pass --skip-invalid to import the other rows and reject these:\n"
                        + (shown + more).joined(separator: "\n"))
            }
            report.rejected += invalid
            report.rejected.sort { $0.row < $1.row }
        }
        let merged = mergeWithinFile(people)
        try write(merged, records: records)
        report.decisions.sort { $0.row < $1.row }
        report.rejected.sort { $0.row < $1.row }
        return report
    }

    enum Classification {
        case person(ImportedPerson)
        case rejected(ImportRejection)
        case invalid(ImportRejection)
    }

    static let totalWords: Set<String> = [
        "jumlah", "total", "grand total", "jumlah peserta", "total peserta", "subtotal", "sub total", "jumlah total",
    ]
    static let testWords: Set<String> = ["test", "tes", "testing", "coba", "percobaan", "dummy", "asdf", "uji coba"]

    mutating func classify(_ record: CSVRecord, row: Int) -> Classification {
        let fields = record.fields
        func reject(_ reason: ImportRejection.Reason) -> Classification {
            .rejected(ImportRejection(row: row, line: record.line, reason: reason, fields: fields))
        }
        func flag(_ message: String) {
            report.flags.append(ImportFlag(row: row, line: record.line, message: message))
        }
        if fields.allSatisfy({ Normalise.whitespace($0).isEmpty }) { return reject(.blank) }

        let mapping = self.mapping
        func value(_ field: ImportField) -> String? { mapping.value(field, in: fields) }
        var name = value(.fullName)
        if name == nil {
            let joined = [value(.firstName), value(.lastName)].compactMap { $0 }.joined(separator: " ")
            name = joined.isEmpty ? nil : joined
        }
        let nameKey = name.map(CodedValueKey.make) ?? ""
        if Self.totalWords.contains(nameKey)
            || (name == nil && fields.contains { Self.totalWords.contains(CodedValueKey.make($0)) })
        {
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
            if consent == nil { flag("consent answer '\(text)' not understood; consent not recorded") }
        }
        guard let name, !nameKey.isEmpty else { return reject(.noName) }
        let email = value(.email)
        let emailLocal = email.map { CodedValueKey.make(String($0.prefix { $0 != "@" })) } ?? ""
        if nameKey.split(separator: " ").allSatisfy({ Self.testWords.contains(String($0)) })
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
                    "gender '\(text)' not recognised (accepted: female/perempuan/P, male/laki-laki/L, other, undisclosed)"
                )
            }
        }
        var normalisedEmail: String?
        if let email {
            normalisedEmail = Normalise.email(email)
            if normalisedEmail == nil { problems.append("email is not an email address") }
        }
        var attendance: AttendanceStatus?
        if let text = value(.attendance) {
            attendance = AttendanceStatus.lookup(text)
            if attendance == nil {
                problems.append("attendance '\(text)' not recognised (hadir, terlambat, izin, tidak hadir, …)")
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
            stakeholder = StakeholderType.lookup(text)
            if stakeholder == nil { flag("stakeholder '\(text)' not recognised; stored as unknown") }
        }
        var disability: DisabilityStatus?
        if let text = value(.disability) {
            disability = DisabilityStatus.lookup(text)
            if disability == nil { flag("disability answer '\(text)' not recognised; stored as undisclosed") }
        }
        var phone: String?
        if let text = value(.phone) {
            if let normalised = Normalise.phone(text) {
                phone = normalised
            } else if Normalise.isScientificNotation(text) {
                flag("phone is in spreadsheet scientific notation (digits lost); not stored")
            } else {
                phone = text
                flag("phone could not be read as a number; stored as typed")
            }
        }
        var birthYear: Int?
        let eventYear = event.startDate.year
        if let text = value(.birthYear) {
            if let year = Int(text), (1900...eventYear).contains(year) {
                birthYear = year
            } else {
                flag("birth year '\(text)' not plausible; not stored")
            }
        } else if let text = value(.age) {
            if let age = Int(text.filter(\.isNumber)), text.contains(where: \.isNumber), (5...110).contains(age) {
                birthYear = eventYear - age
            } else {
                flag("age '\(text)' not understood; not stored")
            }
        }
        var role: RegistrationRole?
        if let text = value(.role) {
            role = RegistrationRole.lookup(text)
            if role == nil { flag("role '\(text)' not recognised; registered as participant") }
        }
        if options.kind == .registrations, let text = value(.checkedIn), Self.yesNo(text) == true {
            attendance = .present
        }
        if options.kind == .attendance, attendance == nil { attendance = .present }
        if let text = value(.validationStatus), CodedValueKey.make(text).contains("hold") {
            flag("validation status is on hold; imported")
        }
        return .person(
            ImportedPerson(
                row: row, line: record.line, name: Normalise.personName(name), gender: gender, stakeholder: stakeholder,
                organisation: value(.organisation), position: value(.position), email: normalisedEmail, phone: phone,
                province: value(.province), birthYear: birthYear, disability: disability, consent: consent, role: role,
                attendance: attendance))
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

    /// The organisation key used for matching: an existing organisation's id, else the folded name.
    func organisationKey(_ name: String?) -> String? {
        guard let name else { return nil }
        let key = CodedValueKey.make(name)
        return organisationsByKey[key] ?? "new:\(key)"
    }

    /// One person per email, else per name + organisation, unless their emails differ.
    mutating func mergeWithinFile(_ rows: [ImportedPerson]) -> [ImportedPerson] {
        var people: [ImportedPerson] = []
        var byEmail: [String: Int] = [:]
        var byNameOrg: [String: Int] = [:]
        for row in rows {
            let nameOrg = Self.nameOrgKey(row.nameKey, organisation: organisationKey(row.organisation))
            var target: (index: Int, by: String)?
            if let email = row.email, let index = byEmail[email] {
                target = (index, "email")
            } else if let index = byNameOrg[nameOrg] {
                if row.email == nil || people[index].email == nil {
                    target = (index, "name and organisation")
                } else {
                    report.flags.append(
                        ImportFlag(
                            row: row.row, line: row.line,
                            message:
                                "same name and organisation as row \(people[index].row) but a different email: kept as two people"
                        ))
                }
            }
            if let (index, by) = target {
                merge(row, into: &people[index])
                report.decisions.append(
                    ImportDecision(row: row.row, line: row.line, action: .merged(intoRow: people[index].row, by: by)))
                report.duplicatesMerged += 1
                if let email = people[index].email { byEmail[email] = index }
            } else {
                people.append(row)
                if let email = row.email { byEmail[email] = people.count - 1 }
                if byNameOrg[nameOrg] == nil { byNameOrg[nameOrg] = people.count - 1 }
            }
        }
        return people
    }

    /// Later rows fill what earlier rows left empty; a different value is reported, not overwritten.
    mutating func merge(_ row: ImportedPerson, into person: inout ImportedPerson) {
        var conflicts: [String] = []
        func fill<T: Equatable>(_ keyPath: WritableKeyPath<ImportedPerson, T?>, _ label: String) {
            guard let new = row[keyPath: keyPath] else { return }
            if let old = person[keyPath: keyPath] {
                if old != new { conflicts.append(label) }
            } else {
                person[keyPath: keyPath] = new
            }
        }
        fill(\.gender, "gender")
        fill(\.stakeholder, "stakeholder")
        fill(\.organisation, "organisation")
        fill(\.position, "position")
        fill(\.email, "email")
        fill(\.phone, "phone")
        fill(\.province, "province")
        fill(\.birthYear, "birth year")
        fill(\.disability, "disability")
        fill(\.consent, "consent")
        fill(\.role, "role")
        fill(\.attendance, "attendance")
        person.mergedRows.append(row.row)
        if !conflicts.isEmpty {
            report.flags.append(
                ImportFlag(
                    row: row.row, line: row.line,
                    message:
                        "same person as row \(person.row); \(conflicts.joined(separator: ", ")) differ\(conflicts.count == 1 ? "s" : ""): kept row \(person.row)'s"
                ))
        }
    }

    // MARK: - Writing

    mutating func write(_ people: [ImportedPerson], records: [CSVRecord]) throws {
        let now = Date()
        let insertOrganisation = try db.cachedStatement(
            sql: """
                INSERT INTO organisation (id, name, acronym, type, parentId, createdAt) VALUES (?, ?, NULL, ?, NULL, ?)
                """)
        let insertParticipant = try db.cachedStatement(
            sql: """
                INSERT INTO participant (id, fullName, gender, stakeholderType, organisationId, position, email, phone,
                                         province, birthYear, disability, dataUseConsent, createdAt, updatedAt)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        let insertRegistration = try db.cachedStatement(
            sql: """
                INSERT INTO registration (id, eventId, participantId, role, status, source, registeredAt)
                VALUES (?, ?, ?, ?, 'registered', 'import', ?)
                """)
        let reinstateRegistration = try db.cachedStatement(
            sql: """
                UPDATE registration SET status = 'registered' WHERE eventId = ? AND participantId = ?
                """)
        let upsertAttendance = try db.cachedStatement(
            sql: """
                INSERT INTO attendance (id, sessionId, participantId, status, markedAt, markedBy, method)
                VALUES (?, ?, ?, ?, ?, NULL, ?)
                ON CONFLICT (sessionId, participantId) DO UPDATE
                  SET status = excluded.status, markedAt = excluded.markedAt, method = excluded.method
                  WHERE attendance.status <> excluded.status
                """)
        let method: AttendanceMethod = options.kind == .attendance ? .sheet : .import

        for (offset, person) in people.enumerated() {
            if offset % 1000 == 999 {
                progress?(ImportProgress(phase: .writing, done: offset + 1, total: people.count))
            }
            let organisationId = try resolveOrganisation(person.organisation, insert: insertOrganisation, now: now)
            let participantId: String
            let existing: String?
            do {
                existing = try matchExisting(person, organisationId: organisationId)
            } catch let ambiguity as AmbiguousRow {
                let rejection = ImportRejection(
                    row: person.row, line: person.line, reason: .invalid(ambiguity.reason),
                    fields: records[person.row - 1].fields)
                guard options.skipInvalid else {
                    throw ConveneError.invalidInput(
                        "Row \(person.row) (line \(person.line)) \(rejection.reasonText); nothing was imported. Fix the file, or pass --skip-invalid to import the other rows and reject this one."
                    )
                }
                report.rejected.append(rejection)
                continue
            }
            if let existing {
                participantId = existing
            } else {
                participantId = RecordID.make()
                try insertParticipant.execute(arguments: [
                    participantId, person.name, person.gender ?? .undisclosed, person.stakeholder, organisationId,
                    person.position, person.email, person.phone, person.province, person.birthYear,
                    person.disability ?? .undisclosed, person.consent, now, now,
                ])
                report.newParticipants += 1
                createdIds.insert(participantId)
                report.decisions.append(ImportDecision(row: person.row, line: person.line, action: .new))
                if let email = person.email { participantByEmail[email] = participantId }
                participantsByNameOrg[Self.nameOrgKey(person.nameKey, organisation: organisationId), default: []]
                    .append(participantId)
            }
            switch registrationStatus[participantId] {
            case nil:
                try insertRegistration.execute(arguments: [
                    RecordID.make(), event.id, participantId, person.role ?? .participant, now,
                ])
                registrationStatus[participantId] = .registered
                report.registered += 1
            case .cancelled:
                try reinstateRegistration.execute(arguments: [event.id, participantId])
                registrationStatus[participantId] = .registered
                report.registered += 1
            case .registered:
                report.alreadyRegistered += 1
            }
            if let session, let status = person.attendance {
                try upsertAttendance.execute(arguments: [
                    RecordID.make(), session.id, participantId, status, now, method,
                ])
                if db.changesCount > 0 { report.attendanceMarked += 1 }
            }
        }
    }

    /// An existing organisation by name, acronym or alias; else a new one, its type guessed only where obvious.
    mutating func resolveOrganisation(_ name: String?, insert: Statement, now: Date) throws -> String? {
        guard let name else { return nil }
        let key = CodedValueKey.make(name)
        if let id = organisationsByKey[key] { return id }
        let id = RecordID.make()
        try insert.execute(arguments: [id, name, Self.guessType(key), now])
        organisationsByKey[key] = id
        report.newOrganisations.append(name)
        return id
    }

    static func guessType(_ key: String) -> OrganisationType {
        let words = Set(key.split(separator: " ").map(String.init))
        func has(_ phrase: String) -> Bool { phrase.contains(" ") ? key.contains(phrase) : words.contains(phrase) }
        if has("kementerian") || has("ministry") || has("kemenko") { return .ministry }
        if ["iom", "undp", "unicef", "ilo", "unfpa", "unodc", "unhcr", "unwomen"].contains(where: has)
            || has("un women") || has("united nations")
        {
            return .unAgency
        }
        if has("universitas") || has("university") || has("institut") || has("politeknik") { return .academia }
        if has("serikat") || has("union") || has("konfederasi") { return .tradeUnion }
        if has("komnas ham") || has("komnas perempuan") || has("ombudsman") { return .humanRightsInstitution }
        if has("dinas") || has("pemerintah provinsi") || has("pemerintah kabupaten") || has("pemerintah kota")
            || has("pemprov") || has("pemkab") || has("pemkot") || has("bappeda")
        {
            return .localGovernment
        }
        if has("badan") || has("bp2mi") || has("bnp2tki") { return .governmentAgency }
        if has("pt") || has("tbk") || has("cv") { return .privateSector }
        return .other
    }

    /// The stored participant this person is: by email, else by name + organisation when
    /// emails do not disagree. Several stored people with that name and organisation are
    /// not guessed between (unless exactly one is registered for the event).
    mutating func matchExisting(_ person: ImportedPerson, organisationId: String?) throws -> String? {
        var match: (id: String, by: String)?
        if let email = person.email, let id = participantByEmail[email] {
            match = (id, "email")
        } else if let ids = participantsByNameOrg[Self.nameOrgKey(person.nameKey, organisation: organisationId)] {
            var qualifying: [String] = []
            for id in ids {
                guard let stored = try Participant.fetchOne(db, key: id) else { continue }
                if person.email == nil || stored.email == nil {
                    qualifying.append(id)
                } else if !createdIds.contains(id) {
                    report.flags.append(
                        ImportFlag(
                            row: person.row, line: person.line,
                            message:
                                "same name and organisation as participant \(RecordID.short(id)) but a different email: added as a new person"
                        ))
                }
            }
            let registered = qualifying.filter { registrationStatus[$0] != nil }
            if qualifying.count == 1 {
                match = (qualifying[0], "name and organisation")
            } else if registered.count == 1 {
                match = (registered[0], "name and organisation, registered for \(event.code)")
            } else if qualifying.count > 1 {
                throw AmbiguousRow(ids: qualifying)
            }
        }
        guard let (id, by) = match else { return nil }
        try fillStored(id, from: person)
        report.matchedExisting += 1
        report.decisions.append(
            ImportDecision(row: person.row, line: person.line, action: .matched(shortId: RecordID.short(id), by: by)))
        return id
    }

    struct AmbiguousRow: Error {
        var ids: [String]
        var reason: String {
            "matches \(ids.count) participants by name and organisation (\(ids.map(RecordID.short).joined(separator: ", "))); add an email to tell them apart"
        }
    }

    /// Fills what the stored participant lacks; a different stored value is kept and reported.
    mutating func fillStored(_ id: String, from person: ImportedPerson) throws {
        guard var stored = try Participant.fetchOne(db, key: id) else { return }
        let before = stored
        var conflicts: [String] = []
        func fill<T: Equatable>(_ keyPath: WritableKeyPath<Participant, T?>, _ value: T?, _ label: String) {
            guard let value else { return }
            if let old = stored[keyPath: keyPath] {
                if old != value { conflicts.append(label) }
            } else {
                stored[keyPath: keyPath] = value
            }
        }
        if let gender = person.gender, gender != stored.gender {
            if stored.gender == .undisclosed { stored.gender = gender } else { conflicts.append("gender") }
        }
        if let disability = person.disability, disability != stored.disability {
            if stored.disability == .undisclosed {
                stored.disability = disability
            } else {
                conflicts.append("disability")
            }
        }
        fill(\.stakeholderType, person.stakeholder, "stakeholder")
        fill(\.position, person.position, "position")
        fill(\.email, person.email, "email")
        fill(\.phone, person.phone, "phone")
        fill(\.province, person.province, "province")
        fill(\.birthYear, person.birthYear, "birth year")
        fill(\.dataUseConsent, person.consent, "consent")
        if stored != before {
            stored.updatedAt = Date()
            try stored.update(db)
        }
        if !conflicts.isEmpty {
            report.flags.append(
                ImportFlag(
                    row: person.row, line: person.line,
                    message:
                        "matches participant \(RecordID.short(id)); \(conflicts.joined(separator: ", ")) differ\(conflicts.count == 1 ? "s" : "") from what is stored: kept the stored value"
                ))
        }
    }
}
