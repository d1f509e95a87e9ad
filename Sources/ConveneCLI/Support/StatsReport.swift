import ConveneCore
import Foundation

/// Statistics as a person reads them: the headline sentence, the figures, the breakdowns,
/// in English or Bahasa Indonesia. Holds only aggregates.
struct StatsReport {
    var stats: ParticipationStats
    /// Breakdowns shown in table, markdown, html and csv.
    var shown: [StatsDimension]
    /// The two dimensions of the cross-table, when there is one.
    var crossed: [StatsDimension]
    var language: Language
    /// HTML only: counts of people small enough to identify someone get a † and a footnote.
    var marksSmallCounts = false

    // MARK: - Words

    /// Whether the report is in Bahasa Indonesia.
    var id: Bool { language == .id }

    func date(_ date: CalendarDate) -> String { words.date(date) }

    /// `45.5%`, or `45,5%` in Indonesian; a dash when there is nothing to divide.
    func percent(_ value: Double?) -> String { value.map(words.percent) ?? "–" }

    func number(_ value: Int) -> String {
        let formatter = NumberFormatter()
        formatter.numberStyle = .decimal
        formatter.groupingSeparator = id ? "." : ","
        formatter.usesGroupingSeparator = true
        return formatter.string(from: NSNumber(value: value)) ?? String(value)
    }

    static let smallMark = "†"

    /// A count of people in a group as shown: `<N` when withheld, and with a † when it is
    /// small and the report marks small counts.
    func cell(_ count: Int?) -> String {
        guard let count else { return "<\(stats.minimumCell)" }
        return number(count) + (marksSmallCounts && SmallCounts.isSmall(count) ? Self.smallMark : "")
    }

    func counted(_ count: Int, _ singular: String, _ plural: String) -> String {
        "\(number(count)) \(count == 1 || id ? singular : plural)"
    }

    /// "44 participants (20 women, 45.5%) from 8 ministries and 3 other organisations attended PSC-3 on 9 January 2024."
    var headline: String {
        let others = stats.organisations - stats.ministries
        var from: [String] = []
        if stats.ministries > 0 {
            from.append(
                id ? counted(stats.ministries, "kementerian", "") : counted(stats.ministries, "ministry", "ministries"))
        }
        if others > 0 {
            let noun =
                stats.ministries > 0
                ? (id
                    ? counted(others, "organisasi lain", "")
                    : counted(others, "other organisation", "other organisations"))
                : (id ? counted(others, "organisasi", "") : counted(others, "organisation", "organisations"))
            from.append(noun)
        }
        let people =
            id ? counted(stats.participants, "peserta", "") : counted(stats.participants, "participant", "participants")
        let women: String
        if let count = stats.women {
            women =
                (id ? "\(number(count)) perempuan" : counted(count, "woman", "women")) + ", "
                + percent(stats.womenShare)
        } else {
            women = id ? "kurang dari \(stats.minimumCell) perempuan" : "fewer than \(stats.minimumCell) women"
        }
        var sentence = "\(people) (\(women))"
        if !from.isEmpty { sentence += (id ? " dari " : " from ") + from.joined(separator: id ? " dan " : " and ") }
        sentence += id ? " menghadiri " : " attended "
        if stats.events.count == 1, let event = stats.events.first {
            sentence += event.code.uppercased()
            sentence +=
                event.startDate == event.endDate
                ? (id ? " pada " : " on ") + date(event.startDate)
                : (id ? " pada " : " from ") + date(event.startDate) + (id ? " sampai " : " to ") + date(event.endDate)
        } else if let first = stats.events.first, let last = stats.events.max(by: { $0.endDate < $1.endDate }) {
            sentence += id ? "\(number(eventsAttended)) kegiatan" : counted(eventsAttended, "event", "events")
            sentence +=
                (id ? " antara " : " between ") + date(first.startDate) + (id ? " dan " : " and ") + date(last.endDate)
        } else {
            sentence += id ? "kegiatan mana pun" : "no events"
        }
        return sentence + "."
    }

