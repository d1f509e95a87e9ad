import Foundation

/// Which events the statistics cover. Empty: the whole database.
public struct StatsScope: Sendable, Hashable {
    public var events: [String]
    public var series: String?
    public var kind: EventKind?
    public var from: CalendarDate?
    public var to: CalendarDate?

    public init(
        events: [String] = [], series: String? = nil, kind: EventKind? = nil, from: CalendarDate? = nil,
        to: CalendarDate? = nil
    ) {
        self.events = events
        self.series = series
        self.kind = kind
        self.from = from
        self.to = to
    }

    public var isWholeDatabase: Bool { events.isEmpty && series == nil && kind == nil && from == nil && to == nil }
}

/// What participants can be broken down by.
public enum StatsDimension: String, CaseIterable, Sendable, Hashable {
    case gender, stakeholder, ministry, organisation
    case organisationType = "organisation-type"
    case event, session, province, role
    case ageBand = "age-band"
    case disability

    /// The JSON key of the breakdown (`by_stakeholder_type` as DESIGN.md names it).
    public var jsonKey: String {
        switch self {
        case .stakeholder: "by_stakeholder_type"
        default: "by_" + rawValue.replacingOccurrences(of: "-", with: "_")
        }
    }

    /// A person can have several values (several events, sessions or roles): shares are
    /// then of the person-value pairs, so they still add up to 100.
    public var isPerEvent: Bool { self == .event || self == .session || self == .role }

    /// Values always listed, even at zero.
    public var fixedKeys: [String] {
        switch self {
        case .gender: Gender.allCases.map(\.rawValue)
        case .disability: DisabilityStatus.allCases.map(\.rawValue)
        case .ageBand: ["15-24", "25-59", "60+", "unknown"]
        default: []
        }
    }

    public static func parse(_ text: String) throws(ConveneError) -> StatsDimension {
        if let value = StatsDimension(rawValue: text.lowercased()) { return value }
        switch CodedValueKey.make(text) {
        case "sex", "jenis kelamin": return .gender
        case "stakeholder type", "stakeholder-type": return .stakeholder
        case "organization", "org", "instansi": return .organisation
        case "age", "age band", "usia": return .ageBand
        case "provinsi": return .province
        default:
            throw ConveneError.invalidValue(field: "--by dimension", value: text, accepted: allCases.map(\.rawValue))
        }
    }
}

/// One row of a breakdown.
public struct StatsRow: Hashable, Sendable {
    public var key: String
    public var label: String
    /// Distinct people; nil when withheld as a small count (`suppressingSmallCounts(below:)`).
    public var count: Int?
    /// Percent to one decimal; the rows of a breakdown add up to exactly 100.0. Nil when the count is withheld.
    public var share: Double?

    public var isSuppressed: Bool { count == nil }
}

/// Two dimensions crossed, with row and column totals (distinct persons).
public struct StatsCrossTable: Hashable, Sendable {
    public var rowDimension: StatsDimension
    public var columnDimension: StatsDimension
    public var rows: [(key: String, label: String)]
    public var columns: [(key: String, label: String)]
    /// counts[row][column]; nil when withheld as a small count, like the row and column totals.
    public var counts: [[Int?]]
    public var rowTotals: [Int?]
    public var columnTotals: [Int?]
    /// Distinct people in the table: always exact.
    public var total: Int

    public static func == (lhs: StatsCrossTable, rhs: StatsCrossTable) -> Bool {
        lhs.rowDimension == rhs.rowDimension && lhs.columnDimension == rhs.columnDimension
            && lhs.rows.map(\.key) == rhs.rows.map(\.key) && lhs.columns.map(\.key) == rhs.columns.map(\.key)
            && lhs.counts == rhs.counts && lhs.total == rhs.total
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(rows.map(\.key))
        hasher.combine(columns.map(\.key))
        hasher.combine(counts)
    }
}

public struct StatsEvent: Hashable, Sendable {
    public var code: String
    public var title: String
    public var startDate: CalendarDate
    public var endDate: CalendarDate
}

/// Participation figures for a scope: pure values, no personal data.
public struct ParticipationStats: Sendable {
    public var scope: StatsScope
    public var events: [StatsEvent]
    /// Distinct persons with an active registration for an event in scope.
    public var registered: Int
    /// Distinct persons present, late or left early in at least one session in scope.
    public var participants: Int
    /// Person-session marks that are present, late or left early.
    public var attendances: Int
    /// Participants who are women; nil when withheld as a small count.
    public var women: Int?
    /// Share of participants who are women, percent to one decimal (nil without participants, or when
    /// `women` is withheld).
    public var womenShare: Double?
    /// Distinct top-level ministries the participants come from (directorates rolled up).
    public var ministries: Int
    /// Distinct top-level organisations, ministries included.
    public var organisations: Int
    public var breakdowns: [StatsDimension: [StatsRow]]
    public var crossTable: StatsCrossTable?
    /// Counts of people from 1 to `minimumCell` − 1 are withheld (nil); 1 withholds nothing.
    public var minimumCell = 1

    /// participants / registered, percent to one decimal.
    public var attendanceRate: Double? {
        registered == 0 ? nil : (Double(participants) * 1000 / Double(registered)).rounded() / 10
    }
}

public enum Shares {
    /// Percentages to one decimal that add up to exactly 100.0 (largest remainder method);
    /// all zeros when the total is zero.
    public static func largestRemainder(_ counts: [Int]) -> [Double] {
        let total = counts.reduce(0, +)
        guard total > 0 else { return counts.map { _ in 0 } }
        let exact = counts.map { Double($0) * 1000 / Double(total) }
        var tenths = exact.map { Int($0.rounded(.down)) }
        let missing = 1000 - tenths.reduce(0, +)
        let order = exact.indices.sorted {
            (exact[$0] - Double(tenths[$0]), counts[$0], -$0) > (exact[$1] - Double(tenths[$1]), counts[$1], -$1)
        }
        for index in order.prefix(missing) { tenths[index] += 1 }
        return tenths.map { Double($0) / 10 }
    }
}
