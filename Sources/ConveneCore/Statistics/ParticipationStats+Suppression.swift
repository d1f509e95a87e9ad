import Foundation

// MARK: - Small counts
// A count of one or two people next to a description ("women with a disability from
// SBMI: 1") names a person. Statistics offices withhold such cells (primary suppression).
// Only counts of people in groups are withheld: registered, participants, attendances and
// a cross-table's grand total stay exact, so a withheld count that is alone in its row,
// column or breakdown can still be worked out by subtraction (there is no secondary
// suppression).

/// Counts of people small enough to point at someone.
public enum SmallCounts {
    /// Fewer people than this could be identified by someone who knows the event: the
    /// HTML report marks such counts and the anonymised export flags such groups.
    public static let identifiable = 5

    /// Whether `count` is a small group below `minimum`: at least one person (zero names
    /// nobody) and fewer than `minimum`. A withheld count (nil) is not small: it is gone.
    public static func isSmall(_ count: Int?, below minimum: Int = identifiable) -> Bool {
        guard let count else { return false }
        return count >= 1 && count < minimum
    }
}

extension ParticipationStats {
    /// The same statistics with every count of people in a group that is at least 1 and below
    /// `minimum` withheld (nil), its share too: breakdown rows, cross-table cells, cross-table
    /// row and column totals (each is a breakdown count) and the number of women (the female
    /// row of the gender breakdown). Zeros stay 0. Registered, participants, attendances,
    /// ministries, organisations and the cross-table's grand total stay exact.
    ///
    /// Rows are sorted by count, so withheld rows move to after the larger counts and before
    /// the zeros, in label order: their order among themselves would otherwise rank them, and
    /// with an exact total a ranking can give the counts away. Cross-table rows and columns
    /// follow their totals the same way.
    /// A `minimum` of 1 or less withholds nothing; applying it twice keeps the larger minimum.
    public func suppressingSmallCounts(below minimum: Int) -> ParticipationStats {
        guard minimum > 1 else { return self }
        func kept(_ count: Int?) -> Int? { SmallCounts.isSmall(count, below: minimum) ? nil : count }
        var result = self
        result.minimumCell = max(minimumCell, minimum)
        result.breakdowns = breakdowns.mapValues { rows in
            let order = Self.publishedOrder(rows.map { ($0.count, $0.label, $0.key) }, below: minimum)
            return order.map { index in
                var row = rows[index]
                if kept(row.count) == nil {
                    row.count = nil
                    row.share = nil
                }
                return row
            }
        }
        if kept(women) == nil {
            result.women = nil
            result.womenShare = nil
        }
        if let cross = crossTable {
            let rowOrder = Self.publishedOrder(
                cross.rows.indices.map { (cross.rowTotals[$0], cross.rows[$0].label, cross.rows[$0].key) },
                below: minimum)
            let columnOrder = Self.publishedOrder(
                cross.columns.indices.map { (cross.columnTotals[$0], cross.columns[$0].label, cross.columns[$0].key) },
                below: minimum)
            var published = cross
            published.rows = rowOrder.map { cross.rows[$0] }
            published.columns = columnOrder.map { cross.columns[$0] }
            published.counts = rowOrder.map { r in columnOrder.map { c in kept(cross.counts[r][c]) } }
            published.rowTotals = rowOrder.map { kept(cross.rowTotals[$0]) }
            published.columnTotals = columnOrder.map { kept(cross.columnTotals[$0]) }
            result.crossTable = published
        }
        return result
    }

    /// Indices in published order: counts kept as they were, except that the small ones
    /// (about to be withheld, or withheld already) go after the counts of `minimum` or more
    /// and before the zeros, sorted by label and key instead of by count.
    static func publishedOrder(_ items: [(count: Int?, label: String, key: String)], below minimum: Int) -> [Int] {
        let small = items.indices.filter {
            items[$0].count == nil || SmallCounts.isSmall(items[$0].count, below: minimum)
        }
        .sorted {
            (items[$0].label.lowercased(), items[$0].key) < (items[$1].label.lowercased(), items[$1].key)
        }
        let large = items.indices.filter { !small.contains($0) && items[$0].count != 0 }
        let zero = items.indices.filter { !small.contains($0) && items[$0].count == 0 }
        return large + small + zero
    }
}
