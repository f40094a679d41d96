-- Full-text search over the desk's material: article titles and texts (in the article's language,
-- `simple` when unknown), claim quotes, verdict and resolution rationales (`simple`: they are short and
-- may mix languages). GIN indexes on exactly the expressions the search queries use.

CREATE FUNCTION verity_search_config(language text) RETURNS regconfig
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT (CASE lower(split_part(coalesce(language, ''), '-', 1))
        WHEN 'ar' THEN 'arabic' WHEN 'da' THEN 'danish' WHEN 'de' THEN 'german' WHEN 'el' THEN 'greek'
        WHEN 'en' THEN 'english' WHEN 'es' THEN 'spanish' WHEN 'fi' THEN 'finnish' WHEN 'fr' THEN 'french'
        WHEN 'hu' THEN 'hungarian' WHEN 'id' THEN 'indonesian' WHEN 'it' THEN 'italian' WHEN 'lt' THEN 'lithuanian'
        WHEN 'ne' THEN 'nepali' WHEN 'nl' THEN 'dutch' WHEN 'no' THEN 'norwegian' WHEN 'nb' THEN 'norwegian'
        WHEN 'pt' THEN 'portuguese' WHEN 'ro' THEN 'romanian' WHEN 'ru' THEN 'russian' WHEN 'sv' THEN 'swedish'
        WHEN 'ta' THEN 'tamil' WHEN 'tr' THEN 'turkish' ELSE 'simple' END)::regconfig
$$;

ALTER TABLE articles ADD COLUMN search tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector(verity_search_config(language), coalesce(title, '')), 'A')
    || setweight(to_tsvector(verity_search_config(language), text), 'B')
) STORED;
CREATE INDEX ix_articles_search ON articles USING gin (search);
CREATE INDEX ix_claims_search ON claims USING gin (to_tsvector('simple', exact));
CREATE INDEX ix_verdicts_search ON verdicts USING gin (to_tsvector('simple', coalesce(rationale, '')));
CREATE INDEX ix_resolutions_search ON resolutions USING gin (to_tsvector('simple', coalesce(rationale, '')));
