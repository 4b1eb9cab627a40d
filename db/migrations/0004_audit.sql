-- The audit trail: who wrote or read what, when, with the values before and after. Append-only and
-- tamper-evident, both enforced here rather than trusted to the application:
--   * triggers refuse UPDATE, DELETE and TRUNCATE, whoever asks (the table owner and superusers included), and fire
--     even with session_replication_role = replica (ENABLE ALWAYS);
--   * a BEFORE INSERT trigger chains the entries: hash = sha256(canonical text of the entry, prev_hash included),
--     where prev_hash is the hash of the entry before it in id order.
-- Commune and province codes are the only keys kept outside the JSON: no names or ID numbers in plain columns.

CREATE SEQUENCE audit_log_id_seq AS bigint;

CREATE TABLE audit_log (
    -- Handed out by the chaining trigger under the chain lock (not by a column default), so id order is chain order.
    id            bigint PRIMARY KEY,
    -- Set by the trigger from the database's clock: an entry cannot be backdated by its writer.
    at            timestamptz NOT NULL,
    subject       text NOT NULL,
    role          text NOT NULL,
    action        text NOT NULL CHECK (action IN ('create', 'update', 'delete', 'read', 'import')),
    entity        text NOT NULL,
    -- The entity written or read; for a list, the entity the list belongs to (if any), with the ids read in ids_read.
    entity_id     text,
    ids_read      text[],
    commune_code  text,
    province_code text,
    -- The route template ("PUT /api/v1/households/{id:guid}"), never the concrete URL with its values.
    request_path  text,
    before        jsonb,
    after         jsonb,
    prev_hash     text NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
    hash          text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$')
);
ALTER SEQUENCE audit_log_id_seq OWNED BY audit_log.id;

CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, id);
CREATE INDEX audit_log_entity_id ON audit_log (entity_id, id);
CREATE INDEX audit_log_ids_read ON audit_log USING gin (ids_read);
CREATE INDEX audit_log_subject ON audit_log (subject, id);
CREATE INDEX audit_log_at ON audit_log (at);

-- The newest entry's id and hash: one row, locked by each insert until its transaction ends. Writers queue on it, so
-- two transactions can never chain onto the same entry. Under READ COMMITTED a waiting writer then reads the row as
-- its predecessor committed it; under REPEATABLE READ or SERIALIZABLE it fails with a serialization error instead of
-- forking the chain. It also lets verification notice entries removed from the end.
CREATE TABLE audit_chain_head (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    last_id   bigint,
    last_hash text NOT NULL
);
INSERT INTO audit_chain_head (last_id, last_hash) VALUES (NULL, repeat('0', 64));

-- The canonical text an entry's hash is computed over: a JSON array of its fields in a fixed order. jsonb's text
-- form is deterministic (keys sorted, whitespace fixed), distinguishes null from "", and escapes separators; the
-- time is written in UTC to the microsecond, whatever the session's TimeZone and DateStyle.
CREATE FUNCTION audit_log_canonical(e audit_log) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN jsonb_build_array(
        e.id, to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), e.subject, e.role, e.action, e.entity,
        e.entity_id, to_jsonb(e.ids_read), e.commune_code, e.province_code, e.request_path, e.before, e.after, e.prev_hash)::text;

CREATE FUNCTION audit_log_hash(e audit_log) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN encode(sha256(convert_to(audit_log_canonical(e), 'UTF8')), 'hex');

CREATE FUNCTION audit_log_chain() RETURNS trigger
    LANGUAGE plpgsql AS $$
DECLARE
    head audit_chain_head;
BEGIN
    SELECT * INTO head FROM audit_chain_head FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'audit_chain_head is missing: the audit chain cannot be continued';
    END IF;
    -- Whatever the writer supplied, these four are the database's to set.
    NEW.id := nextval('audit_log_id_seq');
    NEW.at := clock_timestamp();
    NEW.prev_hash := head.last_hash;
    NEW.hash := audit_log_hash(NEW);
    UPDATE audit_chain_head SET last_id = NEW.id, last_hash = NEW.hash;
    RETURN NEW;
END
$$;

CREATE FUNCTION audit_log_refuse_change() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege', HINT = 'Audit entries are never changed or removed.';
END
$$;

CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_chain();
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
ALTER TABLE audit_log ENABLE ALWAYS TRIGGER audit_log_chain;
ALTER TABLE audit_log ENABLE ALWAYS TRIGGER audit_log_append_only;
ALTER TABLE audit_log ENABLE ALWAYS TRIGGER audit_log_no_truncate;

-- The head only ever moves forward with an insert; removing it would stop all auditing, so that is refused too.
CREATE TRIGGER audit_chain_head_keep BEFORE DELETE ON audit_chain_head
    FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER audit_chain_head_no_truncate BEFORE TRUNCATE ON audit_chain_head
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
ALTER TABLE audit_chain_head ENABLE ALWAYS TRIGGER audit_chain_head_keep;
ALTER TABLE audit_chain_head ENABLE ALWAYS TRIGGER audit_chain_head_no_truncate;
