-- The audit chain moves its head once per statement instead of once per entry (issue 6, bench/README.md).
--
-- 0004 locked audit_chain_head and rewrote it for every entry. A batch of read entries (AuditReadBatcher) or a batch
-- recognition of thousands of households therefore wrote thousands of versions of that one row in one transaction.
-- Now the first entry of a transaction takes the head's row lock (held to commit, as before) and each entry hands its
-- id and hash to the next through a transaction-local setting; an AFTER STATEMENT trigger writes the head once.
--
-- What stays true: entries are chained in id order (ids are still handed out under the lock); two transactions can
-- never chain onto the same entry (the lock is taken before the first entry's prev_hash is read, and kept); the head
-- names the newest committed entry. A rolled-back subtransaction reverts its setting together with its rows, its
-- head update and its row lock. A session that sets eligibility.audit_chain itself can only write entries whose
-- prev_hash does not match their predecessor, which GET /api/v1/audit/verify reports as a broken chain.

CREATE OR REPLACE FUNCTION audit_log_chain() RETURNS trigger
    LANGUAGE plpgsql AS $$
DECLARE
    -- "id:hash" of the entry this transaction appended last, while it holds the head's lock; '' or NULL otherwise.
    held text := current_setting('eligibility.audit_chain', true);
    previous text;
BEGIN
    IF coalesce(held, '') = '' THEN
        SELECT h.last_hash INTO previous FROM audit_chain_head h FOR UPDATE;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'audit_chain_head is missing: the audit chain cannot be continued';
        END IF;
    ELSE
        previous := split_part(held, ':', 2);
    END IF;
    -- Whatever the writer supplied, these four are the database's to set.
    NEW.id := nextval('audit_log_id_seq');
    NEW.at := clock_timestamp();
    NEW.prev_hash := previous;
    NEW.hash := audit_log_hash(NEW);
    PERFORM set_config('eligibility.audit_chain', NEW.id || ':' || NEW.hash, true);
    RETURN NEW;
END
$$;

CREATE FUNCTION audit_log_move_head() RETURNS trigger
    LANGUAGE plpgsql AS $$
DECLARE
    held text := current_setting('eligibility.audit_chain', true);
BEGIN
    IF coalesce(held, '') <> '' THEN
        UPDATE audit_chain_head SET last_id = split_part(held, ':', 1)::bigint, last_hash = split_part(held, ':', 2)
        WHERE last_id IS DISTINCT FROM split_part(held, ':', 1)::bigint;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER audit_log_move_head AFTER INSERT ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_move_head();
ALTER TABLE audit_log ENABLE ALWAYS TRIGGER audit_log_move_head;
