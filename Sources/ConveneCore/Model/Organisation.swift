import Foundation
import GRDB

/// A ministry, directorate, agency or group that participants come from. A directorate
/// has its ministry as parent, so counts can roll up to top-level ministries.
public struct Organisation: Identifiable, Hashable, Sendable {
    public var id: String
    public var name: String
    public var acronym: String?
    public var type: OrganisationType
    public var parentId: String?
    public var createdAt: Date
    /// The built-in directory entry this organisation is, when it is one.
    public var directoryKey: String?
    /// Who brought it in: typed by a user, created by an import, or taken from the directory.
    public var origin: Origin
    /// When `org review` last showed it; nil for an import's organisation nobody has looked at.
    public var reviewedAt: Date?
    /// For a regional office or a local government: its province.
    public var province: String?

    public enum Origin: String, Codable, Sendable, DatabaseValueConvertible {
        case user, `import`, directory
    }

    public init(
        id: String = RecordID.make(), name: String, acronym: String? = nil, type: OrganisationType,
        parentId: String? = nil, createdAt: Date = Date(), directoryKey: String? = nil, origin: Origin = .user,
        province: String? = nil
    ) {
        self.id = id
        self.name = name
        self.acronym = acronym
        self.type = type
        self.parentId = parentId
        self.createdAt = createdAt
        self.directoryKey = directoryKey
        self.origin = origin
        self.reviewedAt = nil
        self.province = province
    }

    /// The acronym where there is one, else the name: what tables show.
    public var shortName: String { acronym ?? name }

    /// The organisation as it was named on `date`, for the documents of an event then:
    /// KP2MI is BP2MI at a meeting of January 2024. A row the user renamed keeps its name.
    public func named(on date: CalendarDate) -> Organisation {
        // From the embedded history, which Scripts/generate_embedded.py walks as
        // Directory.entry(_:on:) does: decoding the directory for it was 11M instructions of
        // the minutes of a meeting with BP2MI.
        guard let directoryKey, let history = EmbeddedData.directoryNameHistory[directoryKey], name == history.name
        else { return self }
        var then: (name: String, acronym: String?)?
        for earlier in history.earlier {
            guard let until = CalendarDate(iso: earlier.until), date < until else { break }
            then = (earlier.name, earlier.acronym)
        }
        guard let then else { return self }
        var named = self
        named.name = then.name
        named.acronym = then.acronym
        return named
    }

    /// "Kementerian Luar Negeri (Kemlu)"; the name alone when there is no other acronym.
    public var displayName: String { Self.displayName(name: name, acronym: acronym) }

    static func displayName(name: String, acronym: String?) -> String {
        guard let acronym, acronym.caseInsensitiveCompare(name) != .orderedSame else { return name }
        return "\(name) (\(acronym))"
    }
}

extension Organisation: Codable, FetchableRecord, PersistableRecord, StoredDateDecoding {
    /// Named here: GRDB would otherwise derive it from the type name at run time.
    public static let databaseTableName = "organisation"

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let name = Column(CodingKeys.name)
        public static let acronym = Column(CodingKeys.acronym)
        public static let type = Column(CodingKeys.type)
        public static let parentId = Column(CodingKeys.parentId)
        public static let directoryKey = Column(CodingKeys.directoryKey)
        public static let origin = Column(CodingKeys.origin)
        public static let reviewedAt = Column(CodingKeys.reviewedAt)
    }

    static let parentForeignKey = ForeignKey([Columns.parentId])
    static let parent = belongsTo(Organisation.self, key: "parent", using: parentForeignKey)
}

/// Another spelling or a chapter of an organisation ("SBMI NTB" for SBMI).
public struct OrganisationAlias: Identifiable, Hashable, Sendable, Codable, FetchableRecord, PersistableRecord {
    /// Named here: GRDB would otherwise derive it from the type name at run time.
    public static let databaseTableName = "organisationAlias"

    public var id: String
    public var organisationId: String
    public var alias: String

    public init(id: String = RecordID.make(), organisationId: String, alias: String) {
        self.id = id
        self.organisationId = organisationId
        self.alias = alias
    }

    public enum Columns {
        public static let organisationId = Column(CodingKeys.organisationId)
        public static let alias = Column(CodingKeys.alias)
    }
}

/// Primary keys are lower-case UUID text, so databases kept at separate venues can be merged.
public enum RecordID {
    /// A random (version 4) UUID: for records whose id people read and type (its first 8
    /// characters), which must differ between records made in the same minute.
    public static func make() -> String {
        // From the C library's user-space generator: `UUID()` reads /dev/urandom on every
        // call, which an import of a million rows feels.
        var bytes = (UInt64(0), UInt64(0))
        withUnsafeMutableBytes(of: &bytes) { arc4random_buf($0.baseAddress!, $0.count) }
        return withUnsafeMutableBytes(of: &bytes) { raw in
            raw[6] = (raw[6] & 0x0F) | 0x40  // version 4
            raw[8] = (raw[8] & 0x3F) | 0x80  // RFC 9562 variant
            return text(raw)
        }
    }

    /// A time-ordered (version 7, RFC 9562) UUID: the Unix time in milliseconds, then 74
    /// random bits. For the rows written by the hundred thousand that nobody refers to by id
    /// (marks, registrations): ids made one after another sort next to each other, so each
    /// insert lands on the index page the previous one touched instead of a random page of a
    /// large index. Still a UUID, unique across venues.
    public static func timeOrdered(at date: Date = Date()) -> String {
        let milliseconds = UInt64(max(0, date.timeIntervalSince1970 * 1000))
        var bytes = (UInt64(0), UInt64(0))
        withUnsafeMutableBytes(of: &bytes) { arc4random_buf($0.baseAddress!, $0.count) }
        return withUnsafeMutableBytes(of: &bytes) { raw in
            for index in 0..<6 { raw[index] = UInt8(truncatingIfNeeded: milliseconds >> (8 * (5 - index))) }
            raw[6] = (raw[6] & 0x0F) | 0x70  // version 7
            raw[8] = (raw[8] & 0x3F) | 0x80  // RFC 9562 variant
            return text(raw)
        }
    }

    /// The 16 bytes as 8-4-4-4-12 lower-case hex.
    private static func text(_ raw: UnsafeMutableRawBufferPointer) -> String {
        String(unsafeUninitializedCapacity: 36) { text in
            let hex: StaticString = "0123456789abcdef"
            var position = 0
            for index in 0..<16 {
                if index == 4 || index == 6 || index == 8 || index == 10 {
                    text[position] = UInt8(ascii: "-")
                    position += 1
                }
                let byte = raw[index]
                text[position] = hex.utf8Start[Int(byte >> 4)]
                text[position + 1] = hex.utf8Start[Int(byte & 0x0F)]
                position += 2
            }
            return position
        }
    }

    /// The first 8 characters: what users see and type.
    public static func short(_ id: String) -> String { String(id.prefix(8)) }
}
