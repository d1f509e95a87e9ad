import Foundation
import GRDB

/// Turns a typed organisation name into an organisation row inside the caller's
/// transaction: the one `OrganisationMatcher` says it is, taking a directory entry into the
/// database the first time it is used, creating a regional office under its parent, and
/// creating (for review) a name nobody knows. Every writer (participant add, import, the
/// server) resolves organisations through this one type.
struct OrganisationResolver {
    /// What became of one typed name.
    struct Outcome: Sendable {
        var id: String
        /// Set when a row was created for it: what it was recognised as.
        var created: Bool
        var note: String? = nil
        /// A near miss worth asking about ("did you mean …?"): its display name and a reference to it.
        var suggestion: (display: String, reference: String)?
    }

    private(set) var matcher: OrganisationMatcher
    /// Folded spelling → outcome, so a name seen on row 2 costs nothing on row 2,000.
    private var cache: [String: Outcome] = [:]
    /// An organisation this resolver created.
    struct Created: Sendable {
        var id: String
        /// Its name as stored.
        var name: String
        /// What it was recognised as: "part of Kemnaker", "local government, Sulawesi Selatan".
        var note: String?
        var suggestion: (display: String, reference: String)?
    }

    /// Organisations created by this resolver, in order.
    private(set) var created: [Created] = []
    /// Directory entries taken into the database by this resolver ("Kementerian Ketenagakerjaan (Kemnaker)").
    private(set) var fromDirectory: [String] = []
    let origin: Organisation.Origin

    init(_ db: Database, origin: Organisation.Origin = .import) throws {
        self.origin = origin
        var aliases: [String: [String]] = [:]
        for alias in try OrganisationAlias.fetchAll(db) {
            aliases[alias.organisationId, default: []].append(alias.alias)
        }
        let known = try Organisation.fetchAll(db).map { organisation in
            OrganisationMatcher.Known(
                id: organisation.id, name: organisation.name, acronym: organisation.acronym,
                directoryKey: organisation.directoryKey, aliases: aliases[organisation.id] ?? [],
                parentId: organisation.parentId)
        }
        matcher = OrganisationMatcher(known: known)
    }

    /// The organisation `name` means, created when it must be.
    mutating func resolve(_ name: String?, now: Date = Date(), _ db: Database) throws -> Outcome? {
        guard let name else { return nil }
        let clean = Normalise.whitespace(name)
        guard !clean.isEmpty else { return nil }
        // The same spelling again (most rows): no folding needed.
        if let outcome = cache[clean] { return Outcome(id: outcome.id, created: false, suggestion: nil) }
        let cacheKey = OrganisationName.key(clean)
        if let outcome = cache[cacheKey] {
            cache[clean] = outcome
            return Outcome(id: outcome.id, created: false, suggestion: nil)
        }
        let outcome: Outcome
        switch matcher.resolve(clean) {
        case .body(let target):
            outcome = Outcome(id: try materialise(target, now: now, db), created: false)
        case .unit(let parent, let unitName, let province):
            let parentId = try materialise(parent, now: now, db)
            if case .body(.existing(let id)) = matcher.resolve(unitName) {
                outcome = Outcome(id: id, created: false)
            } else {
                let parentType = try Organisation.fetchOne(db, key: parentId)?.type ?? .other
                let unit = try insert(
                    Organisation(
                        name: unitName, type: parentType, parentId: parentId, createdAt: now, origin: origin,
                        province: province), db)
                outcome = Outcome(
                    id: unit.id, created: true,
                    note: "part of \(matcher.shortName(parent))" + (province.map { ", \($0)" } ?? ""))
            }
            try remember(clean, as: outcome.id, canonical: unitName, db)
        case .localGovernment(let display, let province):
            let organisation = try insert(
                Organisation(name: display, type: .localGovernment, createdAt: now, origin: origin, province: province),
                db)
            outcome = Outcome(
                id: organisation.id, created: true, note: "local government" + (province.map { ", \($0)" } ?? ""))
            try remember(clean, as: organisation.id, canonical: display, db)
        case .unknown(let suggestion):
            let organisation = try insert(
                Organisation(
                    name: clean, type: OrganisationResolver.guessType(OrganisationName.key(clean)), createdAt: now,
                    origin: origin), db)
            outcome = Outcome(
                id: organisation.id, created: true,
                suggestion: suggestion.map { (matcher.displayName($0), matcher.shortName($0)) })
        }
        if outcome.created, let organisation = try Organisation.fetchOne(db, key: outcome.id) {
            created.append(
                Created(
                    id: organisation.id, name: organisation.name, note: outcome.note, suggestion: outcome.suggestion))
        }
        cache[cacheKey] = outcome
        cache[clean] = outcome
        return outcome
    }

