-- Two database roles (issue 12; README, "Database roles"). Whoever runs the migrations owns every table, function and
-- sequence. eligibility_api, the API's role, owns nothing and holds only what it needs: DML on operational tables,
-- SELECT on reference tables it never writes, INSERT and SELECT on audit_log, SELECT on the chain head (moved only by
-- SECURITY DEFINER functions below) and on schema_migrations, no TRUNCATE, REFERENCES or TRIGGER anywhere.
--
-- Tables created later (by any migration the owner runs, before or after this one by number) get the API's DML
-- through the owner's default privileges; a later table that needs less revokes it in its own migration.

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'eligibility_api') THEN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = current_user AND (rolsuper OR rolcreaterole)) THEN
            RAISE EXCEPTION 'the role eligibility_api does not exist and % may not create it', current_user
                USING HINT = 'Create it first: CREATE ROLE eligibility_api LOGIN PASSWORD ''...''; (README, "Database roles").';
        END IF;
        -- Without LOGIN: the operator lets the API log in as it, or grants it to the API's login role.
        CREATE ROLE eligibility_api NOLOGIN;
    END IF;
END
$$;

-- Nobody but the owner creates objects here (databases made before PostgreSQL 15 let every role do so).
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO eligibility_api;

GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO eligibility_api;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO eligibility_api;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO eligibility_api;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO eligibility_api;

-- Reference data the migrations seed and the API only reads; figures and terms gain new versions, never changed ones.
REVOKE INSERT, UPDATE, DELETE ON poverty_standards, standard_indicators, loan_programmes FROM eligibility_api;
REVOKE UPDATE, DELETE ON standard_figures, programme_terms FROM eligibility_api;
-- The protected tables: the trail is appended to and read; the head and the migrations' record are only read.
REVOKE UPDATE, DELETE ON audit_log FROM eligibility_api;
REVOKE INSERT, UPDATE, DELETE ON audit_chain_head, schema_migrations FROM eligibility_api;

-- The chain's lock and the head's move run as the owner, so the API's role needs no write on the head. search_path
-- is fixed so that a caller's own objects cannot stand in for the ones named here.
CREATE FUNCTION audit_chain_lock() RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    previous text;
BEGIN
    SELECT h.last_hash INTO previous FROM public.audit_chain_head h FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'audit_chain_head is missing: the audit chain cannot be continued';
    END IF;
    RETURN previous;
END
$$;
REVOKE EXECUTE ON FUNCTION audit_chain_lock() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit_chain_lock() TO eligibility_api;

-- As in 0012, except that the head's lock is taken through audit_chain_lock().
CREATE OR REPLACE FUNCTION audit_log_chain() RETURNS trigger
    LANGUAGE plpgsql AS $$
DECLARE
    -- "id:hash" of the entry this transaction appended last, while it holds the head's lock; '' or NULL otherwise.
    held text := current_setting('eligibility.audit_chain', true);
    previous text;
BEGIN
    IF coalesce(held, '') = '' THEN
        previous := audit_chain_lock();
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

-- As in 0012, as the owner; the head only ever names an entry that exists with that hash, so a hand-over a session
-- set itself cannot point the head anywhere else.
CREATE OR REPLACE FUNCTION audit_log_move_head() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    held text := current_setting('eligibility.audit_chain', true);
BEGIN
    IF coalesce(held, '') <> '' THEN
        UPDATE public.audit_chain_head SET last_id = split_part(held, ':', 1)::bigint, last_hash = split_part(held, ':', 2)
        WHERE last_id IS DISTINCT FROM split_part(held, ':', 1)::bigint
          AND EXISTS (SELECT 1 FROM public.audit_log a WHERE a.id = split_part(held, ':', 1)::bigint AND a.hash = split_part(held, ':', 2));
    END IF;
    RETURN NULL;
END
$$;

-- The head only moves forward: to a newer entry, never back to an older one or to none.
CREATE FUNCTION audit_chain_head_forward() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.last_id IS NOT NULL AND (NEW.last_id IS NULL OR NEW.last_id < OLD.last_id
                                    OR (NEW.last_id = OLD.last_id AND NEW.last_hash <> OLD.last_hash)) THEN
        RAISE EXCEPTION 'the audit chain head only moves forward (from entry % to %)', OLD.last_id, coalesce(NEW.last_id::text, 'none')
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER audit_chain_head_forward BEFORE UPDATE ON audit_chain_head
    FOR EACH ROW EXECUTE FUNCTION audit_chain_head_forward();
ALTER TABLE audit_chain_head ENABLE ALWAYS TRIGGER audit_chain_head_forward;

-- Signed confirmation lists: their triggers fire in replication mode too, and TRUNCATE (which skips row triggers) is refused.
CREATE FUNCTION refuse_truncate() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is never truncated', TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege', HINT = 'Signed confirmation lists are legal records.';
END
$$;
CREATE TRIGGER confirmation_lists_no_truncate BEFORE TRUNCATE ON confirmation_lists
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate();
CREATE TRIGGER confirmation_lines_no_truncate BEFORE TRUNCATE ON confirmation_lines
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate();
ALTER TABLE confirmation_lists ENABLE ALWAYS TRIGGER confirmation_lists_signed;
ALTER TABLE confirmation_lists ENABLE ALWAYS TRIGGER confirmation_lists_no_truncate;
ALTER TABLE confirmation_lines ENABLE ALWAYS TRIGGER confirmation_lines_signed;
ALTER TABLE confirmation_lines ENABLE ALWAYS TRIGGER confirmation_lines_no_truncate;
