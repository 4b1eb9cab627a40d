-- Commune confirmation lists: the commune People's Committee confirms (or refuses) each approved loan request of its
-- groups, then signs the list. A signed list is a legal record: triggers refuse any change to it or its lines, from
-- any connection. A correction is a new list naming the one it replaces (at most one correction per list).

CREATE TABLE confirmation_lists (
    id              uuid PRIMARY KEY,
    province_code   text NOT NULL REFERENCES provinces (code),
    commune_code    text NOT NULL REFERENCES communes (code),
    programme_code  text REFERENCES loan_programmes (code),
    as_of           date NOT NULL,
    replaces        uuid UNIQUE REFERENCES confirmation_lists (id),
    status          text NOT NULL CHECK (status IN ('draft', 'signed')),
    decision_number text CHECK (length(decision_number) BETWEEN 1 AND 50),
    decision_date   date,
    signer          text CHECK (length(signer) BETWEEN 1 AND 100),
    content_hash    text CHECK (content_hash ~ '^[0-9a-f]{64}$'),
    signed_at       timestamptz,
    created_by      text NOT NULL,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    CHECK ((status = 'signed') = (decision_number IS NOT NULL AND decision_date IS NOT NULL AND signer IS NOT NULL
                                  AND content_hash IS NOT NULL AND signed_at IS NOT NULL))
);
CREATE INDEX confirmation_lists_commune ON confirmation_lists (commune_code, created_at DESC, id);

-- One line per loan request, with what the form shows copied at compilation (STT, borrower, village, category in force,
-- programme, amount, purpose, term) and the commune's result. flags: why the household was no longer eligible on as_of.
CREATE TABLE confirmation_lines (
    id             uuid PRIMARY KEY,
    list_id        uuid NOT NULL REFERENCES confirmation_lists (id),
    stt            integer NOT NULL CHECK (stt > 0),
    request_id     uuid NOT NULL REFERENCES loan_requests (id),
    household_id   uuid NOT NULL,
    province_code  text NOT NULL,
    group_id       uuid NOT NULL REFERENCES savings_groups (id),
    association_id uuid NOT NULL REFERENCES associations (id),
    borrower_name  text NOT NULL,
    village_id     uuid NOT NULL REFERENCES villages (id),
    village_name   text NOT NULL,
    category       text CHECK (category IN ('poor', 'near-poor', 'middle-living', 'not-poor')),
    programme_code text NOT NULL REFERENCES loan_programmes (code),
    amount         numeric(16, 0) NOT NULL CHECK (amount > 0),
    purpose        text NOT NULL,
    term_months    integer NOT NULL CHECK (term_months > 0),
    flags          jsonb NOT NULL DEFAULT '[]',
    result         text CHECK (result IN ('confirmed', 'refused')),
    reason         text CHECK (length(reason) BETWEEN 1 AND 500),
    FOREIGN KEY (household_id, province_code) REFERENCES households (id, province_code),
    CHECK (result IS DISTINCT FROM 'refused' OR reason IS NOT NULL),
    UNIQUE (list_id, stt),
    UNIQUE (list_id, request_id)
);
CREATE INDEX confirmation_lines_request ON confirmation_lines (request_id);
CREATE INDEX confirmation_lines_association ON confirmation_lines (association_id, list_id);

-- A signed list never changes: the API refuses first (409 with the reason); this holds for every other writer too.
CREATE FUNCTION confirmation_list_is_signed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.status = 'signed' THEN
        RAISE EXCEPTION 'confirmation list % is signed and never changes', OLD.id USING ERRCODE = 'raise_exception';
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER confirmation_lists_signed BEFORE UPDATE OR DELETE ON confirmation_lists
    FOR EACH ROW EXECUTE FUNCTION confirmation_list_is_signed();

CREATE FUNCTION confirmation_line_of_signed_list() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM confirmation_lists l
               WHERE l.id IN (CASE WHEN TG_OP = 'INSERT' THEN NEW.list_id ELSE OLD.list_id END,
                              CASE WHEN TG_OP = 'UPDATE' THEN NEW.list_id END)
                 AND l.status = 'signed') THEN
        RAISE EXCEPTION 'the lines of a signed confirmation list never change' USING ERRCODE = 'raise_exception';
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER confirmation_lines_signed BEFORE INSERT OR UPDATE OR DELETE ON confirmation_lines
    FOR EACH ROW EXECUTE FUNCTION confirmation_line_of_signed_list();
