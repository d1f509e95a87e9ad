import Foundation

extension StakeholderType {
    /// Reads a form's answer label, which is rarely one of our words: "International
    /// organisation / UN", "University / research institute", "Pemerintah Provinsi",
    /// "Sektor swasta". An exact spelling first, then each part of a label with slashes
    /// or brackets, then the words in it; nil when the words point two ways or nowhere.
    public static func interpret(_ text: String) -> StakeholderType? {
        if let value = lookup(text) { return value }
        let parts = text.split(whereSeparator: { "/()[],;|".contains($0) }).map(String.init)
        if parts.count > 1 {
            let found = Set(parts.compactMap { lookup($0) })
            if found.count == 1 { return found.first }
        }
        let padded = " " + CodedValueKey.make(text.replacingOccurrences(of: "/", with: " ")) + " "
        let found = Set(
            answerWords.compactMap { value, words in
                words.contains(where: { padded.contains(" \($0) ") }) ? value : nil
            })
        return found.count == 1 ? found.first : nil
    }

    /// Words in answer labels that say which group is meant.
    static let answerWords: [StakeholderType: [String]] = [
        .governmentNational: [
            "kementerian", "ministry", "pemerintah pusat", "national government", "central government",
        ],
        .governmentSubnational: [
            "pemerintah provinsi", "pemerintah kabupaten", "pemerintah kota", "pemerintah daerah", "pemprov", "pemkab",
            "pemkot", "pemda", "local government", "provincial government", "district government", "dinas",
        ],
        .unAgency: ["un", "pbb", "united nations", "international organisation", "international organization"],
        .civilSociety: [
            "lsm", "ngo", "cso", "civil society", "masyarakat sipil", "yayasan", "community", "komunitas", "ormas",
        ],
        .academia: ["university", "universitas", "research", "peneliti", "akademisi", "academic", "perguruan tinggi"],
        .privateSector: ["swasta", "private", "company", "perusahaan", "business", "bisnis"],
        .tradeUnion: ["serikat pekerja", "serikat buruh", "trade union", "labour union", "labor union"],
        .humanRightsInstitution: ["human rights institution", "komnas", "lembaga ham", "nhri"],
        .migrantOrDiaspora: ["migran", "migrant", "diaspora", "pmi", "returnee", "purna"],
        .media: ["media", "journalist", "jurnalis", "wartawan", "pers", "press"],
        .donor: ["donor", "development partner", "mitra pembangunan"],
    ]
}
