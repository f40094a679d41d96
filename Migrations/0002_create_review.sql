-- Review workflow: claims on exact ranges of an article's text, one verdict per reviewer, the editor's
-- resolution, work-queue leases, and an append-only audit trail. Every row carries project_id, and
-- children reference parents through (project_id, id), so nothing crosses projects.

ALTER TABLE projects ADD COLUMN rating_scale jsonb;

CREATE TABLE claims (
    project_id     uuid        NOT NULL,
    id             uuid        NOT NULL DEFAULT gen_random_uuid(),
    article_id     uuid        NOT NULL,
    start_cp       integer     NOT NULL,
    end_cp         integer     NOT NULL,
    start_utf16    integer     NOT NULL,
    end_utf16      integer     NOT NULL,
    exact          text        NOT NULL,
    prefix         text        NOT NULL,
    suffix         text        NOT NULL,
    span_ordinals  integer[]   NOT NULL,
    status         text        NOT NULL DEFAULT 'open',
    claimant       text,
    claim_date     date,
    tags           text[]      NOT NULL DEFAULT '{}',
    note           text,
    created_by     uuid,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    version        integer     NOT NULL DEFAULT 1,
    CONSTRAINT pk_claims PRIMARY KEY (id),
    CONSTRAINT uq_claims_project_id UNIQUE (project_id, id),
    CONSTRAINT ck_claims_status CHECK (status IN ('open', 'in_review', 'agreed', 'disputed', 'verified', 'published', 'rejected')),
    CONSTRAINT ck_claims_range CHECK (0 <= start_cp AND start_cp < end_cp AND 0 <= start_utf16 AND start_utf16 < end_utf16),
    CONSTRAINT fk_claims_article FOREIGN KEY (project_id, article_id) REFERENCES articles (project_id, id) ON DELETE CASCADE,
    CONSTRAINT fk_claims_creator FOREIGN KEY (created_by) REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX ix_claims_project_created ON claims (project_id, created_at DESC, id DESC);
CREATE INDEX ix_claims_article ON claims (project_id, article_id);
CREATE INDEX ix_claims_project_status ON claims (project_id, status);

CREATE TABLE verdicts (
    project_id   uuid             NOT NULL,
    id           uuid             NOT NULL DEFAULT gen_random_uuid(),
    claim_id     uuid             NOT NULL,
    reviewer_id  uuid             NOT NULL,
    rating       text             NOT NULL,
    confidence   double precision,
    rationale    text,
    evidence     jsonb            NOT NULL DEFAULT '[]',
    created_at   timestamptz      NOT NULL DEFAULT now(),
    updated_at   timestamptz      NOT NULL DEFAULT now(),
    version      integer          NOT NULL DEFAULT 1,
    CONSTRAINT pk_verdicts PRIMARY KEY (id),
    CONSTRAINT uq_verdict_claim_reviewer UNIQUE (claim_id, reviewer_id),
    CONSTRAINT ck_verdicts_confidence CHECK (confidence IS NULL OR (confidence >= 0 AND confidence <= 1)),
    CONSTRAINT fk_verdicts_claim FOREIGN KEY (project_id, claim_id) REFERENCES claims (project_id, id) ON DELETE CASCADE,
    CONSTRAINT fk_verdicts_reviewer FOREIGN KEY (reviewer_id) REFERENCES users (id)
);

CREATE TABLE resolutions (
    project_id   uuid        NOT NULL,
    claim_id     uuid        NOT NULL,
    rating       text        NOT NULL,
    rationale    text,
    verdict_ids  uuid[]      NOT NULL DEFAULT '{}',
    resolved_by  uuid        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    version      integer     NOT NULL DEFAULT 1,
    CONSTRAINT pk_resolutions PRIMARY KEY (claim_id),
    CONSTRAINT fk_resolutions_claim FOREIGN KEY (project_id, claim_id) REFERENCES claims (project_id, id) ON DELETE CASCADE,
    CONSTRAINT fk_resolutions_editor FOREIGN KEY (resolved_by) REFERENCES users (id)
);

-- A reviewer's hold on a claim handed out by the work queue; expired leases simply stop counting.
CREATE TABLE queue_leases (
    project_id  uuid        NOT NULL,
    claim_id    uuid        NOT NULL,
    user_id     uuid        NOT NULL,
    expires_at  timestamptz NOT NULL,
    CONSTRAINT pk_queue_leases PRIMARY KEY (claim_id, user_id),
    CONSTRAINT fk_queue_leases_claim FOREIGN KEY (project_id, claim_id) REFERENCES claims (project_id, id) ON DELETE CASCADE,
    CONSTRAINT fk_queue_leases_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);

-- Who did what, when, to what, with the object before and after. Written in the same transaction as
-- the change. Append-only, enforced here and not only in code: updates, deletes and truncation fail.
CREATE TABLE audit_events (
    id           bigint      GENERATED ALWAYS AS IDENTITY,
    project_id   uuid,
    occurred_at  timestamptz NOT NULL DEFAULT now(),
    actor_id     uuid,
    action       text        NOT NULL,
    object_type  text        NOT NULL,
    object_id    text        NOT NULL,
    before       jsonb,
    after        jsonb,
    CONSTRAINT pk_audit_events PRIMARY KEY (id)
);
CREATE INDEX ix_audit_events_project ON audit_events (project_id, id DESC);
CREATE INDEX ix_audit_events_object ON audit_events (object_id, id DESC);

CREATE FUNCTION audit_events_are_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit events are append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER tr_audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_are_append_only();
CREATE TRIGGER tr_audit_events_no_truncate BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_are_append_only();
