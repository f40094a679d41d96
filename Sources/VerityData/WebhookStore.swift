import Foundation
import Logging
import PostgresNIO
import VerityCore

/// Webhook endpoints and their outbox of deliveries.
package struct WebhookStore: Sendable {
    package let logger: Logger

    /// Creates the store.
    package init(logger: Logger) { self.logger = logger }

    private static let columns = "id, project_id, url, events, enabled, failures, created_at, disabled_at"

    private func webhook(_ row: PostgresRow) throws -> Webhook {
        let (id, project, url, events, enabled, failures, created, disabled) = try row.decode(
            (UUID, UUID, String, [String], Bool, Int, Date, Date?).self)
        return Webhook(
            id: id, projectId: project, url: url, events: events, enabled: enabled, failures: failures, createdAt: created, disabledAt: disabled)
    }

    /// Registers an endpoint.
    package func create(projectId: UUID, url: String, events: [String], secret: String, createdBy: UUID?, on connection: DatabaseConnection)
        async throws -> Webhook
    {
        let rows = try await connection.query(
            """
            INSERT INTO webhooks (project_id, url, events, secret, created_by) VALUES (\(projectId), \(url), \(events), \(secret), \(createdBy))
            RETURNING \(unescaped: Self.columns)
            """, logger: logger)
        for try await row in rows { return try webhook(row) }
        throw VerityError(.internalError, code: .webhookCreateFailed, "The webhook was not created.")
    }

    /// A project's endpoints, oldest first.
    package func list(projectId: UUID, on connection: DatabaseConnection) async throws -> [Webhook] {
        var result: [Webhook] = []
        let rows = try await connection.query(
            "SELECT \(unescaped: Self.columns) FROM webhooks WHERE project_id = \(projectId) ORDER BY created_at, id", logger: logger)
        for try await row in rows { result.append(try webhook(row)) }
        return result
    }

    /// Whether the project has this endpoint.
    package func exists(projectId: UUID, id: UUID, on connection: DatabaseConnection) async throws -> Bool {
        let rows = try await connection.query("SELECT 1 FROM webhooks WHERE project_id = \(projectId) AND id = \(id)", logger: logger)
        for try await _ in rows { return true }
        return false
    }

    /// Removes an endpoint (and its deliveries); false when there was none.
    package func delete(projectId: UUID, id: UUID, on connection: DatabaseConnection) async throws -> Bool {
        let rows = try await connection.query("DELETE FROM webhooks WHERE project_id = \(projectId) AND id = \(id) RETURNING id", logger: logger)
        for try await _ in rows { return true }
        return false
    }

    /// A page of an endpoint's deliveries, newest first; the cursor is the last id seen.
    package func deliveries(projectId: UUID, webhookId: UUID, before cursor: Int64?, limit: Int, on connection: DatabaseConnection) async throws
        -> Page<WebhookDelivery>
    {
        var result: [WebhookDelivery] = []
        let rows = try await connection.query(
            """
            SELECT id, event_id, message_id, status, attempts, last_status, last_error, created_at, next_attempt_at, delivered_at
            FROM webhook_deliveries WHERE project_id = \(projectId) AND webhook_id = \(webhookId)
              AND (\(cursor)::bigint IS NULL OR id < \(cursor))
            ORDER BY id DESC LIMIT \(limit + 1)
            """, logger: logger)
        for try await (id, event, message, status, attempts, lastStatus, lastError, created, next, delivered) in rows.decode(
            (Int64, Int64, String, String, Int, Int?, String?, Date, Date, Date?).self)
        {
            result.append(
                WebhookDelivery(
                    id: id, eventId: event, messageId: message, status: status, attempts: attempts, lastStatus: lastStatus, lastError: lastError,
                    createdAt: created, nextAttemptAt: next, deliveredAt: delivered))
        }
        return Page(overfetched: result, limit: limit) { String($0.id) }
    }

    /// Claims due deliveries for this transaction (others skip them), oldest first.
    package func claimDue(limit: Int, on connection: DatabaseConnection) async throws -> [DueDelivery] {
        var result: [DueDelivery] = []
        let rows = try await connection.query(
            """
            SELECT d.id, d.project_id, d.webhook_id, w.url, w.secret, d.message_id, d.payload, d.attempts
            FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
            WHERE d.status = 'pending' AND d.next_attempt_at <= now() AND w.enabled
            ORDER BY d.id LIMIT \(limit)
            FOR UPDATE OF d SKIP LOCKED
            """, logger: logger)
        for try await (id, project, webhook, url, secret, message, payload, attempts) in rows.decode(
            (Int64, UUID, UUID, String, String, String, String, Int).self)
        {
            result.append(
                DueDelivery(
                    id: id, projectId: project, webhookId: webhook, url: url, secret: secret, messageId: message, payload: payload, attempts: attempts
                ))
        }
        return result
    }

    /// Records a delivery the receiver acknowledged; the endpoint's failure count starts again.
    package func delivered(_ delivery: DueDelivery, status: Int, on connection: DatabaseConnection) async throws {
        try await connection.query(
            """
            UPDATE webhook_deliveries SET status = 'delivered', attempts = attempts + 1, last_status = \(status), last_error = NULL,
                delivered_at = now() WHERE id = \(delivery.id)
            """, logger: logger)
        try await connection.query("UPDATE webhooks SET failures = 0 WHERE id = \(delivery.webhookId) AND failures <> 0", logger: logger)
    }

    /// Records a failed attempt: retried after `retryAfter` seconds, or failed for good when `final`; an
    /// endpoint with `disableAfter` deliveries failed for good in a row is disabled. Returns the endpoint
    /// when this attempt disabled it.
    package func failed(
        _ delivery: DueDelivery, status: Int?, error: String, retryAfter: Double, final: Bool, disableAfter: Int, on connection: DatabaseConnection
    ) async throws -> Webhook? {
        try await connection.query(
            """
            UPDATE webhook_deliveries SET status = \(final ? "failed" : "pending"), attempts = attempts + 1, last_status = \(status),
                last_error = \(String(error.prefix(500))), next_attempt_at = now() + make_interval(secs => \(retryAfter))
            WHERE id = \(delivery.id)
            """, logger: logger)
        guard final else { return nil }
        let rows = try await connection.query(
            """
            WITH before AS (SELECT id, enabled FROM webhooks WHERE id = \(delivery.webhookId) FOR UPDATE),
            after AS (
                UPDATE webhooks w SET failures = w.failures + 1,
                    enabled = w.enabled AND w.failures + 1 < \(disableAfter),
                    disabled_at = CASE WHEN w.enabled AND w.failures + 1 >= \(disableAfter) THEN now() ELSE w.disabled_at END
                FROM before WHERE w.id = before.id
                RETURNING w.*, before.enabled AS was_enabled
            )
            SELECT \(unescaped: Self.columns) FROM after WHERE was_enabled AND NOT enabled
            """, logger: logger)
        for try await row in rows { return try webhook(row) }
        return nil
    }
}
