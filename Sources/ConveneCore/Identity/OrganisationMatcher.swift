import Foundation

/// Decides what organisation a typed name means, from the user's own organisations and
/// aliases first, then the built-in directory. Pure: built from values, no database, so
/// every rule is testable on its own. Nothing is merged on a guess: a near miss is only
/// a suggestion.
struct OrganisationMatcher: Sendable {
    /// An organisation the database already holds.
    struct Known: Sendable {
        var id: String
        var name: String
        var acronym: String?
        var directoryKey: String?
        var aliases: [String] = []
        /// The body it is a unit of, if any.
        var parentId: String?
    }

    enum Target: Hashable, Sendable {
        case existing(id: String)
        case directory(key: String)
    }

    enum Resolution: Equatable, Sendable {
        /// The body itself.
        case body(Target)
        /// A regional office, chapter or directorate of a body: it rolls up to the body.
        case unit(parent: Target, name: String, province: String?)
        /// A provincial or district government office.
        case localGovernment(name: String, province: String?)
        /// Not known; maybe a near miss of something that is.
        case unknown(suggestion: Target?)
    }

    let directory: Directory
    let provinces: Provinces
    private var knownByKey: [String: String] = [:]
    /// `knownByKey`'s keys taken apart for suggestions, as they are added.
    private var knownCandidates: [NearMissCandidate] = []
    private var knownByDirectoryKey: [String: String] = [:]
    private var knownNames: [String: String] = [:]
    private var knownDisplay: [String: String] = [:]
    private var knownParents: [String: String] = [:]

    init(known: [Known], directory: Directory = .builtIn, provinces: Provinces = .builtIn) {
        self.directory = directory
        self.provinces = provinces
        for organisation in known { add(organisation) }
    }

    /// Adds an organisation (one created during an import, say) to what is known.
    mutating func add(_ organisation: Known) {
        for spelling in [organisation.name] + [organisation.acronym].compactMap({ $0 }) + organisation.aliases {
            addSpelling(spelling, for: organisation.id)
        }
        if let directoryKey = organisation.directoryKey { knownByDirectoryKey[directoryKey] = organisation.id }
        knownNames[organisation.id] = organisation.acronym ?? organisation.name
        if let parentId = organisation.parentId { knownParents[organisation.id] = parentId }
        knownDisplay[organisation.id] = Organisation.displayName(name: organisation.name, acronym: organisation.acronym)
    }

    /// "Kementerian Luar Negeri (Kemlu)": how a target is named in a question to the user.
    func displayName(_ target: Target) -> String {
        switch target {
        case .existing(let id): return knownDisplay[id] ?? id
        case .directory(let key):
            guard let entry = directory.entry(key: key) else { return key }
            return Organisation.displayName(name: entry.name, acronym: entry.acronyms.first)
        }
    }

    /// Records a spelling of an organisation the database holds (the first organisation to
    /// claim a spelling keeps it), and takes it apart for suggestions.
    mutating func addSpelling(_ spelling: String, for id: String) {
        let key = OrganisationName.key(spelling)
        if !key.isEmpty, knownByKey[key] == nil {
            knownByKey[key] = id
            knownCandidates.append(NearMissCandidate(key))
        }
    }

    /// The short name of a target, for unit names and messages.
    func shortName(_ target: Target) -> String {
        switch target {
        case .existing(let id): knownNames[id] ?? id
        case .directory(let key): directory.entry(key: key)?.shortName ?? key
        }
    }

    // MARK: - Resolving

