import Foundation

/// The errors a Convene user can see. Their text is what the user reads, so it names
/// the field, row or reference at fault and, where it helps, what would be accepted.
///
/// Messages never include another person's personal data: a participant is named by
/// the reference the user typed, or by a short id.
public enum ConveneError: Error, Equatable, Sendable {
    /// The database file does not exist and the command does not create one.
    case databaseNotFound(path: String)
    /// The database was written by a newer Convene; this binary leaves it untouched.
    case schemaTooNew(path: String, unknownMigrations: [String])
    /// The file exists but is not a Convene database; it was left untouched.
    case notConveneDatabase(path: String, kind: AppDatabase.FileKind)
    /// The file is not a Convene/SQLite database, or SQLite failed.
    case database(message: String)
    /// A reference (event code, session, participant, organisation) matched nothing.
    case notFound(kind: String, reference: String, hint: String? = nil)
    /// A reference matched more than one record; nothing was written.
    case ambiguous(kind: String, reference: String, candidates: [String])
    /// A coded value (gender, role, …) that none of the accepted spellings matches.
    case invalidValue(field: String, value: String, accepted: [String])
    /// Any other bad input, already phrased for the user (names the field).
    case invalidInput(String)
    /// A field of a record that cannot be stored as given (`name`, `email`, `phone`, `birth year`);
    /// the CLI names the flag, the phone page the form field.
    case invalidField(field: String, reason: String)
    /// An organisation typed for a person that neither the database nor the directory knows,
    /// with the nearest known name when there is one.
    case unknownOrganisation(reference: String, suggestion: String?)
    /// A record whose unique key (event code, email, …) is already taken.
    case duplicate(kind: String, key: String)
    /// Attendance for a person who is not registered for the event.
    case notRegistered(participant: String, event: String)
    /// People named for a certificate who attended no session of the event (by the references typed).
    case notAttended(participants: [String], event: String)
    /// Sessions (`EVENT/N (day)`) outside the dates an event edit would give the event; nothing was changed.
    case sessionsOutsideDates(event: String, sessions: [String], start: CalendarDate, end: CalendarDate)
    /// A session still holding attendance marks that removing it would delete.
    case sessionHasMarks(session: String, marks: Int)
    /// A registration that cannot be cancelled: the person attended sessions of the event.
    case attendedEvent(participant: String, event: String, sessions: Int)
    /// People (by the references typed) who have no mark in the session to remove.
    case notMarked(participants: [String], session: String)
    /// An output file that cannot be written.
    case cannotCreateOutput(path: String, reason: String)
    /// No template of that name, built in or in the places searched.
    case templateNotFound(name: String, searched: [String])
    /// A template uses a variable the document does not provide (swift-mustache would print nothing).
    case templateVariable(variable: String, template: String)
    /// A template that does not parse as Mustache.
    case templateSyntax(template: String, message: String)

    /// How the CLI should classify the failure (it maps each to an exit code).
    public enum Category: Sendable {
        case badData, missing, cannotCreateOutput, ioOrDatabase
    }

    /// The exit code for this error (BSD sysexits, as DESIGN.md lists them): 65 bad input
    /// data, 66 a missing file or record, 73 an output that cannot be created, 74 I/O or the
    /// database. Both executables exit with it.
    public var exitStatus: Int32 {
        switch category {
        case .badData: 65
        case .missing: 66
        case .cannotCreateOutput: 73
        case .ioOrDatabase: 74
        }
    }

    public var category: Category {
        switch self {
        case .databaseNotFound, .notFound, .unknownOrganisation, .templateNotFound, .notMarked: .missing
        case .schemaTooNew, .database, .notConveneDatabase: .ioOrDatabase
        case .ambiguous, .invalidValue, .invalidInput, .invalidField, .duplicate, .notRegistered, .notAttended,
            .templateVariable, .templateSyntax, .sessionsOutsideDates, .sessionHasMarks, .attendedEvent:
            .badData
        case .cannotCreateOutput: .cannotCreateOutput
        }
    }
}

