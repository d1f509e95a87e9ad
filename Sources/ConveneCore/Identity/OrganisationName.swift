import Foundation

/// How organisation names typed into forms are compared. Pure text functions: no database.
enum OrganisationName {
    /// Folded (case, accents, punctuation, dashes), with what forms add around a name
    /// taken off: "Republik Indonesia", a trailing "RI", "of the Republic of Indonesia",
    /// a leading "the", and abbreviations written out (`Prov.` → provinsi, `Kab.` → kabupaten).
    static func key(_ text: String) -> String {
        // On UTF-8 bytes, where "/" and the phrases below (plain ASCII) cannot be part of
        // another character: Foundation's replacingOccurrences went through NSString, and
        // was two thirds of the 160,000 instructions a key cost (the directory's 823
        // spellings are keyed on every import).
        let slash = UInt8(ascii: "/")
        let spaced =
            text.utf8.contains(slash) ? String(decoding: text.utf8.map { $0 == slash ? 32 : $0 }, as: UTF8.self) : text
        var tokens = CodedValueKey.words(CodedValueKey.make(spaced)).map(String.init)
        tokens = joiningInitials(tokens).flatMap { expansions[$0] ?? [$0] }
        var joined = " " + tokens.joined(separator: " ") + " "
        for phrase in stateSuffixes { joined = spacing(phrase, in: joined) }
        tokens = CodedValueKey.words(joined).map(String.init)
        if tokens.first == "the" { tokens.removeFirst() }
        while tokens.count > 1, tokens.last == "ri" { tokens.removeLast() }
        return tokens.joined(separator: " ")
    }

    /// What forms add after the name of a national body, each between spaces, longest first.
    static let stateSuffixes: [[UInt8]] = [
        " of the republic of indonesia ", " of republic of indonesia ", " republic of indonesia ",
        " republik indonesia ",
    ].map { Array($0.utf8) }

