import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import VerityCore
import VerityServices

/// What a live-events subscriber receives.
enum EventFeedItem: Sendable {
    /// New events of its project, oldest first, each with the cursor to resume after it.
    case events([(event: AuditEvent, cursor: EventCursor)])
    /// Once a second (for heartbeats).
    case tick
    /// The subscriber's access changed (a role changed): render what follows for the new access.
    case access(StreamAccess)
}

/// Fans audit events out to the server's live-event subscribers. Every server process runs one: while
/// someone is subscribed it polls audit_events past the last id it delivered (an index range scan that
/// finds nothing most of the time) every `pollInterval`, and reads the new events itself — so several
/// processes behind a load balancer all deliver every event, and a dropped connection loses nothing.
/// It used to be woken by a NOTIFY from a trigger at each commit; that made every writing transaction
/// take PostgreSQL's cluster-wide notification lock at commit (serialising commits, about a fifth of the
/// write throughput) and woke every process on every commit even with nobody listening (migration 0010).
///
/// Audit ids are taken in insert order but become visible in commit order: a transaction that commits
/// late lands below ids already delivered. The hub keeps such not-yet-visible ids as gaps and reads them
/// again until they appear, or until every transaction that could still commit them has ended (a
/// rolled-back insert leaves a gap that never fills). Nothing is read while nobody is subscribed.
///
/// Subscribers' access is checked again every few seconds (and at once when an account, token or
/// membership event passes): a revoked token, a disabled user or a removed member ends the stream; a
/// changed role narrows (or widens) what it shows. Each subscriber has a bounded buffer; one that falls
/// behind is disconnected, not buffered without bound.
final class EventHub: Service, Sendable {
    private struct Subscriber {
        var projectId: UUID
        var grant: StreamGrant
        var access: StreamAccess
        var continuation: AsyncStream<EventFeedItem>.Continuation
    }

    /// A gap: an id some transaction took and has not committed (yet).
    private struct Gap {
        /// The snapshot xmax when the gap was first seen: once every transaction below it has ended, the
        /// gap can no longer fill.
        var xmax: Int64
        var seen: ContinuousClock.Instant
    }

    private struct State {
        /// Whether `run()` is feeding subscribers; without it (an in-process test server) streams end at once.
        var running = false
        var subscribers: [UUID: Subscriber] = [:]
        /// Whether the feed position must be taken afresh before the next read (nobody was listening).
        var stale = true
        var highest: Int64 = 0
        var gaps: [Int64: Gap] = [:]
        /// An access check is due (an account, token or membership changed).
        var accessCheckDue = false
    }

    /// How many events (and ticks) a subscriber may have waiting before it is dropped.
    static let bufferSize = 512
    /// The most events one read takes; a busier trail is read in several reads.
    static let readLimit = 2_000
    /// The most gaps tracked; past it the oldest are given up.
    static let maximumGaps = 10_000
    /// How far below the newest id a fresh start looks for transactions still in flight.
    static let startWindow: Int64 = 1_000
    /// A gap is given up only this long after it was seen, whatever the snapshot says (an insert takes its id
    /// a moment before its transaction gets a transaction id).
    static let gapGrace: Duration = .seconds(5)
    /// How often a hub with subscribers looks for new events: the latency of a live event.
    static let pollInterval: Duration = .milliseconds(100)
    /// Object types whose events may change who may read what.
    static let accessObjectTypes: Set<String> = ["user", "api_token", "membership", "project"]

    private let feed: EventFeedService
    private let accounts: AccountService
    private let logger: Logger
    private let accessCheckInterval: Duration
    private let state = Mutex(State())
    private let wake: AsyncStream<Void>.Continuation
    private let wakes: AsyncStream<Void>

