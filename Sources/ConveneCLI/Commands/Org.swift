import ArgumentParser
import ConveneCore

struct Org: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "org",
        abstract: "Add and list organisations (ministries, directorates, agencies, groups).",
        subcommands: [Add.self, List.self, Alias.self])

    struct Add: ConveneCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an organisation.",
            discussion: """
                A directorate names its ministry with --parent, so statistics roll it up.

                Examples:
                  convene org add --name "Kementerian Luar Negeri" --acronym Kemlu --type ministry
                  convene org add --name "Direktorat Sosial Budaya dan OINB" --parent Kemlu --type ministry
                  convene org add --name "Serikat Buruh Migran Indonesia" --acronym SBMI --type civil-society
                """)

        @OptionGroup var database: DatabaseOptions
        @Option(help: "Full name, as it should appear in reports.") var name: String
        @Option(help: "Short name people use (Kemlu, BP2MI); unique.") var acronym: String?
        @Option(help: "Organisation type.") var type: OrganisationType
        @Option(help: "The organisation this one belongs to (acronym or name), e.g. a directorate's ministry.")
        var parent: String?

        func run(in context: CommandContext) throws {
            let db = try database.open(in: context)
            let organisation = try db.addOrganisation(
                OrganisationInput(name: name, acronym: acronym, type: type, parent: parent))
            context.print("Added organisation \(organisation.name)\(organisation.acronym.map { " (\($0))" } ?? "").")
        }
    }

    struct List: ConveneCommand {
        static let configuration = CommandConfiguration(
            abstract: "List organisations, directorates under their ministry.",
            discussion: "Example: convene org list --format csv > organisations.csv")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: FormatOptions

        func run(in context: CommandContext) throws {
            let rows = try database.open(in: context).organisations()
            let table = Table(
                columns: [
                    .init(key: "acronym", title: "Acronym"), .init(key: "name", title: "Name"),
                    .init(key: "type", title: "Type"), .init(key: "parent", title: "Part of"),
                    .init(key: "aliases", title: "Aliases"),
                    .init(key: "participants", title: "Participants", alignRight: true),
                ],
                rows: rows.map { row in
                    [
                        .text(row.organisation.acronym), .text(row.organisation.name),
                        .text(row.organisation.type.rawValue), .text(row.parent),
                        .text(row.aliases.isEmpty ? nil : row.aliases.joined(separator: "; ")),
                        .number(row.participantCount),
                    ]
                })
            context.print(table.render(output.format))
        }
    }

    struct Alias: ConveneCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record another spelling or a chapter of an organisation.",
            discussion: """
                Imports and references then find the organisation under that name too.

                Examples:
                  convene org alias SBMI "SBMI NTB"
                  convene org alias Kemlu "Kementerian Luar Negeri RI" "MoFA"
                """)

        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The organisation: acronym, name or alias.") var organisation: String
        @Argument(help: "The other spellings.") var aliases: [String]

        func validate() throws {
            if aliases.isEmpty { throw ValidationError("Give at least one alias after the organisation.") }
        }

        func run(in context: CommandContext) throws {
            let db = try database.open(in: context)
            for alias in aliases {
                let target = try db.addAlias(alias, to: organisation)
                context.print("'\(alias)' now means \(target.name).")
            }
        }
    }
}
