import Foundation
import Testing

@testable import ConveneCore

/// The matcher alone: text in, decision out, no database.
@Suite("identity: what a typed organisation name means")
struct OrganisationMatcherTests {
    let matcher = OrganisationMatcher(known: [
        .init(id: "user-sbmi", name: "Serikat Buruh Migran Indonesia", acronym: "SBMI", aliases: ["SBMI NTB"]),
        .init(id: "user-kemlu", name: "Kementerian Luar Negeri", acronym: "Kemlu", directoryKey: "kemlu"),
    ])

    @Test(
        "every spelling of a known body is that body",
        arguments: [
            ("Kemlu", "user-kemlu"), ("Kemlu RI", "user-kemlu"), ("KEMENTERIAN LUAR NEGERI", "user-kemlu"),
            ("Kementerian Luar Negeri Republik Indonesia", "user-kemlu"), ("Ministry of Foreign Affairs", "user-kemlu"),
            ("MoFA", "user-kemlu"), ("Kementerian Luar Negeri (Kemlu)", "user-kemlu"),
            ("the Ministry of Foreign Affairs of the Republic of Indonesia", "user-kemlu"),
            ("SBMI NTB", "user-sbmi"), ("S.B.M.I.", "user-sbmi"),
        ])
    func knownBodies(text: String, id: String) {
        #expect(matcher.resolve(text) == .body(.existing(id: id)), "\(text)")
    }

    @Test(
        "directory bodies are found by name, English name, acronym or old name",
        arguments: [
            ("Kemnaker", "kemnaker"), ("Ministry of Manpower", "kemnaker"),
            ("Kementerian Ketenagakerjaan RI", "kemnaker"),
            ("Komnas HAM", "komnas-ham"), ("UN Women", "un-women"), ("UNDP Indonesia", "undp"),
            ("International Organization for Migration (IOM)", "iom"), ("Kementrian Sosial", "kemensos"),
        ])
    func directoryBodies(text: String, key: String) {
        #expect(matcher.resolve(text) == .body(.directory(key: key)), "\(text)")
    }

    @Test("a body replaced by one successor is its successor; a body split in three stays itself")
    func successors() {
        #expect(matcher.resolve("BP2MI") == .body(.directory(key: "kp2mi")))
        #expect(matcher.resolve("BNP2TKI") == .body(.directory(key: "kp2mi")))
        #expect(matcher.resolve("Kemenkumham") == .body(.directory(key: "kemenkumham")))
    }

