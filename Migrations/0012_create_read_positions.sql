-- Read-your-writes with a read replica. A server given --read-database sends safe reads to a hot standby;
-- each writing transaction of an authenticated caller records its transaction id here (in the same
-- commit, so no extra flush). The authentication statement, which runs on the primary for every request,
-- returns it; a read goes to the standby only once the standby's snapshot shows that transaction as
-- finished (it has replayed the caller's last commit), otherwise to the primary. Every server process
-- reads the same row, so this holds behind a load balancer too. One row per user: global, like users.

CREATE TABLE read_positions (
    user_id    uuid        NOT NULL,
    xid        xid8        NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pk_read_positions PRIMARY KEY (user_id),
    CONSTRAINT fk_read_positions_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) WITH (fillfactor = 70);

-- Called at the end of every transaction of an authenticated caller (only by servers with a read
-- replica): records the transaction's id if it wrote anything. A transaction that wrote nothing has no
-- id (and may be READ ONLY), so nothing is written for it. Answers whether it recorded one.
CREATE FUNCTION record_read_position(p_user uuid) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
    current_xid xid8 := pg_current_xact_id_if_assigned();
BEGIN
    IF current_xid IS NOT NULL THEN
        INSERT INTO read_positions (user_id, xid) VALUES (p_user, current_xid)
        ON CONFLICT (user_id) DO UPDATE SET xid = EXCLUDED.xid, updated_at = now();
    END IF;
    RETURN current_xid IS NOT NULL;
END
$$;
