/// Turns a document's context into what swift-mustache renders: text, flags, numbers,
/// arrays, `Scope` tables of named values, and `Absent` for a property that is nil.
///
/// The context structs are `Encodable`, so the compiler writes out each one's properties
/// and this encoder only files them. Reading them with `Mirror` instead looked up every
/// field's type by its mangled name, in every line of a 200-person annex: that was a tenth
/// of `minutes`.
enum ContextEncoder {
    static func read<Value: Encodable>(_ value: Value) throws -> Any {
        let slot = Slot()
        try value.encode(to: Writer(slot: slot, codingPath: []))
        return slot.node.resolved()
    }

    /// What one value was written as. Tables and lists are filled in after they are handed
    /// out (that is how `Encoder` works), so they are read only when the whole tree is done.
    fileprivate enum Node {
        /// Text, a flag, a number or `Absent`.
        case value(Any)
        case table(Table)
        case list(List)
        /// What a super encoder wrote.
        case slot(Slot)

        func resolved() -> Any {
            switch self {
            case .value(let value): value
            case .table(let table): Scope(properties: table.entries.mapValues { $0.resolved() }, misses: nil)
            case .list(let list): list.items.map { $0.resolved() }
            case .slot(let slot): slot.node.resolved()
            }
        }
    }

    fileprivate final class Slot {
        var node = Node.value(Absent())
    }

    fileprivate final class Table {
        var entries: [String: Node] = [:]
    }

    fileprivate final class List {
        var items: [Node] = []
    }

    fileprivate struct Writer: Encoder {
        let slot: Slot
        let codingPath: [any CodingKey]
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            // A type that asks twice (a superclass and its subclass) writes into one table.
            let table: Table
            if case .table(let existing) = slot.node { table = existing } else { table = Table() }
            slot.node = .table(table)
            return KeyedEncodingContainer(Keyed(table: table, codingPath: codingPath))
        }

        func unkeyedContainer() -> any UnkeyedEncodingContainer {
            let list: List
            if case .list(let existing) = slot.node { list = existing } else { list = List() }
            slot.node = .list(list)
            return Unkeyed(list: list, codingPath: codingPath)
        }

