import Foundation

/// What a search may be narrowed to. Claim filters (status, rating, reviewer, tag) leave articles out.
package struct SearchFilters: Sendable, Equatable {
    package var status: ClaimStatus?
    package var rating: String?
    package var reviewer: String?
    package var tag: String?
    package var since: Date?
    package var until: Date?

    /// Creates filters.
    package init(
        status: ClaimStatus? = nil, rating: String? = nil, reviewer: String? = nil, tag: String? = nil, since: Date? = nil, until: Date? = nil
    ) {
        self.status = status
        self.rating = rating
        self.reviewer = reviewer
        self.tag = tag
        self.since = since
        self.until = until
    }

    /// Whether any filter only claims can satisfy is set.
    package var claimsOnly: Bool { status != nil || rating != nil || reviewer != nil || tag != nil }
}

/// One search result: an article (its title or text matched) or a claim (its quote, or a rationale the
/// searcher may see, matched).
package struct SearchHit: Sendable, Equatable {
    package enum Kind: String, Sendable, Equatable { case article, claim }

    package var kind: Kind
    package var articleId: UUID
    package var claimId: UUID?
    package var title: String?
    /// The best passages, HTML-escaped, matches wrapped in `<mark>…</mark>`.
    package var snippet: String
    package var rank: Double
    package var status: ClaimStatus?

    /// Creates a hit.
    package init(kind: Kind, articleId: UUID, claimId: UUID?, title: String?, snippet: String, rank: Double, status: ClaimStatus?) {
        self.kind = kind
        self.articleId = articleId
        self.claimId = claimId
        self.title = title
        self.snippet = snippet
        self.rank = rank
        self.status = status
    }

    /// The hit's position in the ranked order, for keyset pagination.
    package var position: SearchCursor { SearchCursor(rank: rank, kind: kind.rawValue, id: claimId ?? articleId) }
}

/// A position in ranked search results: rank (exact, by bit pattern), then kind, then id, all descending.
package struct SearchCursor: Sendable, Equatable {
    package var rank: Double
    package var kind: String
    package var id: UUID

    /// Creates a cursor.
    package init(rank: Double, kind: String, id: UUID) {
        self.rank = rank
        self.kind = kind
        self.id = id
    }

    /// The opaque form.
    package var encoded: String {
        Data("\(String(rank.bitPattern, radix: 16)):\(kind):\(id.uuidString.lowercased())".utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// Decodes a cursor this server issued.
    package init(encoded: String) throws {
        var base64 = encoded.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        let invalid = VerityError.validation(
            code: .paginationInvalidCursor, "The cursor is not valid.", [FieldError(path: "cursor", message: "use the nextCursor of a previous page")]
        )
        guard encoded.count <= 128, let data = Data(base64Encoded: base64), let string = String(data: data, encoding: .utf8) else { throw invalid }
        let parts = string.split(separator: ":")
        guard parts.count == 3, let bits = UInt64(parts[0], radix: 16), ["article", "claim"].contains(parts[1]),
            let id = UUID(uuidString: String(parts[2]))
        else { throw invalid }
        self.init(rank: Double(bitPattern: bits), kind: String(parts[1]), id: id)
    }
}
