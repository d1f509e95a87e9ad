import Foundation
import Synchronization

/// The institutions Convene knows out of the box: Indonesia's ministries and the agencies
/// and commissions this field meets, and the UN system in Indonesia. Compiled from public
/// sources into `Directory/organisations.json` (each entry names its source) and embedded
/// in the binary by `Scripts/generate_embedded.py`, so an installed binary needs no files.
public struct Directory: Sendable {
    public struct Entry: Decodable, Hashable, Sendable {
        public var key: String
        /// Canonical Indonesian name, without "Republik Indonesia".
        public var name: String
        public var nameEn: String?
        public var acronyms: [String]
        /// As in the data file: a type of `OrganisationType`, or `coordinating-ministry`.
        public var type: String
        public var parent: String?
        public var validFrom: CalendarDate?
        public var validTo: CalendarDate?
        public var predecessors: [String]
        public var successors: [String]
        public var aliases: [String]
        public var source: String
        public var sourceNote: String?

        enum CodingKeys: String, CodingKey {
            case key, name, acronyms, type, parent, predecessors, successors, aliases, source
            case nameEn = "name_en", validFrom = "valid_from", validTo = "valid_to", sourceNote = "source_note"
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            key = try container.decode(String.self, forKey: .key)
            name = try container.decode(String.self, forKey: .name)
            nameEn = try container.decodeIfPresent(String.self, forKey: .nameEn)
            acronyms = try container.decodeIfPresent([String].self, forKey: .acronyms) ?? []
            type = try container.decode(String.self, forKey: .type)
            parent = try container.decodeIfPresent(String.self, forKey: .parent)
            validFrom = try container.decodeIfPresent(String.self, forKey: .validFrom).flatMap(CalendarDate.init(iso:))
            validTo = try container.decodeIfPresent(String.self, forKey: .validTo).flatMap(CalendarDate.init(iso:))
            predecessors = try container.decodeIfPresent([String].self, forKey: .predecessors) ?? []
            successors = try container.decodeIfPresent([String].self, forKey: .successors) ?? []
            aliases = try container.decodeIfPresent([String].self, forKey: .aliases) ?? []
            source = try container.decode(String.self, forKey: .source)
            sourceNote = try container.decodeIfPresent(String.self, forKey: .sourceNote)
        }

        /// The type an organisation created from this entry gets.
        public var organisationType: OrganisationType {
            type == "coordinating-ministry" ? .ministry : OrganisationType(rawValue: type) ?? .other
        }

        /// The short name reports use: the official acronym, else the name.
        public var shortName: String { acronyms.first ?? name }

        /// Every spelling this entry answers to.
        var spellings: [String] { [name] + [nameEn].compactMap { $0 } + acronyms + aliases }
    }

    public let version: String
    /// The built-in directory's version, without decoding it.
    public static var builtInVersion: String { EmbeddedData.directoryVersion }
    public let entries: [Entry]
    private let byKey: [String: Int]
    /// Folded spelling (see `OrganisationName.key`) → entry index, built on first use:
    /// folding every spelling took a `minutes` or `stats` run 15 ms, and they only need the
    /// entries' dates.
    private let spellingIndex: SpellingIndex
    private var bySpelling: [String: Int] { spellingIndex.map }

    init(json: String) throws {
        struct File: Decodable {
            var version: String
            var entries: [Entry]
        }
        let file = try JSONDecoder().decode(File.self, from: Data(json.utf8))
        version = file.version
        entries = file.entries
        byKey = Dictionary(uniqueKeysWithValues: file.entries.enumerated().map { ($0.element.key, $0.offset) })
        spellingIndex = SpellingIndex(entries: file.entries)
    }

    private final class SpellingIndex: Sendable {
        private let entries: [Entry]
        private let built = Mutex<[String: Int]?>(nil)
        private let builtCandidates = Mutex<[NearMissCandidate]?>(nil)

        /// Every folded spelling, taken apart for near-miss suggestions, in key order.
        var candidates: [NearMissCandidate] {
            if let built = builtCandidates.withLock({ $0 }) { return built }
            let candidates = map.keys.sorted().map(NearMissCandidate.init)
            return builtCandidates.withLock { built in
                if let built { return built }
                built = candidates
                return candidates
            }
        }

        init(entries: [Entry]) { self.entries = entries }

        var map: [String: Int] {
            built.withLock { built in
                if let built { return built }
                var spellings: [String: Int] = [:]
                for (index, entry) in entries.enumerated() {
                    for spelling in entry.spellings {
                        let key = OrganisationName.key(spelling)
                        if !key.isEmpty, spellings[key] == nil { spellings[key] = index }
                    }
                }
                built = spellings
                return spellings
            }
        }
    }

    /// The directory compiled into this binary.
    public static let builtIn: Directory = {
        do {
            return try Directory(json: EmbeddedData.organisationsJSON)
        } catch {
            preconditionFailure("The embedded organisation directory does not decode: \(error)")
        }
    }()

    public func entry(key: String) -> Entry? { byKey[key].map { entries[$0] } }

    /// The entry a folded spelling names exactly.
    func entry(spelling key: String) -> Entry? { bySpelling[key].map { entries[$0] } }

    /// All folded spellings, taken apart for near-miss suggestions (built on first use).
    var nearMissCandidates: [NearMissCandidate] { spellingIndex.candidates }

