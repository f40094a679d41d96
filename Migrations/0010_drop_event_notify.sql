-- Live events without NOTIFY. A NOTIFY makes its transaction take PostgreSQL's cluster-wide notification
-- lock at commit, so every writing transaction (each one audits) committed one after another: about a
-- fifth of the write throughput, measured with pgbench on Verity's verdict statements. Server processes
-- with live-event subscribers now look for new audit events themselves every 100 ms (an index range
-- scan past the last id they delivered); processes with nobody subscribed read nothing.

DROP TRIGGER tr_audit_events_notify ON audit_events;
DROP FUNCTION audit_events_notify();
