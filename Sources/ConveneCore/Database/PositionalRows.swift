import Foundation
import GRDB

// MARK: - Rows read by column position
// GRDB's record and row fetches wrap the statement in a `Row`, which builds a dictionary of
// the statement's lowercased column names on every fetch, and a record then finds each
// column by name. For a lookup made once per import row that is most of the lookup:
// matching a sign-in sheet's person by e-mail took 77,600 instructions, 33,000 of them the
// participant's decoding by name and 10,500 the dictionary (callgrind). The lookups every
// row makes read their columns by position instead, from SQL that names them in order.

/// The current row of a statement, read by column position.
struct PositionalRow {
    let statement: SQLiteStatement

    /// The value in column `index` (0-based), NULL included.
    func value(_ index: Int) -> DatabaseValue {
        DatabaseValue(sqliteStatement: statement, index: CInt(index))
    }

    func decode<Value: DatabaseValueConvertible>(_ index: Int, as type: Value.Type = Value.self) throws -> Value {
        let value = value(index)
        guard let decoded = Value.fromDatabaseValue(value) else { throw unreadable(index, value, Value.self) }
        return decoded
    }

    func decode<Value: DatabaseValueConvertible>(_ index: Int, as type: Value?.Type = Value?.self) throws -> Value? {
        let value = value(index)
        if value.isNull { return nil }
        guard let decoded = Value.fromDatabaseValue(value) else { throw unreadable(index, value, Value.self) }
        return decoded
    }

    /// A stored instant: the spelling `StoredDate.text` writes, else whatever GRDB reads as a date.
    func date(_ index: Int) throws -> Date {
        let value = value(index)
        if case .string(let text) = value.storage, let date = StoredDate.date(text) { return date }
        guard let date = Date.fromDatabaseValue(value) else { throw unreadable(index, value, Date.self) }
        return date
    }

    func date(_ index: Int) throws -> Date? {
        value(index).isNull ? nil : try date(index) as Date
    }

    /// The error names the column and the type, not the value: it may be someone's name.
    private func unreadable(_ index: Int, _ value: DatabaseValue, _ type: Any.Type) -> DatabaseError {
        DatabaseError(
            resultCode: .SQLITE_MISMATCH, message: "column \(index + 1) holds a value that cannot be read as \(type)")
    }
}

/// A cursor over a statement's rows, each made by `make` from the columns by position.
final class PositionalCursor<Element>: DatabaseCursor {
    var _isDone = false
    let _statement: Statement
    private let make: (PositionalRow) throws -> Element

    init(_ statement: Statement, arguments: StatementArguments, make: @escaping (PositionalRow) throws -> Element)
        throws
    {
        _statement = statement
        self.make = make
        try statement.setArguments(arguments)
    }

    func _element(sqliteStatement: SQLiteStatement) throws -> Element {
        try make(PositionalRow(statement: sqliteStatement))
    }
}

extension Statement {
    /// Every row the statement returns, each made by `make` from its columns by position.
    /// The statement runs to its end, so it holds no read open afterwards.
    func fetchAll<Element>(arguments: StatementArguments, byPosition make: (PositionalRow) throws -> Element)
        throws -> [Element]
    {
        try withoutActuallyEscaping(make) { make in
            var rows: [Element] = []
            try PositionalCursor(self, arguments: arguments, make: make).forEach { rows.append($0) }
            return rows
        }
    }

    /// The first row the statement returns, read by position; for statements that return at
    /// most one row (a unique key), since it steps through all of them.
    func fetchFirst<Element>(arguments: StatementArguments, byPosition make: (PositionalRow) throws -> Element)
        throws -> Element?
    {
        try withoutActuallyEscaping(make) { make in
            var first: Element?
            try PositionalCursor(self, arguments: arguments, make: make).forEach { row in
                if first == nil { first = row }
            }
            return first
        }
    }
}
