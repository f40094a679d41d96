-- "Has this been checked before?" and reviewer quality.
--
-- Reference fact-checks: published ClaimReviews a project keeps to match new claims against, one per review
-- URL. Claims and references carry the matcher's index tokens (VerityCore's ClaimNormalizer: canonical
-- entities, numbers and years in A, populations/measures/subjects in B, other words in D) as a tsvector with a
-- GIN index; PostgreSQL finds candidates by those tokens, VerityCore reranks them. A claim's vector is NULL
-- until it is computed (claims created before this migration are filled in by the server at start-up).
--
-- Gold claims: control claims an editor knows the answer to. Reviewers must not be able to tell them apart,
-- so nothing about them is on the claims table. The queue serves them at the project's gold_rate.
--
-- claim_first_seen: when a reviewer was first given a claim (queue lease or first read), for the time from
-- there to their verdict.

CREATE TABLE reference_fact_checks (
    project_id      uuid             NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    id              uuid             NOT NULL DEFAULT gen_random_uuid(),
    url             text             NOT NULL,
    claim_reviewed  text             NOT NULL,
    rating_name     text,
    rating_value    double precision,
    best_rating     double precision,
    worst_rating    double precision,
    author          text,
    author_url      text,
    date_published  text,
    claimant        text,
    claim_date      text,
    appearances     text[]           NOT NULL DEFAULT '{}',
    language        text,
    match_vector    tsvector         NOT NULL,
    imported_at     timestamptz      NOT NULL DEFAULT now(),
    updated_at      timestamptz      NOT NULL DEFAULT now(),
    CONSTRAINT pk_reference_fact_checks PRIMARY KEY (id),
    CONSTRAINT uq_reference_fact_checks_url UNIQUE (project_id, url)
);
-- fastupdate off: with it, rows written since the last vacuum sit in a pending list every search scans
-- linearly (after a 100,000-review import, 40 ms a query instead of 3 ms).
CREATE INDEX ix_reference_fact_checks_match ON reference_fact_checks USING gin (match_vector) WITH (fastupdate = off);

ALTER TABLE claims ADD COLUMN match_vector tsvector;
CREATE INDEX ix_claims_match ON claims USING gin (match_vector) WITH (fastupdate = off);

CREATE TABLE gold_claims (
    project_id  uuid        NOT NULL,
    claim_id    uuid        NOT NULL,
    rating      text        NOT NULL,
    set_by      uuid        REFERENCES users (id) ON DELETE SET NULL,
    set_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pk_gold_claims PRIMARY KEY (claim_id),
    CONSTRAINT fk_gold_claims_claim FOREIGN KEY (project_id, claim_id) REFERENCES claims (project_id, id) ON DELETE CASCADE
);
CREATE INDEX ix_gold_claims_project ON gold_claims (project_id);

ALTER TABLE projects ADD COLUMN gold_rate double precision NOT NULL DEFAULT 0.1;
ALTER TABLE projects ADD CONSTRAINT ck_projects_gold_rate CHECK (gold_rate >= 0 AND gold_rate <= 1);

CREATE TABLE claim_first_seen (
    claim_id  uuid        NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
    user_id   uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    seen_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pk_claim_first_seen PRIMARY KEY (claim_id, user_id)
);