    /// `text` with each occurrence of `phrase` made one space, found left to right without
    /// overlapping (as `replacingOccurrences(of:with:)` finds them).
    static func spacing(_ phrase: [UInt8], in text: String) -> String {
        let bytes = Array(text.utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = 0
        var replaced = false
        while index < bytes.count {
            if bytes[index] == phrase[0], bytes[index...].starts(with: phrase) {
                result.append(32)
                index += phrase.count
                replaced = true
            } else {
                result.append(bytes[index])
                index += 1
            }
        }
        return replaced ? String(decoding: result, as: UTF8.self) : text
    }

    /// "S.B.M.I." folds to "s b m i": runs of single letters are one acronym again.
    static func joiningInitials(_ tokens: [String]) -> [String] {
        var result: [String] = []
        var run = ""
        for token in tokens {
            if token.count == 1, token.first?.isLetter == true {
                run += token
                continue
            }
            if !run.isEmpty { result.append(run) }
            run = ""
            result.append(token)
        }
        if !run.isEmpty { result.append(run) }
        return result
    }

    /// Spelled-out forms of words forms abbreviate, so both spellings fold alike.
    static let expansions: [String: [String]] = [
        "kementrian": ["kementerian"], "prov": ["provinsi"], "propinsi": ["provinsi"], "kab": ["kabupaten"],
        "disnakertrans": ["dinas", "tenaga", "kerja", "dan", "transmigrasi"],
        "disnaker": ["dinas", "tenaga", "kerja"],
        "dinsos": ["dinas", "sosial"], "dinkes": ["dinas", "kesehatan"],
        "dp3a": ["dinas", "pemberdayaan", "perempuan", "dan", "perlindungan", "anak"],
        "bappeda": ["badan", "perencanaan", "pembangunan", "daerah"],
        "pemprov": ["pemerintah", "provinsi"], "pemkab": ["pemerintah", "kabupaten"],
        "pemkot": ["pemerintah", "kota"],
        "kanwil": ["kantor", "wilayah"], "kanim": ["kantor", "imigrasi"],
        "ditjen": ["direktorat", "jenderal"], "dirjen": ["direktorat", "jenderal"],
    ]

    /// Words that open the name of a part of a body: a regional office, a technical unit,
    /// a directorate, a chapter ("Kanwil Kemenkumham Sulsel", "UPT BP2MI Jawa Timur").
    static let unitOpeners: [[String]] = [
        ["kantor", "wilayah"], ["kantor", "imigrasi"], ["kantor", "perwakilan"], ["direktorat", "jenderal"],
        ["upt"], ["direktorat"], ["biro"], ["pusat"], ["balai"], ["lapas"], ["rutan"], ["bp3mi"], ["p4mi"],
        ["perwakilan"], ["cabang"], ["dpw"], ["dpd"], ["dpc"], ["chapter"], ["office"], ["sub", "office"],
    ]

    /// Words that open the name of a provincial or district government office.
    static let localGovernmentOpeners: [[String]] = [
        ["dinas"], ["badan", "perencanaan", "pembangunan", "daerah"], ["pemerintah", "provinsi"],
        ["pemerintah", "kabupaten"], ["pemerintah", "kota"], ["dp3ap2kb"], ["dpmptsp"], ["bpbd"], ["disdukcapil"],
        ["dukcapil"], ["sekretariat", "daerah"], ["setda"], ["dprd"], ["bkd"], ["bappelitbangda"],
    ]

    /// A name split at its brackets: "Kemnaker (Ditjen Binapenta)" → ("Kemnaker", "Ditjen Binapenta").
    static func bracketed(_ text: String) -> (outside: String, inside: String)? {
        guard let open = text.firstIndex(where: { $0 == "(" || $0 == "[" }),
            let close = text[open...].firstIndex(where: { $0 == ")" || $0 == "]" }), close > text.index(after: open)
        else { return nil }
        let inside = Normalise.whitespace(String(text[text.index(after: open)..<close]))
        let outside = Normalise.whitespace(String(text[..<open]) + " " + String(text[text.index(after: close)...]))
        guard !inside.isEmpty, !outside.isEmpty else { return nil }
        return (outside, inside)
    }

    /// Edit distance, for "did you mean" suggestions only (never for merging).
    static func distance(_ a: String, _ b: String, limit: Int) -> Int {
        let a = Array(a.utf8)
        let b = Array(b.utf8)
        if abs(a.count - b.count) > limit { return limit + 1 }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            current[0] = i
            var rowMinimum = current[0]
            for j in 1...max(b.count, 1) where !b.isEmpty {
                current[j] = min(
                    previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                rowMinimum = min(rowMinimum, current[j])
            }
            if rowMinimum > limit { return limit + 1 }
            swap(&previous, &current)
        }
        return a.isEmpty ? b.count : b.isEmpty ? a.count : previous[b.count]
    }

    /// Share of words two names have in common (Jaccard), ignoring filler words; both names'
    /// words already taken (`significantWords`), since a suggestion compares one name with
    /// every spelling the directory knows, and every typed name with the same spellings.
    static func overlap(_ left: [Substring], _ right: [Substring]) -> Double {
        guard !left.isEmpty, !right.isEmpty else { return 0 }
        let shared = left.reduce(0) { $0 + (right.contains($1) ? 1 : 0) }
        return Double(shared) / Double(left.count + right.count - shared)
    }

    /// The distinct words of a folded name (`key`: lower-case words, one space apart), filler
    /// words left out (`CodedValueKey.words` splits on the space byte). Splitting by
    /// characters into sets of Strings, pair after pair, was 14% of the instructions of a
    /// 10,000-row import with 169 organisation names.
    static func significantWords(_ name: String) -> [Substring] {
        var words: [Substring] = []
        for word in CodedValueKey.words(name) where !filler.contains(word) && !words.contains(word) {
            words.append(word)
        }
        return words
    }

    static let filler: Set<Substring> = ["dan", "and", "of", "the", "for", "untuk", "di", "ri"]
}

/// A folded spelling ready to be compared with typed names (`OrganisationMatcher`'s
/// suggestions): its length in characters and its significant words, worked out once. The
/// suggestions for a file's unknown names took each of the directory's 809 spellings apart
/// again for every name: 7,400 instructions a spelling, 7% of a 10,000-row import.
struct NearMissCandidate: Sendable {
    let key: String
    let length: Int
    let words: [Substring]

    init(_ key: String) {
        self.key = key
        length = key.count
        words = OrganisationName.significantWords(key)
    }
}
