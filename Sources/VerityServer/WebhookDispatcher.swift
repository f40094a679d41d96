import AsyncHTTPClient
import Foundation
import HTTPTypes
import Logging
import NIOCore
import ServiceLifecycle
import VerityCore
import VerityServices

/// Delivers the webhook outbox (see migration 0006 and `WebhookService.deliverNext`). Every server
/// process runs one; deliveries are claimed with a skip-locked row lock in the store, so processes share the work and
/// none sends a message another is sending. A delivery is marked delivered only when the receiver answers
/// 2xx, in the transaction that claimed it: if the process dies first, the delivery is still pending and
/// is sent again — at least once, with the same `webhook-id`, as Standard Webhooks expects receivers to
/// deduplicate. Failures are retried with exponential backoff; after the last attempt the delivery has
/// failed, and an endpoint with several deliveries failed in a row is disabled.
///
/// Requests go out with AsyncHTTPClient, to the address the endpoint's host was resolved to and checked
/// against (its name still used for the Host header and TLS), and never follow a redirect: a 3xx is a
/// failed attempt, logged with its status, so an endpoint cannot bounce a delivery inside the network.
final class WebhookDispatcher: Service, Sendable {
    private let webhooks: WebhookService
    private let logger: Logger
    private let policy: WebhookPolicy

    init(webhooks: WebhookService, configuration: ServerConfiguration, logger: Logger) {
        self.webhooks = webhooks
        self.logger = logger
        self.policy = WebhookPolicy(
            retryBaseSeconds: configuration.webhookRetryBaseSeconds, maxAttempts: configuration.webhookMaxAttempts,
            disableAfter: configuration.webhookDisableAfter)
    }

    /// Deliveries sent at once by one process: a slow endpoint holds up one worker, not the outbox.
    static let workers = 4
    /// How long a receiver has to connect, and to answer.
    static let connectTimeout: TimeAmount = .seconds(5)
    static let responseTimeout: TimeAmount = .seconds(10)

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
                                sent = try await self.webhooks.deliverNext(policy: self.policy) { delivery, target in
                                    await Self.send(delivery, to: target)
                                }
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

    /// One attempt: a signed POST to the pinned address, no redirects.
    static func send(_ delivery: DueDelivery, to target: WebhookTarget) async -> WebhookAttempt {
        let timestamp = Int(Date().timeIntervalSince1970)
        guard
            let signature = StandardWebhooks.signature(secret: delivery.secret, id: delivery.messageId, timestamp: timestamp, body: delivery.payload)
        else { return .failed(status: nil, message: "the endpoint's secret is not usable") }
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow, timeout: .init(connect: connectTimeout, read: responseTimeout))
        // Connect to the checked address; the URL's host still names the site (Host header, TLS name).
        if let address = target.address { configuration.dnsOverride = [target.host: address] }
        configuration.httpVersion = .http1Only
        let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        let attempt: WebhookAttempt
        do {
            var request = HTTPClientRequest(url: target.url)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json")
            request.headers.add(name: "User-Agent", value: "Verity-Webhooks/1")
            request.headers.add(name: "webhook-id", value: delivery.messageId)
            request.headers.add(name: "webhook-timestamp", value: String(timestamp))
            request.headers.add(name: "webhook-signature", value: signature)
            request.body = .bytes(ByteBuffer(string: delivery.payload))
            let response = try await client.execute(request, timeout: connectTimeout + responseTimeout)
            // The answer's body is not needed; read a little of it so the connection ends cleanly.
            _ = try? await response.body.collect(upTo: 64 << 10)
            let status = Int(response.status.code)
            attempt =
                (200..<300).contains(status)
                ? .delivered(status: status)
                : .failed(status: status, message: (300..<400).contains(status) ? "HTTP \(status) (redirects are not followed)" : "HTTP \(status)")
        } catch {
            attempt = .failed(status: nil, message: String(describing: error).prefix(300).description)
        }
        try? await client.shutdown()
        return attempt
    }
}