    /// The body an entry is now: one replaced by exactly one other (BNP2TKI → BP2MI →
    /// KP2MI) is its last successor, so all its names make one organisation whose type on
    /// each event's date comes from `typeChanges`. A body split in several (Kemenkumham)
    /// stays itself: which part a person belongs to is not a guess to make.
    public func current(_ entry: Entry) -> Entry {
        var current = entry
        var seen: Set<String> = [entry.key]
        while current.successors.count == 1, let next = self.entry(key: current.successors[0]),
            seen.insert(next.key).inserted
        {
            current = next
        }
        return current
    }

    /// The entry as it was on `date`: a body that became what it is on its `validFrom`
    /// (KP2MI, until 20 October 2024 the agency BP2MI) went by its one predecessor's name before.
    public func entry(_ entry: Entry, on date: CalendarDate) -> Entry {
        var current = entry
        var seen: Set<String> = [entry.key]
        while let start = current.validFrom, date < start, current.predecessors.count == 1,
            let previous = self.entry(key: current.predecessors[0]), seen.insert(previous.key).inserted
        {
            current = previous
        }
        return current
    }

    /// How the directory's bodies changed over time, for counting on each event's date:
    /// a body that became what it is on `validFrom` had `typeBefore` until then (KP2MI was
    /// the agency BP2MI), and a body split or dissolved after `validTo` (Kemenkumham,
    /// 20 October 2024) is no ministry at events after it.
    public var typeChanges:
        [(key: String, validFrom: CalendarDate?, typeBefore: OrganisationType?, validTo: CalendarDate?)]
    {
        entries.compactMap { entry in
            var from: CalendarDate?
            var before: OrganisationType?
            if let start = entry.validFrom, entry.predecessors.count == 1,
                let predecessor = self.entry(key: entry.predecessors[0]),
                predecessor.organisationType != entry.organisationType
            {
                from = start
                before = predecessor.organisationType
            }
            // A body with one successor is always resolved to it, so only splits and ends matter.
            let end = entry.successors.count == 1 ? nil : entry.validTo
            guard from != nil || end != nil else { return nil }
            return (entry.key, from, before, end)
        }
    }
}

/// Indonesia's 38 provinces with the short forms people write, and the words for abroad.
public struct Provinces: Sendable {
    public struct Province: Decodable, Hashable, Sendable {
        public var code: String?
        public var name: String
        public var nameEn: String?
        public var aliases: [String]
        public var capital: String?

        enum CodingKeys: String, CodingKey {
            case code, name, aliases, capital
            case nameEn = "name_en"
        }
    }

    public let version: String
    public let provinces: [Province]
    public let abroad: [String]
    private let byKey: [String: Int]
    private let byCapital: [String: Int]
    private let abroadKeys: Set<String>

    /// What a province answer is stored as when it is outside Indonesia.
    public static let abroadName = "Luar negeri"

    init(json: String) throws {
        struct File: Decodable {
            var version: String
            var provinces: [Province]
            var abroad: [String]
        }
        let file = try JSONDecoder().decode(File.self, from: Data(json.utf8))
        version = file.version
        provinces = file.provinces
        abroad = file.abroad
        var keys: [String: Int] = [:]
        var capitals: [String: Int] = [:]
        for (index, province) in file.provinces.enumerated() {
            for spelling in [province.name] + [province.nameEn].compactMap({ $0 }) + province.aliases {
                let key = Self.key(spelling)
                if !key.isEmpty, keys[key] == nil { keys[key] = index }
            }
            if let capital = province.capital { capitals[Self.key(capital)] = index }
        }
        byKey = keys
        byCapital = capitals
        abroadKeys = Set(file.abroad.map(Self.key))
    }

    public static let builtIn: Provinces = {
        do {
            return try Provinces(json: EmbeddedData.provincesJSON)
        } catch {
            preconditionFailure("The embedded province list does not decode: \(error)")
        }
    }()

    /// Folded, with "Provinsi"/"Prov." in front taken off.
    static func key(_ text: String) -> String {
        var key = CodedValueKey.make(text)
        for prefix in ["provinsi ", "prov ", "province of ", "propinsi "] where key.hasPrefix(prefix) {
            key.removeFirst(prefix.count)
        }
        if key.hasSuffix(" province") { key.removeLast(" province".count) }
        return key
    }

    /// The province a typed answer names, by name, English name or short form.
    public func province(_ text: String) -> Province? {
        byKey[Self.key(text)].map { provinces[$0] }
    }

    /// The province whose capital a city is (Makassar → Sulawesi Selatan).
    public func province(ofCapital city: String) -> Province? {
        var key = CodedValueKey.make(city)
        if key.hasPrefix("kota ") { key.removeFirst(5) }
        return byCapital[key].map { provinces[$0] }
    }

    public enum Answer: Equatable, Sendable {
        case province(String)
        case abroad
        case unknown
    }

    /// A province answer as stored: the canonical name, "Luar negeri" for anywhere
    /// outside Indonesia ("Outside Indonesia (Malaysia)"), or unknown.
    public func read(_ text: String) -> Answer {
        if let province = province(text) { return .province(province.name) }
        let key = Self.key(text)
        if abroadKeys.contains(key) || abroadKeys.contains(where: { !$0.isEmpty && key.hasPrefix($0 + " ") }) {
            return .abroad
        }
        return .unknown
    }
}
