import ArgumentParser
import ConveneCore

struct Org: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "org",
        abstract: "Add, list and repair organisations (ministries, directorates, agencies, groups).",
        discussion: """
            Convene knows Indonesia's ministries and coordinating ministries (2019–2024 and from \
            October 2024), the agencies and commissions this field meets, and the UN system in \
            Indonesia: "Kemlu", "Kemlu RI", "MoFA" and "Kementerian Luar Negeri Republik \
            Indonesia" are one organisation, and "Kanwil Kemenkumham Sulsel" rolls up to its \
            ministry. `org directory` lists what it knows.
            """,
        subcommands: [
            Add.self, List.self, Alias.self, Edit.self, Merge.self, Review.self, DirectoryList.self,
        ])

    struct Add: ConveneCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
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
            commandName: "list",
            abstract: "List organisations, directorates under their ministry.",
            discussion: """
                Examples:
                  convene org list --tree
                  convene org list --format csv > organisations.csv
                """)

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: FormatOptions
        @Flag(help: "Show each organisation under the one it is part of, with participants counted down the tree.")
        var tree = false

        func validate() throws {
            if tree && output.format != .table { throw ValidationError("--tree goes with --format table.") }
        }

        func run(in context: CommandContext) throws {
            let rows = try database.open(in: context).organisations()
            if tree {
                context.print(OrganisationTree(rows).render())
                return
            }
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
            commandName: "alias",
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

    struct Edit: ConveneCommand {
        static let configuration = CommandConfiguration(
            commandName: "edit",
            abstract: "Correct an organisation's name, acronym, type, parent or province.",
            discussion: """
                Examples:
                  convene org edit "SBMI Sulsel" --parent SBMI
                  convene org edit "Lembaga Advokasi Buruh Migran" --type civil-society --acronym LABM
                  convene org edit "Dinas Tenaga Kerja NTB" --type local-government --province NTB
                  convene org edit "Biro Hukum" --parent ""        # top-level again
                """)

        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The organisation: acronym, name or alias.") var organisation: String
        @Option(help: "New full name.") var name: String?
        @Option(help: "New acronym (\"\" removes it).") var acronym: String?
        @Option(help: "New type.") var type: OrganisationType?
        @Option(help: "The organisation it is part of (\"\" makes it top-level).") var parent: String?
        @Option(help: "Province, for a regional office or a local government.") var province: String?

        func validate() throws {
            if name == nil && acronym == nil && type == nil && parent == nil && province == nil {
                throw ValidationError("Say what to change: --name, --acronym, --type, --parent or --province.")
            }
        }

        func run(in context: CommandContext) throws {
            let updated = try database.open(in: context).editOrganisation(
                organisation,
                OrganisationChanges(name: name, acronym: acronym, type: type, parent: parent, province: province))
            context.print(
                "Updated \(updated.name)\(updated.acronym.map { " (\($0))" } ?? ""): type \(updated.type.rawValue).")
        }
    }

    struct Merge: ConveneCommand {
        static let configuration = CommandConfiguration(
            commandName: "merge",
            abstract: "Fold a duplicate organisation into the one it really is.",
            discussion: """
                Participants, sub-units, aliases and actions of DUPLICATE move to INTO; \
                DUPLICATE's name and acronym become aliases of INTO, so later imports and \
                references find INTO under them; DUPLICATE is removed. One transaction. INTO \
                may be a body Convene knows but the database does not hold yet ("Kemlu").

                Examples:
                  convene org merge "Kementerian Luar Negeri RI" Kemlu --dry-run
                  convene org merge "Ministry of Manpower" Kemnaker
                """)

        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The duplicate: acronym, name or alias.") var duplicate: String
        @Argument(help: "The organisation it really is.") var into: String
        @Flag(help: "Show what would move; change nothing.") var dryRun = false

        func run(in context: CommandContext) throws {
            let merge = try database.open(in: context).mergeOrganisation(duplicate, into: into, dryRun: dryRun)
            let target = merge.target.name + (merge.target.acronym.map { " (\($0))" } ?? "")
            let moved = [
                "\(merge.participants) participant\(merge.participants == 1 ? "" : "s")",
                "\(merge.children) sub-unit\(merge.children == 1 ? "" : "s")",
                "\(merge.aliases) alias\(merge.aliases == 1 ? "" : "es")",
                "\(merge.actions) action\(merge.actions == 1 ? "" : "s")",
            ].joined(separator: ", ")
            context.print(
                (merge.dryRun ? "Dry run, nothing changed. Would merge " : "Merged ")
                    + "\(merge.duplicate.name) into \(target): \(moved) moved"
                    + (merge.keptSpellings.isEmpty
                        ? "."
                        : "; \(merge.keptSpellings.map { "'\($0)'" }.joined(separator: " and ")) kept as alias\(merge.keptSpellings.count == 1 ? "" : "es").")
            )
        }
    }

    struct Review: ConveneCommand {
        static let configuration = CommandConfiguration(
            commandName: "review",
            abstract: "List the organisations imports created that nobody has reviewed, with what each may be.",
            discussion: """
                Each line says what Convene thinks the organisation is, with the command to \
                act on it. Repair with `org merge` and `org edit`, then mark the list reviewed \
                with --done.

                Examples:
                  convene org review
                  convene org review --done
                """)

        @OptionGroup var database: DatabaseOptions
        @Flag(help: "Mark every organisation awaiting review as reviewed.") var done = false

        func run(in context: CommandContext) throws {
            let db = try database.open(in: context)
            if done {
                let count = try db.markOrganisationsReviewed()
                context.print("Marked \(count) organisation\(count == 1 ? "" : "s") reviewed.")
                return
            }
            let items = try db.organisationsToReview()
            guard !items.isEmpty else {
                context.print("Nothing to review: every organisation an import created has been reviewed.")
                return
            }
            let table = Table(
                columns: [
                    .init(key: "name", title: "Organisation"), .init(key: "type", title: "Type"),
                    .init(key: "participants", title: "Participants", alignRight: true),
                    .init(key: "suggestion", title: "Suggestion"),
                ],
                rows: items.map { item in
                    [
                        .text(item.organisation.name), .text(item.organisation.type.rawValue),
                        .number(item.participantCount), .text(Self.describe(item)),
                    ]
                })
            context.print(table.render(.table))
            context.print(
                "\n\(items.count) to review. When the list is right: convene org review --done")
        }

        static func describe(_ item: OrganisationReviewItem) -> String? {
            let name = item.organisation.name
            switch item.suggestion {
            case .sameAs(let target): return "same as \(target): convene org merge \"\(name)\" \"\(target)\""
            case .partOf(let parent): return "part of \(parent): convene org edit \"\(name)\" --parent \"\(parent)\""
            case .didYouMean(let target):
                return "did you mean \(target)? convene org merge \"\(name)\" \"\(target)\""
            case .localGovernment(let province):
                return item.organisation.type == .localGovernment
                    ? nil
                    : "local government\(province.map { " (\($0))" } ?? ""): convene org edit \"\(name)\" --type local-government"
            case .none: return nil
            }
        }
    }

    struct DirectoryList: ConveneCommand {
        static let configuration = CommandConfiguration(
            commandName: "directory",
            abstract: "List the organisations Convene knows out of the box, with their sources.",
            discussion: """
                Examples:
                  convene org directory
                  convene org directory --format csv > directory.csv
                """)

        @OptionGroup var output: FormatOptions

        func run(in context: CommandContext) throws {
            let directory = ConveneCore.Directory.builtIn
            let table = Table(
                columns: [
                    .init(key: "acronym", title: "Acronym"), .init(key: "name", title: "Name"),
                    .init(key: "name_en", title: "English name"), .init(key: "type", title: "Type"),
                    .init(key: "valid_from", title: "From"), .init(key: "valid_to", title: "To"),
                    .init(key: "source", title: "Source"),
                ],
                rows: directory.entries.map { entry in
                    [
                        .text(entry.acronyms.first), .text(entry.name), .text(entry.nameEn), .text(entry.type),
                        .text(entry.validFrom?.description), .text(entry.validTo?.description), .text(entry.source),
                    ]
                })
            context.print(table.render(output.format))
            if output.format == .table {
                context.print("\nDirectory version \(directory.version): \(directory.entries.count) entries.")
            }
        }
    }
}

