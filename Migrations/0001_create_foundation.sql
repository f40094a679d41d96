-- Foundation schema: accounts, projects, memberships, import batches, articles and their sentence spans.
-- Every tenant-owned table carries project_id (the distribution column if the install ever moves to Citus),
-- and child rows reference their parent through (project_id, id) so a row can never cross projects.
-- Constraints are named so that errors map by name (uq_… → conflict, ck_…/fk_… → validation).

CREATE TABLE users (
    id             uuid        NOT NULL DEFAULT gen_random_uuid(),
    username       text        NOT NULL,
    password_hash  text,
    display_name   text,
    is_admin       boolean     NOT NULL DEFAULT false,
    disabled       boolean     NOT NULL DEFAULT false,
    created_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pk_users PRIMARY KEY (id),
    CONSTRAINT ck_users_username CHECK (username ~ '^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$')
);
-- Usernames are unique regardless of case: "Ana" and "ana" are one person.
CREATE UNIQUE INDEX uq_users_username ON users (lower(username));

CREATE TABLE api_tokens (
    id            uuid        NOT NULL DEFAULT gen_random_uuid(),
    user_id       uuid        NOT NULL,
    name          text        NOT NULL DEFAULT '',
    -- SHA-256 of the token; the token itself is shown once and never stored.
    token_hash    bytea       NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz,
    revoked_at    timestamptz,
    last_used_at  timestamptz,
    CONSTRAINT pk_api_tokens PRIMARY KEY (id),
    CONSTRAINT uq_api_tokens_hash UNIQUE (token_hash),
    CONSTRAINT ck_api_tokens_hash_length CHECK (octet_length(token_hash) = 32),
    CONSTRAINT fk_api_tokens_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);
CREATE INDEX ix_api_tokens_user ON api_tokens (user_id);

CREATE TABLE projects (
    id                   uuid        NOT NULL DEFAULT gen_random_uuid(),
    slug                 text        NOT NULL,
    name                 text        NOT NULL,
    reviewers_per_claim  integer     NOT NULL DEFAULT 2,
    blind_review         boolean     NOT NULL DEFAULT true,
    created_at           timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pk_projects PRIMARY KEY (id),
    CONSTRAINT uq_projects_slug UNIQUE (slug),
    CONSTRAINT ck_projects_slug CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    CONSTRAINT ck_projects_reviewers_per_claim CHECK (reviewers_per_claim BETWEEN 1 AND 20)
);

CREATE TABLE memberships (
    project_id  uuid        NOT NULL,
    user_id     uuid        NOT NULL,
    role        text        NOT NULL,
    version     integer     NOT NULL DEFAULT 1,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pk_memberships PRIMARY KEY (project_id, user_id),
    CONSTRAINT ck_memberships_role CHECK (role IN ('owner', 'editor', 'reviewer', 'viewer')),
    CONSTRAINT fk_memberships_project FOREIGN KEY (project_id) REFERENCES projects (id) ON DELETE CASCADE,
    CONSTRAINT fk_memberships_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);
CREATE INDEX ix_memberships_user ON memberships (user_id);

CREATE TABLE import_batches (
    project_id   uuid        NOT NULL,
    id           uuid        NOT NULL DEFAULT gen_random_uuid(),
    source       text        NOT NULL,
    actor_id     uuid,
    status       text        NOT NULL DEFAULT 'running',
    imported     integer     NOT NULL DEFAULT 0,
    duplicates   integer     NOT NULL DEFAULT 0,
    failed       integer     NOT NULL DEFAULT 0,
    errors       jsonb       NOT NULL DEFAULT '[]',
    created_at   timestamptz NOT NULL DEFAULT now(),
    finished_at  timestamptz,
    CONSTRAINT pk_import_batches PRIMARY KEY (id),
    CONSTRAINT uq_import_batches_project_id UNIQUE (project_id, id),
    CONSTRAINT ck_import_batches_status CHECK (status IN ('running', 'completed', 'failed')),
    CONSTRAINT fk_import_batches_project FOREIGN KEY (project_id) REFERENCES projects (id) ON DELETE CASCADE,
    CONSTRAINT fk_import_batches_actor FOREIGN KEY (actor_id) REFERENCES users (id) ON DELETE SET NULL
);

CREATE TABLE articles (
    project_id          uuid        NOT NULL,
    id                  uuid        NOT NULL,
    external_id         text,
    content_hash        text        NOT NULL,
    title               text,
    section             text,
    standfirst          text,
    author              text,
    author_affiliation  text,
    publisher           text,
    url                 text,
    published_at        timestamptz,
    language            text,
    -- Canonical text: NFC, \n line ends, blocks separated by one blank line. Immutable.
    text                text        NOT NULL,
    code_points         integer     NOT NULL,
    utf16_length        integer     NOT NULL,
    import_batch_id     uuid,
    created_at          timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pk_articles PRIMARY KEY (id),
    CONSTRAINT uq_articles_project_id UNIQUE (project_id, id),
    CONSTRAINT uq_articles_external_id UNIQUE (project_id, external_id),
    CONSTRAINT ck_articles_content_hash CHECK (content_hash ~ '^[0-9a-f]{64}$'),
    CONSTRAINT ck_articles_lengths CHECK (code_points = char_length(text) AND utf16_length >= code_points),
    CONSTRAINT fk_articles_project FOREIGN KEY (project_id) REFERENCES projects (id) ON DELETE CASCADE,
    CONSTRAINT fk_articles_import_batch FOREIGN KEY (project_id, import_batch_id) REFERENCES import_batches (project_id, id)
);
-- An article without an external id is identified by its text; one with an id by that id. A project
-- never holds the same canonical text twice either way.
CREATE UNIQUE INDEX uq_articles_content_hash ON articles (project_id, content_hash);
-- Keyset pagination: newest first, ties broken by id.
CREATE INDEX ix_articles_project_created ON articles (project_id, created_at DESC, id DESC);

CREATE TABLE spans (
    project_id   uuid     NOT NULL,
    article_id   uuid     NOT NULL,
    id           bigint   GENERATED ALWAYS AS IDENTITY,
    ordinal      integer  NOT NULL,
    block        text     NOT NULL,
    paragraph    integer,
    start_cp     integer  NOT NULL,
    end_cp       integer  NOT NULL,
    start_utf16  integer  NOT NULL,
    end_utf16    integer  NOT NULL,
    CONSTRAINT pk_spans PRIMARY KEY (id),
    CONSTRAINT uq_spans_ordinal UNIQUE (article_id, ordinal),
    CONSTRAINT ck_spans_block CHECK ((block IN ('headline', 'standfirst') AND paragraph IS NULL) OR (block = 'paragraph' AND paragraph >= 0)),
    CONSTRAINT ck_spans_range CHECK (0 <= start_cp AND start_cp < end_cp AND 0 <= start_utf16 AND start_utf16 < end_utf16),
    CONSTRAINT fk_spans_article FOREIGN KEY (project_id, article_id) REFERENCES articles (project_id, id) ON DELETE CASCADE
);
