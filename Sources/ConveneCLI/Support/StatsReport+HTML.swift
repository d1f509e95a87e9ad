import ConveneCore
import Foundation

extension StatsReport {
    /// One self-contained page: no network, inline CSS and SVG bar charts, A4 when printed.
    /// Counts small enough to identify someone are marked, with a footnote saying why.
    func html() -> String {
        var marked = self
        marked.marksSmallCounts = true
        return marked.page()
    }

    /// The footnotes for the counts on the page: small ones (†) and withheld ones (<N).
    func smallCountNotes(_ counts: [Int?]) -> [String] {
        var notes: [String] = []
        if counts.contains(where: { SmallCounts.isSmall($0) }) {
            let below = SmallCounts.identifiable
            notes.append(
                id
                    ? "\(Self.smallMark) Kurang dari \(below) orang: jumlah sekecil ini dapat mengungkap siapa orangnya. Periksa sebelum laporan ini dibagikan."
                    : "\(Self.smallMark) Fewer than \(below) people: a count this small could identify a person. Check before sharing this report."
            )
        }
        if counts.contains(where: { $0 == nil }) {
            let below = stats.minimumCell
            notes.append(
                id
                    ? "<\(below): kurang dari \(below) orang; jumlah dan persentasenya tidak ditampilkan agar tidak ada yang dapat dikenali. Jumlah peserta, terdaftar dan kehadiran tetap tepat, sehingga angka yang disembunyikan sendirian dalam satu baris atau kolom masih dapat dihitung dari selisihnya."
                    : "<\(below): fewer than \(below) people; the count and its share are withheld so that no one can be identified. Participants, registered and attendances stay exact, so a withheld count alone in its row or column can still be worked out by subtraction."
            )
        }
        return notes
    }

