import Foundation
import GRDB

// MARK: - The row writes every writer shares
// A participant, a registration or an attendance mark is inserted by one statement,
// prepared once per connection and reused: `participant add`, `attend`, walk-ins and
// imports all come through here, so a bulk import pays for binding values, not for
// building and encoding a record. The lookups every row makes are cached the same way.

extension Participant {
    func insertRow(_ db: Database) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO participant (id, fullName, nameKey, gender, stakeholderType, organisationId, position, email,
                                         phone, province, birthYear, disability, dataUseConsent, createdAt, updatedAt,
                                         erasedAt)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            id, fullName, nameKey, gender, stakeholderType, organisationId, position, email, phone, province, birthYear,
            disability, dataUseConsent, StoredDate.text(createdAt), StoredDate.text(updatedAt),
            erasedAt.map(StoredDate.text),
        ])
    }
}

extension Registration {
    func insertRow(_ db: Database) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO registration (id, eventId, participantId, role, status, source, registeredAt)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [id, eventId, participantId, role, status, source, StoredDate.text(registeredAt)])
    }
}

/// The one attendance write: marks for one session, made at one instant by one writer and
/// method (`attend`, the check-in page, an import). A mark that exists gets its status
/// changed (with when, by whom and how) at once; marking the same status again changes
/// nothing. New marks are gathered and inserted together, sorted by person, one statement
/// for up to `batchSize` of them: each insert also counts the person in `eventAttendee` (a
/// trigger), and one statement journals each page it changes once, where a statement per
/// mark journals them all again for every mark. Call `write` before reading the session's
/// marks back and at the end; until then `status(of:)` answers for the marks it holds.
struct SessionMarks {
    let session: Session
    let date: Date
    let by: String?
    let method: AttendanceMethod
    /// How many new marks one statement inserts: the default makes a sign-in sheet of up to
    /// 50,000 people one statement and holds a few MB. (One statement for the forum's 93,987
    /// marks instead of two was no faster and held 20 MB more.)
    let batchSize: Int
    private var pending: [(id: String, participantId: String, status: AttendanceStatus)] = []
    /// Where each person's new mark is in `pending`.
    private var pendingIndex: [String: Int] = [:]

    init(session: Session, at date: Date, by: String?, method: AttendanceMethod, batchSize: Int = 50_000) {
        precondition(batchSize > 0)
        self.batchSize = batchSize
        self.session = session
        self.date = date
        self.by = by
        self.method = method
    }

    /// The status of a new mark not written yet.
    func status(of participantId: String) -> AttendanceStatus? {
        pendingIndex[participantId].map { pending[$0].status }
    }

    /// Marks the person: `existing` is their stored mark for the session, if any.
    mutating func mark(_ participantId: String, existing: Attendance?, status: AttendanceStatus, _ db: Database)
        throws -> AttendanceOutcome
    {
        if var existing {
            guard existing.status != status else { return .unchanged }
            let previous = existing.status
            existing.status = status
            existing.markedAt = date
            existing.markedBy = by
            existing.method = method
            try existing.update(db)
            return .statusChanged(from: previous)
        }
        if let index = pendingIndex[participantId] {
            let previous = pending[index].status
            guard previous != status else { return .unchanged }
            pending[index].status = status
            return .statusChanged(from: previous)
        }
        pendingIndex[participantId] = pending.count
        pending.append((RecordID.timeOrdered(at: date), participantId, status))
        if pending.count >= batchSize { try write(db) }
        return .marked
    }

    /// Inserts the new marks held, in one statement.
    mutating func write(_ db: Database) throws {
        guard !pending.isEmpty else { return }
        // In person order, each index and eventAttendee take the marks page after page.
        pending.sort { $0.participantId < $1.participantId }
        var marks = "["
        marks.reserveCapacity(pending.count * 96)
        for (index, mark) in pending.enumerated() {
            if index > 0 { marks += "," }
            marks += "["
            JSONText.appendString(mark.id, to: &marks)
            marks += ","
            JSONText.appendString(mark.participantId, to: &marks)
            marks += ","
            JSONText.appendString(mark.status.rawValue, to: &marks)
            marks += "]"
        }
        marks += "]"
        try db.cachedStatement(
            sql: """
                INSERT INTO attendance (id, sessionId, participantId, status, markedAt, markedBy, method)
                SELECT json_extract(value, '$[0]'), :session, json_extract(value, '$[1]'),
                       json_extract(value, '$[2]'), :at, :by, :method
                FROM json_each(:marks)
                """
        ).execute(arguments: [
            "session": session.id, "at": StoredDate.text(date), "by": by, "method": method, "marks": marks,
        ])
        pending.removeAll(keepingCapacity: true)
        pendingIndex.removeAll(keepingCapacity: true)
    }
}

/// Text as a JSON string literal, for handing SQLite many values in one argument. Written by
/// hand: `JSONEncoder` took 0.30 s for a sheet's 94,000 marks, this 0.07 s.
enum JSONText {
    static func appendString(_ text: String, to json: inout String) {
        json += "\""
        // Ids and coded values need no escaping: the common case is one scan and one append.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) {
            json += text
        } else {
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": json += "\\\""
                case "\\": json += "\\\\"
                case _ where scalar.value < 0x20:
                    let hex = String(scalar.value, radix: 16)
                    json += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                default: json.unicodeScalars.append(scalar)
                }
            }
        }
        json += "\""
    }
}

extension Attendance {
    /// A participant's mark in a session, if any.
    static func fetchOne(session sessionId: String, participant participantId: String, _ db: Database) throws
        -> Attendance?
    {
        try db.cachedStatement(
            sql: "SELECT \(Attendance.columnsInOrder) FROM attendance WHERE sessionId = ? AND participantId = ?"
        ).fetchFirst(arguments: [sessionId, participantId], byPosition: Attendance.init)
    }
}

