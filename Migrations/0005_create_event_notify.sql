-- Live events: every audit event is a change someone may want to see at once. A NOTIFY at commit
-- wakes every server process listening on `verity_events`, which then reads the new events from
-- audit_events itself (the notification carries only the id), so none is lost when a notification is.

CREATE FUNCTION audit_events_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('verity_events', NEW.id::text);
    RETURN NULL;
END
$$;
CREATE TRIGGER tr_audit_events_notify AFTER INSERT ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_notify();