    @Test("regional offices, chapters and directorates are units of their body, with the province")
    func units() {
        #expect(
            matcher.resolve("SBMI Sulsel")
                == .unit(
                    parent: .existing(id: "user-sbmi"), name: "SBMI Sulawesi Selatan", province: "Sulawesi Selatan"))
        #expect(
            matcher.resolve("Kanwil Kemenkumham Sulawesi Selatan")
                == .unit(
                    parent: .directory(key: "kemenkumham"), name: "Kanwil Kemenkumham Sulawesi Selatan",
                    province: "Sulawesi Selatan"))
        #expect(
            matcher.resolve("UPT BP2MI Jawa Timur")
                == .unit(parent: .directory(key: "kp2mi"), name: "UPT KP2MI Jawa Timur", province: "Jawa Timur"))
        #expect(
            matcher.resolve("IOM Makassar")
                == .unit(parent: .directory(key: "iom"), name: "IOM Makassar", province: "Sulawesi Selatan"))
        #expect(
            matcher.resolve("Kemnaker (Ditjen Binapenta)")
                == .unit(parent: .directory(key: "kemnaker"), name: "Ditjen Binapenta (Kemnaker)", province: nil))
        #expect(
            matcher.resolve("Kanim Makassar (Kemenkumham)")
                == .unit(
                    parent: .directory(key: "kemenkumham"), name: "Kanim Makassar (Kemenkumham)",
                    province: "Sulawesi Selatan"))
        // A body followed by words that are no place is not a unit of it.
        #expect(matcher.resolve("SBMI Foundation for Research") == .unknown(suggestion: nil))
    }

    @Test(
        "a unit written before its body, after a comma or not, is the unit the bracketed form names",
        arguments: [
            ("Kemendagri (Ditjen Bina Bangda)", "Ditjen Bina Bangda (Kemendagri)"),
            ("Ditjen Bina Bangda Kemendagri", "Ditjen Bina Bangda (Kemendagri)"),
            ("Ditjen Bina Bangda, Kementerian Dalam Negeri", "Ditjen Bina Bangda (Kemendagri)"),
            ("Kementerian Dalam Negeri, Ditjen Bina Bangda", "Ditjen Bina Bangda (Kemendagri)"),
            (
                "Direktorat Jenderal Bina Pembangunan Daerah, Kementerian Dalam Negeri RI",
                "Direktorat Jenderal Bina Pembangunan Daerah (Kemendagri)"
            ),
            ("Biro Hukum Kementerian Ketenagakerjaan", "Biro Hukum (Kemnaker)"),
        ])
    func unitsBeforeTheirBody(text: String, name: String) {
        guard case .unit(let parent, let unitName, nil) = matcher.resolve(text) else {
            Issue.record("\(text) is not a unit: \(matcher.resolve(text))")
            return
        }
        #expect(unitName == name)
        #expect(parent == .directory(key: name.contains("Kemnaker") ? "kemnaker" : "kemendagri"))
    }

    @Test("a unit the database already holds, named with its body in any order, is that unit")
    func knownUnitsWithTheirBody() {
        let matcher = OrganisationMatcher(known: [
            .init(
                id: "kemendagri", name: "Kementerian Dalam Negeri", acronym: "Kemendagri", directoryKey: "kemendagri"),
            .init(id: "bangda", name: "Ditjen Bina Bangda", parentId: "kemendagri"),
        ])
        for text in [
            "Kemendagri (Ditjen Bina Bangda)", "Ditjen Bina Bangda (Kemendagri)", "Ditjen Bina Bangda, Kemendagri",
            "Kementerian Dalam Negeri, Ditjen Bina Bangda", "Ditjen Bina Bangda",
        ] {
            #expect(matcher.resolve(text) == .body(.existing(id: "bangda")), "\(text)")
        }
        // (a body next to an unrelated known one is not made its unit)
        #expect(matcher.resolve("Kemlu (Ditjen Bina Bangda)") != .body(.existing(id: "bangda")))
    }

    @Test("a comma between two bodies, or between a body and itself, makes no unit")
    func commasBetweenBodies() {
        #expect(matcher.resolve("Kemlu, Kementerian Luar Negeri") == .body(.existing(id: "user-kemlu")))
        guard case .unknown = matcher.resolve("IOM, UNDP") else {
            Issue.record("IOM, UNDP: \(matcher.resolve("IOM, UNDP"))")
            return
        }
    }

    @Test("provincial and district offices are local government, under one canonical name")
    func localGovernment() {
        let long = matcher.resolve("Dinas Tenaga Kerja dan Transmigrasi Prov. Sulawesi Selatan")
        let short = matcher.resolve("Disnakertrans Sulsel")
        #expect(long == short)
        #expect(
            long
                == .localGovernment(
                    name: "Dinas Tenaga Kerja dan Transmigrasi Provinsi Sulawesi Selatan", province: "Sulawesi Selatan")
        )
        #expect(
            matcher.resolve("DP3A Kota Makassar")
                == .localGovernment(
                    name: "Dinas Pemberdayaan Perempuan dan Perlindungan Anak Kota Makassar",
                    province: "Sulawesi Selatan"))
        if case .localGovernment(_, let province) = matcher.resolve("Bappeda Kab. Lombok Timur") {
            #expect(province == nil)  // a district is not a province; not guessed
        } else {
            Issue.record("Bappeda is local government")
        }
    }

    @Test("a near miss is a suggestion, never a match")
    func nearMisses() {
        #expect(matcher.resolve("Kementrian Luar Negri") == .unknown(suggestion: .existing(id: "user-kemlu")))
        #expect(matcher.resolve("UN Woman") == .unknown(suggestion: .directory(key: "un-women")))
        #expect(matcher.resolve("Yayasan Pemberdayaan Perempuan Migran") == .unknown(suggestion: nil))
    }

    @Test("of equally near spellings, the suggestion is the same every time: the first in code-point order")
    func nearMissTies() {
        // Nineteen unions one letter away from the name typed, held in a dictionary whose order
        // changes from process to process: picking the first met would pick any of them.
        let letters = Array("bcdefghijklmnoprstu")
        let known = letters.map { letter in
            OrganisationMatcher.Known(id: "union-\(letter)", name: "Serikat Pekerja Alf\(letter)")
        }
        for order in [known, known.reversed(), known.shuffled()] {
            let matcher = OrganisationMatcher(known: order)
            #expect(matcher.resolve("Serikat Pekerja Alfz") == .unknown(suggestion: .existing(id: "union-b")))
        }
    }

    @Test("word overlap is the Jaccard share of distinct non-filler words, for every pair of directory spellings")
    func wordOverlap() {
        func overlap(_ a: String, _ b: String) -> Double {
            OrganisationName.overlap(OrganisationName.significantWords(a), OrganisationName.significantWords(b))
        }
        // Worked by hand: {luar, negeri, kementerian} and {kementerian, luar, negri}: 2 of 4.
        #expect(overlap("kementerian luar negeri", "kementerian luar negri") == 0.5)
        // Filler words and repeats do not count: {dinas, sosial} against {dinas, sosial, provinsi}.
        #expect(overlap("dinas dan sosial sosial", "dinas sosial di provinsi") == 2.0 / 3.0)
        #expect(overlap("dan of the", "dinas sosial") == 0)
        #expect(overlap("", "dinas") == 0)
        // Against sets of whole words, computed the plain way, over the directory's spellings.
        let filler: Set<String> = ["dan", "and", "of", "the", "for", "untuk", "di", "ri"]
        func reference(_ a: String, _ b: String) -> Double {
            let left = Set(a.split(separator: " ").map(String.init)).subtracting(filler)
            let right = Set(b.split(separator: " ").map(String.init)).subtracting(filler)
            guard !left.isEmpty, !right.isEmpty else { return 0 }
            return Double(left.intersection(right).count) / Double(left.union(right).count)
        }
        let spellings = Directory.builtIn.nearMissCandidates
        var differing: [String] = []
        for (index, a) in spellings.enumerated() where index % 7 == 0 {
            for b in spellings where OrganisationName.overlap(a.words, b.words) != reference(a.key, b.key) {
                differing.append("\(a.key) / \(b.key)")
            }
        }
        #expect(spellings.count > 500)
        #expect(differing.isEmpty, "e.g. \(differing.prefix(5))")
    }

    @Test("an organisation's key takes off the slashes and the Republic of Indonesia as Foundation's replacements do")
    func keyMatchesFoundationReplacements() {
        // The key worked the plain way: Foundation's replacingOccurrences and Character splits.
        func reference(_ text: String) -> String {
            var tokens = CodedValueKey.make(text.replacingOccurrences(of: "/", with: " ")).split(separator: " ").map(
                String.init)
            tokens = OrganisationName.joiningInitials(tokens).flatMap { OrganisationName.expansions[$0] ?? [$0] }
            var joined = " " + tokens.joined(separator: " ") + " "
            for phrase in [
                " of the republic of indonesia ", " of republic of indonesia ", " republic of indonesia ",
                " republik indonesia ",
            ] {
                joined = joined.replacingOccurrences(of: phrase, with: " ")
            }
            tokens = joined.split(separator: " ").map(String.init)
            if tokens.first == "the" { tokens.removeFirst() }
            while tokens.count > 1, tokens.last == "ri" { tokens.removeLast() }
            return tokens.joined(separator: " ")
        }
        // Worked by hand: the suffix taken off, the slash a space, an acronym joined up.
        #expect(OrganisationName.key("Kementerian Luar Negeri Republik Indonesia") == "kementerian luar negeri")
        #expect(OrganisationName.key("Ministry of Manpower of the Republic of Indonesia") == "ministry of manpower")
        #expect(OrganisationName.key("Disnaker/Prov. Jawa Barat") == "dinas tenaga kerja provinsi jawa barat")
        #expect(OrganisationName.key("S.B.M.I.") == "sbmi")
        // Back to back, the second suffix stays: the first took the space between them.
        #expect(
            OrganisationName.key("Kemnaker Republik Indonesia Republik Indonesia RI") == "kemnaker republik indonesia")
        let typed = Directory.builtIn.entries.flatMap(\.spellings)
        let made = typed.flatMap { spelling in
            [
                spelling, spelling.uppercased(), "The \(spelling) of the Republic of Indonesia",
                "\(spelling) Republik Indonesia Republik Indonesia", "\(spelling)/RI", "Perwakilan/\(spelling) RI",
                " \(spelling) , Republic of  Indonesia ", "Kantor \(spelling) — Bandung / Jawa Barat",
            ]
        }
        let differing = made.filter { OrganisationName.key($0) != reference($0) }
        #expect(typed.count > 800)
        #expect(differing.isEmpty, "e.g. \(differing.prefix(5))")
    }
}

