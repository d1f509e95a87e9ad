import Foundation

/// What an import is asked to do.
public struct ImportOptions: Sendable {
    public enum Kind: Sendable {
        /// Every accepted row is a registration; Indico's "Checked in = Yes" also marks attendance.
        case registrations
        /// A sign-in sheet: every accepted row is marked in the session (present unless a status column says otherwise).
        case attendance
    }

    public var kind: Kind
    public var event: String?
    /// Where attendance goes: required for `.attendance`; for check-ins, defaults to the event's only session.
    public var session: String?
    /// `--map "Header=field"`.
    public var mapping: [String: ImportField]
    public var dryRun: Bool
    /// Reject rows with invalid values (and import the rest) instead of failing the import.
    public var skipInvalid: Bool
    /// A file with a header and no data rows is an error unless this is set.
    public var allowEmpty: Bool

    public init(
        kind: Kind = .registrations, event: String? = nil, session: String? = nil, mapping: [String: ImportField] = [:],
        dryRun: Bool = false, skipInvalid: Bool = false, allowEmpty: Bool = false
    ) {
        self.kind = kind
        self.event = event
        self.session = session
        self.mapping = mapping
        self.dryRun = dryRun
        self.skipInvalid = skipInvalid
        self.allowEmpty = allowEmpty
    }
}

/// How far an import is, for a progress line.
public struct ImportProgress: Sendable {
    /// Data rows read so far.
    public var rows: Int
    public var bytesRead: Int
    public var totalBytes: Int

    /// Whole per cent of the file read.
    public var percent: Int { totalBytes > 0 ? min(100, bytesRead * 100 / totalBytes) : 100 }
}

/// A row that was not imported, with why.
public struct ImportRejection: Hashable, Sendable {
    public enum Reason: Hashable, Sendable {
        case blank
        case repeatedHeader
        case totalRow
        case testSubmission
        case registrationState(String)
        case notApproved
        case noConsent
        case noName
        case invalid(String)
    }
    /// 1-based data row (the first row after the header is row 1).
    public var row: Int
    /// Physical line in the file.
    public var line: Int
    public var reason: Reason
    /// The row's cells, for a rejects file the user asked for.
    public var fields: [String]

    public var reasonText: String {
        switch reason {
        case .blank: "blank row"
        case .repeatedHeader: "the header row again"
        case .totalRow: "total/summary row"
        case .testSubmission: "test submission"
        case .registrationState(let state): "registration \(state.lowercased()) in the form tool"
        case .notApproved: "not approved (validation status)"
        case .noConsent: "no consent to data use"
        case .noName: "no name"
        case .invalid(let message): message
        }
    }
}

/// Something the secretariat should look at; the row was imported.
public struct ImportFlag: Hashable, Sendable {
    public var row: Int
    public var line: Int
    public var message: String
}

/// What happened to an accepted row. Names people by row and short id only.
public struct ImportDecision: Hashable, Sendable {
    public enum Action: Hashable, Sendable {
        case new
        case matched(shortId: String, by: String)
        case merged(intoRow: Int, by: String)
    }
    public var row: Int
    public var line: Int
    public var action: Action
}

/// The outcome of an import (or, for a dry run, what it would be).
public struct ImportReport: Sendable {
    public var dialect: CSVDialect
    public var eventCode: String
    public var sessionReference: String?
    public var dryRun: Bool
    public var rowsRead = 0
    /// Registrations created by this import.
    public var registered = 0
    /// People already registered for the event.
    public var alreadyRegistered = 0
    public var matchedExisting = 0
    public var newParticipants = 0
    /// Rows merged into an earlier row of the same file (the same person twice).
    public var duplicatesMerged = 0
    public var attendanceMarked = 0
    /// The first rejected rows (at most `listLimit`); `rejectedCount` counts them all.
    public var rejected: [ImportRejection] = []
    public var rejectedCount = 0
    /// Blank rows among the rejected (kept out of a rejects file).
    public var blankRows = 0
    /// The first flags (at most `listLimit`); `flagCount` counts them all.
    public var flags: [ImportFlag] = []
    public var flagCount = 0
    public var newOrganisations: [String] = []
    /// For each new organisation recognised as a part of a body or a local government: what it was seen as.
    public var newOrganisationNotes: [String: String] = [:]
    /// Organisations this import took from the built-in directory (known bodies, first used now).
    public var directoryOrganisations: [String] = []
    /// New organisations that look like one Convene knows: (the name as typed, what it may be).
    public var organisationSuggestions: [(name: String, suggestion: String, reference: String)] = []
    /// The header row as the file has it (for a rejects file with the same columns).
    public var header: [String] = []
    public var unknownColumns: [String] = []
    /// Columns that look like a field but were not read for it (a second phone column, …).
    public var columnWarnings: [String] = []
    public var optionColumns = 0
    /// What happened to the first accepted rows (at most `listLimit`), in row order.
    public var decisions: [ImportDecision] = []
    /// Rejections by reason over all rows, most frequent first.
    public private(set) var rejectedByReason: [(reason: String, count: Int)] = []

    /// How many rejections, flags and decisions a report keeps to show: a file of a
    /// million junk rows must not become a million-entry report in memory.
    public static let listLimit = 1_000

    mutating func reject(_ rejection: ImportRejection) {
        rejectedCount += 1
        if rejected.count < Self.listLimit { rejected.append(rejection) }
        let reason = rejection.reasonText
        if let index = rejectedByReason.firstIndex(where: { $0.reason == reason }) {
            rejectedByReason[index].count += 1
        } else {
            rejectedByReason.append((reason, 1))
        }
        rejectedByReason.sort { $0.count != $1.count ? $0.count > $1.count : $0.reason < $1.reason }
    }

    mutating func flag(_ flag: ImportFlag) {
        flagCount += 1
        if flags.count < Self.listLimit { flags.append(flag) }
    }

    mutating func decide(_ decision: ImportDecision) {
        if decisions.count < Self.listLimit { decisions.append(decision) }
    }
}
