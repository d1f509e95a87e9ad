import ArgumentParser
import ConveneCore
import Foundation

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import registrations or a sign-in sheet from CSV (Indico, KoboToolbox, Google Forms, Excel).",
        subcommands: [Registrations.self, Attendance.self])

    /// What both imports share: the file, the dry run, the rejects file, the column map.
    struct Shared: ParsableArguments {
        @Argument(help: "The CSV file, as the form tool or Excel wrote it.") var file: String
        @Flag(help: "Show exactly what would happen; write nothing.") var dryRun = false
        @Option(
            help: ArgumentHelp(
                "Write the rejected rows (row, line, reason, then the row's cells) to this CSV file.", valueName: "file"
            ))
        var rejects: String?
        @Option(
            help: ArgumentHelp(
                "Read a column as a field: --map \"Asal Daerah=province\". Fields: \(ImportField.allCases.map(\.rawValue).joined(separator: ", ")).",
                valueName: "header=field"))
        var map: [String] = []
        @Flag(
            help:
                "Reject rows with unreadable values (e.g. gender 'X') and import the rest, instead of importing nothing."
        )
        var skipInvalid = false
        @Flag(
            help: "With --rejects: replace the file if it exists (without it, an existing file is never overwritten).")
        var force = false
        @Flag(help: "Accept a file with a header row and no data rows (otherwise an error, exit 65).")
        var allowEmpty = false
        @Option(help: "Summary format: table or json.") var format: OutputFormat = .table

        func validate() throws {
            if format == .csv {
                throw ValidationError(
                    "--format: the import summary is table or json; use --rejects for a CSV of rejected rows.")
            }
            _ = try mapping()
            if force && rejects == nil { throw ValidationError("--force goes with --rejects.") }
        }

        func mapping() throws -> [String: ImportField] {
            var result: [String: ImportField] = [:]
            for item in map {
                guard let equals = item.lastIndex(of: "="), equals != item.startIndex else {
                    throw ValidationError(
                        "--map '\(item)': use \"Column Header=field\", e.g. --map \"Asal Daerah=province\".")
                }
                let field = String(item[item.index(after: equals)...])
                guard let parsed = ImportField(rawValue: field.trimmingCharacters(in: .whitespaces).lowercased()) else {
                    throw ValidationError(
                        "--map '\(item)': '\(field)' is not a field. Fields: \(ImportField.allCases.map(\.rawValue).joined(separator: ", "))."
                    )
                }
                result[String(item[..<equals])] = parsed
            }
            return result
        }

        func run(_ options: ImportOptions, database: DatabaseOptions, context: CommandContext) throws {
            let url = URL(
                fileURLWithPath: file, relativeTo: URL(fileURLWithPath: context.currentDirectory, isDirectory: true))
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue
            else {
                throw ConveneError.notFound(kind: "file", reference: file, hint: "Check the path.")
            }
            // The rejects file is checked before anything is read, written beside its final
            // name as rows are rejected, and named only once the import has succeeded.
            let databasePath = database.resolvedPath(in: context)
            let rejectsFile = try rejects.map {
                try OutputFile(
                    $0, in: context, replace: force, protecting: [.database(databasePath), .input(url.path)])
            }
            let db = try database.open(in: context)
            var progress: (@Sendable (ImportProgress) -> Void)?
            if context.stderrIsTerminal {
                let write = context.standardError
                progress = { step in
                    write("\r\u{1B}[KImporting: row \(step.rows) (\(step.percent)% of the file)")
                }
            }
            var options = options
            options.mapping = try mapping()
            options.allowEmpty = allowEmpty
            let writer = try rejectsFile?.begin()
            var wroteHeader = false
            let report: ImportReport
            do {
                report = try db.importFile(at: url, options: options, progress: progress) { header, rejection in
                    guard let writer else { return }
                    if !wroteHeader {
                        try writer.append(ImportOutput.rejectsLine(["row", "line", "reason"] + header))
                        wroteHeader = true
                    }
                    try writer.append(
                        ImportOutput.rejectsLine(
                            [String(rejection.row), String(rejection.line), rejection.reasonText] + rejection.fields))
                }
            } catch {
                // Nothing was imported: leave no rejects file behind, and any earlier one as it was.
                writer?.discard()
                if context.stderrIsTerminal { context.standardError("\r\u{1B}[K") }
                throw error
            }
            if context.stderrIsTerminal { context.standardError("\r\u{1B}[K") }
            if let writer {
                do {
                    if !wroteHeader {
                        try writer.append(ImportOutput.rejectsLine(["row", "line", "reason"] + report.header))
                    }
                    try writer.commit()
                } catch let error as ConveneError {
                    context.print(
                        format == .json
                            ? ImportOutput.json(report).serialised()
                            : ImportOutput.text(report, file: file, rejectsFile: nil))
                    let outcome = report.dryRun ? "The dry run finished" : "The import was committed"
                    throw ConveneError.cannotCreateOutput(
                        path: rejectsFile?.name ?? "",
                        reason:
                            "\(outcome) (summary above), but the rejects file could not be written: \(error.localizedDescription)"
                    )
                }
            }
            context.print(
                format == .json
                    ? ImportOutput.json(report).serialised()
                    : ImportOutput.text(report, file: file, rejectsFile: rejects))
        }
    }

    struct Registrations: ConveneCommand {
        static let configuration = CommandConfiguration(
            commandName: "registrations",
            abstract: "Register the people in a form export for an event.",
            discussion: """
                The dialect (BOM, separator, quoting, line endings) is detected. Headers are \
                read in English and Indonesian (Nama Lengkap, Jenis Kelamin, Instansi, No. HP, \
                Alamat Email, …). The same person twice — same email, or same name and \
                organisation — is one participant; people already in the database are matched \
                the same way. Blank rows, total rows, test submissions, rejected or withdrawn \
                registrations, rows not approved and rows without consent are rejected with a \
                reason. All or nothing: if anything fails, nothing is imported.

                Indico's "Checked in = Yes" marks attendance in the event's session (name it \
                with --session when the event has several).

                Examples:
                  convene import registrations --event psc-final registrants.csv --dry-run
                  convene import registrations --event tot-mataram kobo.csv --rejects rejected.csv
                  convene import registrations --event sym-1 form.csv --map "Asal Daerah=province" --format json
                """)

        @OptionGroup var database: DatabaseOptions
        @Option(help: "Event code.") var event: String
        @Option(help: "Session that check-ins count for (EVENT/N).") var session: String?
        @OptionGroup var shared: Shared

        func run(in context: CommandContext) throws {
            try shared.run(
                ImportOptions(
                    kind: .registrations, event: event, session: session, dryRun: shared.dryRun,
                    skipInvalid: shared.skipInvalid),
                database: database, context: context)
        }
    }

    struct Attendance: ConveneCommand {
        static let configuration = CommandConfiguration(
            commandName: "attendance",
            abstract: "Mark a session's attendance from a sign-in sheet.",
            discussion: """
                Every accepted row is marked in the session: present, unless a status column \
                (Kehadiran, Attendance) says late, izin, tidak hadir, … People not yet \
                registered are registered on the spot (walk-ins), and people not in the \
                database are added, as with import registrations.

                Example:
                  convene import attendance --session psc-3/1 daftar-hadir.csv
                """)

        @OptionGroup var database: DatabaseOptions
        @Option(help: "Session: EVENT/N or a session code.") var session: String
        @OptionGroup var shared: Shared

        func run(in context: CommandContext) throws {
            try shared.run(
                ImportOptions(
                    kind: .attendance, session: session, dryRun: shared.dryRun, skipInvalid: shared.skipInvalid),
                database: database, context: context)
        }
    }
}

