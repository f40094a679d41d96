import Foundation
import HTTPTypes
import Hummingbird
import ServiceLifecycle
import VerityCore
import VerityData
import VerityServices

/// `GET /v1/projects/{project}/events` (openapi.yaml, tag `events`): Server-Sent Events of the
/// project's changes — claims, verdicts, resolutions, imports, revisions — as they commit, on any server
/// process. Each event's id is its audit-trail id; a client reconnecting with `Last-Event-ID` first gets
/// what it missed, from the audit trail. Blind review applies: a verdict's content goes only to readers
/// who may see it (others learn that a verdict was submitted, not what it says). A comment every 15 s
/// keeps idle connections open; a client that stops reading is disconnected. Served by Hummingbird, not
/// generated code: the body is a stream.
struct EventsRoute {
    let accounts: AccountService
    let projects: ProjectService
    let reviews: ReviewService
    let database: Database
    let hub: EventHub

    /// The kinds of object whose changes are events (memberships and projects are administration).
    static let objectTypes: Set<String> = ["claim", "verdict", "resolution", "import_batch", "article"]
    /// The most missed events one reconnection replays.
    static let replayLimit = 10_000
    static let heartbeatSeconds = 15

    func register<Context: RequestContext>(on router: Router<Context>) {
        router.get("/v1/projects/:project/events") { request, context -> Response in
            let user = try await AuthenticationMiddleware.user(authorization: request.headers[.authorization], accounts: accounts)
            let slug = try context.parameters.require("project")
            let lastHeader = request.headers[HTTPField.Name("Last-Event-ID")!] ?? request.uri.queryParameters["lastEventId"].map(String.init)
            var lastEventId: Int64?
            if let lastHeader {
                guard let value = Int64(lastHeader.trimmingCharacters(in: .whitespaces)), value >= 0 else {
                    throw VerityError.validation(
                        code: "events.invalid_last_event_id", "Last-Event-ID must be the id of an event this server sent.",
                        [FieldError(path: "Last-Event-ID", message: "a non-negative integer")])
                }
                lastEventId = value
            }
            // 404 and 401 before the 200 is committed.
            let (project, role) = try await projects.authorizeWithRole(slug, actor: .user(user), .readProject)
            let reader = EventReader(user: user, role: role, blindReview: project.blindReview, reviews: reviews)
            // Subscribe before replaying, so nothing falls between the two.
            let (subscription, feed) = hub.subscribe(projectId: project.id)
            let resumeAfter = lastEventId
            let body = ResponseBody { [hub, database] writer in
                defer { hub.unsubscribe(subscription) }
                // Ids already sent (replay and live may overlap; late commits arrive out of id order).
                var sent = Set<Int64>()
                // On SIGTERM the stream ends (the client reconnects elsewhere with Last-Event-ID), so the server can drain.
                try await withGracefulShutdownHandler {
                    try await writer.write(ByteBuffer(string: "retry: 2000\n\n"))
                    if let resumeAfter {
                        let missed = try await database.read { connection in
                            try await AuditStore(logger: database.logger).after(
                                id: resumeAfter, projectId: project.id, limit: Self.replayLimit, on: connection)
                        }
                        for event in missed {
                            if let text = try await reader.render(event) { try await writer.write(ByteBuffer(string: text)) }
                            sent.insert(event.id)
                        }
                    }
                    var idle = 0
                    for await item in feed {
                        switch item {
                        case .tick:
                            idle += 1
                            if idle >= Self.heartbeatSeconds {
                                idle = 0
                                try await writer.write(ByteBuffer(string: ": keep-alive\n\n"))
                            }
                        case .event(let event):
                            guard event.id > (resumeAfter ?? 0), sent.insert(event.id).inserted else { continue }
                            if sent.count > 20_000, let newest = sent.max() { sent = sent.filter { $0 > newest - 5_000 } }
                            if let text = try await reader.render(event) {
                                try await writer.write(ByteBuffer(string: text))
                                idle = 0
                            }
                        }
                    }
                } onGracefulShutdown: {
                    hub.unsubscribe(subscription)
                }
                try await writer.finish(nil)
            }
            var headers = HTTPFields()
            headers[.contentType] = "text/event-stream; charset=utf-8"
            headers[.cacheControl] = "no-store"
            headers[values: HTTPField.Name("X-Accel-Buffering")!] = ["no"]
            return Response(status: .ok, headers: headers, body: body)
        }
    }
}

/// Renders audit events as SSE for one reader, applying the blind-review rule to verdict contents.
struct EventReader: Sendable {
    let user: User
    let role: Role?
    let blindReview: Bool
    let reviews: ReviewService

    private struct VerdictRef: Decodable {
        var id: UUID?
        var claimId: UUID
        var reviewerId: UUID
    }

    /// The event as `id:`/`event:`/`data:` lines, or nil when the reader is not meant to see it.
    func render(_ event: AuditEvent) async throws -> String? {
        guard EventsRoute.objectTypes.contains(event.objectType) else { return nil }
        var data: Any = (event.after ?? event.before).flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) } ?? NSNull()
        if event.objectType == "verdict", let json = event.after ?? event.before,
            let verdict = try? JSONDecoder().decode(VerdictRef.self, from: Data(json.utf8)),
            try await !reviews.maySeeVerdict(claimId: verdict.claimId, reviewerId: verdict.reviewerId, user: user, role: role, blindReview: blindReview)
        {
            // That a verdict came in, not what it says.
            data = ["claimId": verdict.claimId.uuidString.lowercased(), "id": verdict.id?.uuidString.lowercased() ?? event.objectId]
        }
        var object: [String: Any] = [
            "id": event.id, "action": event.action, "objectType": event.objectType, "objectId": event.objectId,
            "occurredAt": Timestamp.microseconds(event.occurredAt), "data": data,
        ]
        if let actor = event.actorId { object["actorId"] = actor.uuidString.lowercased() }
        let json = String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]), as: UTF8.self)
        return "id: \(event.id)\nevent: \(event.action)\ndata: \(json)\n\n"
    }
}
