-- job-creation's list needs "households of the commune with a member born on or before a date" (of full age on asOf).
-- Tested per household through members, its count probed the members of every household of the commune on every page
-- (129 ms for 12,000 households, bench/README.md). Each household's eldest member's birth date, kept here by triggers
-- on members, turns the count into one index range and the page into one probe per listed household.
--
-- A table of its own, not a column of households: households' row version (xmin) is their ETag and EF's concurrency
-- token, so a trigger rewriting the household row when a member changes would fail the household's own update in
-- the same SaveChanges. Bulk loads that disable ordinary triggers (session_replication_role = replica, as
-- bench/sql/generate.sql does) fill it set-based as below.

CREATE TABLE household_eldest_member (
    household_id  uuid PRIMARY KEY,
    province_code text NOT NULL,
    commune_code  text NOT NULL,
    eldest_born   date NOT NULL,
    FOREIGN KEY (household_id, province_code) REFERENCES households (id, province_code) ON DELETE CASCADE
);
CREATE INDEX household_eldest_member_commune ON household_eldest_member (commune_code, eldest_born);

INSERT INTO household_eldest_member (household_id, province_code, commune_code, eldest_born)
SELECT h.id, h.province_code, h.commune_code, m.eldest
FROM households h
JOIN (SELECT household_id, min(date_of_birth) AS eldest FROM members GROUP BY household_id) m ON m.household_id = h.id;

-- Recomputes one household's row from its members (none left: no row).
CREATE FUNCTION household_eldest_member_refresh(household uuid) RETURNS void
    LANGUAGE sql AS $$
    DELETE FROM household_eldest_member e
    WHERE e.household_id = household AND NOT EXISTS (SELECT 1 FROM members m WHERE m.household_id = household);
    INSERT INTO household_eldest_member (household_id, province_code, commune_code, eldest_born)
    SELECT h.id, h.province_code, h.commune_code, (SELECT min(m.date_of_birth) FROM members m WHERE m.household_id = h.id)
    FROM households h
    WHERE h.id = household AND EXISTS (SELECT 1 FROM members m WHERE m.household_id = household)
    ON CONFLICT (household_id) DO UPDATE SET eldest_born = EXCLUDED.eldest_born, commune_code = EXCLUDED.commune_code
        WHERE household_eldest_member.eldest_born IS DISTINCT FROM EXCLUDED.eldest_born
           OR household_eldest_member.commune_code IS DISTINCT FROM EXCLUDED.commune_code;
$$;

CREATE FUNCTION members_refresh_eldest() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM household_eldest_member_refresh(OLD.household_id);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND (TG_OP = 'INSERT' OR NEW.household_id IS DISTINCT FROM OLD.household_id
            OR NEW.date_of_birth IS DISTINCT FROM OLD.date_of_birth) THEN
        PERFORM household_eldest_member_refresh(NEW.household_id);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER members_refresh_eldest AFTER INSERT OR DELETE OR UPDATE OF household_id, date_of_birth ON members
    FOR EACH ROW EXECUTE FUNCTION members_refresh_eldest();

-- A household moved to another commune takes its row along.
CREATE FUNCTION households_move_eldest() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    UPDATE household_eldest_member SET commune_code = NEW.commune_code WHERE household_id = NEW.id;
    RETURN NULL;
END
$$;

CREATE TRIGGER households_move_eldest AFTER UPDATE OF commune_code ON households
    FOR EACH ROW WHEN (NEW.commune_code IS DISTINCT FROM OLD.commune_code) EXECUTE FUNCTION households_move_eldest();