/// How an import report reads, and the rejects file.
enum ImportOutput {
    /// One line of a rejects file, cells escaped (and formulas neutralised) for a spreadsheet.
    static func rejectsLine(_ cells: [String]) -> String {
        cells.map(CSVField.escape).joined(separator: ",") + "\n"
    }

    /// Rows listed by name in a summary; the rest are counted (the rejects file has them all).
    static let rowsShown = 50

    static func text(_ report: ImportReport, file: String, rejectsFile: String?) -> String {
        var lines = ["Read \(file): \(report.dialect)."]
        if report.dryRun {
            lines.append("Dry run: nothing was written. Without --dry-run this import would do the following.")
        }
        lines.append("")
        let counts: [(String, Int)] = [
            ("Rows read", report.rowsRead), ("Registered (new)", report.registered),
            ("Already registered", report.alreadyRegistered), ("Matched existing", report.matchedExisting),
            ("New participants", report.newParticipants), ("Duplicates merged", report.duplicatesMerged),
            ("Rejected", report.rejectedCount), ("Attendance marked", report.attendanceMarked),
            ("Flagged", report.flagCount), ("New organisations", report.newOrganisations.count),
        ]
        let width = counts.map(\.0.count).max() ?? 0
        lines += counts.map {
            $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + String($0.1).leftPadded(to: 6)
        }
        if !report.rejected.isEmpty {
            lines += ["", "Rejected rows\(rejectsFile.map { " (also in \($0))" } ?? ""):"]
            lines += report.rejected.prefix(rowsShown).map { "  row \($0.row) (line \($0.line)): \($0.reasonText)" }
            if report.rejectedCount > rowsShown {
                lines.append(
                    "  … and \(report.rejectedCount - rowsShown) more: "
                        + report.rejectedByReason.map { "\($0.reason) \($0.count)" }.joined(separator: ", "))
            }
        }
        if !report.flags.isEmpty {
            lines += ["", "Flagged (imported; worth a look):"]
            lines += report.flags.prefix(rowsShown).map { "  row \($0.row) (line \($0.line)): \($0.message)" }
            if report.flagCount > rowsShown { lines.append("  … and \(report.flagCount - rowsShown) more") }
        }
        if !report.directoryOrganisations.isEmpty {
            lines += ["", "Known organisations used for the first time (from Convene's directory):"]
            lines += report.directoryOrganisations.map { "  \($0)" }
        }
        if !report.newOrganisations.isEmpty {
            let suggestions = Dictionary(
                report.organisationSuggestions.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
            lines += [
                "",
                "New organisations (review them with `convene org review`):",
            ]
            lines += report.newOrganisations.map { name in
                if let note = report.newOrganisationNotes[name] { return "  \(name) — \(note)" }
                guard let suggestion = suggestions[name] else { return "  \(name)" }
                return
                    "  \(name) — did you mean \(suggestion.suggestion)? If so: convene org merge \"\(name)\" \"\(suggestion.reference)\""
            }
        }
        if !report.columnWarnings.isEmpty {
            lines += ["", "Columns to check:"]
            lines += report.columnWarnings.map { "  \($0); use --map \"Header=field\" to choose" }
        }
        if !report.unknownColumns.isEmpty || report.optionColumns > 0 {
            var text = report.unknownColumns.map { "'\($0)'" }.joined(separator: ", ")
            if report.optionColumns > 0 {
                text += (text.isEmpty ? "" : "; ") + "\(report.optionColumns) select-multiple option columns"
            }
            lines += ["", "Columns not read: \(text). Use --map \"Header=field\" to read one."]
        }
        if report.dryRun && !report.decisions.isEmpty {
            lines += ["", "Row by row:"]
            lines += report.decisions.map { decision in
                let action =
                    switch decision.action {
                    case .new: "new participant"
                    case .matched(let id, let by): "matches participant \(id) (by \(by))"
                    case .merged(let row, let by): "same person as row \(row) (by \(by))"
                    }
                return "  row \(decision.row) (line \(decision.line)): \(action)"
            }
        }
        return lines.joined(separator: "\n")
    }

    static func json(_ report: ImportReport) -> JSONValue {
        .object([
            ("event", .string(report.eventCode)),
            ("session", report.sessionReference.map(JSONValue.string) ?? .null),
            ("dry_run", .bool(report.dryRun)),
            ("dialect", .string(report.dialect.description)),
            ("rows_read", .number(report.rowsRead)),
            ("registered", .number(report.registered)),
            ("already_registered", .number(report.alreadyRegistered)),
            ("matched_existing", .number(report.matchedExisting)),
            ("new_participants", .number(report.newParticipants)),
            ("duplicates_merged", .number(report.duplicatesMerged)),
            ("rejected", .number(report.rejectedCount)),
            ("blank_rows", .number(report.blankRows)),
            ("attendance_marked", .number(report.attendanceMarked)),
            ("flagged", .number(report.flagCount)),
            (
                "rejected_rows",
                .array(
                    report.rejected.map {
                        .object([
                            ("row", .number($0.row)), ("line", .number($0.line)), ("reason", .string($0.reasonText)),
                        ])
                    })
            ),
            (
                "flags",
                .array(
                    report.flags.map {
                        .object([
                            ("row", .number($0.row)), ("line", .number($0.line)), ("message", .string($0.message)),
                        ])
                    })
            ),
            ("new_organisations", .array(report.newOrganisations.map(JSONValue.string))),
            ("directory_organisations", .array(report.directoryOrganisations.map(JSONValue.string))),
            (
                "organisation_suggestions",
                .array(
                    report.organisationSuggestions.map {
                        .object([
                            ("name", .string($0.name)), ("did_you_mean", .string($0.suggestion)),
                            ("reference", .string($0.reference)),
                        ])
                    })
            ),
            ("column_warnings", .array(report.columnWarnings.map(JSONValue.string))),
            ("unknown_columns", .array(report.unknownColumns.map(JSONValue.string))),
        ])
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