    /// What `text` means.
    func resolve(_ text: String) -> Resolution {
        let clean = Normalise.whitespace(text)
        let key = OrganisationName.key(clean)
        guard !key.isEmpty else { return .unknown(suggestion: nil) }
        if let target = body(key) { return .body(target) }
        if let (outside, inside) = OrganisationName.bracketed(clean) {
            let outer = body(OrganisationName.key(outside))
            let inner = body(OrganisationName.key(inside))
            switch (outer, inner) {
            case (let outer?, let inner?) where outer == inner:
                return .body(outer)
            case (let outer?, let inner?) where isUnit(inner, of: outer):
                return .body(inner)  // "Kemendagri (Ditjen Bina Bangda)", the directorate already known
            case (let outer?, let inner?) where isUnit(outer, of: inner):
                return .body(outer)  // "Ditjen Bina Bangda (Kemendagri)"
            case (let parent?, nil):
                return .unit(parent: parent, name: "\(inside) (\(shortName(parent)))", province: province(in: inside))
            case (nil, let parent?):
                return .unit(parent: parent, name: "\(outside) (\(shortName(parent)))", province: province(in: outside))
            default:
                break
            }
        }
        if let unit = commaSeparatedUnit(clean) { return unit }
        var tokens = key.split(separator: " ").map(String.init)
        if tokens.count > 1, tokens.last == "indonesia",
            let target = body(tokens.dropLast().joined(separator: " "))
        {
            return .body(target)
        }
        if Self.opening(tokens, OrganisationName.localGovernmentOpeners) != nil {
            let (name, province) = localGovernment(tokens)
            if let id = knownByKey[OrganisationName.key(name)] { return .body(.existing(id: id)) }
            return .localGovernment(name: name, province: province)
        }
        var openerDisplay: String?
        if let opener = Self.opening(tokens, OrganisationName.unitOpeners) {
            openerDisplay =
                Self.openerDisplay[opener.joined(separator: " ")] ?? opener.joined(separator: " ").capitalized
            tokens.removeFirst(opener.count)
        }
        // The longest run of words at the front that names a body; the rest must be a place.
        for length in stride(from: tokens.count, through: 1, by: -1) {
            guard let parent = body(tokens.prefix(length).joined(separator: " ")) else { continue }
            let rest = tokens.dropFirst(length).joined(separator: " ")
            let place = rest.isEmpty ? nil : self.place(rest)
            guard rest.isEmpty ? openerDisplay != nil : place != nil else { break }
            let name = [openerDisplay, shortName(parent), place?.name].compactMap { $0 }.joined(separator: " ")
            return .unit(parent: parent, name: name, province: place?.province)
        }
        if openerDisplay != nil, let unit = unitBeforeBody(clean) { return unit }
        return .unknown(suggestion: suggestion(for: key))
    }

    /// "Direktorat Jenderal Bina Pembangunan Daerah, Kementerian Dalam Negeri" (or the body
    /// first): the part that is not the body is a unit of it, named as in the bracketed
    /// form, "Direktorat Jenderal Bina Pembangunan Daerah (Kemendagri)".
    private func commaSeparatedUnit(_ clean: String) -> Resolution? {
        guard let comma = clean.lastIndex(of: ",") else { return nil }
        let before = clean[..<comma].trimmingCharacters(in: .whitespaces)
        let after = clean[clean.index(after: comma)...].trimmingCharacters(in: .whitespaces)
        guard !before.isEmpty, !after.isEmpty else { return nil }
        switch (body(OrganisationName.key(before)), body(OrganisationName.key(after))) {
        case (let first?, let second?) where first == second:
            return .body(first)
        case (let first?, let second?) where isUnit(first, of: second):
            return .body(first)
        case (let first?, let second?) where isUnit(second, of: first):
            return .body(second)
        case (nil, let parent?):
            return .unit(parent: parent, name: "\(before) (\(shortName(parent)))", province: province(in: before))
        case (let parent?, nil):
            return .unit(parent: parent, name: "\(after) (\(shortName(parent)))", province: province(in: after))
        default:
            return nil
        }
    }

    /// "Ditjen Bina Bangda Kemendagri": a unit's name (it opens with Direktorat, Ditjen,
    /// Biro, …) and then the body it belongs to. Named as in the bracketed form,
    /// "Ditjen Bina Bangda (Kemendagri)", so every spelling of it lands on one row.
    private func unitBeforeBody(_ clean: String) -> Resolution? {
        let words = clean.split(separator: " ").map(String.init)
        guard words.count > 2 else { return nil }
        for start in 2..<words.count {
            guard let parent = body(OrganisationName.key(words[start...].joined(separator: " "))) else { continue }
            let unit = words[..<start].joined(separator: " ").trimmingCharacters(
                in: CharacterSet(charactersIn: " ,;-–/"))
            guard !unit.isEmpty else { return nil }
            return .unit(parent: parent, name: "\(unit) (\(shortName(parent)))", province: province(in: unit))
        }
        return nil
    }

    /// Whether `unit` is an organisation the database holds under `body` (at any depth).
    private func isUnit(_ unit: Target, of body: Target) -> Bool {
        guard case .existing(var id) = unit else { return false }
        var seen: Set<String> = [id]
        while let parent = knownParents[id], seen.insert(parent).inserted {
            if body == .existing(id: parent) { return true }
            id = parent
        }
        return false
    }

    /// A body by one folded spelling: the user's organisations first, then the directory.
    private func body(_ key: String) -> Target? {
        guard !key.isEmpty else { return nil }
        if let id = knownByKey[key] { return .existing(id: id) }
        guard let found = directory.entry(spelling: key) else { return nil }
        let entry = directory.current(found)
        if let id = knownByDirectoryKey[entry.key] { return .existing(id: id) }
        // The user already keeps this body under one of its spellings: that row is it.
        for spelling in entry.spellings {
            if let id = knownByKey[OrganisationName.key(spelling)] { return .existing(id: id) }
        }
        return .directory(key: entry.key)
    }

