import ArgumentParser
import ConveneCore

/// The fields that describe a person, shared by `participant add` and `attend --walk-in`.
struct ParticipantFields: ParsableArguments {
    @Option(help: "Full name.") var name: String?
    @Option(help: "Gender; Indonesian and short spellings work too (P/perempuan/wanita, L/laki-laki/pria).") var gender:
        Gender?
    @Option(help: "Stakeholder type, e.g. government-national, civil-society, migrant-or-diaspora.")
    var stakeholder: StakeholderType?
    @Option(help: "Organisation: acronym, name or alias (add it first with `convene org add`).") var org: String?
    @Option(help: "Position or job title.") var position: String?
    @Option(help: "Email address (unique per participant).") var email: String?
    @Option(help: "Phone, e.g. 0812… or +62 812…; stored as +62….") var phone: String?
    @Option(help: "Province.") var province: String?
    @Option(help: "Year of birth, for age bands.") var birthYear: Int?
    @Option(help: "Disability (Washington Group short set, summarised): yes, no or undisclosed.")
    var disability: DisabilityStatus?
    @Option(help: "Consent to the use of their data: yes or no.") var consent: YesNo?

    func input(name: String) -> ParticipantInput {
        ParticipantInput(
            fullName: name, gender: gender ?? .undisclosed, stakeholderType: stakeholder, organisation: org,
            position: position, email: email, phone: phone, province: province, birthYear: birthYear,
            disability: disability ?? .undisclosed, dataUseConsent: consent?.value)
    }

    /// Whether any field beyond the name was given (for `attend` without --walk-in).
    var anyGiven: Bool {
        name != nil || gender != nil || stakeholder != nil || org != nil || position != nil || email != nil
            || phone != nil || province != nil || birthYear != nil || disability != nil || consent != nil
    }
}

enum YesNo: String, ExpressibleByArgument, CaseIterable {
    case yes, no
    init?(argument: String) {
        switch argument.lowercased() {
        case "yes", "y", "ya", "true", "1": self = .yes
        case "no", "n", "tidak", "false", "0": self = .no
        default: return nil
        }
    }
    var value: Bool { self == .yes }
}

