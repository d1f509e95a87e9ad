import Foundation
import GRDB

// MARK: - Repairing organisations
// Imports before the directory, or spellings nobody foresaw, leave duplicates and
// mistyped organisations. These writes repair them, each in one transaction.

/// What an organisation merge moved (or, in a dry run, would move).
public struct OrganisationMerge: Sendable {
    public var duplicate: Organisation
    public var target: Organisation
    public var participants: Int
    public var children: Int
    public var aliases: Int
    public var actions: Int
    /// The duplicate's name and acronym, kept as aliases of the target.
    public var keptSpellings: [String]
    public var dryRun: Bool
}

/// Changes to an organisation: nil leaves a field as it is.
public struct OrganisationChanges: Sendable {
    public var name: String?
    /// An empty string removes the acronym.
    public var acronym: String?
    public var type: OrganisationType?
    /// A reference to the new parent; an empty string makes it top-level.
    public var parent: String?
    public var province: String?

    public init(
        name: String? = nil, acronym: String? = nil, type: OrganisationType? = nil, parent: String? = nil,
        province: String? = nil
    ) {
        self.name = name
        self.acronym = acronym
        self.type = type
        self.parent = parent
        self.province = province
    }
}

/// An organisation an import created that nobody has reviewed, with what it may be.
public struct OrganisationReviewItem: Sendable {
    public enum Suggestion: Sendable, Equatable {
        /// Another spelling of a known body: merge it.
        case sameAs(String)
        /// A regional office, chapter or directorate of a known body: give it that parent.
        case partOf(String)
        /// Close to a known name, but not certainly it.
        case didYouMean(String)
        /// A local government office, with its province where found.
        case localGovernment(province: String?)
        case none
    }
    public var organisation: Organisation
    public var participantCount: Int
    public var suggestion: Suggestion
}

extension AppDatabase {
    /// Folds `duplicate` into `target`: its participants, sub-units, aliases and actions
    /// move over, its name and acronym stay as aliases, and it is removed. Statistics
    /// afterwards are those of data entered under `target` from the start.
    public func mergeOrganisation(_ duplicate: String, into target: String, dryRun: Bool = false) throws(ConveneError)
        -> OrganisationMerge
    {
        try writeRollingBack(dryRun) { db in
            let from = try Organisation.find(duplicate, db)
            let into = try Self.organisation(named: target, db)
            guard from.id != into.id else {
                throw ConveneError.invalidInput("'\(duplicate)' and '\(target)' are the same organisation.")
            }
            if try Self.ancestors(of: into, db).contains(where: { $0.id == from.id }) {
                throw ConveneError.invalidInput(
                    "\(into.name) is part of \(from.name): merge the part into the whole, not the whole into its part.")
            }
            let participants = try Participant.filter(Participant.Columns.organisationId == from.id).updateAll(
                db, Participant.Columns.organisationId.set(to: into.id))
            let children = try Organisation.filter(Organisation.Columns.parentId == from.id).updateAll(
                db, Organisation.Columns.parentId.set(to: into.id))
            let aliases = try OrganisationAlias.filter(OrganisationAlias.Columns.organisationId == from.id).updateAll(
                db, OrganisationAlias.Columns.organisationId.set(to: into.id))
            let actions =
                try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM action WHERE ownerOrganisationId = ?", arguments: [from.id]) ?? 0
            try db.execute(
                sql: "UPDATE action SET ownerOrganisationId = ? WHERE ownerOrganisationId = ?",
                arguments: [into.id, from.id])
            try from.delete(db)
            var kept: [String] = []
            for spelling in [from.name] + [from.acronym].compactMap({ $0 })
            where try Organisation.findIfExists(spelling, db) == nil {
                try OrganisationAlias(organisationId: into.id, alias: spelling).insert(db)
                kept.append(spelling)
            }
            var updated = into
            if updated.directoryKey == nil, let key = from.directoryKey {
                updated.directoryKey = key
                try updated.update(db)
            }
            return OrganisationMerge(
                duplicate: from, target: updated, participants: participants, children: children,
                aliases: aliases, actions: actions, keptSpellings: kept, dryRun: dryRun)
        }
    }

