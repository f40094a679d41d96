-- Webhooks: owners register endpoints per project, with event filters. Deliveries follow the Standard
-- Webhooks scheme and come from a transactional outbox: a trigger on audit_events queues one delivery
-- per matching enabled endpoint in the same transaction as the change itself, so a change and its
-- notifications commit or vanish together, and a restart loses nothing still queued.

CREATE TABLE webhooks (
    project_id     uuid        NOT NULL,
    id             uuid        NOT NULL DEFAULT gen_random_uuid(),
    url            text        NOT NULL,
    -- Actions (`verdict.submitted`) or prefixes (`verdict.*`); empty: every event.
    events         text[]      NOT NULL DEFAULT '{}',
    -- `whsec_` + base64 of the HMAC key.
    secret         text        NOT NULL,
    enabled        boolean     NOT NULL DEFAULT true,
    -- Deliveries that failed for good in a row; at the limit the endpoint is disabled.
    failures       integer     NOT NULL DEFAULT 0,
    disabled_at    timestamptz,
    created_by     uuid,
    created_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pk_webhooks PRIMARY KEY (id),
    CONSTRAINT uq_webhooks_project_id UNIQUE (project_id, id),
    CONSTRAINT fk_webhooks_project FOREIGN KEY (project_id) REFERENCES projects (id) ON DELETE CASCADE,
    CONSTRAINT fk_webhooks_creator FOREIGN KEY (created_by) REFERENCES users (id) ON DELETE SET NULL
);

CREATE TABLE webhook_deliveries (
    id               bigint      GENERATED ALWAYS AS IDENTITY,
    project_id       uuid        NOT NULL,
    webhook_id       uuid        NOT NULL,
    event_id         bigint      NOT NULL,
    -- The Standard Webhooks message id: the same for every attempt, so receivers can deduplicate.
    message_id       text        NOT NULL,
    payload          text        NOT NULL,
    status           text        NOT NULL DEFAULT 'pending',
    attempts         integer     NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    last_status      integer,
    last_error       text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    delivered_at     timestamptz,
    CONSTRAINT pk_webhook_deliveries PRIMARY KEY (id),
    CONSTRAINT uq_webhook_deliveries_message UNIQUE (webhook_id, event_id),
    CONSTRAINT ck_webhook_deliveries_status CHECK (status IN ('pending', 'delivered', 'failed')),
    CONSTRAINT fk_webhook_deliveries_webhook FOREIGN KEY (project_id, webhook_id) REFERENCES webhooks (project_id, id) ON DELETE CASCADE
);
CREATE INDEX ix_webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX ix_webhook_deliveries_webhook ON webhook_deliveries (webhook_id, id DESC);

CREATE FUNCTION audit_events_enqueue_webhooks() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.project_id IS NULL OR NEW.object_type NOT IN ('claim', 'verdict', 'resolution', 'import_batch', 'article') THEN
        RETURN NULL;
    END IF;
    INSERT INTO webhook_deliveries (project_id, webhook_id, event_id, message_id, payload)
    SELECT w.project_id, w.id, NEW.id, 'msg_' || NEW.id || '_' || replace(w.id::text, '-', ''),
        json_build_object(
            'type', NEW.action,
            'timestamp', to_char(NEW.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
            'data', json_build_object('eventId', NEW.id, 'projectId', NEW.project_id, 'objectType', NEW.object_type,
                'objectId', NEW.object_id, 'actorId', NEW.actor_id, 'before', NEW.before, 'after', NEW.after))::text
    FROM webhooks w
    WHERE w.project_id = NEW.project_id AND w.enabled
      AND (cardinality(w.events) = 0 OR NEW.action = ANY(w.events)
           OR EXISTS (SELECT 1 FROM unnest(w.events) e WHERE e LIKE '%.*' AND NEW.action LIKE left(e, -1) || '%'));
    RETURN NULL;
END
$$;
CREATE TRIGGER tr_audit_events_enqueue_webhooks AFTER INSERT ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_enqueue_webhooks();