@Suite("identity: the built-in directory and province list")
struct DirectoryTests {
    @Test("entries are unique, links point to entries both ways, and no spelling names two bodies")
    func integrity() {
        let directory = Directory.builtIn
        #expect(directory.entries.count >= 100)
        #expect(Set(directory.entries.map(\.key)).count == directory.entries.count)
        for entry in directory.entries {
            for key in entry.successors + entry.predecessors + [entry.parent].compactMap({ $0 }) {
                #expect(directory.entry(key: key) != nil, "\(entry.key) → \(key)")
            }
            for successor in entry.successors {
                #expect(directory.entry(key: successor)?.predecessors.contains(entry.key) == true, "\(entry.key)")
            }
            #expect(entry.source.hasPrefix("https://"), "\(entry.key) has no source")
            #expect(OrganisationType(rawValue: entry.type) != nil || entry.type == "coordinating-ministry")
        }
        var owner: [String: String] = [:]
        for entry in directory.entries {
            for spelling in Set(entry.spellings.map(OrganisationName.key)) where !spelling.isEmpty {
                if let other = owner[spelling] {
                    Issue.record("'\(spelling)' names both \(other) and \(entry.key)")
                }
                owner[spelling] = entry.key
            }
        }
    }

    @Test("the cabinet of October 2024: KP2MI a ministry from 21 October, an agency (BP2MI) before")
    func typeChanges() {
        let changes = Directory.builtIn.typeChanges
        let kp2mi = changes.first { $0.key == "kp2mi" }
        #expect(kp2mi?.validFrom == CalendarDate(iso: "2024-10-21"))
        #expect(kp2mi?.typeBefore == .governmentAgency)
        let kemenkumham = changes.first { $0.key == "kemenkumham" }
        #expect(kemenkumham?.validTo == CalendarDate(iso: "2024-10-20"))
        let coordinating = Directory.builtIn.entries.filter { $0.type == "coordinating-ministry" }
        #expect(coordinating.allSatisfy { $0.organisationType == .ministry })
    }