struct ParticipantCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "participant",
        abstract: "Add, list, show, edit, merge and erase participants.",
        discussion:
            "A participant is referred to by email, phone, short id (from `participant list`) or exact full name.",
        subcommands: [Add.self, List.self, Show.self, Edit.self, Merge.self, Erase.self])

    struct Add: ConveneCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add a participant.",
            discussion: """
                Examples:
                  convene participant add --name "Siti Aminah" --gender female --stakeholder government-national \\
                      --org Kemlu --position "Kepala Seksi" --email siti.aminah@example.org --phone 0812-3456-7890
                  convene participant add --name "Budi Santoso" --gender L --org SBMI --stakeholder migrant-or-diaspora
                """)

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var fields: ParticipantFields

        func validate() throws {
            guard fields.name != nil else { throw ValidationError("Missing --name: a participant needs a name.") }
        }

        func run(in context: CommandContext) throws {
            let participant = try database.open(in: context).addParticipant(fields.input(name: fields.name ?? ""))
            context.print("Added participant \(participant.shortId) (\(participant.fullName)).")
        }
    }

    struct List: ConveneCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List participants (a roster: it shows names and contacts).",
            discussion: """
                With --event, lists the people registered for that event with their role and \
                the number of sessions they attended.

                Examples:
                  convene participant list --event psc-3 --format csv > psc-3-roster.csv
                  convene participant list
                """)

        @OptionGroup var database: DatabaseOptions
        @Option(help: "Only the people registered for this event.") var event: String?
        @OptionGroup var output: FormatOptions

        func run(in context: CommandContext) throws {
            let rows = try database.open(in: context).participants(event: event)
            var columns: [Table.Column] = [
                .init(key: "id", title: "Id"), .init(key: "name", title: "Name"), .init(key: "gender", title: "Gender"),
                .init(key: "stakeholder_type", title: "Stakeholder"), .init(key: "organisation", title: "Organisation"),
                .init(key: "position", title: "Position"), .init(key: "email", title: "Email"),
                .init(key: "phone", title: "Phone"),
            ]
            if event != nil {
                columns += [
                    .init(key: "role", title: "Role"), .init(key: "registration", title: "Registration"),
                    .init(key: "sessions_attended", title: "Sessions", alignRight: true),
                ]
            }
            let table = Table(
                columns: columns,
                rows: rows.map { row in
                    let p = row.participant
                    var cells: [Table.Cell] = [
                        .text(p.shortId), .text(p.fullName), .text(p.gender.rawValue),
                        .text(p.stakeholderType?.rawValue), .text(row.organisation), .text(p.position),
                        .text(p.email), .text(p.phone),
                    ]
                    if event != nil {
                        cells += [
                            .text(row.role?.rawValue), .text(row.registrationStatus?.rawValue),
                            .number(row.sessionsAttended),
                        ]
                    }
                    return cells
                })
            context.print(table.render(output.format))
        }
    }

    struct Show: ConveneCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show one participant and the events they registered for.",
            discussion: "Example: convene participant show siti.aminah@example.org")

        @OptionGroup var database: DatabaseOptions
        @Argument(help: "Email, phone, short id or exact full name.") var participant: String

        func run(in context: CommandContext) throws {
            let detail = try database.open(in: context).participantDetail(participant)
            let p = detail.participant
            let facts: [(String, String?)] = [
                ("Id", p.id), ("Name", p.fullName), ("Gender", p.gender.rawValue),
                ("Stakeholder", p.stakeholderType?.rawValue ?? "unknown"),
                ("Organisation", detail.organisation.map { o in o.acronym.map { "\(o.name) (\($0))" } ?? o.name }),
                ("Position", p.position), ("Email", p.email), ("Phone", p.phone), ("Province", p.province),
                ("Birth year", p.birthYear.map(String.init)), ("Disability", p.disability.rawValue),
                ("Consent", p.dataUseConsent.map { $0 ? "yes" : "no" } ?? "not recorded"),
            ]
            let width = facts.map(\.0.count).max() ?? 0
            var lines = facts.compactMap { label, value in
                value.map { label + ":" + String(repeating: " ", count: width - label.count) + "  " + $0 }
            }
            lines.append("")
            if detail.events.isEmpty {
                lines.append("Not registered for any event.")
            } else {
                let table = Table(
                    columns: [
                        .init(key: "event", title: "Event"), .init(key: "start", title: "Date"),
                        .init(key: "role", title: "Role"), .init(key: "status", title: "Registration"),
                        .init(key: "sessions", title: "Sessions attended", alignRight: true),
                    ],
                    rows: detail.events.map { line in
                        [
                            .text(line.eventCode), .text(line.startDate.description), .text(line.role.rawValue),
                            .text(line.status.rawValue), .text("\(line.sessionsAttended) of \(line.sessionCount)"),
                        ]
                    })
                lines.append(table.aligned())
            }
            context.print(lines.joined(separator: "\n"))
        }
    }

    struct Edit: ConveneCommand {
        static let configuration = CommandConfiguration(
            commandName: "edit",
            abstract: "Change a participant's details; an empty value (\"\") clears a field.",
            discussion: """
                Examples:
                  convene participant edit siti.aminah@example.org --position "Kepala Subdirektorat"
                  convene participant edit 1a2b3c4d --gender female --phone ""
                """)

        @OptionGroup var database: DatabaseOptions
        @Argument(help: "Email, phone, short id or exact full name.") var participant: String
        @OptionGroup var fields: ParticipantFields

        func validate() throws {
            guard fields.anyGiven else { throw ValidationError("Give at least one field to change, e.g. --position.") }
        }

        func run(in context: CommandContext) throws {
            var changes = ParticipantChanges()
            changes.fullName = fields.name
            changes.gender = fields.gender
            changes.stakeholderType = fields.stakeholder.map { .some($0) }
            changes.organisation = fields.org
            changes.position = fields.position
            changes.email = fields.email
            changes.phone = fields.phone
            changes.province = fields.province
            changes.birthYear = fields.birthYear.map { .some($0) }
            changes.disability = fields.disability
            changes.dataUseConsent = fields.consent.map { .some($0.value) }
            let db = try database.open(in: context)
            let participant = try db.editParticipant(participant, changes)
            guard participant.erasedAt != nil, changes.dataUseConsent == .some(false) else {
                context.print("Updated participant \(participant.shortId).")
                return
            }
            context.print(
                "Consent withdrawn: participant \(participant.shortId)'s name, email, phone and position were erased.")
            if !db.clearWriteAheadLog() { context.error(ErasureWording.logNotCleared) }
        }
    }

    struct Erase: ConveneCommand {
        static let configuration = CommandConfiguration(
            commandName: "erase",
            abstract: "Erase a participant's personal data; statistics stay as they were.",
            discussion: """
                Removes the name, email, phone and position. Keeps gender, stakeholder type, \
                organisation, birth year, province, disability, registrations and attendance, \
                so counts and breakdowns do not change. The erasure is logged with its date \
                and reason, not the person. It cannot be undone. Withdrawing consent \
                (`participant edit REF --consent no`) erases the same way.

                Example:
                  convene participant erase siti.aminah@example.org --yes
                """)

        @OptionGroup var database: DatabaseOptions
        @Argument(help: "Email, phone, short id or exact full name.") var participant: String
        @Flag(help: "Confirm: erasure cannot be undone.") var yes = false
        @Flag(help: "Record the erasure as a withdrawal of consent rather than a request.") var consentWithdrawn = false

        func validate() throws {
            guard yes else { throw ValidationError("Erasure cannot be undone: add --yes to confirm.") }
        }

        func run(in context: CommandContext) throws {
            let erasure = try database.open(in: context).erase(
                participant, reason: consentWithdrawn ? .consentWithdrawn : .request)
            context.print(
                "Erased participant \(erasure.participant.shortId): name, email, phone and position removed; statistics unchanged."
            )
            if !erasure.logCleared { context.error(ErasureWording.logNotCleared) }
        }
    }
}

