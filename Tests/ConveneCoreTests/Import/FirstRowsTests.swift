import Testing

@testable import ConveneCore

/// Where an import keeps the row each person first came from ("same person as row N").
@Suite("import: the first row of each person")
struct FirstRowsTests {
    @Test("a noted row reads back by rowid; an unnoted one is nil, small, large, negative or past the end")
    func notedAndNot() {
        var rows = FirstRows()
        #expect(rows.row(of: 1) == nil)
        rows.note(1, row: 2)
        rows.note(1_000, row: 7)
        rows.note(40_000_000, row: 9)  // past the dense part
        rows.note(-5, row: 11)  // SQLite takes a negative rowid when one is given
        rows.note(3, row: 3_000_000_000)  // a row number past Int32, kept aside
        #expect(rows.row(of: 1) == 2)
        #expect(rows.row(of: 1_000) == 7)
        #expect(rows.row(of: 40_000_000) == 9)
        #expect(rows.row(of: -5) == 11)
        #expect(rows.row(of: 3) == 3_000_000_000)
        for unnoted: Int64 in [0, 2, 999, 1_001, 5_000, 16_777_215, 16_777_216, 39_999_999, -4] {
            #expect(rows.row(of: unnoted) == nil, "rowid \(unnoted)")
        }
        // Against a dictionary, over rowids noted out of order.
        var reference: [Int64: Int] = [1: 2, 3: 3_000_000_000, 1_000: 7]
        var generator = SystemRandomNumberGenerator()
        for row in 1...5_000 {
            let rowid = Int64.random(in: 0...60_000, using: &generator)
            if reference[rowid] == nil {
                reference[rowid] = row
                rows.note(rowid, row: row)
            }
        }
        let differing = (0...60_000).filter { reference[Int64($0)] != rows.row(of: Int64($0)) }
        #expect(differing.isEmpty)
    }
}