    @Test("documents name a body as it was on the event's day: KP2MI is BP2MI in January 2024")
    func namesOnADate() throws {
        let entry = try #require(Directory.builtIn.entry(key: "kp2mi"))
        let kp2mi = Organisation(
            name: entry.name, acronym: entry.acronyms.first, type: .ministry, directoryKey: "kp2mi", origin: .directory)
        let january = kp2mi.named(on: CalendarDate(iso: "2024-01-09")!)
        #expect(january.shortName == "BP2MI")
        #expect(january.name == "Badan Pelindungan Pekerja Migran Indonesia")
        #expect(january.id == kp2mi.id)
        #expect(kp2mi.named(on: CalendarDate(iso: "2024-10-21")!).shortName == entry.acronyms.first)
        // (a body the user renamed keeps the user's name)
        var renamed = kp2mi
        renamed.name = "KP2MI / BP2MI"
        #expect(renamed.named(on: CalendarDate(iso: "2024-01-09")!).name == "KP2MI / BP2MI")
    }

    @Test("38 provinces with their short forms; abroad is its own answer")
    func provinces() {
        let provinces = Provinces.builtIn
        #expect(provinces.provinces.count == 38)
        #expect(provinces.read("NTB") == .province("Nusa Tenggara Barat"))
        #expect(provinces.read("Prov. Jawa Tengah") == .province("Jawa Tengah"))
        #expect(provinces.read("jateng") == .province("Jawa Tengah"))
        #expect(provinces.read("Sulsel") == .province("Sulawesi Selatan"))
        #expect(provinces.read("Outside Indonesia (Malaysia)") == .abroad)
        #expect(provinces.read("Luar Negeri") == .abroad)
        #expect(provinces.read("Jawa") == .unknown)
        #expect(provinces.province(ofCapital: "Makassar")?.name == "Sulawesi Selatan")
    }