extension Participant {
    /// A participant by full id.
    static func fetchOne(id: String, _ db: Database) throws -> Participant? {
        try db.cachedStatement(sql: "SELECT \(Participant.columnsInOrder) FROM participant WHERE id = ?")
            .fetchFirst(arguments: [id], byPosition: Participant.init)
    }
}

extension Registration {
    /// Whether the participant holds a registration for the event that is not cancelled.
    static func isActive(event eventId: String, participant participantId: String, _ db: Database) throws -> Bool {
        try Bool.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT EXISTS (SELECT 1 FROM registration r
                                   WHERE r.eventId = ? AND r.participantId = ? AND \(CountingSQL.activeRegistration("r")))
                    """), arguments: [eventId, participantId]) ?? false
    }
}

// MARK: - Instants as stored

/// An instant as GRDB stores a `Date` ("yyyy-MM-dd HH:mm:ss.SSS", UTC, to the nearest
/// millisecond, halves up), worked out with integer arithmetic. GRDB formats through a
/// `DateFormatter`, the largest part of binding a row on the bulk write paths; the text is
/// the same (StoredDateTests compare the two), so rows read back as GRDB-written ones do.
enum StoredDate {
    static func text(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000 + 0.5).rounded(.down))
        var days = milliseconds >= 0 ? milliseconds / 86_400_000 : (milliseconds - 86_399_999) / 86_400_000
        let inDay = milliseconds - days * 86_400_000
        // Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's civil_from_days).
        days += 719_468
        let era = (days >= 0 ? days : days - 146_096) / 146_097
        let dayOfEra = days - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        // Four-digit years only; any other (no Convene write makes one) is left to GRDB.
        guard (0...9999).contains(year) else { return String.fromDatabaseValue(date.databaseValue) ?? "" }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(23)
        func append(_ value: Int64, digits: Int) {
            var divisor: Int64 = 1
            for _ in 1..<digits { divisor *= 10 }
            var rest = value
            while divisor > 0 {
                bytes.append(UInt8(ascii: "0") + UInt8(rest / divisor))
                rest %= divisor
                divisor /= 10
            }
        }
        append(year, digits: 4)
        bytes.append(UInt8(ascii: "-"))
        append(month, digits: 2)
        bytes.append(UInt8(ascii: "-"))
        append(day, digits: 2)
        bytes.append(UInt8(ascii: " "))
        append(inDay / 3_600_000, digits: 2)
        bytes.append(UInt8(ascii: ":"))
        append(inDay / 60_000 % 60, digits: 2)
        bytes.append(UInt8(ascii: ":"))
        append(inDay / 1000 % 60, digits: 2)
        bytes.append(UInt8(ascii: "."))
        append(inDay % 1000, digits: 3)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The instant that `text(_:)` writes, read back with integer arithmetic; nil for any
    /// other spelling (no seconds, a "T", a time zone, a month 13…) and for years before
    /// 1583, where Foundation's calendar is Julian: those are GRDB's to read.
    /// GRDB reads through a `Calendar`, whose first use in a process sets up ICU's time zone
    /// and locale data: 2.4M instructions of an `attend` that reads one session.
    static func date(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { bytes -> Date? in
            guard bytes.count == 23 else { return nil }
            func number(_ range: Range<Int>) -> Int64? {
                var value: Int64 = 0
                for index in range {
                    let digit = bytes[index] &- UInt8(ascii: "0")
                    guard digit < 10 else { return nil }
                    value = value * 10 + Int64(digit)
                }
                return value
            }
            guard bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"), bytes[10] == UInt8(ascii: " "),
                bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"), bytes[19] == UInt8(ascii: "."),
                let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
                let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
                let millisecond = number(20..<23),
                year >= 1583, (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 60
            else { return nil }
            // A proleptic Gregorian date to days since 1970-01-01 (Hinnant's days_from_civil).
            let shiftedYear = year - (month <= 2 ? 1 : 0)
            let era = shiftedYear / 400
            let yearOfEra = shiftedYear - era * 400
            let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
            let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
            let days = era * 146_097 + dayOfEra - 719_468
            let seconds = days * 86_400 + hour * 3_600 + minute * 60 + second
            // From the reference date, as Foundation's calendar counts: the same Double to the bit.
            return Date(timeIntervalSinceReferenceDate: Double(seconds - 978_307_200) + Double(millisecond) / 1000)
        }
    }
}

/// A Codable record whose dates GRDB decodes through `StoredDate.date(_:)`, as the records
/// with their own `init(row:)` read theirs: GRDB's own reading goes through a `Calendar`,
/// whose set-up was 4% of `minutes` (organisations, actions and decisions have dates).
protocol StoredDateDecoding: FetchableRecord {}

extension StoredDateDecoding {
    public static func databaseDateDecodingStrategy(for column: String) -> DatabaseDateDecodingStrategy {
        .custom { value in
            guard case .string(let text) = value.storage, let date = StoredDate.date(text) else {
                return Date.fromDatabaseValue(value)
            }
            return date
        }
    }
}

extension Row {
    /// A stored instant (see `StoredDate.date(_:)`); what GRDB reads for any other value.
    func storedDate(forColumn column: String) throws -> Date {
        try storedSpelling(column) ?? decode(forColumn: column)
    }

    /// A stored instant, or nil for NULL.
    func storedDate(forColumn column: String) throws -> Date? {
        try storedSpelling(column) ?? decode(forColumn: column)
    }

    /// The column's instant when it is in the spelling `StoredDate.text` writes.
    private func storedSpelling(_ column: String) -> Date? {
        guard case .string(let text) = (self[column] as DatabaseValue).storage else { return nil }
        return StoredDate.date(text)
    }
}