    func title(_ dimension: StatsDimension) -> String {
        switch (dimension, language) {
        case (.gender, .en): "By gender"
        case (.gender, .id): "Menurut jenis kelamin"
        case (.stakeholder, .en): "By stakeholder type"
        case (.stakeholder, .id): "Menurut kelompok pemangku kepentingan"
        case (.ministry, .en): "By ministry (directorates rolled up)"
        case (.ministry, .id): "Menurut kementerian (direktorat digabung ke kementeriannya)"
        case (.organisation, .en): "By organisation"
        case (.organisation, .id): "Menurut instansi"
        case (.organisationType, .en): "By organisation type"
        case (.organisationType, .id): "Menurut jenis instansi"
        case (.event, .en): "By event"
        case (.event, .id): "Menurut kegiatan"
        case (.session, .en): "By session"
        case (.session, .id): "Menurut sesi"
        case (.province, .en): "By province"
        case (.province, .id): "Menurut provinsi"
        case (.role, .en): "By role"
        case (.role, .id): "Menurut peran"
        case (.ageBand, .en): "By age band (at the event)"
        case (.ageBand, .id): "Menurut kelompok usia (saat kegiatan)"
        case (.disability, .en): "By disability"
        case (.disability, .id): "Menurut disabilitas"
        }
    }

    /// The one localisation every document uses.
    var words: Localisation { Localisation(language) }

    /// The human label of a row of a breakdown.
    func label(_ row: StatsRow, _ dimension: StatsDimension) -> String {
        words.statisticsLabel(dimension, key: row.key, label: row.label)
    }

    /// The human label of a key of a cross-table's rows or columns.
    func label(_ entry: (key: String, label: String), _ dimension: StatsDimension) -> String {
        words.statisticsLabel(dimension, key: entry.key, label: entry.label)
    }

    var countWord: String { id ? "Jumlah" : "Count" }
    var shareWord: String { id ? "Persentase" : "Share" }
    var totalWord: String { "Total" }

    /// The summary figures as label/value pairs.
    var figures: [(String, String)] {
        [
            (id ? "Cakupan" : "Scope", scopeText),
            (id ? "Terdaftar" : "Registered", number(stats.registered)),
            (id ? "Peserta (orang)" : "Participants (people)", number(stats.participants)),
            (id ? "Tingkat kehadiran" : "Attendance rate", percent(stats.attendanceRate)),
            (id ? "Kehadiran (orang × sesi)" : "Attendances (person-sessions)", number(stats.attendances)),
            (
                id ? "Perempuan" : "Women",
                stats.women == nil ? cell(nil) : "\(cell(stats.women)) (\(percent(stats.womenShare)))"
            ),
            (id ? "Kementerian" : "Ministries", number(stats.ministries)),
            (id ? "Instansi (tingkat teratas)" : "Organisations (top level)", number(stats.organisations)),
        ]
    }

    var scopeText: String {
        if stats.events.count == 1, let event = stats.events.first { return "\(event.code) — \(event.title)" }
        let scope = stats.scope
        var parts: [String] = []
        if scope.isWholeDatabase { parts.append(id ? "semua kegiatan" : "all events") }
        if !scope.events.isEmpty { parts.append(scope.events.joined(separator: ", ")) }
        if let series = scope.series { parts.append((id ? "seri " : "series ") + series) }
        if let kind = scope.kind { parts.append(kind.rawValue) }
        if let from = scope.from { parts.append((id ? "dari " : "from ") + from.description) }
        if let to = scope.to { parts.append((id ? "sampai " : "to ") + to.description) }
        return parts.joined(separator: ", ")
            + " (\(id ? "\(stats.events.count) kegiatan" : counted(stats.events.count, "event", "events")))"
    }

    func rows(_ dimension: StatsDimension) -> [StatsRow] { stats.breakdowns[dimension] ?? [] }