extension ConveneError: LocalizedError {
    public var errorDescription: String? {
        switch self {
        case .databaseNotFound(let path):
            "No Convene database at \(path). Create one with `convene init` (or `convene --db \(path) init`), or point to an existing one with --db PATH or $CONVENE_DB."
        case .schemaTooNew(let path, let unknown):
            "The database at \(path) was written by a newer version of Convene (unknown schema migrations: \(unknown.joined(separator: ", "))). This version leaves it untouched: upgrade Convene to use it."
        case .notConveneDatabase(let path, let kind):
            switch kind {
            case .empty:
                "\(path) is empty: it holds no Convene database, and Convene left it as it is. Create the database with `convene --db \(path) init`, or point --db at an existing one."
            case .otherSQLite(let id, let tables):
                "\(path) is another program's SQLite database (\(tables) table\(tables == 1 ? "" : "s"), application id \(String(format: "0x%08X", UInt32(bitPattern: id)))), not a Convene database. Convene left it untouched; point --db at a Convene database or run `convene init` with a new file name."
            case .notSQLite:
                "\(path) is not a database file (it is not SQLite). Convene left it untouched; point --db at a Convene database."
            case .convene, .conveneBeforeApplicationID:
                "\(path) is a Convene database."
            }
        case .database(let message):
            "Database error: \(message)"
        case .notFound(let kind, let reference, let hint):
            "No \(kind) matches '\(reference)'." + (hint.map { " \($0)" } ?? "")
        case .ambiguous(let kind, let reference, let candidates):
            "'\(reference)' matches \(candidates.count) \(kind)s; nothing was changed. Use a more specific reference:\n"
                + candidates.map { "  \($0)" }.joined(separator: "\n")
        case .invalidValue(let field, let value, let accepted):
            "'\(value)' is not a valid \(field). Accepted values: \(accepted.joined(separator: ", "))."
        case .invalidInput(let message):
            message
        case .invalidField(let field, let reason):
            "\(field): \(reason)"
        case .unknownOrganisation(let reference, let suggestion):
            "No organisation matches '\(reference)'." + (suggestion.map { " Did you mean \($0)?" } ?? "")
        case .duplicate(let kind, let key):
            "A \(kind) '\(key)' already exists."
        case .notRegistered(let participant, let event):
            "Participant \(participant) is not registered for \(event)."
        case .notAttended(let participants, let event):
            "\(participants.map { "'\($0)'" }.joined(separator: ", ")) attended no session of \(event) (a certificate needs a present, late or left-early mark); no certificates were written."
        case .sessionsOutsideDates(let event, let sessions, let start, let end):
            "\(event) would run \(start == end ? start.description : "\(start) to \(end)"), but \(sessions.count == 1 ? "this session falls" : "these sessions fall") outside those dates: \(sessions.joined(separator: ", ")). Nothing was changed."
        case .sessionHasMarks(let session, let marks):
            "\(session) holds \(marks) attendance mark\(marks == 1 ? "" : "s"); removing the session would delete \(marks == 1 ? "it" : "them"). Nothing was changed."
        case .attendedEvent(let participant, let event, let sessions):
            "'\(participant)' attended \(sessions) session\(sessions == 1 ? "" : "s") of \(event) (present, late or left early), so the registration stands; nothing was changed."
        case .notMarked(let participants, let session):
            "\(participants.map { "'\($0)'" }.joined(separator: ", ")) \(participants.count == 1 ? "has" : "have") no attendance mark in \(session); nothing was removed."
        case .cannotCreateOutput(let path, let reason):
            "Cannot write \(path): \(reason)"
        case .templateNotFound(let name, let searched):
            "No template \(name)"
                + (searched.isEmpty
                    ? "." : " (looked in \(searched.joined(separator: ", ")), then the built-in templates).")
        case .templateVariable(let variable, let template):
            "The template \(template) uses '\(variable)', which this document does not provide. Check the spelling against the built-in template of the same name."
        case .templateSyntax(let template, let message):
            "The template \(template) is not valid Mustache: \(message)"
        }
    }
}
