import Foundation
import Testing

@testable import ConveneCore

@Suite("identity: repairing organisations")
struct OrganisationMergeTests {
    /// A seeded generator, so the "random" data set is the same on every run.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state
        }
    }

    /// 120 people over two events, at organisations written either canonically or as the
    /// misspellings a form produces (`spelled`), attending at random.
    static func dataset(misspelled: Bool) throws -> TestDatabase {
        let test = try TestDatabase()
        try test.seed()
        _ = try test.db.addEvent(
            .init(code: "tr-1", title: "Training", kind: .training, startDate: CalendarDate(iso: "2024-05-20")!))
        var random = SeededGenerator(state: 42)
        let canonical = ["Kemlu", "SBMI", "Kemnaker", "Yayasan Migran Sejahtera"]
        // Two spellings the directory resolves by itself, two a person must repair.
        let typos = ["Kemlu RI", "Serikat Buruh Migran Indonsia", "Ministry of Manpower", "Yayasan Migran Sejahtra"]
        var rows = ["Nama,Jenis Kelamin,Instansi,Email,Checked in"]
        for person in 0..<120 {
            let org = Int.random(in: 0..<canonical.count, using: &random)
            let gender = ["P", "L", "P", "-"][Int.random(in: 0..<4, using: &random)]
            let name = "Person \(person)"
            rows.append(
                "\(name),\(gender),\(misspelled ? typos[org] : canonical[org]),p\(person)@example.org,\(Bool.random(using: &random) ? "Yes" : "No")"
            )
        }
        let csv = Data(rows.joined(separator: "\n").utf8)
        _ = try test.db.importFile(csv, options: .init(event: "psc-3", skipInvalid: true))
        return test
    }

    @Test("statistics after merging the misspellings equal statistics of data entered clean from the start")
    func mergeEquivalence() throws {
        let clean = try Self.dataset(misspelled: false)
        let messy = try Self.dataset(misspelled: true)
        let dimensions: [StatsDimension] = [.gender, .ministry, .organisation, .organisationType, .stakeholder]
        let before = try messy.db.statistics(StatsScope(), by: dimensions)
        let expected = try clean.db.statistics(StatsScope(), by: dimensions)
        #expect(before.breakdowns[.organisation] != expected.breakdowns[.organisation])  // the misspellings count apart

        // The repairs a reviewer makes, as `org review` suggests them.
        let review = try messy.db.organisationsToReview()
        #expect(
            review.map(\.organisation.name).sorted() == ["Serikat Buruh Migran Indonsia", "Yayasan Migran Sejahtra"])
        #expect(
            review.first { $0.organisation.name == "Serikat Buruh Migran Indonsia" }?.suggestion == .didYouMean("SBMI"))
        _ = try messy.db.mergeOrganisation("Serikat Buruh Migran Indonsia", into: "SBMI")
        _ = try messy.db.editOrganisation(
            "Yayasan Migran Sejahtra", OrganisationChanges(name: "Yayasan Migran Sejahtera", type: .civilSociety))
        _ = try clean.db.editOrganisation("Yayasan Migran Sejahtera", OrganisationChanges(type: .civilSociety))

        let after = try messy.db.statistics(StatsScope(), by: dimensions)
        #expect(after.participants == expected.participants)
        #expect(after.ministries == expected.ministries)
        #expect(after.organisations == expected.organisations)
        #expect(after.women == expected.women)
        for dimension in dimensions {
            #expect(after.breakdowns[dimension] == expected.breakdowns[dimension], "\(dimension)")
        }
        // The old spellings now find the organisation they were merged into.
        let kept = try messy.db.organisations().first { $0.organisation.acronym == "SBMI" }
        #expect(kept?.aliases.contains("Serikat Buruh Migran Indonsia") == true)
    }

    @Test("merge refusals: into itself, or a body into its own part; a dry run changes nothing")
    func mergeRefusals() throws {
        let test = try TestDatabase()
        try test.seed()
        #expect {
            try test.db.mergeOrganisation("Kemlu", into: "Kementerian Luar Negeri")
        } throws: { error in
            if case .invalidInput(let message) = error as? ConveneError { return message.contains("same organisation") }
            return false
        }
        #expect {
            try test.db.mergeOrganisation("Kemlu", into: "Direktorat Sosial Budaya dan OINB")
        } throws: { error in
            if case .invalidInput(let message) = error as? ConveneError { return message.contains("is part of") }
            return false
        }
        let organisations = try test.db.organisations().count
        let dry = try test.db.mergeOrganisation("Direktorat Sosial Budaya dan OINB", into: "SBMI", dryRun: true)
        #expect(dry.dryRun)
        #expect(try test.db.organisations().count == organisations)
    }

    @Test("edit refuses a parent that would make a loop, names the flag's subject, and keeps the rest")
    func editParentLoop() throws {
        let test = try TestDatabase()
        try test.seed()
        #expect {
            try test.db.editOrganisation("Kemlu", OrganisationChanges(parent: "Direktorat Sosial Budaya dan OINB"))
        } throws: { error in
            if case .invalidInput(let message) = error as? ConveneError {
                return message.contains("cannot be part of itself")
            }
            return false
        }
        let edited = try test.db.editOrganisation("SBMI", OrganisationChanges(type: .tradeUnion))
        #expect(edited.type == .tradeUnion && edited.acronym == "SBMI")
    }
}
