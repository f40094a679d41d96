-- The review record stays true: each verdict keeps the rating its author gave before they could see any
-- other verdict on the claim (its independent rating, never changed afterwards), and whether it was
-- changed after they could; a project may refuse such changes outright; a published claim whose article
-- is corrected is flagged for an editor instead of being moved silently.

ALTER TABLE verdicts ADD COLUMN independent_rating text;
ALTER TABLE verdicts ADD COLUMN revised_after_seeing boolean NOT NULL DEFAULT false;

-- Verdicts given before this migration: the rating of their first submission, as the audit trail
-- recorded it, when nobody else had rated the claim before it; nothing (not independent) otherwise in
-- projects without blind review, where their author could see the others.
UPDATE verdicts v SET independent_rating = CASE
        WHEN p.blind_review OR NOT EXISTS (
            SELECT 1 FROM verdicts o WHERE o.claim_id = v.claim_id AND o.id <> v.id AND o.created_at < v.created_at)
        THEN coalesce((
            SELECT e.after ->> 'rating' FROM audit_events e
            WHERE e.object_id = v.id::text AND e.action = 'verdict.submitted' ORDER BY e.id LIMIT 1), v.rating)
    END,
    revised_after_seeing = v.version > 1 AND EXISTS (
        SELECT 1 FROM verdicts o WHERE o.claim_id = v.claim_id AND o.id <> v.id AND o.created_at < v.updated_at)
FROM projects p WHERE p.id = v.project_id;

ALTER TABLE projects ADD COLUMN lock_verdicts_after_reveal boolean NOT NULL DEFAULT false;

ALTER TABLE claims ADD COLUMN needs_review text;
ALTER TABLE claims ADD CONSTRAINT ck_claims_needs_review CHECK (needs_review IS NULL OR needs_review IN ('article_revised'));

-- Incremental exports ask for claims whose verdicts or resolution changed since a time.
CREATE INDEX ix_verdicts_claim_updated ON verdicts (claim_id, updated_at);
CREATE INDEX ix_audit_events_project_action ON audit_events (project_id, action, occurred_at) WHERE action = 'claim.deleted';
