import Foundation
import GRDB

/// A person who registers for or attends events. Name, email, phone and position
/// are personal data: they appear in rosters the user asks for, never in statistics.
public struct Participant: Identifiable, Hashable, Sendable {
    public var id: String
    public var fullName: String { didSet { nameKey = Self.nameKey(for: fullName) } }
    /// The name folded for matching ("SITI AMINAH", "Siti  Aminah" → "siti aminah"); empty once erased.
    public private(set) var nameKey: String
    public var gender: Gender
    /// Nil when not recorded; statistics show it as "unknown".
    public var stakeholderType: StakeholderType?
    public var organisationId: String?
    public var position: String?
    /// Lower-cased; unique when present.
    public var email: String?
    /// E.164 (`+62…`) when it could be normalised, else as typed.
    public var phone: String?
    public var province: String?
    public var birthYear: Int?
    public var disability: DisabilityStatus
    /// Consent to use the data, from the registration form; nil when not asked.
    public var dataUseConsent: Bool?
    public var createdAt: Date
    public var updatedAt: Date
    /// When the person's identifying data was erased; nil while it is held.
    public var erasedAt: Date?

    public init(
        id: String = RecordID.make(), fullName: String, gender: Gender = .undisclosed,
        stakeholderType: StakeholderType? = nil, organisationId: String? = nil, position: String? = nil,
        email: String? = nil, phone: String? = nil, province: String? = nil, birthYear: Int? = nil,
        disability: DisabilityStatus = .undisclosed, dataUseConsent: Bool? = nil, createdAt: Date = Date()
    ) {
        self.init(
            id: id, fullName: fullName, nameKey: Self.nameKey(for: fullName), gender: gender,
            stakeholderType: stakeholderType, organisationId: organisationId, position: position, email: email,
            phone: phone, province: province, birthYear: birthYear, disability: disability,
            dataUseConsent: dataUseConsent, createdAt: createdAt)
    }

    /// The same, with the name's key already worked out (`nameKey(for: fullName)`), as an import has it.
    init(
        id: String = RecordID.make(), fullName: String, nameKey: String, gender: Gender = .undisclosed,
        stakeholderType: StakeholderType? = nil, organisationId: String? = nil, position: String? = nil,
        email: String? = nil, phone: String? = nil, province: String? = nil, birthYear: Int? = nil,
        disability: DisabilityStatus = .undisclosed, dataUseConsent: Bool? = nil, createdAt: Date = Date()
    ) {
        self.id = id
        self.fullName = fullName
        self.nameKey = nameKey
        self.gender = gender
        self.stakeholderType = stakeholderType
        self.organisationId = organisationId
        self.position = position
        self.email = email
        self.phone = phone
        self.province = province
        self.birthYear = birthYear
        self.disability = disability
        self.dataUseConsent = dataUseConsent
        self.createdAt = createdAt
        self.updatedAt = createdAt
        self.erasedAt = nil
    }

    /// What an erased participant is called in rosters.
    public static let erasedName = "(erased)"

    public var shortId: String { RecordID.short(id) }

    /// How a name is compared when people are matched: case, accents and punctuation folded,
    /// and the titles Indonesian forms add left out — honorifics in front ("Dr.", "Ir.",
    /// "Hj.", "Bapak") and degrees after a comma ("Nurul Hidayah, M.Si.").
    public static func nameKey(for name: String) -> String {
        guard name != erasedName else { return "" }
        // Degrees come after a comma ("Nurul Hidayah, M.Si."): the key is the part before it.
        // The comma is found as a byte, which in UTF-8 is never part of another character.
        let comma = name.utf8.firstIndex(of: UInt8(ascii: ","))
        let beforeComma = CodedValueKey.make(comma.map { String(name[..<$0]) } ?? name)
        // A folded key is its words one space apart: titles are taken off the front while
        // another word follows.
        var key = Substring(beforeComma)
        while let space = key.utf8.firstIndex(of: UInt8(ascii: " ")), honorifics.contains(String(key[..<space])) {
            key = key[key.utf8.index(after: space)...]
        }
        if !key.isEmpty { return String(key) }
        return comma == nil ? "" : CodedValueKey.make(name)
    }

    static let honorifics: Set<String> = [
        "dr", "drs", "dra", "ir", "prof", "h", "hj", "kh", "bapak", "bpk", "ibu", "mr", "mrs", "ms", "mx", "sdr",
        "sdri", "pak", "bu",
    ]
}

extension Participant {
    /// Reads a stored row column by column. GRDB's Codable decoding goes through a keyed
    /// container per row, which profiles of imports and reports showed as a tenth of their
    /// time; `RowDecodingTests` checks every column against a row written through the record.
    public init(row: Row) throws {
        id = try row.decode(forColumn: "id")
        fullName = try row.decode(forColumn: "fullName")
        nameKey = try row.decode(forColumn: "nameKey")
        gender = try row.decode(forColumn: "gender")
        stakeholderType = try row.decode(forColumn: "stakeholderType")
        organisationId = try row.decode(forColumn: "organisationId")
        position = try row.decode(forColumn: "position")
        email = try row.decode(forColumn: "email")
        phone = try row.decode(forColumn: "phone")
        province = try row.decode(forColumn: "province")
        birthYear = try row.decode(forColumn: "birthYear")
        disability = try row.decode(forColumn: "disability")
        dataUseConsent = try row.decode(forColumn: "dataUseConsent")
        createdAt = try row.storedDate(forColumn: "createdAt")
        updatedAt = try row.storedDate(forColumn: "updatedAt")
        erasedAt = try row.storedDate(forColumn: "erasedAt")
    }
}

extension Participant {
    /// The stored columns in the order `init(byPosition:)` reads them.
    static let columnsInOrder = """
        id, fullName, nameKey, gender, stakeholderType, organisationId, position, email, phone, province, birthYear, \
        disability, dataUseConsent, createdAt, updatedAt, erasedAt
        """

    /// Reads a row of `SELECT \(columnsInOrder)` by position (see `PositionalRow`);
    /// `RowDecodingTests` checks it reads what `init(row:)` reads.
    init(byPosition row: PositionalRow) throws {
        id = try row.decode(0)
        fullName = try row.decode(1)
        nameKey = try row.decode(2)
        gender = try row.decode(3)
        stakeholderType = try row.decode(4)
        organisationId = try row.decode(5)
        position = try row.decode(6)
        email = try row.decode(7)
        phone = try row.decode(8)
        province = try row.decode(9)
        birthYear = try row.decode(10)
        disability = try row.decode(11)
        dataUseConsent = try row.decode(12)
        createdAt = try row.date(13)
        updatedAt = try row.date(14)
        erasedAt = try row.date(15)
    }
}

extension Participant: Codable, FetchableRecord, PersistableRecord {
    /// Named here: GRDB would otherwise derive it from the type name at run time.
    public static let databaseTableName = "participant"

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let fullName = Column(CodingKeys.fullName)
        public static let nameKey = Column(CodingKeys.nameKey)
        public static let gender = Column(CodingKeys.gender)
        public static let stakeholderType = Column(CodingKeys.stakeholderType)
        public static let organisationId = Column(CodingKeys.organisationId)
        public static let email = Column(CodingKeys.email)
        public static let phone = Column(CodingKeys.phone)
    }

    static let organisation = belongsTo(Organisation.self)
    static let registrations = hasMany(Registration.self)
    static let attendances = hasMany(Attendance.self)
}
