import Foundation
import HTTPTypes
import Hummingbird
import ServiceLifecycle
import VerityCore
import VerityServices

/// `GET /v1/projects/{project}/events` (openapi.yaml, tag `events`): Server-Sent Events of the
/// project's changes — claims, verdicts, resolutions, imports, revisions — as they commit, on any server
/// process. Each event's id is a cursor into the audit trail (see `EventCursor`); a client reconnecting
/// with `Last-Event-ID` first gets exactly what it missed, from the audit trail. Blind review applies: a
/// verdict's content goes only to readers who may see it (others learn that a verdict was submitted, not
/// what it says), decided for each batch of events in one query. The stream ends within seconds when the
/// reader's access is taken away, and follows a changed role. A comment every 15 s keeps idle
/// connections open; a client that stops reading is disconnected. Served by Hummingbird, not generated
/// code: the body is a stream.
struct EventsRoute {
    let projects: ProjectService
    let feed: EventFeedService
    let hub: EventHub
    let limiter: StreamLimiter
    let writeTimeout: Duration

    /// The kinds of object whose changes are events (memberships and projects are administration).
    static let objectTypes: Set<String> = ["claim", "verdict", "resolution", "import_batch", "article"]
    /// The most missed events one reconnection replays.
    static let replayLimit = 10_000
    static let heartbeatSeconds = 15

    func register<Context: RequestContext>(on router: Router<Context>) {
        router.get("/v1/projects/:project/events") { request, context -> Response in
            // The access gate has authenticated the caller and checked they may read the project.
            let caller = try RequestIdentity.currentAuthentication()
            let slug = try context.parameters.require("project")
            let lastHeader = request.headers[HTTPField.Name("Last-Event-ID")!] ?? request.uri.queryParameters["lastEventId"].map(String.init)
            var resumeAfter: EventCursor?
            if let lastHeader {
                guard let cursor = EventCursor(encoded: lastHeader) else {
                    throw VerityError.validation(
                        code: .eventsInvalidLastEventId, "Last-Event-ID must be the id of an event this server sent.",
                        [FieldError(path: "Last-Event-ID", message: "an event id such as 1234 or 1234.1201")])
                }
                resumeAfter = cursor
            }
            let (project, role) = try await projects.authorizeWithRole(slug, actor: .user(caller.user), .readProject)
            let slot = try limiter.acquire(for: caller.user.id)
            let initialReader = EventReader(user: caller.user, role: role, blindReview: project.blindReview, feed: feed)
            let resumeAfterCursor = resumeAfter
            // Subscribe before replaying, so nothing falls between the two.
            let subscription: (id: UUID, events: AsyncStream<EventFeedItem>)
            do {
                subscription = try await hub.subscribe(
                    projectId: project.id, grant: StreamGrant(tokenId: caller.tokenId, projectId: project.id),
                    access: StreamAccess(isAdmin: caller.user.isAdmin, role: role))
            } catch {
                slot.release()
                throw error
            }
            let (hub, feed, writeTimeout) = (self.hub, self.feed, self.writeTimeout)
            let body = ResponseBody { writer in
                defer {
                    hub.unsubscribe(subscription.id)
                    slot.release()
                }
                let resumeAfter = resumeAfterCursor
                var reader = initialReader
                // A client that stops reading holds a stream no longer than `writeTimeout`.
                let output = DeadlineWriter(writer, limit: writeTimeout)
                func send(_ text: String) async throws { try await output.write(text) }
                // Events sent on this connection: replay and live may overlap.
                var sent = Set<Int64>()
                // On SIGTERM the stream ends (the client reconnects elsewhere with Last-Event-ID), so the server can drain.
                try await withGracefulShutdownHandler {
                    try await send("retry: 2000\n\n")
                    if let resumeAfter {
                        let missed = try await feed.missed(projectId: project.id, after: resumeAfter, limit: Self.replayLimit)
                        if let text = try await reader.render(missed) { try await send(text) }
                        sent.formUnion(missed.map(\.event.id))
                    }
                    var idle = 0
                    for await item in subscription.events {
                        switch item {
                        case .tick:
                            idle += 1
                            if idle >= Self.heartbeatSeconds {
                                idle = 0
                                try await send(": keep-alive\n\n")
                            }
                        case .access(let access):
                            reader.role = access.role
                            reader.isAdmin = access.isAdmin
                        case .events(let events):
                            // What the client had before it reconnected, or was sent in the replay, is not sent again.
                            let fresh = events.filter { !(resumeAfter?.hasSeen($0.event.id) ?? false) && !sent.contains($0.event.id) }
                            guard !fresh.isEmpty else { continue }
                            if let text = try await reader.render(fresh) {
                                try await send(text)
                                idle = 0
                            }
                            sent.formUnion(fresh.map(\.event.id))
                            if sent.count > 20_000, let newest = sent.max() { sent = sent.filter { $0 > newest - 5_000 } }
                        }
                    }
                } onGracefulShutdown: {
                    hub.unsubscribe(subscription.id)
                }
                try await output.finish()
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
    var role: Role?
    var isAdmin: Bool
    let blindReview: Bool
    let feed: EventFeedService

    init(user: User, role: Role?, blindReview: Bool, feed: EventFeedService) {
        self.user = user
        self.role = role
        self.isAdmin = user.isAdmin
        self.blindReview = blindReview
        self.feed = feed
    }

    private struct VerdictRef: Decodable {
        var id: UUID?
        var claimId: UUID
    }

    /// The events as `id:`/`event:`/`data:` blocks (nil when none is meant for this reader), with one query
    /// for the blind-review decision of the whole batch.
    func render(_ batch: [(event: AuditEvent, cursor: EventCursor)]) async throws -> String? {
        let shown = batch.filter { EventsRoute.objectTypes.contains($0.event.objectType) }
        guard !shown.isEmpty else { return nil }
        var viewer = user
        viewer.isAdmin = isAdmin
        let hidden = try await feed.hiddenVerdicts(in: shown.map(\.event), user: viewer, role: role, blindReview: blindReview)
        var text = ""
        for (event, cursor) in shown {
            var json = JSONWriter()
            json.beginObject()
            json.field("action", event.action)
            json.field("actorId", event.actorId?.lowercasedString)
            json.key("data")
            let stored = event.after ?? event.before
            if hidden.contains(event.id) {
                // That a verdict came in, not what it says.
                let ref = stored.flatMap { try? JSONDecoder().decode(VerdictRef.self, from: Data($0.utf8)) }
                json.beginObject()
                json.field("claimId", ref?.claimId.lowercasedString)
                json.field("id", ref?.id?.lowercasedString ?? event.objectId)
                json.endObject()
            } else if let stored {
                // The audit trail's own JSON (PostgreSQL's jsonb text), as stored: no parse and re-encode. Raw
                // line breaks can only be whitespace between tokens there; an SSE data line must not have any.
                json.raw(stored.contains(where: { $0 == "\n" || $0 == "\r" }) ? stored.replacing(/[\r\n]/, with: " ") : stored)
            } else {
                json.null()
            }
            json.field("id", Int(event.id))
            json.field("objectId", event.objectId)
            json.field("objectType", event.objectType)
            json.field("occurredAt", Timestamp.microseconds(event.occurredAt))
            json.endObject()
            text += "id: \(cursor.encoded)\nevent: \(event.action)\ndata: \(String(decoding: json.take(), as: UTF8.self))\n\n"
        }
        return text
    }
}
