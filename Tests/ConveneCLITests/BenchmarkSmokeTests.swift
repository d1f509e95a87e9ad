import Foundation
import Testing

/// `Scripts/benchmark.sh --scale tiny` against the debug binary `swift test` built, so the
/// benchmark cannot rot: it must run to the end (its floors agreeing with Convene's counts)
/// and print every row of its table. No timing is asserted.
@Suite("the benchmark script")
struct BenchmarkSmokeTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The first cell of every row of the table, in order.
    static let rows = [
        "| `stats --format json`, whole database",
        "| `stats --event ",
        "| `import registrations`, ",
        "| import growth: 100 rows",
        "| import growth: 300 rows",
        "| import growth: 100 rows (floor: the same import in plain SQL",
        "| import growth: 300 rows (floor: the same import in plain SQL",
        "| peak memory of the 300-row import (max RSS)",
        "| `import attendance`, ",
        "| the same 150 marks already matched, inserted from a table",
        "| `attend --session S` with ",
        "| `attend` for one person (per call)",
        "| cold start: `event list` on a small database",
        "| `minutes --event psc-3` for a ",
    ]

    @Test("runs at tiny scale against the debug binary and prints the table with every row")
    func tinyRun() throws {
        // Given the tools the floors and the memory figures need (.ci/run installs them)
        let missing = ["/usr/bin/time", "/usr/bin/sqlite3"].filter { !FileManager.default.isExecutableFile(atPath: $0) }
        try #require(
            missing.isEmpty,
            "Scripts/benchmark.sh needs \(missing.joined(separator: " and ")): sudo apt-get install sqlite3 time")
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("convene-bench-\(UUID())")
        defer { try? FileManager.default.removeItem(at: work) }

        // When the script runs at tiny scale, once, on the binary these tests run
        let (code, output, log) = try BinaryTests.runProcess(
            URL(fileURLWithPath: "/bin/bash"),
            [
                Self.root.appendingPathComponent("Scripts/benchmark.sh").path, "--scale", "tiny", "--runs", "1",
                "--binary", try BinaryTests.executable().path, "--work", work.path,
            ], in: Self.root)

        // Then it exits 0 and its table has every row, in order
        #expect(code == 0, "benchmark.sh exited \(code):\n\(log)")
        let lines = output.split(separator: "\n").map(String.init)
        let tableRows = lines.filter { $0.hasPrefix("| ") && !$0.hasPrefix("| work |") }
        #expect(tableRows.count == Self.rows.count, "table rows:\n\(tableRows.joined(separator: "\n"))")
        for (row, prefix) in zip(tableRows, Self.rows) {
            #expect(row.hasPrefix(prefix), "expected a row starting \(prefix), found \(row)")
        }
        // And the growth of each import per step in size, Convene's beside its floors'
        let growth = lines.first { $0.hasPrefix("Growth of the wall time from 100 → 300 rows, each step: Convene ") }
        #expect(growth?.contains("; the same import in plain SQL ") == true, "\(output)")
        // And a verdict on each target: the ratio targets in the table, growth on its line
        // (11× per tenfold rows is 3.3× for a threefold step)
        for (prefix, target) in [
            ("| `stats --format json`, whole database", "1.0"), ("| `import registrations`, ", "2.0"),
            ("| `attend --session S` with ", "2.0"),
        ] {
            let row = tableRows.first { $0.hasPrefix(prefix) } ?? ""
            #expect(
                row.hasSuffix("| ≤ \(target)× the floor | yes |") || row.hasSuffix("| ≤ \(target)× the floor | no |"),
                "\(row)")
        }
        #expect(
            growth?.contains("Target: Convene at most 11× per tenfold rows (3.3×); met? ") == true, "\(output)")
    }
}
