import Foundation

/// The programme the demo shows, as `Fixtures/demo/programme.json` describes it: facts about
/// the programme, then the steps a secretariat would take, in order (add an event, its
/// sessions, import a form export, register, mark, agree actions and decisions). The loader
/// runs each step through the same core writes as the CLI: nothing is written by hand.
public struct DemoProgramme: Decodable, Sendable {
    public struct Programme: Decodable, Sendable {
        public var title: String
        public var titleId: String?
        public var lead: String
        public var partners: [String]
        public var donor: String
        public var period: String
        public var published: Published
        public var sources: [String]
    }

    /// Figures the programme published; the demo prints what Convene counts beside them.
    public struct Published: Decodable, Sendable {
        public var reach: Int
        public var womenPercent: Int
    }

    public var format: Int
    public var programme: Programme
    public var steps: [DemoStep]

    /// Reads `programme.json` (keys in snake_case).
    public static func decode(_ data: Data) throws(ConveneError) -> DemoProgramme {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let programme: DemoProgramme
        do {
            programme = try decoder.decode(DemoProgramme.self, from: data)
        } catch {
            throw ConveneError.invalidInput("The demo programme cannot be read: \(error)")
        }
        guard programme.format == 1 else {
            throw ConveneError.invalidInput("The demo programme has format \(programme.format); this binary reads 1.")
        }
        return programme
    }
}

/// One thing a secretariat does, in the words of `programme.json`: an object with exactly one key.
public enum DemoStep: Decodable, Sendable {
    public struct EventStep: Decodable, Sendable {
        var code: String
        var kind: String
        var series: String?
        var number: Int?
        var title: String
        var start: String
        var end: String?
        var venue: String?
        var city: String?
        var timezone: String?
        var lang: String?
    }

    public struct SessionStep: Decodable, Sendable {
        var event: String
        var title: String
        var start: String?
        var end: String?
        var room: String?
        var chair: String?
    }

    public struct ImportStep: Decodable, Sendable {
        var kind: String
        var file: String
        var event: String?
        var session: String?
        var map: [String: String]?
        var skipInvalid: Bool?
    }

    public struct RegisterStep: Decodable, Sendable {
        var event: String
        var people: [String]
        var role: String?
    }

    public struct AttendStep: Decodable, Sendable {
        var session: String
        var people: [String]
        var status: String?
    }

    public struct ActionStep: Decodable, Sendable {
        /// The fixture's own handle, for later updates; not stored.
        var key: String
        var event: String
        var text: String
        var owners: [String]?
        var due: String?
        var session: String?
    }

    public struct ActionUpdateStep: Decodable, Sendable {
        var action: String
        var status: String
        var note: String?
        var date: String
    }

    public struct DecisionStep: Decodable, Sendable {
        var event: String
        var session: String?
        var text: String
    }

    case event(EventStep)
    case session(SessionStep)
    case `import`(ImportStep)
    case register(RegisterStep)
    case attend(AttendStep)
    case action(ActionStep)
    case actionUpdate(ActionUpdateStep)
    case decision(DecisionStep)

    private enum Key: String, CodingKey, CaseIterable {
        case event, session, `import`, register, attend, action, actionUpdate, decision
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        guard container.allKeys.count == 1, let key = container.allKeys.first else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath,
                    debugDescription:
                        "A step is an object with exactly one of: \(Key.allCases.map(\.stringValue).joined(separator: ", "))."
                ))
        }
        switch key {
        case .event: self = .event(try container.decode(EventStep.self, forKey: key))
        case .session: self = .session(try container.decode(SessionStep.self, forKey: key))
        case .import: self = .import(try container.decode(ImportStep.self, forKey: key))
        case .register: self = .register(try container.decode(RegisterStep.self, forKey: key))
        case .attend: self = .attend(try container.decode(AttendStep.self, forKey: key))
        case .action: self = .action(try container.decode(ActionStep.self, forKey: key))
        case .actionUpdate: self = .actionUpdate(try container.decode(ActionUpdateStep.self, forKey: key))
        case .decision: self = .decision(try container.decode(DecisionStep.self, forKey: key))
        }
    }

    /// The event the step belongs to, when it names one directly.
    var eventCode: String? {
        switch self {
        case .event(let step): step.code
        case .session(let step): step.event
        case .import(let step): step.event ?? step.session.map(Self.eventPart)
        case .register(let step): step.event
        case .attend(let step): Self.eventPart(step.session)
        case .action(let step): step.event
        case .actionUpdate: nil
        case .decision(let step): step.event
        }
    }

    private static func eventPart(_ sessionReference: String) -> String {
        String(sessionReference.split(separator: "/").first ?? Substring(sessionReference))
    }
}

