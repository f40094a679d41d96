import AsyncAlgorithms
import Foundation
import HTTPTypes
import Hummingbird
import VerityCore
import VerityServices

/// `GET /v1/projects/{project}/export` (openapi.yaml, tag `exports`). Served by Hummingbird rather than
/// generated code: the export is raw bytes in media types the generator would decode as JSON. The body
/// is written as the client reads it (the writer suspends), so memory stays flat; if the client goes
/// away, the next write fails, which rolls back the snapshot transaction. An export holds a pooled
/// connection and a snapshot while it runs, so the number running at once is bounded per process and per
/// user (429 beyond), and one whose client has not taken the next piece within `writeTimeout` is ended.
struct ExportRoute {
    let projects: ProjectService
    let exports: ExportService
    let limiter: StreamLimiter
    let writeTimeout: Duration

    func register<Context: RequestContext>(on router: Router<Context>) {
        router.get("/v1/projects/:project/export") { request, context -> Response in
            // The access gate has authenticated the caller and checked they may read the project.
            let user = try RequestIdentity.current()
            let project = try context.parameters.require("project")
            var errors: [FieldError] = []
            let format = request.uri.queryParameters["format"].map(String.init).flatMap(ExportFormat.init(rawValue:))
            if format == nil {
                errors.append(FieldError(path: "format", message: "one of " + ExportFormat.allCases.map(\.rawValue).joined(separator: ", ")))
            }
            let selection = request.uri.queryParameters["status"].map(String.init).map { ExportSelection(rawValue: $0) } ?? .verified
            if selection == nil { errors.append(FieldError(path: "status", message: "one of verified, agreed, all")) }
            var since: Date?
            if let value = request.uri.queryParameters["since"].map(String.init) {
                since = ArticleRecord.parseDate(value)
                if since == nil { errors.append(FieldError(path: "since", message: "an ISO 8601 date or date-time")) }
            }
            var includeGold = false
            if let value = request.uri.queryParameters["includeGold"].map(String.init) {
                switch value {
                case "true": includeGold = true
                case "false": includeGold = false
                default: errors.append(FieldError(path: "includeGold", message: "true or false"))
                }
            }
            guard errors.isEmpty, let format, let selection else {
                throw VerityError.validation(code: .exportInvalidRequest, "The export request is not valid.", errors)
            }
            // Answer 403/404 before the 200 is committed; inside the stream it would be too late.
            let found = try await projects.authorize(project, actor: .user(user), .readProject)
            _ = try ExportService.reviewURLTemplate(for: found, format: format, given: nil)
            let slot = try limiter.acquire(for: user.id)
            let (exports, writeTimeout) = (self.exports, self.writeTimeout)
            let changedSince = since
            let withGold = includeGold
            let body = ResponseBody { writer in
                defer { slot.release() }
                // The export runs in a task of its own (the database guards its units of work that way), so its
                // pieces come over a channel that holds at most one: the client's pace limits the export's.
                let pieces = AsyncThrowingChannel<String, any Error>()
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        do {
                            try await exports.export(
                                project: project, actor: .user(user), format: format, selection: selection, since: changedSince,
                                organization: nil, organizationURL: nil, reviewURLTemplate: nil, includeGold: withGold
                            ) { piece in
                                await pieces.send(piece)
                                try Task.checkCancellation()
                            }
                            pieces.finish()
                        } catch {
                            pieces.fail(error)
                        }
                    }
                    // A client that stops reading would hold the connection and the snapshot for ever.
                    let output = DeadlineWriter(writer, limit: writeTimeout)
                    do {
                        for try await piece in pieces { try await output.write(piece) }
                        try await group.waitForAll()
                    } catch {
                        group.cancelAll()
                        pieces.fail(error)
                        throw error
                    }
                }
                try await writer.finish(nil)
            }
            var headers = HTTPFields()
            headers[.contentType] = format.mediaType
            return Response(status: .ok, headers: headers, body: body)
        }
    }
}