extension ParticipantCommand {
    struct Merge: ConveneCommand {
        static let configuration = CommandConfiguration(
            commandName: "merge",
            abstract: "Merge two records of one person: DUPLICATE's registrations and marks move to INTO.",
            discussion: """
                Registrations, attendance marks and the actions DUPLICATE owns move to INTO, and \
                DUPLICATE is removed. Where both were registered for an event, one registration \
                stays (a standing one over a cancelled one, else INTO's with its role); where both \
                were marked in a session, the stronger status stays (present > late > left-early \
                > excused > absent) and the conflict is listed. INTO's empty fields are filled from \
                DUPLICATE; fields both filled differently keep INTO's value and are listed with \
                both values (a "no" to data use is kept from either). Statistics afterwards are those of the \
                person entered once. Erased people are not merged.

                DUPLICATE's email or phone, when INTO has another, is not kept: a later import that \
                has only that address will not recognise the person.

                Examples:
                  convene participant merge 8b284252 siti.aminah@example.org --dry-run
                  convene participant merge 8b284252 siti.aminah@example.org
                """)

        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The record to fold in and remove: email, phone, short id or exact full name.")
        var duplicate: String
        @Argument(help: "The record that stays.") var into: String
        @Flag(help: "Show what would happen without changing anything.") var dryRun = false

        func run(in context: CommandContext) throws {
            let merge = try database.open(in: context).mergeParticipant(duplicate, into: into, dryRun: dryRun)
            let (from, to) = (merge.duplicate.shortId, merge.target.shortId)
            func count(_ n: Int, _ noun: String) -> String? { n == 0 ? nil : "\(n) \(noun)\(n == 1 ? "" : "s")" }
            let moved = [
                count(merge.registrationsMoved, "registration"), count(merge.marksMoved, "attendance mark"),
                count(merge.actionsMoved, "action"),
            ].compactMap { $0 }
            let combined = [count(merge.registrationsCombined, "registration"), count(merge.marksCombined, "mark")]
                .compactMap { $0 }
            var parts = [moved.isEmpty ? "nothing to move" : "moved " + moved.joined(separator: ", ")]
            if !combined.isEmpty { parts.append("combined \(combined.joined(separator: " and ")) held by both") }
            parts.append("\(from) removed")
            let sentence =
                (merge.dryRun ? "Dry run, nothing changed. Would merge" : "Merged") + " \(from) into \(to): "
                + parts.joined(separator: "; ") + "."
            var lines = [sentence]
            if !merge.markConflicts.isEmpty {
                lines.append("Conflicting marks (the stronger status stays):")
                lines += merge.markConflicts.map {
                    "  \($0.session)  \($0.kept.rawValue) kept, \($0.dropped.rawValue) dropped"
                }
            }
            if !merge.filled.isEmpty {
                lines.append("Filled from \(from): \(merge.filled.joined(separator: ", ")).")
            }
            if !merge.differences.isEmpty {
                lines.append("Kept in \(to), differing in \(from):")
                let width = merge.differences.map(\.field.count).max() ?? 0
                lines += merge.differences.map { difference in
                    let pad = String(repeating: " ", count: width - difference.field.count)
                    return "  \(difference.field)\(pad)  \(difference.kept)  (\(from): \(difference.dropped))"
                }
            }
            context.print(lines.joined(separator: "\n"))
        }
    }
}

enum ErasureWording {
    static let logNotCleared = """
        Warning: another program holds the database open, so the erased values may remain in its \
        -wal file until that program closes. Close other Convene windows (e.g. `convene serve`), \
        then run `convene check`: it empties the log.
        """
}
