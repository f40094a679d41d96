-- Access that can be taken away: users are disabled and enabled, passwords set, tokens revoked, and
-- login attempts counted in the database so that every server process shares one limit.

ALTER TABLE users ADD COLUMN disabled_at timestamptz;
ALTER TABLE users ADD COLUMN password_changed_at timestamptz;
ALTER TABLE users ADD CONSTRAINT ck_users_disabled_at CHECK (disabled OR disabled_at IS NULL);

-- Live tokens of a user (revocation and listing read them by user).
CREATE INDEX ix_api_tokens_user_live ON api_tokens (user_id, created_at) WHERE revoked_at IS NULL;

-- One row per login attempt still inside the throttle's window, per scope ('user:<lower-case name>',
-- 'addr:<client address>'). A row is written (reserved) before the password is checked, so parallel
-- guesses cannot all pass the count before any of them has failed; a successful login deletes its
-- username's rows. A process that dies mid-check leaves its reservation counted, which errs on the
-- side of the limit.
CREATE TABLE login_attempts (
    id            bigint       GENERATED ALWAYS AS IDENTITY,
    scope         text         NOT NULL,
    attempted_at  timestamptz  NOT NULL DEFAULT clock_timestamp(),
    CONSTRAINT pk_login_attempts PRIMARY KEY (id),
    CONSTRAINT ck_login_attempts_scope CHECK (scope ~ '^(user|addr):' AND length(scope) <= 200)
);
CREATE INDEX ix_login_attempts_scope ON login_attempts (scope, attempted_at);

-- Reserves one attempt in each scope, unless a scope has used up its limit within the window: then
-- nothing is reserved and `retry_after` says in how many seconds its oldest attempt leaves the window.
-- Scopes are locked in a fixed order (advisory locks held to the end of the transaction), so counting
-- and reserving cannot interleave with another process's reservation and no two callers deadlock.
CREATE FUNCTION verity_reserve_login_attempt(scopes text[], limits integer[], window_seconds double precision)
    RETURNS TABLE (reserved bigint[], retry_after double precision)
    LANGUAGE plpgsql AS $$
DECLARE
    horizon timestamptz := clock_timestamp() - make_interval(secs => window_seconds);
    wait double precision := 0;
    used integer;
    oldest timestamptz;
    i integer;
    ids bigint[];
BEGIN
    IF array_length(scopes, 1) IS DISTINCT FROM array_length(limits, 1) THEN
        RAISE EXCEPTION 'one limit per scope' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    PERFORM pg_advisory_xact_lock(hashtextextended(s, 7303)) FROM (SELECT DISTINCT unnest(scopes) AS s ORDER BY 1) locked;
    DELETE FROM login_attempts WHERE scope = ANY(scopes) AND attempted_at <= horizon;
    -- Scopes nobody tries again would keep their rows: now and then, sweep the whole table.
    IF random() < 0.01 THEN
        DELETE FROM login_attempts WHERE attempted_at <= horizon;
    END IF;
    FOR i IN 1 .. coalesce(array_length(scopes, 1), 0) LOOP
        SELECT count(*), min(attempted_at) INTO used, oldest FROM login_attempts WHERE scope = scopes[i];
        IF used >= limits[i] THEN
            wait := greatest(wait, window_seconds - extract(epoch FROM clock_timestamp() - oldest)::double precision);
        END IF;
    END LOOP;
    IF wait > 0 THEN
        RETURN QUERY SELECT NULL::bigint[], wait;
        RETURN;
    END IF;
    WITH inserted AS (INSERT INTO login_attempts (scope) SELECT unnest(scopes) RETURNING id)
    SELECT array_agg(id) INTO ids FROM inserted;
    RETURN QUERY SELECT ids, 0::double precision;
END
$$;