    /// Removes the organisations this resolver created that nobody ended up in (the spelling
    /// of a person matched by e-mail to someone stored under another organisation), so an
    /// import leaves no empty rows behind.
    mutating func removeUnused(_ db: Database) throws {
        var kept: [Created] = []
        for organisation in created {
            let used =
                try Bool.fetchOne(
                    db,
                    sql: """
                        SELECT EXISTS (SELECT 1 FROM participant WHERE organisationId = :id)
                            OR EXISTS (SELECT 1 FROM organisation WHERE parentId = :id)
                        """, arguments: ["id": organisation.id]) ?? true
            if used {
                kept.append(organisation)
            } else {
                _ = try Organisation.deleteOne(db, key: organisation.id)
            }
        }
        created = kept
    }

    /// The row for a target: an existing one, or a directory entry taken into the database
    /// (with its parent) the first time it is used.
    private mutating func materialise(_ target: OrganisationMatcher.Target, now: Date, _ db: Database) throws -> String
    {
        switch target {
        case .existing(let id):
            return id
        case .directory(let key):
            guard let entry = matcher.directory.entry(key: key) else { return key }
            let parentId = try entry.parent.map { try materialise(.directory(key: $0), now: now, db) }
            // An acronym another organisation already uses stays with that one.
            let acronym = try entry.acronyms.first {
                try Organisation.filter(Organisation.Columns.acronym == $0).fetchCount(db) == 0
            }
            let organisation = try insert(
                Organisation(
                    name: entry.name, acronym: acronym, type: entry.organisationType, parentId: parentId,
                    createdAt: now,
                    directoryKey: entry.key, origin: .directory), db)
            fromDirectory.append(organisation.displayName)
            return organisation.id
        }
    }

    private mutating func insert(_ organisation: Organisation, _ db: Database) throws -> Organisation {
        var organisation = organisation
        // Names are unique: a clash (two units both called "Biro Umum") gets its parent's name.
        if try Organisation.filter(Organisation.Columns.name == organisation.name).fetchCount(db) > 0,
            let parentId = organisation.parentId, let parent = try Organisation.fetchOne(db, key: parentId)
        {
            organisation.name += " (\(parent.shortName))"
        }
        try organisation.insert(db)
        matcher.add(
            OrganisationMatcher.Known(
                id: organisation.id, name: organisation.name, acronym: organisation.acronym,
                directoryKey: organisation.directoryKey, parentId: organisation.parentId))
        return organisation
    }

    /// Keeps a typed spelling of a unit as an alias, so the next import finds it directly.
    private mutating func remember(_ spelling: String, as id: String, canonical: String, _ db: Database) throws {
        guard OrganisationName.key(spelling) != OrganisationName.key(canonical),
            try Organisation.findIfExists(spelling, db) == nil
        else { return }
        try OrganisationAlias(organisationId: id, alias: spelling).insert(db)
        matcher.addSpelling(spelling, for: id)
    }

    /// A type for a name nobody knows, only where the words make it obvious.
    static func guessType(_ key: String) -> OrganisationType {
        let words = Set(key.split(separator: " ").map(String.init))
        func has(_ phrase: String) -> Bool { phrase.contains(" ") ? key.contains(phrase) : words.contains(phrase) }
        if has("kementerian") || has("ministry") || has("kemenko") { return .ministry }
        if has("united nations") || has("un women") { return .unAgency }
        if has("universitas") || has("university") || has("institut") || has("politeknik") || has("sekolah tinggi") {
            return .academia
        }
        if has("serikat") || has("union") || has("konfederasi") || has("federasi") { return .tradeUnion }
        if has("komnas") || has("ombudsman") { return .humanRightsInstitution }
        if has("yayasan") || has("lembaga advokasi") || has("foundation") || has("perkumpulan") || has("lsm") {
            return .civilSociety
        }
        if has("badan") { return .governmentAgency }
        if has("pt") || has("tbk") || has("cv") { return .privateSector }
        return .other
    }
}