/// What loading the demo did, step by step.
public struct DemoLoadReport: Sendable {
    public var steps = 0
    public var imports = 0
    public var rowsImported = 0
    public var events: [String] = []
}

extension AppDatabase {
    /// Runs the programme's steps in order, each through the core write the CLI uses.
    /// `file` returns the bytes of an import file named in the programme. Steps of events
    /// whose code `skip` accepts are left out (and so are their actions' updates).
    public func load(
        _ programme: DemoProgramme, file: (String) throws(ConveneError) -> Data,
        skip: (String) -> Bool = { _ in false }
    ) throws(ConveneError) -> DemoLoadReport {
        var report = DemoLoadReport()
        var actionIDs: [String: String] = [:]
        for (index, step) in programme.steps.enumerated() {
            if let code = step.eventCode, skip(code) { continue }
            do throws(ConveneError) {
                try run(step, file: file, actionIDs: &actionIDs, report: &report)
            } catch {
                throw ConveneError.invalidInput(
                    "Demo step \(index + 1) failed: \(error.errorDescription ?? "\(error)")")
            }
            report.steps += 1
        }
        return report
    }

    private func run(
        _ step: DemoStep, file: (String) throws(ConveneError) -> Data, actionIDs: inout [String: String],
        report: inout DemoLoadReport
    ) throws(ConveneError) {
        switch step {
        case .event(let step):
            let event = try addEvent(
                EventInput(
                    code: step.code, title: step.title, kind: try EventKind.parse(step.kind),
                    series: step.series, number: step.number,
                    startDate: try CalendarDate.parse(step.start, field: "start"),
                    endDate: try step.end.map { (text) throws(ConveneError) in
                        try CalendarDate.parse(text, field: "end")
                    }, venue: step.venue, city: step.city,
                    timeZone: step.timezone ?? Event.defaultTimeZone,
                    language: try step.lang.map(Language.parse) ?? .en))
            report.events.append(event.code)
        case .session(let step):
            _ = try addSession(
                SessionInput(
                    event: step.event, title: step.title, start: step.start, end: step.end, room: step.room,
                    chair: step.chair))
        case .import(let step):
            var mapping: [String: ImportField] = [:]
            for (header, field) in step.map ?? [:] {
                guard let parsed = ImportField(rawValue: field) else {
                    throw ConveneError.invalidInput(
                        "\(step.file): unknown field '\(field)' for the column '\(header)'.")
                }
                mapping[header] = parsed
            }
            let kind: ImportOptions.Kind
            switch step.kind {
            case "registrations": kind = .registrations
            case "attendance": kind = .attendance
            default:
                throw ConveneError.invalidInput(
                    "\(step.file): import kind '\(step.kind)' is not registrations or attendance.")
            }
            let imported = try importFile(
                try file(step.file),
                options: ImportOptions(
                    kind: kind, event: step.event, session: step.session, mapping: mapping,
                    skipInvalid: step.skipInvalid ?? false))
            report.imports += 1
            report.rowsImported += imported.registered + imported.alreadyRegistered
        case .register(let step):
            _ = try register(
                step.people, forEvent: step.event, role: try step.role.map(RegistrationRole.parse) ?? .participant)
        case .attend(let step):
            _ = try markAttendance(
                session: step.session, participants: step.people,
                status: try step.status.map(AttendanceStatus.parse) ?? .present, walkIn: false)
        case .action(let step):
            let action = try addAction(
                ActionInput(
                    event: step.event, text: step.text, owners: step.owners ?? [],
                    dueDate: try step.due.map { (text) throws(ConveneError) in
                        try CalendarDate.parse(text, field: "due")
                    }, session: step.session))
            actionIDs[step.key] = action.id
        case .actionUpdate(let step):
            guard let id = actionIDs[step.action] else {
                throw ConveneError.invalidInput("No earlier action step has the key '\(step.action)'.")
            }
            _ = try updateAction(
                id, status: try ActionStatus.parse(step.status), note: step.note,
                on: try CalendarDate.parse(step.date, field: "date"))
        case .decision(let step):
            _ = try addDecision(event: step.event, session: step.session, text: step.text)
        }
    }
}