    private func page() -> String {
        let charted: [StatsDimension] = [.gender, .ministry, .stakeholder, .event].filter {
            shown.contains($0) || crossed.isEmpty
        }
        var body: [String] = []
        var counts: [Int?] = [stats.women]
        body.append(
            "<header><h1>\(HTML.escape(id ? "Partisipasi" : "Participation"))</h1><p class=\"scope\">\(HTML.escape(scopeText))</p></header>"
        )
        body.append("<p class=\"headline\">\(HTML.escape(headline))</p>")
        body.append(
            "<table class=\"figures\"><tbody>"
                + figures.map {
                    "<tr><th scope=\"row\">\(HTML.escape($0.0))</th><td>\(HTML.escape($0.1))</td></tr>"
                }.joined() + "</tbody></table>")
        for dimension in charted + shown.filter({ !charted.contains($0) }) {
            let rows = rows(dimension)
            counts += rows.map(\.count)
            var section = "<section><h2>\(HTML.escape(title(dimension)))</h2>"
            if charted.contains(dimension) { section += barChart(rows, dimension) }
            section +=
                "<table><thead><tr><th>\(HTML.escape(id ? "Uraian" : "Label"))</th><th class=\"n\">\(countWord)</th><th class=\"n\">\(shareWord)</th></tr></thead><tbody>"
            section += rows.map {
                "<tr><td>\(HTML.escape(label($0, dimension)))</td><td class=\"n\">\(HTML.escape(cell($0.count)))</td><td class=\"n\">\(percent($0.share))</td></tr>"
            }.joined()
            section += "</tbody></table></section>"
            body.append(section)
        }
        if let cross = stats.crossTable {
            counts += cross.counts.flatMap { $0 } + cross.rowTotals + cross.columnTotals
            let (header, rows, totals) = crossTableRows(cross)
            var section = "<section><h2>\(id ? "Tabulasi silang" : "Cross-table")</h2><table><thead><tr>"
            section += header.enumerated().map {
                "<th\($0.offset > 0 ? " class=\"n\"" : "")>\(HTML.escape($0.element))</th>"
            }.joined()
            section += "</tr></thead><tbody>"
            section += rows.map { row in
                "<tr>"
                    + row.enumerated().map {
                        "<td\($0.offset > 0 ? " class=\"n\"" : "")>\(HTML.escape($0.element))</td>"
                    }.joined() + "</tr>"
            }.joined()
            section +=
                "<tr class=\"total\">"
                + totals.enumerated().map {
                    "<td\($0.offset > 0 ? " class=\"n\"" : "")>\(HTML.escape($0.element))</td>"
                }.joined() + "</tr>"
            section += "</tbody></table></section>"
            body.append(section)
        }
        let notes = smallCountNotes(counts)
        if !notes.isEmpty {
            body.append(
                "<section class=\"notes\">" + notes.map { "<p>\(HTML.escape($0))</p>" }.joined() + "</section>")
        }
        body.append(
            "<footer>\(HTML.escape(id ? "Dibuat oleh Convene. Peserta = orang berbeda yang hadir, terlambat atau pulang awal di minimal satu sesi; hanya angka agregat, tanpa data pribadi." : "Made with Convene. Participants = distinct people present, late or leaving early in at least one session; aggregates only, no personal data."))</footer>"
        )
        return """
            <!DOCTYPE html>
            <html lang="\(language.rawValue)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTML.escape((id ? "Partisipasi: " : "Participation: ") + scopeText))</title>
            <style>
            @page { size: A4; margin: 16mm; }
            body { font-family: "Helvetica Neue", Arial, "Liberation Sans", sans-serif; color: #1b1b1b; max-width: 178mm; margin: 0 auto; padding: 12px; font-size: 10.5pt; line-height: 1.4; }
            h1 { font-size: 18pt; margin: 0; color: #0a3d62; }
            h2 { font-size: 12pt; margin: 18px 0 6px; color: #0a3d62; border-bottom: 1px solid #c8d3de; padding-bottom: 2px; }
            .scope { margin: 2px 0 0; color: #555; }
            .headline { font-size: 12.5pt; font-weight: 600; background: #eef4f9; border-left: 4px solid #0a3d62; padding: 8px 12px; margin: 14px 0; }
            table { border-collapse: collapse; width: 100%; margin: 4px 0; }
            th, td { text-align: left; padding: 3px 6px; border-bottom: 1px solid #e3e7eb; vertical-align: top; }
            th { font-weight: 600; background: #f6f8fa; }
            .n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; width: 16%; }
            table.figures { width: auto; min-width: 60%; }
            table.figures th { background: none; font-weight: normal; color: #444; }
            tr.total td { font-weight: 600; border-top: 2px solid #c8d3de; }
            section { break-inside: avoid; page-break-inside: avoid; }
            svg { display: block; margin: 4px 0 6px; }
            .notes p { margin: 4px 0; font-size: 9pt; color: #444; }
            footer { margin-top: 20px; font-size: 8.5pt; color: #666; }
            @media print { body { padding: 0; } .headline { -webkit-print-color-adjust: exact; print-color-adjust: exact; } svg rect { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
            </style>
            </head>
            <body>
            \(body.joined(separator: "\n"))
            </body>
            </html>
            """
    }

    /// Horizontal bars, one per row (at most 12; the rest are in the table below). A withheld
    /// count has no bar: its length would tell the count.
    func barChart(_ rows: [StatsRow], _ dimension: StatsDimension) -> String {
        let shown = Array(rows.prefix(12))
        guard let largest = shown.compactMap(\.count).max(), largest > 0 else { return "" }
        let rowHeight = 20, labelWidth = 230, barWidth = 330, width = 640
        let height = shown.count * rowHeight + 4
        let colours = ["#0a3d62", "#3c6e91", "#6b9ac4", "#97b8d8", "#c1d5ea"]
        var svg =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(HTML.escape(id ? "diagram batang" : "bar chart"))\">"
        for (index, row) in shown.enumerated() {
            let y = index * rowHeight + 2
            let fraction = Double(row.count ?? 0) / Double(largest)
            let length = row.count == nil ? 0 : max(1, Int((fraction * Double(barWidth)).rounded()))
            let name = label(row, dimension)
            let shortName = name.count > 34 ? String(name.prefix(33)) + "…" : name
            svg +=
                "<text x=\"\(labelWidth - 6)\" y=\"\(y + 14)\" font-size=\"11\" text-anchor=\"end\" fill=\"#1b1b1b\">\(HTML.escape(shortName))</text>"
            if length > 0 {
                svg +=
                    "<rect x=\"\(labelWidth)\" y=\"\(y + 2)\" width=\"\(length)\" height=\"\(rowHeight - 6)\" fill=\"\(colours[min(index, colours.count - 1)])\" rx=\"2\"/>"
            }
            let figure = row.count == nil ? cell(nil) : "\(cell(row.count)) (\(percent(row.share)))"
            svg +=
                "<text x=\"\(labelWidth + length + 6)\" y=\"\(y + 14)\" font-size=\"11\" fill=\"#333\">\(HTML.escape(figure))</text>"
        }
        return svg + "</svg>"
    }
}

enum HTML {
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}
