-- Article revisions: a publisher corrects an article, the desk re-imports it (same project and
-- externalId, different text). The article row always holds the current text and its spans; every
-- earlier text is kept here, whole and immutable, with the spans it had. Claims are re-anchored on
-- the new text and record how (anchoring, with a score for fuzzy matches) and against which revision
-- their offsets count (an orphaned claim keeps the offsets and quote of the revision it was made on).

ALTER TABLE articles ADD COLUMN revision integer NOT NULL DEFAULT 1;
ALTER TABLE articles ADD COLUMN revised_at timestamptz;
ALTER TABLE articles ADD CONSTRAINT ck_articles_revision CHECK (revision >= 1);

CREATE TABLE article_revisions (
    project_id    uuid        NOT NULL,
    article_id    uuid        NOT NULL,
    revision      integer     NOT NULL,
    content_hash  text        NOT NULL,
    title         text,
    text          text        NOT NULL,
    code_points   integer     NOT NULL,
    utf16_length  integer     NOT NULL,
    -- [{ordinal, block, paragraph, start, end, utf16Start, utf16End}], as the spans table held them.
    spans         jsonb       NOT NULL,
    -- When this text became current, and when a newer one replaced it.
    created_at    timestamptz NOT NULL,
    replaced_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pk_article_revisions PRIMARY KEY (article_id, revision),
    CONSTRAINT ck_article_revisions_revision CHECK (revision >= 1),
    CONSTRAINT fk_article_revisions_article FOREIGN KEY (project_id, article_id) REFERENCES articles (project_id, id) ON DELETE CASCADE
);

ALTER TABLE claims ADD COLUMN anchoring text NOT NULL DEFAULT 'anchored';
ALTER TABLE claims ADD COLUMN anchor_score double precision;
ALTER TABLE claims ADD COLUMN revision integer NOT NULL DEFAULT 1;
ALTER TABLE claims ADD CONSTRAINT ck_claims_anchoring CHECK (anchoring IN ('anchored', 'moved', 'fuzzy', 'orphaned'));
ALTER TABLE claims ADD CONSTRAINT ck_claims_anchor_score CHECK (anchor_score IS NULL OR (anchor_score >= 0 AND anchor_score <= 1));