    @Test("the data embedded in the binary is the data in the repository (run Scripts/generate_embedded.py)")
    func embeddedIsCurrent() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let organisations = try String(
            contentsOf: root.appendingPathComponent("Directory/organisations.json"), encoding: .utf8)
        let provinces = try String(contentsOf: root.appendingPathComponent("Directory/provinces.json"), encoding: .utf8)
        #expect(EmbeddedData.organisationsJSON == organisations)
        #expect(EmbeddedData.provincesJSON == provinces)
        let templates = root.appendingPathComponent("Templates")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: templates.path))?.filter {
            $0.hasSuffix(".mustache")
        }
        #expect(Set(EmbeddedData.templates.keys) == Set(names ?? []))
        for name in names ?? [] {
            let text = try String(contentsOf: templates.appendingPathComponent(name), encoding: .utf8)
            #expect(EmbeddedData.templates[name] == text, "\(name)")
        }
    }

    @Test("the directory's type changes, renamings and version are embedded as the Swift rules work them out")
    func embeddedTypeChanges() {
        let directory = Directory.builtIn
        let worked = directory.typeChanges.map {
            [$0.key, $0.validFrom?.description, $0.typeBefore?.rawValue, $0.validTo?.description]
        }
        let embedded = EmbeddedData.directoryTypeChanges.map { [$0.key, $0.validFrom, $0.typeBefore, $0.validTo] }
        #expect(embedded == worked)
        // BP2MI became the ministry KP2MI on 21 October 2024; Kemenkumham was split after 20 October 2024.
        #expect(embedded.contains(["kp2mi", "2024-10-21", "government-agency", nil]))
        #expect(embedded.contains(["kemenkumham", nil, nil, "2024-10-20"]))
        #expect(Directory.builtInVersion == directory.version)
        // named(on:) reads the embedded history: the same names as walking the decoded directory,
        // for every body on every day a body began or ended, the day before, and long before and after.
        var days: Set<CalendarDate> = [CalendarDate(iso: "1900-01-01")!, CalendarDate(iso: "2100-01-01")!]
        for entry in directory.entries {
            for day in [entry.validFrom, entry.validTo].compactMap({ $0 }) {
                days.formUnion([day, day.adding(days: -1)])
            }
        }
        var differing: [String] = []
        for entry in directory.entries {
            let organisation = Organisation(
                name: entry.name, acronym: entry.acronyms.first, type: entry.organisationType,
                createdAt: Date(timeIntervalSince1970: 0), directoryKey: entry.key)
            for day in days {
                let then = directory.entry(entry, on: day)
                let expected =
                    then.key == entry.key ? (entry.name, entry.acronyms.first) : (then.name, then.acronyms.first)
                let named = organisation.named(on: day)
                if named.name != expected.0 || named.acronym != expected.1 { differing.append("\(entry.key) \(day)") }
            }
        }
        #expect(
            EmbeddedData.directoryNameHistory.count
                == directory.entries.filter { $0.validFrom != nil && $0.predecessors.count == 1 }.count)
        #expect(differing.isEmpty, "e.g. \(differing.prefix(5))")
        #expect(EmbeddedData.directoryNameHistory["kp2mi"]?.earlier.first?.acronym == "BP2MI")
        // BNP2TKI before 31 December 2019: two names back.
        #expect(EmbeddedData.directoryNameHistory["kp2mi"]?.earlier.last?.acronym == "BNP2TKI")
    }
}
