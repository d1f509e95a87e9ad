import Foundation
import Testing

/// Text compared with a file a reviewer can read under `Snapshots/`. A missing file is
/// written and the test fails once (so a new snapshot is looked at before it is trusted);
/// CONVENE_RECORD_SNAPSHOTS=1 rewrites every file after an intended change. A mismatch
/// shows the lines that differ.
enum Snapshot {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")

    static func expect(
        _ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let file = folder.appendingPathComponent(name)
        let recording = ProcessInfo.processInfo.environment["CONVENE_RECORD_SNAPSHOTS"] == "1"
        guard !recording, FileManager.default.fileExists(atPath: file.path) else {
            let existed = FileManager.default.fileExists(atPath: file.path)
            try text.write(to: file, atomically: true, encoding: .utf8)
            if !existed {
                Issue.record(
                    "Recorded the missing snapshot \(name); check it and run the test again.",
                    sourceLocation: sourceLocation)
            }
            return
        }
        let expected = try String(contentsOf: file, encoding: .utf8)
        guard text != expected else { return }
        Issue.record(
            """
            \(name) differs from the output (- snapshot, + output); rerun with CONVENE_RECORD_SNAPSHOTS=1 if intended:
            \(diff(expected, text))
            """, sourceLocation: sourceLocation)
    }

    /// The differing lines with two lines of context, from a longest-common-subsequence walk.
    static func diff(_ old: String, _ new: String) -> String {
        let a = old.components(separatedBy: "\n")
        let b = new.components(separatedBy: "\n")
        var lengths = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                lengths[i][j] = a[i] == b[j] ? lengths[i + 1][j + 1] + 1 : max(lengths[i + 1][j], lengths[i][j + 1])
            }
        }
        var lines: [(mark: Character, text: String)] = []
        var (i, j) = (0, 0)
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                lines.append((" ", a[i]))
                (i, j) = (i + 1, j + 1)
            } else if j < b.count, i == a.count || lengths[i][j + 1] >= lengths[i + 1][j] {
                lines.append(("+", b[j]))
                j += 1
            } else {
                lines.append(("-", a[i]))
                i += 1
            }
        }
        let changed = lines.indices.filter { lines[$0].mark != " " }
        let shown = Set(changed.flatMap { max(0, $0 - 2)...min(lines.count - 1, $0 + 2) })
        var output: [String] = []
        var previous = -1
        for index in shown.sorted() {
            if previous >= 0, index > previous + 1 { output.append("…") }
            output.append("\(lines[index].mark) \(lines[index].text)")
            previous = index
        }
        return output.joined(separator: "\n")
    }
}
