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

    public init(
        kind: Kind = .registrations, event: String? = nil, session: String? = nil, mapping: [String: ImportField] = [:],
        dryRun: Bool = false, skipInvalid: Bool = false
    ) {
        self.kind = kind
        self.event = event
        self.session = session
        self.mapping = mapping
        self.dryRun = dryRun
        self.skipInvalid = skipInvalid
    }
}

/// How far an import is, for a progress line.
public struct ImportProgress: Sendable {
    public enum Phase: String, Sendable { case reading, writing }
    public var phase: Phase
    public var done: Int
    public var total: Int
}

/// A row that was not imported, with why.
public struct ImportRejection: Hashable, Sendable {
    public enum Reason: Hashable, Sendable {
        case blank
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
    public var rejected: [ImportRejection] = []
    public var flags: [ImportFlag] = []
    public var newOrganisations: [String] = []
    /// The header row as the file has it (for a rejects file with the same columns).
    public var header: [String] = []
    public var unknownColumns: [String] = []
    public var optionColumns = 0
    public var decisions: [ImportDecision] = []

    /// Rejections by reason, most frequent first.
    public var rejectedByReason: [(reason: String, count: Int)] {
        Dictionary(grouping: rejected, by: \.reasonText).map { ($0.key, $0.value.count) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.reason < $1.reason }
    }
}