    /// Changes an organisation's name, acronym, type, parent or province.
    public func editOrganisation(_ reference: String, _ changes: OrganisationChanges) throws(ConveneError)
        -> Organisation
    {
        try write { db in
            var organisation = try Organisation.find(reference, db)
            if let name = changes.name {
                let clean = Normalise.whitespace(name)
                guard !clean.isEmpty else { throw ConveneError.invalidInput("--name: an organisation needs a name.") }
                if let other = try Organisation.findIfExists(clean, db), other.id != organisation.id {
                    throw ConveneError.duplicate(kind: "organisation name, acronym or alias", key: clean)
                }
                organisation.name = clean
            }
            if let acronym = changes.acronym {
                let clean = Normalise.optional(acronym)
                if let clean, let other = try Organisation.findIfExists(clean, db), other.id != organisation.id {
                    throw ConveneError.duplicate(kind: "organisation name, acronym or alias", key: clean)
                }
                organisation.acronym = clean
            }
            if let type = changes.type { organisation.type = type }
            if let province = changes.province { organisation.province = Normalise.optional(province) }
            if let parent = changes.parent {
                if let reference = Normalise.optional(parent) {
                    let newParent = try Self.organisation(named: reference, db)
                    let chain = try [newParent] + Self.ancestors(of: newParent, db)
                    guard !chain.contains(where: { $0.id == organisation.id }) else {
                        throw ConveneError.invalidInput(
                            "--parent: \(newParent.name) is \(organisation.name) or part of it; an organisation cannot be part of itself."
                        )
                    }
                    organisation.parentId = newParent.id
                } else {
                    organisation.parentId = nil
                }
            }
            organisation.reviewedAt = organisation.reviewedAt ?? Date()
            try organisation.update(db)
            return organisation
        }
    }

    /// Organisations imports created that nobody has reviewed, most participants first,
    /// each with what the directory and the other organisations suggest it is.
    public func organisationsToReview() throws(ConveneError) -> [OrganisationReviewItem] {
        try read { db in
            let pending = try Organisation.filter(
                Organisation.Columns.origin == Organisation.Origin.import.rawValue
                    && Organisation.Columns.reviewedAt == nil
            ).fetchAll(db)
            var aliases: [String: [String]] = [:]
            for alias in try OrganisationAlias.fetchAll(db) {
                aliases[alias.organisationId, default: []].append(alias.alias)
            }
            let everyone = try Organisation.fetchAll(db).map {
                OrganisationMatcher.Known(
                    id: $0.id, name: $0.name, acronym: $0.acronym, directoryKey: $0.directoryKey,
                    aliases: aliases[$0.id] ?? [], parentId: $0.parentId)
            }
            var counts: [String: Int] = [:]
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT organisationId, COUNT(*) AS n FROM participant
                    WHERE organisationId IS NOT NULL GROUP BY organisationId
                    """)
            for row in rows {
                let id: String = row["organisationId"]
                counts[id] = row["n"]
            }
            var items: [OrganisationReviewItem] = []
            for organisation in pending {
                // What it may be, among everything else (the other new ones included) and the directory.
                let matcher = OrganisationMatcher(known: everyone.filter { $0.id != organisation.id })
                let suggestion: OrganisationReviewItem.Suggestion
                switch matcher.resolve(organisation.name) {
                case .body(let target):
                    suggestion = .sameAs(matcher.shortName(target))
                case .unit(let parent, _, _):
                    suggestion = organisation.parentId == nil ? .partOf(matcher.shortName(parent)) : .none
                case .localGovernment(_, let province):
                    suggestion = .localGovernment(province: province)
                case .unknown(let near):
                    suggestion = near.map { .didYouMean(matcher.shortName($0)) } ?? .none
                }
                items.append(
                    OrganisationReviewItem(
                        organisation: organisation, participantCount: counts[organisation.id] ?? 0,
                        suggestion: suggestion))
            }
            // Two new spellings of one name point at each other: suggest merging the
            // smaller into the larger only.
            let pendingCounts = Dictionary(
                items.map { ($0.organisation.shortName, $0.participantCount) }, uniquingKeysWith: max)
            for index in items.indices {
                guard case .didYouMean(let target) = items[index].suggestion, let other = pendingCounts[target] else {
                    continue
                }
                let mine = items[index].participantCount
                if other < mine || (other == mine && target > items[index].organisation.shortName) {
                    items[index].suggestion = .none
                }
            }
            return items.sorted { left, right in
                if left.participantCount != right.participantCount {
                    return left.participantCount > right.participantCount
                }
                return Alphabetical.precedes(left.organisation.name, right.organisation.name)
            }
        }
    }

    /// Marks every organisation awaiting review as reviewed; returns how many.
    public func markOrganisationsReviewed() throws(ConveneError) -> Int {
        try write { db in
            try Organisation.filter(
                Organisation.Columns.origin == Organisation.Origin.import.rawValue
                    && Organisation.Columns.reviewedAt == nil
            ).updateAll(db, Organisation.Columns.reviewedAt.set(to: Date()))
        }
    }

    static func ancestors(of organisation: Organisation, _ db: Database) throws -> [Organisation] {
        var chain: [Organisation] = []
        var next = organisation.parentId
        while let id = next, let parent = try Organisation.fetchOne(db, key: id),
            !chain.contains(where: { $0.id == id })
        {
            chain.append(parent)
            next = parent.parentId
        }
        return chain
    }
}
