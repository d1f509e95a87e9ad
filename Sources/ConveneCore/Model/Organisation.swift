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
