import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import VerityCore
import VerityData
import VerityServices

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Delivers the webhook outbox (see migration 0006). Every server process runs one; deliveries are
/// claimed with `FOR UPDATE SKIP LOCKED`, so processes share the work and none sends a message another
/// is sending. A delivery is marked delivered only when the receiver answers 2xx, in the transaction
/// that claimed it: if the process dies first, the delivery is still pending and is sent again — at
/// least once, with the same `webhook-id`, as Standard Webhooks expects receivers to deduplicate.
/// Failures are retried with exponential backoff; after the last attempt the delivery has failed, and
/// an endpoint with several deliveries failed in a row is disabled.
final class WebhookDispatcher: Service, Sendable {
    private let database: Database
    private let store: WebhookStore
    private let logger: Logger
    private let configuration: ServerConfiguration
    /// Made on first use: a process with no webhooks never starts URLSession's machinery.
    private let sessionBox = Mutex<URLSession?>(nil)
    private var session: URLSession {
        sessionBox.withLock { box in
            if let session = box { return session }
            let configuration = URLSessionConfiguration.ephemeral
            configuration.timeoutIntervalForRequest = 10
            configuration.httpAdditionalHeaders = ["User-Agent": "Verity-Webhooks/1"]
            let session = URLSession(configuration: configuration)
            box = session
            return session
        }
    }

    init(database: Database, configuration: ServerConfiguration, logger: Logger) {
        self.database = database
        self.store = WebhookStore(logger: logger)
        self.logger = logger
        self.configuration = configuration
    }

    /// Deliveries sent at once by one process: a slow endpoint holds up one worker, not the outbox.
    static let workers = 4

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                for worker in 0..<Self.workers {
                    group.addTask {
                        // The first worker notices new deliveries within a quarter of a second; the others
                        // join in within a second when there is a queue.
                        let idle: Duration = worker == 0 ? .milliseconds(250) : .seconds(1)
                        while !Task.isCancelled {
                            var sent = false
                            do {
                                sent = try await self.deliverNext()
                            } catch {
                                self.logger.debug("Webhooks: delivery failed", metadata: ["error": "\(error)"])
                            }
                            if !sent { try? await Task.sleep(for: idle) }
                        }
                    }
                }
            }
        }
    }

    /// The backoff before attempt `attempts + 1`: base × 2^(attempts − 1), at most an hour.
    func retryDelay(afterAttempts attempts: Int) -> Double {
        min(3_600, configuration.webhookRetryBaseSeconds * pow(2, Double(max(0, attempts - 1))))
    }

    /// Claims the next due delivery, sends it and records the outcome, in one transaction: the row lock
    /// keeps other workers and processes off it, and a process that dies mid-send leaves it pending
    /// (the transaction dies with the connection), to be sent again at once. One delivery per
    /// transaction, so a transaction is open for at most one request's timeout.
    private func deliverNext() async throws -> Bool {
        try await database.transaction { connection in
            guard let delivery = try await self.store.claimDue(limit: 1, on: connection).first else { return false }
            let attempts = delivery.attempts + 1
            switch await self.send(delivery) {
            case .success(let status):
                try await self.store.delivered(delivery, status: status, on: connection)
            case .failure(let failure):
                try await self.store.failed(
                    delivery, status: failure.status, error: failure.message, retryAfter: self.retryDelay(afterAttempts: attempts),
                    final: attempts >= self.configuration.webhookMaxAttempts, disableAfter: self.configuration.webhookDisableAfter, on: connection)
            }
            return true
        }
    }

    struct Failure: Error {
        var status: Int?
        var message: String
    }

    private func send(_ delivery: DueDelivery) async -> Result<Int, Failure> {
        do {
            // Again at delivery time: a name may resolve elsewhere now than when it was registered.
            try await WebhookService.checkURL(delivery.url, allowPrivate: configuration.webhooksAllowPrivate)
        } catch {
            return .failure(Failure(status: nil, message: "refused: \(error)"))
        }
        guard let url = URL(string: delivery.url) else { return .failure(Failure(status: nil, message: "not a URL")) }
        let timestamp = Int(Date().timeIntervalSince1970)
        guard let signature = StandardWebhooks.signature(secret: delivery.secret, id: delivery.messageId, timestamp: timestamp, body: delivery.payload)
        else { return .failure(Failure(status: nil, message: "the endpoint's secret is not usable")) }
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.httpBody = Data(delivery.payload.utf8)
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue(delivery.messageId, forHTTPHeaderField: "webhook-id")
        request.setValue(String(timestamp), forHTTPHeaderField: "webhook-timestamp")
        request.setValue(signature, forHTTPHeaderField: "webhook-signature")
        // The completion-handler API: swift-corelibs-foundation's async `data(for:)` can trap on Linux.
        let session = self.session
        return await withCheckedContinuation { continuation in
            session.dataTask(with: request) { _, response, error in
                if let error {
                    continuation.resume(returning: .failure(Failure(status: nil, message: error.localizedDescription)))
                    return
                }
                let status = (response as? HTTPURLResponse)?.statusCode ?? 0
                continuation.resume(
                    returning: (200..<300).contains(status) ? .success(status) : .failure(Failure(status: status, message: "HTTP \(status)")))
            }.resume()
        }
    }
}
