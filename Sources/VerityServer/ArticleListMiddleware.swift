import Foundation
import HTTPTypes
import OpenAPIRuntime
import VerityCore
import VerityServices

/// `GET /v1/projects/{p}/articles` written with `JSONWriter` instead of the generated Codable types.
/// A 100-item page spent most of its server time in Foundation's JSONEncoder (37 % of the server's CPU
/// under load), which held the list at a third to a half of what PostgreSQL serves of the same statements.
///
/// Only the plain form of the request is answered here: `limit` as digits and `cursor` in the
/// cursor's own alphabet, each at most once and nothing else in the query, no percent-escapes in the
/// project, and an Accept header that is absent or plainly JSON. Anything else goes on to the generated
/// handler, which parses and refuses exactly as the API document says. The body is the same JSON as
/// the generated `ArticlePage` (a test holds the two to each other); errors are thrown as the handler
/// would throw them, so they become the same problem responses.
struct ArticleListMiddleware: ServerMiddleware {
    let articles: ArticleService

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        guard operationID == "listArticles", let query = Self.plainQuery(request), Self.acceptsPlainJSON(request),
            let project = metadata.pathParameters["project"].map(String.init), !project.contains("%")
        else { return try await next(request, body, metadata) }
        let page = try await articles.list(project: project, user: try RequestIdentity.current(), cursor: query.cursor, limit: query.limit)
        var json = JSONWriter(capacity: 64 + 640 * page.items.count)
        Self.write(page, to: &json)
        var response = HTTPResponse(status: .ok)
        response.headerFields[.contentType] = "application/json; charset=utf-8"
        return (response, HTTPBody(json.take()))
    }

    /// `limit` and `cursor` from a query holding nothing else, in their plain forms; nil for anything else.
    static func plainQuery(_ request: HTTPRequest) -> (limit: Int?, cursor: String?)? {
        guard let path = request.path else { return nil }
        guard let mark = path.firstIndex(of: "?") else { return (nil, nil) }
        var limit: Int?
        var cursor: String?
        for item in path[path.index(after: mark)...].split(separator: "&", omittingEmptySubsequences: false) {
            guard let equals = item.firstIndex(of: "=") else { return nil }
            let (name, value) = (item[..<equals], item[item.index(after: equals)...])
            switch name {
            case "limit":
                guard limit == nil, (1...9).contains(value.utf8.count), value.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
                    let number = Int(value)
                else { return nil }
                limit = number
            case "cursor":
                guard cursor == nil, (1...128).contains(value.utf8.count), value.utf8.allSatisfy(isCursorByte) else { return nil }
                cursor = String(value)
            default:
                return nil
            }
        }
        return (limit, cursor)
    }

    /// Base64url and its padding: what `Cursor.encoded` writes.
    private static func isCursorByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
        case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "="): true
        default: false
        }
    }

    /// No Accept header, or one naming JSON or anything, with no parameters or alternatives.
    static func acceptsPlainJSON(_ request: HTTPRequest) -> Bool {
        let accepts = request.headerFields[values: .accept]
        return accepts.allSatisfy { ["application/json", "*/*", "application/*"].contains($0.trimmingCharacters(in: .whitespaces).lowercased()) }
    }

    /// The page as the generated `ArticlePage` encodes it: keys sorted, absent fields left out, dates as
    /// the API's date transcoder writes them.
    static func write(_ page: Page<ArticleSummary>, to json: inout JSONWriter) {
        json.beginObject()
        json.key("items")
        json.beginArray()
        for summary in page.items { write(summary, to: &json) }
        json.endArray()
        json.field("nextCursor", page.nextCursor)
        json.endObject()
    }

    /// One `ArticleSummary`, as `Components.Schemas.ArticleSummary` encodes it.
    static func write(_ summary: ArticleSummary, to json: inout JSONWriter) {
        let m = summary.metadata
        json.beginObject()
        json.field("author", m.author)
        json.field("authorAffiliation", m.authorAffiliation)
        json.field("codePoints", summary.codePoints)
        json.field("contentHash", summary.contentHash)
        json.field("createdAt", ResponseEncoding.dateString(summary.createdAt))
        json.field("externalId", m.externalId)
        json.field("id", summary.id.lowercasedString)
        json.field("language", m.language)
        json.field("projectId", summary.projectId.lowercasedString)
        json.field("publishedAt", m.publishedAt.map(ResponseEncoding.dateString))
        json.field("publisher", m.publisher)
        json.field("revision", summary.revision)
        json.field("section", m.section)
        json.field("spanCount", summary.spanCount)
        json.field("standfirst", m.standfirst)
        json.field("title", m.title)
        json.field("url", m.url)
        json.field("utf16Length", summary.utf16Length)
        json.endObject()
    }
}
