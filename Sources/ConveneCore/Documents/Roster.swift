import Foundation
import GRDB

/// A sign-in sheet (daftar hadir) for one session: everyone registered for the event,
/// by organisation then name, and blank rows for walk-ins.
public struct RosterDocument: Sendable, Encodable {
    public struct Line: Sendable, Encodable {
        public var number: Int
        public var name: String
        public var organisation: String?
        public var position: String?
        /// F/M (English) or P/L (Indonesian); empty when not recorded.
        public var gender: String
    }
    public struct BlankLine: Sendable, Encodable {
        public var number: Int
    }

    public var eventTitle: String
    public var eventCode: String
    public var session: String
    public var sessionReference: String
    public var date: String
    public var time: String?
    public var venue: String?
    public var people: [Line]
    public var blank: [BlankLine]
}

extension AppDatabase {
    /// The sign-in sheet for a session, with `blankRows` empty rows at the end.
    public func roster(session reference: String, language: Language?, blankRows: Int) throws(ConveneError) -> (
        document: RosterDocument, language: Language
    ) {
        try read { db in
            let (session, event) = try Session.find(reference, db)
            let words = Localisation(language ?? event.language)
            let number = try Self.sessionNumbers(event, db)[session.id] ?? 1
            let people = try MinutesPeople(event: event, db).registered
            let lines = people.enumerated().map { index, line in
                RosterDocument.Line(
                    number: index + 1, name: line.participant.fullName, organisation: line.organisation?.shortName,
                    position: line.participant.position, gender: words.genderLetter(line.participant.gender))
            }
            let day = session.startsAt.map { CalendarDate($0, in: event.zone) } ?? event.startDate
            let document = RosterDocument(
                eventTitle: event.title, eventCode: event.code, session: session.title,
                sessionReference: "\(event.code)/\(number)", date: words.longDate(day),
                time: words.timeRange(session.startsAt, session.endsAt, in: event.zone),
                venue: Self.joined([session.room, event.venue, event.city]),
                people: lines,
                blank: (0..<max(0, blankRows)).map { .init(number: lines.count + $0 + 1) })
            return (document, words.language)
        }
    }
}

extension AppDatabase {
    /// The sign-in sheet rendered with its template (HTML or Markdown).
    public func renderRoster(
        session reference: String, language: Language?, format: DocumentFormat, blankRows: Int,
        templates: TemplateSet
    ) throws(ConveneError) -> String {
        let (document, chosen) = try roster(session: reference, language: language, blankRows: blankRows)
        return try DocumentRenderer.render(
            document, template: DocumentRenderer.templateName("roster", chosen, format.fileExtension),
            using: templates)
    }
}
