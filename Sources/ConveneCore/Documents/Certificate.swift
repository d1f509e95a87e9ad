import Foundation
import GRDB

/// A certificate of attendance for one person: the event, their role, and the sessions
/// they attended (present, late or left early).
public struct CertificateDocument: Sendable, Encodable {
    public struct Session: Sendable, Encodable {
        public var number: Int
        public var title: String
        public var date: String
        public var time: String?
    }

    public var name: String
    public var position: String?
    public var organisation: String?
    /// "Participant", "Speaker", … in the document's language.
    public var role: String
    public var eventTitle: String
    public var eventCode: String
    public var date: String
    public var venue: String?
    /// "Jakarta, 9 January 2024": where and when it is signed (the event's city and last day).
    public var placeAndDate: String
    /// The event's chair(s), who sign; nil leaves the line to the organisers.
    public var signatory: String?
    public var sessions: [Session]
    public var sessionCount: Int
    /// More sessions than fit one column: the template lists them in two, in smaller type.
    public var compact: Bool
    /// "psc-3-1a2b3c4d": names the certificate without naming the person.
    public var reference: String
}

/// A certificate ready to be written, with a file name free of personal data.
public struct RenderedCertificate: Sendable {
    public var fileName: String
    public var text: String
}

extension AppDatabase {
    /// Certificates for everyone who attended at least one session of the event, or only for
    /// the people `references` name (each must have attended). Erased people get none.
    public func certificates(event code: String, participants references: [String], language: Language?)
        throws(ConveneError) -> (documents: [CertificateDocument], language: Language)
    {
        try read { db in
            let event = try Event.find(code, db)
            let words = Localisation(language ?? event.language)
            let people = try MinutesPeople(event: event, db)
            var attendees = people.attendees.filter { $0.participant.erasedAt == nil }
            if !references.isEmpty {
                var wanted: [String] = []
                var missing: [String] = []
                for reference in references {
                    let participant = try Participant.find(reference, db)
                    if attendees.contains(where: { $0.participant.id == participant.id }) {
                        if !wanted.contains(participant.id) { wanted.append(participant.id) }
                    } else {
                        missing.append(reference)
                    }
                }
                guard missing.isEmpty else { throw ConveneError.notAttended(participants: missing, event: event.code) }
                attendees = attendees.filter { wanted.contains($0.participant.id) }
            }
            let sessions = Dictionary(uniqueKeysWithValues: try Self.sessionRows(event, db).map { ($0.number, $0) })
            let signatory = people.withRole(.chair).map(\.participant.fullName)
            let place = event.city ?? event.venue
            let lastDay = words.date(event.endDate)
            let documents = attendees.map { line in
                let attended = line.sessions.compactMap { sessions[$0] }.map { row in
                    CertificateDocument.Session(
                        number: row.number, title: row.session.title,
                        date: words.date(
                            row.session.startsAt.map { CalendarDate($0, in: event.zone) } ?? event.startDate),
                        time: words.timeRange(row.session.startsAt, row.session.endsAt, in: event.zone))
                }
                return CertificateDocument(
                    name: line.participant.fullName, position: line.participant.position,
                    organisation: line.organisation?.displayName, role: words.role(line.role ?? .participant),
                    eventTitle: event.title, eventCode: event.code,
                    date: words.dateRange(event.startDate, event.endDate),
                    venue: Self.joined([event.venue, event.city]),
                    placeAndDate: place.map { "\($0), \(lastDay)" } ?? lastDay,
                    signatory: signatory.isEmpty ? nil : signatory.joined(separator: ", "), sessions: attended,
                    sessionCount: attended.count, compact: attended.count > 6,
                    reference: "\(event.code)-\(line.participant.shortId)")
            }
            return (documents, words.language)
        }
    }

    /// The certificates rendered with their template, one HTML page each.
    public func renderCertificates(
        event code: String, participants references: [String], language: Language?, templates: TemplateSet
    ) throws(ConveneError) -> [RenderedCertificate] {
        let (documents, chosen) = try certificates(event: code, participants: references, language: language)
        let name = DocumentRenderer.templateName("certificate", chosen, DocumentFormat.html.fileExtension)
        var rendered: [RenderedCertificate] = []
        for document in documents {
            rendered.append(
                RenderedCertificate(
                    fileName: "certificate-\(document.reference).html",
                    text: try DocumentRenderer.render(document, template: name, using: templates)))
        }
        return rendered
    }
}
