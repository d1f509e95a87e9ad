import ConveneCore

extension ConveneError {
    /// The core's message, with the flag or command that gets past the refusal where there
    /// is one: the core reports, the CLI words (the core never names a flag).
    var commandLineMessage: String {
        let message = localizedDescription
        switch self {
        case .sessionsOutsideDates(let event, _, _, _):
            return message
                + " Move them first (`convene session edit \(event)/N --start …`), or add --shift-sessions to move every session by as many days as the first day moves."
        case .sessionHasMarks(_, let marks):
            return message
                + " Add --force to remove it with its \(marks) mark\(marks == 1 ? "" : "s") (--dry-run shows what would go)."
        case .attendedEvent(let participant, let event, _):
            return message
                + " If the marks were a mistake, remove them first: `convene attend --undo --session \(event)/N \(participant)`."
        case .notRegistered(_, let event):
            return message + " Register them first (`convene register --event \(event) …`) or mark them with --walk-in."
        case .invalidField(let field, let reason):
            return "--\(field.replacingOccurrences(of: " ", with: "-")): \(reason)"
        case .unknownOrganisation:
            return message + " Add a new one with `convene org add --name \"…\" --type …`, or see `convene org list`."
        default:
            return message
        }
    }
}
