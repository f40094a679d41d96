import AsyncAlgorithms
import Foundation
import HTTPTypes
import Hummingbird
import VerityCore
import VerityData
import VerityServices

/// `GET /v1/projects/{project}/export` (openapi.yaml, tag `exports`). Served by Hummingbird rather than
/// generated code: the export is raw bytes in media types the generator would decode as JSON. The body
/// is written as the client reads it (the writer suspends), so memory stays flat; if the client goes
/// away, the next write fails, which rolls back the snapshot transaction.
struct ExportRoute {
    let accounts: AccountService
    let projects: ProjectService
    let exports: ExportService

    func register<Context: RequestContext>(on router: Router<Context>) {
        router.get("/v1/projects/:project/export") { request, context -> Response in
            let user = try await AuthenticationMiddleware.user(authorization: request.headers[.authorization], accounts: accounts)
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
            guard errors.isEmpty, let format, let selection else {
                throw VerityError.validation(code: "export.invalid_request", "The export request is not valid.", errors)
            }
            // Answer 404 (and 401) before the 200 is committed; inside the stream it would be too late.
            _ = try await projects.authorize(project, actor: .user(user), .readProject)
            let exports = exports
            let changedSince = since
            let body = ResponseBody { writer in
                // The export runs in a task of its own (the database guards its units of work that way), so its
                // pieces come over a channel that holds at most one: the client's pace limits the export's.
                let pieces = AsyncThrowingChannel<String, any Error>()
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        do {
                            try await exports.export(
                                project: project, actor: .user(user), format: format, selection: selection, since: changedSince,
                                organization: nil, organizationURL: nil, reviewURLTemplate: nil
                            ) { piece in
                                await pieces.send(piece)
                                try Task.checkCancellation()
                            }
                            pieces.finish()
                        } catch {
                            pieces.fail(error)
                        }
                    }
                    for try await piece in pieces {
                        try await writer.write(ByteBuffer(string: piece))
                    }
                    try await group.waitForAll()
                }
                try await writer.finish(nil)
            }
            var headers = HTTPFields()
            headers[.contentType] = format.mediaType
            return Response(status: .ok, headers: headers, body: body)
        }
    }
}
