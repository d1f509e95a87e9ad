import GRDB

@testable import ConveneCore

/// Every figure of a statistics result as lines, so two results compare with a readable diff.
func fingerprint(_ stats: ParticipationStats) -> [String] {
    var lines = [
        "events \(stats.events.map(\.code).joined(separator: " "))", "registered \(stats.registered)",
        "participants \(stats.participants)", "attendances \(stats.attendances)",
        "women \(stats.women.map(String.init) ?? "-") \(stats.womenShare.map { "\($0)" } ?? "-")",
        "ministries \(stats.ministries)", "organisations \(stats.organisations)",
    ]
    for dimension in stats.breakdowns.keys.sorted(by: { $0.rawValue < $1.rawValue }) {
        for row in stats.breakdowns[dimension] ?? [] {
            lines.append(
                "\(dimension.rawValue) \(row.key) (\(row.label)) \(row.count.map(String.init) ?? "-") \(row.share.map { "\($0)" } ?? "-")"
            )
        }
    }
    if let cross = stats.crossTable {
        for (index, row) in cross.rows.enumerated() {
            lines.append("cross \(row.key): \(cross.counts[index].map { $0.map(String.init) ?? "-" })")
        }
        lines.append("cross total \(cross.total)")
    }
    return lines
}

/// Every dimension, and gender × organisation crossed.
func allStatistics(_ db: AppDatabase, _ scope: StatsScope = StatsScope()) throws -> [String] {
    fingerprint(try db.statistics(scope, by: StatsDimension.allCases, cross: (.gender, .organisation)))
}

/// Every row of every table: equal before and after a refused write proves it wrote nothing.
func databaseRows(_ db: AppDatabase) throws -> [String] {
    try db.read { db in
        let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        return try tables.flatMap { table in
            // Sorted as text: a WITHOUT ROWID table (eventAttendee) has no rowid to order by.
            try Row.fetchAll(db, sql: "SELECT * FROM \(table.quotedDatabaseIdentifier)")
                .map { "\(table): \($0.description)" }.sorted()
        }
    }
}
