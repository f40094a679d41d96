-- The same language-to-configuration mapping as 0004, written so PostgreSQL can inline it.
--
-- 0004's body cast a text to regconfig (`(CASE … END)::regconfig`). That cast looks the name up at run
-- time, so it is only STABLE, and PostgreSQL does not inline an IMMUTABLE SQL function whose body is
-- less than immutable: every call ran the SQL-function executor, twice per article row (title and
-- text) in the generated `search` column, and once or twice per row in search queries. In a profile of
-- a COPY of 10,000 short articles that was 8 % of the backend's time (fmgr_sql, an executor start and a
-- catalog lookup per call). Here every branch is a regconfig constant, resolved when the function is
-- inlined, so the expression is plain CASE over the language code.
--
-- The mapping is unchanged, so stored search vectors stay valid and the generated column and its index
-- need no rewrite (CREATE OR REPLACE keeps the function's identity, which the column refers to).

CREATE OR REPLACE FUNCTION verity_search_config(language text) RETURNS regconfig
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE lower(split_part(coalesce(language, ''), '-', 1))
        WHEN 'ar' THEN 'pg_catalog.arabic'::regconfig WHEN 'da' THEN 'pg_catalog.danish'::regconfig
        WHEN 'de' THEN 'pg_catalog.german'::regconfig WHEN 'el' THEN 'pg_catalog.greek'::regconfig
        WHEN 'en' THEN 'pg_catalog.english'::regconfig WHEN 'es' THEN 'pg_catalog.spanish'::regconfig
        WHEN 'fi' THEN 'pg_catalog.finnish'::regconfig WHEN 'fr' THEN 'pg_catalog.french'::regconfig
        WHEN 'hu' THEN 'pg_catalog.hungarian'::regconfig WHEN 'id' THEN 'pg_catalog.indonesian'::regconfig
        WHEN 'it' THEN 'pg_catalog.italian'::regconfig WHEN 'lt' THEN 'pg_catalog.lithuanian'::regconfig
        WHEN 'ne' THEN 'pg_catalog.nepali'::regconfig WHEN 'nl' THEN 'pg_catalog.dutch'::regconfig
        WHEN 'no' THEN 'pg_catalog.norwegian'::regconfig WHEN 'nb' THEN 'pg_catalog.norwegian'::regconfig
        WHEN 'pt' THEN 'pg_catalog.portuguese'::regconfig WHEN 'ro' THEN 'pg_catalog.romanian'::regconfig
        WHEN 'ru' THEN 'pg_catalog.russian'::regconfig WHEN 'sv' THEN 'pg_catalog.swedish'::regconfig
        WHEN 'ta' THEN 'pg_catalog.tamil'::regconfig WHEN 'tr' THEN 'pg_catalog.turkish'::regconfig
        ELSE 'pg_catalog.simple'::regconfig END
$$;