        func singleValueContainer() -> any SingleValueEncodingContainer {
            Single(slot: slot, codingPath: codingPath)
        }
    }

    /// A value that is not text, a flag or a number (those have their own methods), written
    /// by its own `encode(to:)`.
    fileprivate static func node<Value: Encodable>(_ value: Value, at codingPath: [any CodingKey]) throws -> Node {
        let slot = Slot()
        try value.encode(to: Writer(slot: slot, codingPath: codingPath))
        return slot.node
    }

    /// Integers of every width as `Int` (what the templates' transforms, `{{plusone(number)}}`,
    /// know); one too large for it (never in a document) as its digits.
    fileprivate static func integer<Value: BinaryInteger>(_ value: Value) -> Node {
        if let number = Int(exactly: value) { return .value(number) }
        return .value(String(value))
    }

    fileprivate struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let table: Table
        let codingPath: [any CodingKey]

        private func put(_ node: Node, _ key: Key) {
            table.entries[key.stringValue] = node
        }

        mutating func encodeNil(forKey key: Key) throws { put(.value(Absent()), key) }
        mutating func encode(_ value: Bool, forKey key: Key) throws { put(.value(value), key) }
        mutating func encode(_ value: String, forKey key: Key) throws { put(.value(value), key) }
        mutating func encode(_ value: Double, forKey key: Key) throws { put(.value(value), key) }
        mutating func encode(_ value: Float, forKey key: Key) throws { put(.value(Double(value)), key) }
        mutating func encode(_ value: Int, forKey key: Key) throws { put(.value(value), key) }
        mutating func encode(_ value: Int8, forKey key: Key) throws { put(ContextEncoder.integer(value), key) }
        mutating func encode(_ value: Int16, forKey key: Key) throws { put(ContextEncoder.integer(value), key) }
        mutating func encode(_ value: Int32, forKey key: Key) throws { put(ContextEncoder.integer(value), key) }
        mutating func encode(_ value: Int64, forKey key: Key) throws { put(ContextEncoder.integer(value), key) }
        mutating func encode(_ value: UInt, forKey key: Key) throws { put(ContextEncoder.integer(value), key) }
        mutating func encode(_ value: UInt8, forKey key: Key) throws { put(ContextEncoder.integer(value), key) }
        mutating func encode(_ value: UInt16, forKey key: Key) throws { put(ContextEncoder.integer(value), key) }
        mutating func encode(_ value: UInt32, forKey key: Key) throws { put(ContextEncoder.integer(value), key) }
        mutating func encode(_ value: UInt64, forKey key: Key) throws { put(ContextEncoder.integer(value), key) }
        mutating func encode<Value: Encodable>(_ value: Value, forKey key: Key) throws {
            put(try ContextEncoder.node(value, at: codingPath + [key]), key)
        }

        // The compiler writes an optional property with `encodeIfPresent`, whose default skips
        // nil: here nil is filed as `Absent`, so the template sees a property that is empty,
        // not one that does not exist.
        mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws {
            if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
        }
        mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws {
            if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
        }
        mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws {
            if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
        }
        mutating func encodeIfPresent(_ value: Float?, forKey key: Key) throws {
            if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
        }
        mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws {
            if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
        }
        mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) throws {
            if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
        }
        mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) throws {
            if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
        }
        mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws {
            if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
        }
        mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws {
            if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
        }
        mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) throws {
            if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
        }
        mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws {
            if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
        }
        mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws {
            if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
        }
        mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws {
            if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
        }
        mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws {
            if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
        }
        mutating func encodeIfPresent<Value: Encodable>(_ value: Value?, forKey key: Key) throws {
            if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
        }

        mutating func nestedContainer<NestedKey: CodingKey>(
            keyedBy keyType: NestedKey.Type, forKey key: Key
        ) -> KeyedEncodingContainer<NestedKey> {
            let nested = Table()
            put(.table(nested), key)
            return KeyedEncodingContainer(Keyed<NestedKey>(table: nested, codingPath: codingPath + [key]))
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            let nested = List()
            put(.list(nested), key)
            return Unkeyed(list: nested, codingPath: codingPath + [key])
        }

        mutating func superEncoder() -> any Encoder {
            let slot = Slot()
            table.entries["super"] = .slot(slot)
            return Writer(slot: slot, codingPath: codingPath)
        }

        mutating func superEncoder(forKey key: Key) -> any Encoder {
            let slot = Slot()
            put(.slot(slot), key)
            return Writer(slot: slot, codingPath: codingPath + [key])
        }
    }

    fileprivate struct Unkeyed: UnkeyedEncodingContainer {
        let list: List
        let codingPath: [any CodingKey]
        var count: Int { list.items.count }

        mutating func encodeNil() throws { list.items.append(.value(Absent())) }
        mutating func encode(_ value: Bool) throws { list.items.append(.value(value)) }
        mutating func encode(_ value: String) throws { list.items.append(.value(value)) }
        mutating func encode(_ value: Double) throws { list.items.append(.value(value)) }
        mutating func encode(_ value: Float) throws { list.items.append(.value(Double(value))) }
        mutating func encode(_ value: Int) throws { list.items.append(.value(value)) }
        mutating func encode(_ value: Int8) throws { list.items.append(ContextEncoder.integer(value)) }
        mutating func encode(_ value: Int16) throws { list.items.append(ContextEncoder.integer(value)) }
        mutating func encode(_ value: Int32) throws { list.items.append(ContextEncoder.integer(value)) }
        mutating func encode(_ value: Int64) throws { list.items.append(ContextEncoder.integer(value)) }
        mutating func encode(_ value: UInt) throws { list.items.append(ContextEncoder.integer(value)) }
        mutating func encode(_ value: UInt8) throws { list.items.append(ContextEncoder.integer(value)) }
        mutating func encode(_ value: UInt16) throws { list.items.append(ContextEncoder.integer(value)) }
        mutating func encode(_ value: UInt32) throws { list.items.append(ContextEncoder.integer(value)) }
        mutating func encode(_ value: UInt64) throws { list.items.append(ContextEncoder.integer(value)) }
        mutating func encode<Value: Encodable>(_ value: Value) throws {
            list.items.append(try ContextEncoder.node(value, at: codingPath))
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
            -> KeyedEncodingContainer<NestedKey>
        {
            let nested = Table()
            list.items.append(.table(nested))
            return KeyedEncodingContainer(Keyed<NestedKey>(table: nested, codingPath: codingPath))
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            let nested = List()
            list.items.append(.list(nested))
            return Unkeyed(list: nested, codingPath: codingPath)
        }

        mutating func superEncoder() -> any Encoder {
            let slot = Slot()
            list.items.append(.slot(slot))
            return Writer(slot: slot, codingPath: codingPath)
        }
    }

    fileprivate struct Single: SingleValueEncodingContainer {
        let slot: Slot
        let codingPath: [any CodingKey]

        mutating func encodeNil() throws { slot.node = .value(Absent()) }
        mutating func encode(_ value: Bool) throws { slot.node = .value(value) }
        mutating func encode(_ value: String) throws { slot.node = .value(value) }
        mutating func encode(_ value: Double) throws { slot.node = .value(value) }
        mutating func encode(_ value: Float) throws { slot.node = .value(Double(value)) }
        mutating func encode(_ value: Int) throws { slot.node = .value(value) }
        mutating func encode(_ value: Int8) throws { slot.node = ContextEncoder.integer(value) }
        mutating func encode(_ value: Int16) throws { slot.node = ContextEncoder.integer(value) }
        mutating func encode(_ value: Int32) throws { slot.node = ContextEncoder.integer(value) }
        mutating func encode(_ value: Int64) throws { slot.node = ContextEncoder.integer(value) }
        mutating func encode(_ value: UInt) throws { slot.node = ContextEncoder.integer(value) }
        mutating func encode(_ value: UInt8) throws { slot.node = ContextEncoder.integer(value) }
        mutating func encode(_ value: UInt16) throws { slot.node = ContextEncoder.integer(value) }
        mutating func encode(_ value: UInt32) throws { slot.node = ContextEncoder.integer(value) }
        mutating func encode(_ value: UInt64) throws { slot.node = ContextEncoder.integer(value) }
        mutating func encode<Value: Encodable>(_ value: Value) throws {
            slot.node = try ContextEncoder.node(value, at: codingPath)
        }
    }
}