    func breakdownTable(_ dimension: StatsDimension) -> Table {
        Table(
            columns: [
                .init(key: "label", title: id ? "Uraian" : "Label"),
                .init(key: "count", title: countWord, alignRight: true),
                .init(key: "share", title: shareWord, alignRight: true),
            ],
            rows: rows(dimension).map {
                [.text(label($0, dimension)), .text(cell($0.count)), .text(percent($0.share))]
            })
    }

    /// Events in scope that had at least one participant (a withheld count is at least one).
    var eventsAttended: Int { stats.breakdowns[.event]?.filter { $0.count != 0 }.count ?? stats.events.count }

    func crossTableRows(_ cross: StatsCrossTable) -> (header: [String], body: [[String]], totals: [String]) {
        let header =
            ["\(cross.rowDimension.rawValue) \\ \(cross.columnDimension.rawValue)"]
            + cross.columns.map { label($0, cross.columnDimension) } + [totalWord]
        let body = cross.rows.indices.map { r in
            [label(cross.rows[r], cross.rowDimension)] + cross.counts[r].map(cell) + [cell(cross.rowTotals[r])]
        }
        let totals = [totalWord] + cross.columnTotals.map(cell) + [number(cross.total)]
        return (header, body, totals)
    }

    // MARK: - Formats

    func table() -> String {
        var lines = [headline, ""]
        let width = figures.map(\.0.count).max() ?? 0
        lines += figures.map { $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.1 }
        for dimension in shown {
            lines += ["", title(dimension), breakdownTable(dimension).aligned()]
        }
        if let cross = stats.crossTable {
            let (header, body, totals) = crossTableRows(cross)
            let table = Table(
                columns: header.enumerated().map {
                    .init(key: $0.element, title: $0.element, alignRight: $0.offset > 0)
                },
                rows: (body + [totals]).map { $0.map { .text($0) } })
            lines += ["", id ? "Tabulasi silang" : "Cross-table", table.aligned()]
        }
        return lines.joined(separator: "\n")
    }

    /// One table: the cross-table, else the first breakdown asked for, else the summary figures.
    func csv() -> String {
        if let cross = stats.crossTable {
            let (header, body, totals) = crossTableRows(cross)
            let plain = { (cells: [String]) in cells.map { $0.replacingOccurrences(of: ",", with: "") } }
            return
                ([header] + body.map { [$0[0]] + plain(Array($0.dropFirst())) } + [
                    [totals[0]] + plain(Array(totals.dropFirst()))
                ])
                .map { $0.map(CSVField.escape).joined(separator: ",") }.joined(separator: "\n")
        }
        if let dimension = crossed.first ?? (shown == Stats.standardDimensions ? nil : shown.first) {
            return Table(
                columns: [
                    .init(key: "key", title: ""), .init(key: "label", title: ""), .init(key: "count", title: ""),
                    .init(key: "share", title: ""),
                ],
                rows: rows(dimension).map { row in
                    [
                        .text(row.key), .text(label(row, dimension)), row.count.map { .number($0) } ?? .text(cell(nil)),
                        .text(row.share.map { String(format: "%.1f", $0) } ?? ""),
                    ]
                }
            ).csv()
        }
        let figures: [(String, String)] = [
            ("registered", String(stats.registered)), ("participants", String(stats.participants)),
            ("attendances", String(stats.attendances)), ("women", stats.women.map(String.init) ?? cell(nil)),
            ("women_share", stats.womenShare.map { String(format: "%.1f", $0) } ?? ""),
            ("ministries", String(stats.ministries)), ("organisations", String(stats.organisations)),
            ("events", String(stats.events.count)),
        ]
        return (["metric,value"] + figures.map { "\($0.0),\($0.1)" }).joined(separator: "\n")
    }