    /// A province, or a provincial capital, named by the words `text`.
    private func place(_ text: String) -> (name: String, province: String)? {
        if let province = provinces.province(text) { return (province.name, province.name) }
        if let province = provinces.province(ofCapital: text) {
            return (text.split(separator: " ").map { $0.capitalized }.joined(separator: " "), province.name)
        }
        return nil
    }

    /// A local government office's canonical name: its words written out, the province in
    /// its full form ("Disnakertrans Sulsel" and "Dinas Tenaga Kerja dan Transmigrasi Prov.
    /// Sulawesi Selatan" are both "Dinas Tenaga Kerja dan Transmigrasi Provinsi Sulawesi Selatan").
    private func localGovernment(_ tokens: [String]) -> (name: String, province: String?) {
        var words = tokens
        var found: String?
        search: for length in stride(from: min(4, words.count), through: 1, by: -1) {
            for start in 0...(words.count - length) {
                let phrase = words[start..<(start + length)].joined(separator: " ")
                guard let province = provinces.province(phrase) else { continue }
                let from = start > 0 && words[start - 1] == "provinsi" ? start - 1 : start
                let isCity = from > 0 && ["kota", "kabupaten"].contains(words[from - 1])
                guard !isCity else { continue }
                words.replaceSubrange(
                    from..<(start + length),
                    with: ["provinsi"] + province.name.lowercased().split(separator: " ").map(String.init))
                found = province.name
                break search
            }
        }
        if found == nil {
            // "Kota Makassar": a provincial capital names its province too.
            for (index, word) in words.enumerated() where word == "kota" && index + 1 < words.count {
                if let province = provinces.province(ofCapital: words[index + 1]) { found = province.name }
            }
        }
        let small: Set<String> = ["dan", "di", "dari", "untuk", "and", "of", "the", "for"]
        let upper: Set<String> = ["dprd", "bpbd", "dpmptsp", "dp3ap2kb", "bkd", "upt", "uptd"]
        let name = words.enumerated().map { index, word in
            if upper.contains(word) { return word.uppercased() }
            return index > 0 && small.contains(word) ? word : word.prefix(1).uppercased() + word.dropFirst()
        }.joined(separator: " ")
        return (name, found)
    }

    /// The province named anywhere in a name: "Dinas … Provinsi Sulawesi Selatan",
    /// "DP3A Kota Makassar" (by its capital).
    func province(in text: String) -> String? {
        let tokens = OrganisationName.key(text).split(separator: " ").map(String.init)
        for length in stride(from: min(4, tokens.count), through: 1, by: -1) {
            for start in 0...(tokens.count - length) {
                let phrase = tokens[start..<(start + length)].joined(separator: " ")
                if let province = provinces.province(phrase) { return province.name }
                if let province = provinces.province(ofCapital: phrase) { return province.name }
            }
        }
        return nil
    }

    private static func opening(_ tokens: [String], _ openers: [[String]]) -> [String]? {
        openers.filter { tokens.count > $0.count && Array(tokens.prefix($0.count)) == $0 }.max { $0.count < $1.count }
    }

    static let openerDisplay: [String: String] = [
        "kantor wilayah": "Kanwil", "kantor imigrasi": "Kanim", "direktorat jenderal": "Ditjen", "upt": "UPT",
        "bp3mi": "BP3MI", "p4mi": "P4MI", "dpw": "DPW", "dpd": "DPD", "dpc": "DPC", "lapas": "Lapas",
        "rutan": "Rutan",
    ]

    /// The nearest known or directory spelling, when it is near enough to ask about. Equally
    /// near ones are told apart the same way every time (a known organisation before a
    /// directory entry, then the spelling first in code-point order), not by the order a
    /// dictionary happens to hold them in: the same file gets the same suggestions.
    private func suggestion(for key: String) -> Target? {
        guard key.count >= 4 else { return nil }
        var best: (score: Double, known: Bool, candidate: String, target: Target)?
        let words = OrganisationName.significantWords(key)
        func consider(_ near: NearMissCandidate, known: Bool, _ target: @autoclosure () -> Target?) {
            let candidate = near.key
            let limit = near.length >= 8 ? 2 : 1
            let distance = OrganisationName.distance(key, candidate, limit: limit)
            var score = distance <= limit ? 1.0 - Double(distance) / 10 : 0
            let overlap = OrganisationName.overlap(words, near.words)
            if overlap >= 0.6 { score = max(score, overlap * 0.9) }
            guard score > 0 else { return }
            if let best {
                let nearer =
                    score != best.score
                    ? score > best.score
                    : known != best.known ? known : candidate < best.candidate
                guard nearer else { return }
            }
            guard let target = target() else { return }
            best = (score, known, candidate, target)
        }
        for candidate in knownCandidates {
            consider(candidate, known: true, knownByKey[candidate.key].map { .existing(id: $0) })
        }
        for candidate in directory.nearMissCandidates {
            consider(candidate, known: false, body(candidate.key))
        }
        return best?.target
    }
}
