import Foundation
import GRDB

/// Finds the organisation a typed name means, by name, acronym or alias (folded: case,
/// accents and punctuation ignored), and creates one for a name it has not seen. The
/// organisations of a database are few, so they are loaded once per import.
struct OrganisationResolver {
    private var idsByKey: [String: String] = [:]
    private(set) var created: [String] = []

    init(_ db: Database) throws {
        for organisation in try Organisation.fetchAll(db) {
            idsByKey[CodedValueKey.make(organisation.name)] = organisation.id
            if let acronym = organisation.acronym { idsByKey[CodedValueKey.make(acronym)] = organisation.id }
        }
        for alias in try OrganisationAlias.fetchAll(db) {
            idsByKey[CodedValueKey.make(alias.alias)] = alias.organisationId
        }
    }

    /// The id of the organisation `name` means, if one is known.
    func existing(_ name: String) -> String? { idsByKey[CodedValueKey.make(name)] }

    /// The organisation `name` means, created (its type guessed only where obvious) when new.
    mutating func resolve(_ name: String?, now: Date, _ db: Database) throws -> String? {
        guard let name else { return nil }
        let key = CodedValueKey.make(name)
        if let id = idsByKey[key] { return id }
        let organisation = try Organisation(name: name, type: Self.guessType(key), createdAt: now).inserted(db)
        idsByKey[key] = organisation.id
        created.append(name)
        return organisation.id
    }

    static func guessType(_ key: String) -> OrganisationType {
        let words = Set(key.split(separator: " ").map(String.init))
        func has(_ phrase: String) -> Bool { phrase.contains(" ") ? key.contains(phrase) : words.contains(phrase) }
        if has("kementerian") || has("ministry") || has("kemenko") { return .ministry }
        if ["iom", "undp", "unicef", "ilo", "unfpa", "unodc", "unhcr", "unwomen"].contains(where: has)
            || has("un women") || has("united nations")
        {
            return .unAgency
        }
        if has("universitas") || has("university") || has("institut") || has("politeknik") { return .academia }
        if has("serikat") || has("union") || has("konfederasi") { return .tradeUnion }
        if has("komnas ham") || has("komnas perempuan") || has("ombudsman") { return .humanRightsInstitution }
        if has("dinas") || has("pemerintah provinsi") || has("pemerintah kabupaten") || has("pemerintah kota")
            || has("pemprov") || has("pemkab") || has("pemkot") || has("bappeda")
        {
            return .localGovernment
        }
        if has("badan") || has("bp2mi") || has("bnp2tki") { return .governmentAgency }
        if has("pt") || has("tbk") || has("cv") { return .privateSector }
        return .other
    }
}
