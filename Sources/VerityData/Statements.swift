import Logging
import NIOCore
import PostgresNIO

/// VerityData's typed statements follow PostgresNIO's `PostgresPreparedStatement`: one type per statement,
/// holding its SQL, its bindings (the type's stored properties) and how a row becomes a value. PostgresNIO
/// prepares each once per connection (by the type's name) and afterwards sends only Bind/Execute, so the
/// hot paths — authentication, GET article, list pages, claim and verdict writes, the queue — skip
/// PostgreSQL's parse and plan on every request. Rows are read by position with `RowReader`, never by
/// column-name lookups.
extension DatabaseConnection {
    /// Runs a prepared statement and collects its rows.
    func all<Statement: PostgresPreparedStatement>(_ statement: Statement, logger: Logger) async throws -> [Statement.Row] {
        counter.count()
        var rows: [Statement.Row] = []
        for try await row in try await raw.execute(statement, logger: logger) { rows.append(row) }
        return rows
    }

    /// Runs a prepared statement and returns its first row, if any (the rest, if any, are drained).
    func first<Statement: PostgresPreparedStatement>(_ statement: Statement, logger: Logger) async throws -> Statement.Row? {
        counter.count()
        var first: Statement.Row?
        for try await row in try await raw.execute(statement, logger: logger) where first == nil { first = row }
        return first
    }
}

/// Reads a row's cells in order: what a typed statement's `decodeRow` uses, so a row is decoded by
/// position in one pass, the order fixed by the statement's own SELECT list.
struct RowReader {
    private var cells: PostgresRow.Iterator

    init(_ row: PostgresRow) { cells = row.makeIterator() }

    /// The next cell, decoded.
    mutating func next<Value: PostgresDecodable>(_ type: Value.Type = Value.self) throws -> Value {
        guard let cell = cells.next() else { throw RowShapeError() }
        return try cell.decode(Value.self)
    }

    /// Skips cells the caller does not need.
    mutating func skip(_ count: Int = 1) {
        for _ in 0..<count { _ = cells.next() }
    }
}

/// A row with fewer cells than its statement's SELECT list: a programming error, reported as such.
struct RowShapeError: Error, CustomStringConvertible {
    let description = "A row has fewer columns than its statement selects."
}

/// A `text[]` parameter whose elements may be NULL, sent in binary. PostgresNIO's arrays cannot hold a
/// NULL element, and spelling NULL as "" would turn a real empty string into NULL: a statement that
/// writes rows from parallel arrays (`unnest`) casts these cells to the column's type in SQL, exactly as
/// COPY's text format would read them.
struct NullableTexts: PostgresNonThrowingEncodable {
    static var psqlType: PostgresDataType { .textArray }
    static var psqlFormat: PostgresFormat { .binary }

    var elements: [String?]

    init(_ elements: [String?]) { self.elements = elements }

    func encode<JSONEncoder: PostgresJSONEncoder>(into buffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>) {
        // The array's header: dimensions (0 when empty), whether any element is NULL, the element type.
        buffer.writeInteger(elements.isEmpty ? 0 : 1, as: Int32.self)
        buffer.writeInteger(elements.contains(nil) ? 1 : 0, as: Int32.self)
        buffer.writeInteger(PostgresDataType.text.rawValue)
        guard !elements.isEmpty else { return }
        // One dimension: its length and lower bound, then each element as its length (-1 for NULL) and bytes.
        buffer.writeInteger(Int32(elements.count))
        buffer.writeInteger(1, as: Int32.self)
        for element in elements {
            guard let element else {
                buffer.writeInteger(-1, as: Int32.self)
                continue
            }
            buffer.writeInteger(Int32(element.utf8.count))
            buffer.writeString(element)
        }
    }
}