    func json() -> JSONValue {
        let scope = stats.scope
        func share(_ value: Double?) -> JSONValue { value.map { .raw(String(format: "%.1f", $0)) } ?? .null }
        func count(_ value: Int?) -> JSONValue { value.map(JSONValue.number) ?? .null }
        var pairs: [(String, JSONValue)] = [
            (
                "scope",
                .object([
                    ("description", .string(scopeText)),
                    ("events", .array(stats.events.map { .string($0.code) })),
                    ("series", scope.series.map(JSONValue.string) ?? .null),
                    ("kind", scope.kind.map { .string($0.rawValue) } ?? .null),
                    ("from", scope.from.map { .string($0.description) } ?? .null),
                    ("to", scope.to.map { .string($0.description) } ?? .null),
                ])
            ),
            ("headline", .string(headline)),
            ("registered", .number(stats.registered)),
            ("participants", .number(stats.participants)),
            ("attendances", .number(stats.attendances)),
            ("attendance_rate", share(stats.attendanceRate)),
            ("women", count(stats.women)),
            ("women_share", share(stats.womenShare)),
            ("ministries", .number(stats.ministries)),
            ("organisations", .number(stats.organisations)),
            ("min_cell", .number(stats.minimumCell)),
            // Which organisation directory decided what counts as a ministry on each date.
            ("directory_version", .string(ConveneCore.Directory.builtInVersion)),
        ]
        let dimensions =
            Stats.standardDimensions + StatsDimension.allCases.filter { !Stats.standardDimensions.contains($0) }
        for dimension in dimensions where stats.breakdowns[dimension] != nil {
            pairs.append(
                (
                    dimension.jsonKey,
                    .array(
                        rows(dimension).map {
                            .object([
                                ("key", .string($0.key)), ("label", .string(label($0, dimension))),
                                ("count", count($0.count)), ("share", share($0.share)),
                                ("suppressed", .bool($0.isSuppressed)),
                            ])
                        })
                ))
        }
        if let cross = stats.crossTable {
            pairs.append(
                (
                    "crosstab",
                    .object([
                        ("rows", .string(cross.rowDimension.rawValue)),
                        ("columns", .string(cross.columnDimension.rawValue)),
                        ("column_keys", .array(cross.columns.map { .string($0.key) })),
                        (
                            "cells",
                            .array(
                                cross.rows.indices.map { r in
                                    .object([
                                        ("key", .string(cross.rows[r].key)),
                                        ("label", .string(label(cross.rows[r], cross.rowDimension))),
                                        ("counts", .array(cross.counts[r].map(count))),
                                        ("total", count(cross.rowTotals[r])),
                                    ])
                                })
                        ),
                        ("column_totals", .array(cross.columnTotals.map(count))),
                        ("total", .number(cross.total)),
                    ])
                ))
        }
        return .object(pairs)
    }

    func markdown() -> String {
        func escape(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "\\|") }
        func table(_ header: [String], _ rows: [[String]], rightFrom: Int) -> [String] {
            [
                "| " + header.map(escape).joined(separator: " | ") + " |",
                "|" + header.indices.map { $0 >= rightFrom ? "---:|" : "---|" }.joined(),
            ] + rows.map { "| " + $0.map(escape).joined(separator: " | ") + " |" }
        }
        var lines = ["## " + (id ? "Partisipasi" : "Participation") + ": " + escape(scopeText), "", headline, ""]
        lines += table(
            [id ? "Ukuran" : "Measure", id ? "Nilai" : "Value"], figures.map { [$0.0, $0.1] }, rightFrom: 1)
        for dimension in shown {
            lines += ["", "### " + title(dimension), ""]
            lines += table(
                [id ? "Uraian" : "Label", countWord, shareWord],
                rows(dimension).map { [label($0, dimension), cell($0.count), percent($0.share)] }, rightFrom: 1)
        }
        if let cross = stats.crossTable {
            let (header, body, totals) = crossTableRows(cross)
            lines += ["", "### " + (id ? "Tabulasi silang" : "Cross-table"), ""]
            lines += table(header, body + [totals.map { "**\($0)**" }], rightFrom: 1)
        }
        return lines.joined(separator: "\n")
    }
}