    init(feed: EventFeedService, accounts: AccountService, accessCheckInterval: Duration, logger: Logger) {
        self.feed = feed
        self.accounts = accounts
        self.logger = logger
        self.accessCheckInterval = accessCheckInterval
        (wakes, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Subscribes to a project's events from now on; the stream ends when the subscriber falls behind,
    /// loses access, or the hub stops. When nobody was subscribed, the feed's position is taken first, so
    /// what committed before this call is history (a client replays it with `Last-Event-ID`), not news.
    func subscribe(projectId: UUID, grant: StreamGrant, access: StreamAccess) async throws -> (id: UUID, events: AsyncStream<EventFeedItem>) {
        if state.withLock({ $0.running && $0.stale }) { try await restart() }
        let id = UUID()
        let (stream, continuation) = AsyncStream.makeStream(of: EventFeedItem.self, bufferingPolicy: .bufferingOldest(Self.bufferSize))
        let running = state.withLock { state -> Bool in
            if state.running {
                state.subscribers[id] = Subscriber(projectId: projectId, grant: grant, access: access, continuation: continuation)
            }
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
        let removed = state.withLock { state -> Subscriber? in
            let removed = state.subscribers.removeValue(forKey: id)
            if state.subscribers.isEmpty { state.stale = true }
            return removed
        }
        removed?.continuation.finish()
    }

    var subscriberCount: Int { state.withLock { $0.subscribers.count } }

    func run() async throws {
        state.withLock { $0.running = true }
        await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                group.addTask {
                    var sinceTick: Duration = .zero
                    var sinceAccessCheck: Duration = .zero
                    while !Task.isCancelled {
                        try? await Task.sleep(for: Self.pollInterval)
                        // Nobody listening: nothing is read (the position is taken afresh at the next subscription).
                        guard self.subscriberCount > 0 else { continue }
                        self.wake.yield()
                        sinceTick += Self.pollInterval
                        guard sinceTick >= .seconds(1) else { continue }
                        sinceTick = .zero
                        self.broadcastTick()
                        sinceAccessCheck += .seconds(1)
                        if sinceAccessCheck >= self.accessCheckInterval {
                            sinceAccessCheck = .zero
                            self.state.withLock { $0.accessCheckDue = true }
                        }
                    }
                }
                group.addTask {
                    for await _ in self.wakes {
                        if Task.isCancelled { break }
                        do {
                            try await self.deliverNewEvents()
                            try await self.checkAccessIfDue()
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

    /// Takes the feed's position afresh: the newest id, and the ids below it still in flight as gaps.
    private func restart() async throws {
        let (latest, missing, xmax) = try await feed.start(window: Self.startWindow)
        let now = ContinuousClock.now
        state.withLock { state in
            guard state.stale else { return }
            state.stale = false
            state.highest = latest
            state.gaps = Dictionary(uniqueKeysWithValues: missing.map { ($0, Gap(xmax: xmax, seen: now)) })
        }
    }

    /// Reads events past the feed's position (and gaps that may have filled) and hands each to the
    /// subscribers of its project, with the cursor to resume after it.
    private func deliverNewEvents() async throws {
        guard subscriberCount > 0 else { return }
        if state.withLock({ $0.stale }) { try await restart() }
        let (highest, gaps) = state.withLock { ($0.highest, Array($0.gaps.keys)) }
        let (events, xmin, xmax) = try await feed.read(highest: highest, gaps: gaps, limit: Self.readLimit)
        let now = ContinuousClock.now
        var batches: [UUID: [(event: AuditEvent, cursor: EventCursor)]] = [:]
        var accessChanged = false
        state.withLock { state in
            // Stale reads (a restart happened meanwhile) are dropped: the next read starts from the new position.
            guard state.highest == highest else { return }
            for event in events {
                if event.id > state.highest {
                    var skipped = state.highest + 1
                    // Ids between the last one read and this one are not visible yet: gaps.
                    if event.id - skipped > Int64(Self.maximumGaps) { skipped = event.id - Int64(Self.maximumGaps) }
                    while skipped < event.id {
                        state.gaps[skipped] = Gap(xmax: xmax, seen: now)
                        skipped += 1
                    }
                    state.highest = event.id
                } else if state.gaps.removeValue(forKey: event.id) == nil {
                    continue
                }
                if Self.accessObjectTypes.contains(event.objectType) { accessChanged = true }
                if let projectId = event.projectId {
                    batches[projectId, default: []].append((event, EventCursor(highest: state.highest, gaps: state.gaps.keys)))
                }
            }
            // Gaps no transaction can fill any more: every transaction that was running when they were seen has ended.
            state.gaps = state.gaps.filter { $0.value.xmax > xmin || now - $0.value.seen < Self.gapGrace }
            if state.gaps.count > Self.maximumGaps {
                for id in state.gaps.keys.sorted().prefix(state.gaps.count - Self.maximumGaps) { state.gaps[id] = nil }
            }
            if accessChanged { state.accessCheckDue = true }
        }
        for (projectId, batch) in batches { broadcast(.events(batch), to: projectId) }
        if events.count == Self.readLimit { wake.yield() }
    }

    /// Checks every subscriber's token, user and role in one statement when a check is due: streams whose
    /// access is gone end; those whose role changed are told.
    private func checkAccessIfDue() async throws {
        let due = state.withLock { state -> [(UUID, StreamGrant)]? in
            guard state.accessCheckDue else { return nil }
            state.accessCheckDue = false
            return state.subscribers.map { ($0.key, $0.value.grant) }
        }
        guard let due, !due.isEmpty else { return }
        let current = try await accounts.currentAccess(due.map(\.1))
        var ended: [AsyncStream<EventFeedItem>.Continuation] = []
        var changed: [(AsyncStream<EventFeedItem>.Continuation, StreamAccess)] = []
        state.withLock { state in
            for ((id, _), access) in zip(due, current) {
                guard var subscriber = state.subscribers[id] else { continue }
                guard let access, access.mayReadProject else {
                    state.subscribers[id] = nil
                    ended.append(subscriber.continuation)
                    continue
                }
                if access != subscriber.access {
                    subscriber.access = access
                    state.subscribers[id] = subscriber
                    changed.append((subscriber.continuation, access))
                }
            }
            if state.subscribers.isEmpty { state.stale = true }
        }
        for continuation in ended { continuation.finish() }
        for (continuation, access) in changed { continuation.yield(.access(access)) }
    }

    private func broadcastTick() {
        let targets = state.withLock { $0.subscribers.map { ($0.key, $0.value.continuation) } }
        for (id, continuation) in targets { deliver(.tick, to: id, continuation) }
    }

    /// Yields to a project's subscribers; a subscriber whose buffer is full is dropped.
    private func broadcast(_ item: EventFeedItem, to projectId: UUID) {
        let targets = state.withLock { state in state.subscribers.filter { $0.value.projectId == projectId }.map { ($0.key, $0.value.continuation) } }
        for (id, continuation) in targets { deliver(item, to: id, continuation) }
    }

    private func deliver(_ item: EventFeedItem, to id: UUID, _ continuation: AsyncStream<EventFeedItem>.Continuation) {
        if case .dropped = continuation.yield(item) {
            logger.info("Live events: a subscriber fell behind and was disconnected")
            unsubscribe(id)
        }
    }
}
