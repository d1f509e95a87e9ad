import Foundation
import GRDB

/// An event's timetable: time, title, room, chair or facilitator.
public struct AgendaDocument: Sendable, Encodable {
    public struct Item: Sendable, Encodable {
        public var number: Int
        public var day: String
        public var time: String?
        public var title: String
        public var room: String?
        public var chair: String?
    }
    public var title: String
    public var code: String
    public var date: String
    public var venue: String?
    public var items: [Item]
}

extension AppDatabase {
    /// The agenda as Markdown or HTML (from templates) or as an iCalendar file.
    public func renderAgenda(
        event code: String, language: Language?, format: DocumentFormat, templates: TemplateSet
    ) throws(ConveneError) -> String {
        let (event, sessions) = try read { db in
            let event = try Event.find(code, db)
            return (event, try Self.sessionRows(event, db))
        }
        if format == .ics { return Calendar5545.calendar(event, sessions.map(\.session)) }
        let words = Localisation(language ?? event.language)
        let document = AgendaDocument(
            title: event.title, code: event.code, date: words.dateRange(event.startDate, event.endDate),
            venue: Self.joined([event.venue, event.city]),
            items: sessions.map { row in
                .init(
                    number: row.number,
                    day: words.longDate(
                        row.session.startsAt.map { CalendarDate($0, in: event.zone) } ?? event.startDate),
                    time: words.timeRange(row.session.startsAt, row.session.endsAt, in: event.zone),
                    title: row.session.title, room: row.session.room, chair: row.session.chair)
            })
        return try DocumentRenderer.render(
            document, template: DocumentRenderer.templateName("agenda", words.language, format.fileExtension),
            using: templates)
    }
}

/// RFC 5545 text: one VEVENT per session with a UID that stays the same between exports,
/// times in the event's zone with its VTIMEZONE, lines folded at 75 octets, CRLF endings.
enum Calendar5545 {
    static func calendar(_ event: Event, _ sessions: [Session]) -> String {
        let zone = event.zone
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Convene//Agenda//EN", "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH", "X-WR-CALNAME:\(text(event.title))",
        ]
        lines += timeZone(zone, from: event.startDate.startOfDay(in: zone))
        for session in sessions {
            lines += ["BEGIN:VEVENT", "UID:\(session.id)@convene", "DTSTAMP:\(utc(session.createdAt))"]
            if let start = session.startsAt {
                lines.append("DTSTART;TZID=\(zone.identifier):\(local(start, zone))")
                let end = session.endsAt ?? start.addingTimeInterval(3600)
                lines.append("DTEND;TZID=\(zone.identifier):\(local(end, zone))")
            } else {
                let day = event.startDate
                lines.append("DTSTART;VALUE=DATE:\(compact(day))")
                lines.append("DTEND;VALUE=DATE:\(compact(next(day)))")
            }
            lines.append("SUMMARY:\(text(session.title))")
            let location = [session.room, event.venue, event.city].compactMap { $0 }.joined(separator: ", ")
            if !location.isEmpty { lines.append("LOCATION:\(text(location))") }
            var description = event.title
            if let chair = session.chair { description += "\nChair/facilitator: \(chair)" }
            lines.append("DESCRIPTION:\(text(description))")
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    /// A VTIMEZONE with the zone's offset at the event (Indonesia's zones keep no daylight time).
    static func timeZone(_ zone: TimeZone, from date: Date) -> [String] {
        let offset = zone.secondsFromGMT(for: date)
        let sign = offset < 0 ? "-" : "+"
        let text = String(format: "%@%02d%02d", sign, abs(offset) / 3600, abs(offset) % 3600 / 60)
        return [
            "BEGIN:VTIMEZONE", "TZID:\(zone.identifier)", "BEGIN:STANDARD", "DTSTART:19700101T000000",
            "TZOFFSETFROM:\(text)", "TZOFFSETTO:\(text)", "TZNAME:\(LocalTime.zoneLabel(zone, at: date))",
            "END:STANDARD", "END:VTIMEZONE",
        ]
    }

    static func local(_ date: Date, _ zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d%02d%02dT%02d%02d%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
    }

    static func utc(_ date: Date) -> String { local(date, TimeZone(identifier: "UTC")!) + "Z" }

    static func compact(_ day: CalendarDate) -> String { String(format: "%04d%02d%02d", day.year, day.month, day.day) }

    static func next(_ day: CalendarDate) -> CalendarDate {
        CalendarDate(
            day.startOfDay(in: TimeZone(identifier: "UTC")!).addingTimeInterval(86_400),
            in: TimeZone(identifier: "UTC")!)
    }

    /// TEXT values: backslash, semicolon, comma and line breaks escaped.
    static func text(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: ";", with: "\\;")
            .replacingOccurrences(of: ",", with: "\\,").replacingOccurrences(of: "\r\n", with: "\\n")
            .replacingOccurrences(of: "\n", with: "\\n")
    }

    /// Lines longer than 75 octets continue on the next line after a space, never inside a character.
    static func fold(_ line: String) -> String {
        var result = ""
        var count = 0
        for character in line {
            let size = String(character).utf8.count
            if count + size > 75 {
                result += "\r\n "
                count = 1
            }
            result.append(character)
            count += size
        }
        return result
    }
}