/// `org list --tree`: each organisation under its parent, with participants counted down the tree.
struct OrganisationTree {
    let rows: [OrganisationRow]

    init(_ rows: [OrganisationRow]) { self.rows = rows }

    func render() -> String {
        let children = Dictionary(grouping: rows, by: { $0.organisation.parentId ?? "" })
        func total(_ row: OrganisationRow) -> Int {
            row.participantCount + (children[row.organisation.id] ?? []).map(total).reduce(0, +)
        }
        var lines: [String] = []
        func visit(_ row: OrganisationRow, _ prefix: String, _ last: Bool, _ depth: Int) {
            let branch = depth == 0 ? "" : prefix + (last ? "└─ " : "├─ ")
            let name = row.organisation.name + (row.organisation.acronym.map { " (\($0))" } ?? "")
            let count = total(row)
            lines.append(
                "\(branch)\(name)  [\(row.organisation.type.rawValue)]  \(count) participant\(count == 1 ? "" : "s")")
            let kids = (children[row.organisation.id] ?? []).sorted {
                Alphabetical.precedes($0.organisation.name, $1.organisation.name)
            }
            for (index, kid) in kids.enumerated() {
                visit(kid, depth == 0 ? "" : prefix + (last ? "   " : "│  "), index == kids.count - 1, depth + 1)
            }
        }
        let roots = (children[""] ?? []).sorted {
            Alphabetical.precedes($0.organisation.name, $1.organisation.name)
        }
        for root in roots { visit(root, "", true, 0) }
        return lines.isEmpty ? "No organisations yet." : lines.joined(separator: "\n")
    }
}
