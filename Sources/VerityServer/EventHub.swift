import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import VerityCore
import VerityData

/// What a live-events subscriber receives: an audit event, or a once-a-second tick (for heartbeats).
enum EventFeedItem: Sendable {
    case event(AuditEvent)
    case tick
}

/// Fans audit events out to the server's live-event subscribers. Every server process runs one: it
/// LISTENs on `verity_events` (a trigger NOTIFYs at each commit) and, woken by a notification or once a
/// second, reads the new events from audit_events itself — so several processes behind a load balancer
/// all deliver every event, and a lost notification or a dropped connection loses nothing. Each
/// subscriber has a bounded buffer; one that falls behind is disconnected, not buffered without bound.
final class EventHub: Service, Sendable {
    private struct Subscriber {
        var projectId: UUID
        var continuation: AsyncStream<EventFeedItem>.Continuation
    }

    private struct State {
        /// Whether `run()` is feeding subscribers; without it (an in-process test server) streams end at once.
        var running = false
        var subscribers: [UUID: Subscriber] = [:]
        /// The highest id delivered, and the ids delivered near it (commits can land out of id order).
        var highest: Int64?
        var recent: Set<Int64> = []
        /// The newest id when the hub started: what came before is history (replayed on request), not news.
        var floor: Int64 = 0
    }

    /// How many events (and ticks) a subscriber may have waiting before it is dropped.
    static let bufferSize = 512
    /// How far behind the highest delivered id each read looks, for transactions that commit late.
    static let lookback: Int64 = 256

    private let database: Database
    private let audit: AuditStore
    private let logger: Logger
    private let state = Mutex(State())
    private let wake: AsyncStream<Void>.Continuation
    private let wakes: AsyncStream<Void>

    init(database: Database, logger: Logger) {
        self.database = database
        self.audit = AuditStore(logger: logger)
        self.logger = logger
        (wakes, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Subscribes to a project's events; the stream ends when the subscriber falls behind or the hub stops.
    func subscribe(projectId: UUID) -> (id: UUID, events: AsyncStream<EventFeedItem>) {
        let id = UUID()
        let (stream, continuation) = AsyncStream.makeStream(of: EventFeedItem.self, bufferingPolicy: .bufferingOldest(Self.bufferSize))
        let running = state.withLock { state -> Bool in
            if state.running { state.subscribers[id] = Subscriber(projectId: projectId, continuation: continuation) }
            return state.running
        }
        if running {
            continuation.onTermination = { [weak self] _ in self?.unsubscribe(id) }
        } else {
            continuation.finish()
        }
        return (id, stream)
    }

    func unsubscribe(_ id: UUID) {
        let removed = state.withLock { $0.subscribers.removeValue(forKey: id) }
        removed?.continuation.finish()
    }

    var subscriberCount: Int { state.withLock { $0.subscribers.count } }

    func run() async throws {
        // What is already in the audit trail when the server starts is history, not news.
        try? await deliverNewEvents()
        state.withLock { $0.running = true }
        await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                group.addTask { await self.listen() }
                group.addTask {
                    while !Task.isCancelled {
                        try? await Task.sleep(for: .seconds(1))
                        self.wake.yield()
                        self.broadcast(.tick)
                    }
                }
                group.addTask {
                    for await _ in self.wakes {
                        if Task.isCancelled { break }
                        do {
                            try await self.deliverNewEvents()
                        } catch {
                            self.logger.debug("Live events: reading new events failed", metadata: ["error": "\(error)"])
                        }
                    }
                }
            }
        }
        // Stopping: end every stream, so live-event responses finish and the server can drain.
        let subscribers = state.withLock { state in
            defer {
                state.subscribers = [:]
                state.running = false
            }
            return Array(state.subscribers.values)
        }
        for subscriber in subscribers { subscriber.continuation.finish() }
    }

    /// Holds a LISTEN on a pooled connection, reconnecting after failures; each notification wakes the reader.
    private func listen() async {
        while !Task.isCancelled {
            do {
                try await database.listen(on: "verity_events") { self.wake.yield() }
            } catch {
                if Task.isCancelled { return }
                logger.debug("Live events: LISTEN failed, retrying", metadata: ["error": "\(error)"])
                try? await Task.sleep(for: .seconds(1))
            }
        }
    }

    /// Reads events past the delivery mark (with a look-back for late commits) and hands each new one to
    /// the subscribers of its project.
    private func deliverNewEvents() async throws {
        if state.withLock({ $0.highest }) == nil {
            let latest = try await database.read { connection in try await self.audit.latestId(on: connection) }
            state.withLock { state in
                if state.highest == nil {
                    state.highest = latest
                    state.floor = latest
                }
            }
        }
        let from = max(0, (state.withLock { $0.highest } ?? 0) - Self.lookback)
        // Ids first (index-only), then only the events not yet delivered: an idle hub reads no event rows.
        let ids = try await database.read { connection in try await self.audit.ids(after: from, limit: 2_000, on: connection) }
        let unseen = state.withLock { state in ids.filter { $0 > state.floor && !state.recent.contains($0) } }
        let events = unseen.isEmpty ? [] : try await database.read { connection in try await self.audit.events(ids: unseen, on: connection) }
        for event in events {
            let fresh = state.withLock { state -> Bool in
                guard event.id > state.floor, !state.recent.contains(event.id), event.id > (state.highest ?? 0) - Self.lookback else { return false }
                state.recent.insert(event.id)
                state.highest = max(state.highest ?? 0, event.id)
                return true
            }
            if fresh, let projectId = event.projectId { broadcast(.event(event), to: projectId) }
        }
        state.withLock { state in
            let floor = (state.highest ?? 0) - 4 * Self.lookback
            if state.recent.count > 8 * Int(Self.lookback) { state.recent = state.recent.filter { $0 > floor } }
        }
    }

    /// Yields to subscribers (of one project, or all); a subscriber whose buffer is full is dropped.
    private func broadcast(_ item: EventFeedItem, to projectId: UUID? = nil) {
        let targets = state.withLock { state in state.subscribers.filter { projectId == nil || $0.value.projectId == projectId } }
        for (id, subscriber) in targets {
            if case .dropped = subscriber.continuation.yield(item) {
                logger.info("Live events: a subscriber fell behind and was disconnected")
                unsubscribe(id)
            }
        }
    }
}
