import Foundation
import NIOCore
import PostgresNIO
import VerityCore

/// A `timestamptz` exactly as PostgreSQL holds it: microseconds since 2000-01-01 UTC. PostgresNIO reads
/// a timestamp into a `Date` (a Double of seconds) and writes a `Date` back by truncation, so a value
/// read and written back can land a microsecond early — and a keyset cursor built that way skips every
/// row that shares the timestamp (a whole import batch does). Cursors carry this instead.
struct ExactTimestamp: PostgresEncodable, PostgresDecodable, Sendable, Equatable {
    /// Microseconds since 2000-01-01 00:00:00 UTC (PostgreSQL's epoch).
    var postgresMicroseconds: Int64

    /// Seconds between the Unix epoch and PostgreSQL's.
    static let epochOffsetMicroseconds: Int64 = 946_684_800 * 1_000_000

    init(postgresMicroseconds: Int64) { self.postgresMicroseconds = postgresMicroseconds }

    /// From microseconds since the Unix epoch (what cursors carry).
    init(unixMicroseconds: Int64) { postgresMicroseconds = unixMicroseconds - Self.epochOffsetMicroseconds }

    /// Microseconds since the Unix epoch.
    var unixMicroseconds: Int64 { postgresMicroseconds + Self.epochOffsetMicroseconds }

    /// The instant as PostgresNIO would have decoded it into a `Date` (the same arithmetic), so a row read
    /// once for both gives the `Date` callers always got.
    var date: Date {
        Date(timeInterval: Double(postgresMicroseconds) / 1_000_000, since: Date(timeIntervalSince1970: 946_684_800))
    }

    static var psqlType: PostgresDataType { .timestamptz }
    static var psqlFormat: PostgresFormat { .binary }

    func encode<JSONEncoder: PostgresJSONEncoder>(into byteBuffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>) {
        byteBuffer.writeInteger(postgresMicroseconds)
    }

    init<JSONDecoder: PostgresJSONDecoder>(
        from buffer: inout ByteBuffer, type: PostgresDataType, format: PostgresFormat, context: PostgresDecodingContext<JSONDecoder>
    ) throws {
        guard type == .timestamptz || type == .timestamp, format == .binary, buffer.readableBytes == 8, let value = buffer.readInteger(as: Int64.self)
        else { throw PostgresDecodingError.Code.typeMismatch }
        postgresMicroseconds = value
    }
}

extension Cursor {
    /// The cursor's instant, exactly.
    var exactCreatedAt: ExactTimestamp { ExactTimestamp(unixMicroseconds: createdMicroseconds) }
}

extension Page {
    /// A page from `limit + 1` rows read newest first by (created_at, id): the next cursor names the last
    /// kept row's exact timestamp and id.
    static func keyset(_ rows: [(item: Item, at: ExactTimestamp, id: UUID)], limit: Int) -> Page<Item> {
        let page = Page<(item: Item, at: ExactTimestamp, id: UUID)>(overfetched: rows, limit: limit) {
            Cursor(createdMicroseconds: $0.at.unixMicroseconds, id: $0.id).encoded
        }
        return Page(items: page.items.map(\.item), nextCursor: page.nextCursor)
    }
}
