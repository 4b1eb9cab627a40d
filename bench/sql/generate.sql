-- National-shaped data set for the benchmarks, set-based (INSERT ... SELECT generate_series), repeatable from a seed.
-- psql variables: n (households), seed, big_commune (gets big_count households), big_count; the unit CSV on stdin.
-- Ages are counted back from 2026-11-21 (fixed, so the data set does not move with the clock).
-- Every value is a pure function of (seed, row number): hashint8extended, never random(), so two runs with the same
-- seed produce the same rows whatever the plan. Runs as the superuser on a dedicated benchmark database.
\set ON_ERROR_STOP on
\timing on
SET synchronous_commit = off;
SET maintenance_work_mem = '1GB';
SET work_mem = '256MB';
SET max_parallel_maintenance_workers = 2;

SELECT EXISTS (SELECT 1 FROM households) AS not_empty \gset
\if :not_empty
    \echo 'households is not empty: generate into a freshly migrated database'
    \quit 1
\endif
DROP SCHEMA IF EXISTS bench CASCADE;
CREATE SCHEMA bench;

-- Uniform [0,1) from (row key, salt, seed).
CREATE FUNCTION bench.r(i bigint, salt int) RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN (hashint8extended(i, salt::bigint * 1000003 + :seed) & 2147483647)::float8 / 2147483648.0;
CREATE FUNCTION bench.uid(kind text, k text) RETURNS uuid LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN md5(:seed::text || kind || k)::uuid;
CREATE FUNCTION bench.pick(a text[], u float8) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN a[1 + floor(u * array_length(a, 1))::int];

-- Members: count (mean 3.5), relationship, sex, age, name: functions of (household number i, position j).
CREATE FUNCTION bench.mcount(i bigint) RETURNS int LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURN
    CASE WHEN bench.r(i, 1) < 0.10 THEN 1 WHEN bench.r(i, 1) < 0.28 THEN 2 WHEN bench.r(i, 1) < 0.50 THEN 3
         WHEN bench.r(i, 1) < 0.75 THEN 4 WHEN bench.r(i, 1) < 0.90 THEN 5 WHEN bench.r(i, 1) < 0.97 THEN 6 ELSE 7 END;
CREATE FUNCTION bench.mrel(i bigint, j int) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURN
    CASE WHEN j = 1 THEN 'head' WHEN j = 2 AND bench.r(i, 4) < 0.8 THEN 'spouse'
         WHEN bench.r(i * 16 + j, 5) < 0.12 THEN 'parent' ELSE 'child' END;
CREATE FUNCTION bench.headage(i bigint) RETURNS int LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURN 25 + floor(bench.r(i, 3) * 55)::int;
CREATE FUNCTION bench.mfemale(i bigint, j int) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURN
    CASE bench.mrel(i, j) WHEN 'head' THEN bench.r(i, 2) < 0.3 WHEN 'spouse' THEN NOT (bench.r(i, 2) < 0.3)
         ELSE bench.r(i * 16 + j, 6) < 0.5 END;
CREATE FUNCTION bench.mage(i bigint, j int) RETURNS int LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURN
    CASE bench.mrel(i, j) WHEN 'head' THEN bench.headage(i)
         WHEN 'spouse' THEN greatest(18, bench.headage(i) - 6 + floor(bench.r(i * 16 + j, 7) * 10)::int)
         WHEN 'parent' THEN least(99, bench.headage(i) + 20 + floor(bench.r(i * 16 + j, 7) * 12)::int)
         ELSE greatest(0, bench.headage(i) - 20 - floor(bench.r(i * 16 + j, 7) * 18)::int) END;
CREATE FUNCTION bench.mname(i bigint, j int) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURN
    bench.pick(ARRAY['Nguyễn','Nguyễn','Nguyễn','Nguyễn','Trần','Trần','Lê','Lê','Phạm','Hoàng','Huỳnh','Phan','Vũ','Võ','Đặng','Bùi','Đỗ','Hồ','Ngô','Dương','Lý'],
        CASE WHEN bench.mrel(i, j) IN ('head', 'child') THEN bench.r(i, 9) ELSE bench.r(i * 16 + j, 9) END)
    || ' ' || CASE WHEN bench.mfemale(i, j)
        THEN bench.pick(ARRAY['Thị','Thị','Thị','Ngọc','Thu','Thanh','Kim','Mỹ','Hồng','Bích'], bench.r(i * 16 + j, 10))
            || ' ' || bench.pick(ARRAY['Lan','Hoa','Hương','Mai','Hằng','Ngọc','Linh','Trang','Thảo','Hà','Nhung','Yến','Vân','Anh','Thủy','Hồng','Loan','Phương','Trinh','Uyên','Hạnh','Chi','My','Nga'], bench.r(i * 16 + j, 11))
        ELSE bench.pick(ARRAY['Văn','Văn','Văn','Đức','Minh','Quốc','Hữu','Thanh','Công','Gia'], bench.r(i * 16 + j, 10))
            || ' ' || bench.pick(ARRAY['Hùng','Dũng','Minh','Tuấn','Nam','Hải','Long','Sơn','Thắng','Phúc','Bảo','Khang','Quân','Trung','Hiếu','Tâm','Đức','Hòa','Tùng','Việt','Huy','Khôi','Lâm','Phong'], bench.r(i * 16 + j, 11))
        END;

-- 1. Units: the official list (34 provinces, 3,321 communes), as POST /api/v1/admin/units/import stores it.
CREATE UNLOGGED TABLE bench.units (province_code text, province_name text, commune_code text, commune_name text, commune_kind text);
\copy bench.units FROM pstdin WITH (FORMAT csv, HEADER true)
INSERT INTO provinces (code, name) SELECT DISTINCT province_code, province_name FROM bench.units ON CONFLICT (code) DO NOTHING;
INSERT INTO communes (code, province_code, name, kind, area_type, especially_difficult)
SELECT commune_code, province_code, commune_name, commune_kind, CASE WHEN commune_kind = 'phuong' THEN 'urban' ELSE 'rural' END,
       commune_kind <> 'phuong' AND bench.r(commune_code::bigint, 20) < 0.15
FROM bench.units ON CONFLICT (code) DO NOTHING;

-- 2. Households per commune: skewed weights (some communes several times the mean), one commune with big_count.
CREATE UNLOGGED TABLE bench.communes AS
WITH w AS (
    SELECT c.code, c.province_code, c.area_type, c.name,
           (0.25 + 3 * bench.r(c.code::bigint, 21) ^ 3) * CASE WHEN c.area_type = 'urban' THEN 1.5 ELSE 1 END AS w
    FROM communes c WHERE c.code <> :'big_commune'),
cum AS (SELECT *, sum(w) OVER (ORDER BY province_code, code) AS cw, sum(w) OVER () AS tw FROM w)
SELECT code, province_code, area_type, name,
       floor((cw - w) / tw * (:n - :big_count))::bigint AS first_i,
       floor(cw / tw * (:n - :big_count))::bigint - floor((cw - w) / tw * (:n - :big_count))::bigint AS households
FROM cum
UNION ALL
SELECT code, province_code, area_type, name, :n - :big_count, :big_count FROM communes WHERE code = :'big_commune';
ALTER TABLE bench.communes ADD COLUMN villages int;
UPDATE bench.communes SET villages = greatest(3, least(40, ceil(households / 300.0)::int));

INSERT INTO villages (id, province_code, commune_code, name)
SELECT bench.uid('v', c.code || '.' || v), c.province_code, c.code,
       CASE WHEN c.area_type = 'urban' THEN 'Tổ dân phố ' ELSE 'Thôn ' END || v
FROM bench.communes c, generate_series(1, c.villages) v;

CREATE UNLOGGED TABLE bench.hh AS
SELECT i, bench.uid('h', i::text) AS id, c.province_code, c.code AS commune_code, c.area_type, c.name AS commune_name,
       1 + (i % c.villages) AS village_no
FROM bench.communes c, generate_series(c.first_i + 1, c.first_i + c.households) i;
CREATE UNIQUE INDEX ON bench.hh (i);

-- Secondary indexes of the loaded tables are dropped and rebuilt after the load (same definitions, read from the
-- catalogue): one sort per index instead of a million random insertions. Constraint indexes stay.
CREATE UNLOGGED TABLE bench.saved_indexes AS
SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
WHERE t.relname IN ('households', 'members', 'poverty_reviews', 'household_statuses')
  AND t.relnamespace = 'public'::regnamespace
  AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid);
DO $$ DECLARE x record; BEGIN
    FOR x IN SELECT name FROM bench.saved_indexes LOOP EXECUTE 'DROP INDEX ' || x.name; END LOOP;
END $$;

-- Rows are consistent by construction; foreign keys are checked by the anti-joins at the end rather than per row.
SET session_replication_role = replica;

INSERT INTO households (id, province_code, commune_code, village_id, address, head_name, member_names, created_at, updated_at)
SELECT h.id, h.province_code, h.commune_code, bench.uid('v', h.commune_code || '.' || h.village_no),
       'Số ' || (1 + h.i % 300) || ', ' || CASE WHEN h.area_type = 'urban' THEN 'Tổ dân phố ' ELSE 'Thôn ' END || h.village_no,
       bench.mname(h.i, 1),
       (SELECT string_agg(bench.mname(h.i, j), ' | ' ORDER BY j) FROM generate_series(1, bench.mcount(h.i)) j),
       timestamptz '2025-06-01 08:00+07', timestamptz '2025-06-01 08:00+07'
FROM bench.hh h;

-- 3. Members: ID numbers are province (3 digits) + century-and-sex digit + year (2) + serial (6), the serial numbered
-- within its (province, century-sex, year) so every number is unique; a few young children have none yet.
INSERT INTO members (id, household_id, province_code, full_name, date_of_birth, sex, relationship, personal_id, ethnicity,
    ethnic_minority, has_disability, has_health_insurance, schooling, receives_social_allowance)
SELECT bench.uid('m', m.i || '.' || m.j), m.id, m.province_code, bench.mname(m.i, m.j), m.dob,
       CASE WHEN m.female THEN 'female' ELSE 'male' END, m.rel,
       CASE WHEN m.age < 6 AND bench.r(m.i * 16 + m.j, 12) < 0.1 THEN NULL
            ELSE '0' || m.province_code || ((extract(year FROM m.dob)::int / 100 - 19) * 2 + m.female::int)
                 || to_char(extract(year FROM m.dob)::int % 100, 'FM00')
                 || to_char(row_number() OVER (PARTITION BY m.province_code, m.female, extract(year FROM m.dob) ORDER BY m.i, m.j), 'FM000000') END,
       CASE WHEN m.minority THEN bench.pick(ARRAY['Tày','Thái','Mường','Khmer','H''Mông','Nùng','Dao','Ê Đê','Gia Rai','K''Ho'], bench.r(m.i, 13)) ELSE 'Kinh' END,
       m.minority, m.disabled, bench.r(m.i * 16 + m.j, 15) < 0.92,
       CASE WHEN m.age BETWEEN 3 AND 15 THEN CASE WHEN bench.r(m.i * 16 + m.j, 16) < 0.95 THEN 'at-right-level' ELSE 'not-attending' END END,
       m.age >= 80 OR m.disabled
FROM (SELECT h.i, j, h.id, h.province_code, bench.mrel(h.i, j) AS rel, bench.mfemale(h.i, j) AS female, bench.mage(h.i, j) AS age,
             date '2026-11-21' - (bench.mage(h.i, j) * 365.25 + bench.r(h.i * 16 + j, 8) * 364)::int AS dob,
             bench.r(h.i, 14) < 0.15 AS minority, bench.r(h.i * 16 + j, 17) < 0.03 AS disabled
      FROM bench.hh h, generate_series(1, bench.mcount(h.i)) j) m;

-- Each household's eldest member (migration 0014; its triggers are off under session_replication_role = replica).
INSERT INTO household_eldest_member (household_id, province_code, commune_code, eldest_born)
SELECT h.id, h.province_code, h.commune_code, m.eldest
FROM households h JOIN (SELECT household_id, min(date_of_birth) AS eldest FROM members GROUP BY household_id) m ON m.household_id = h.id;

-- 4. Recognised statuses (standard 2022-2025; periodic reviews take effect on 1 January):
--   4% poor, 5% near-poor (half with an earlier status from 2022), 3% newly escaped (poor/near-poor, then
--   middle-living/not-poor from 2024-2026), 6% middle-living, 2% escaped in 2023 (window over); 80% never listed.
CREATE UNLOGGED TABLE bench.st AS
WITH h AS (
    SELECT h.*, bench.r(h.i, 10) AS u, bench.r(h.i, 11) AS u2, bench.r(h.i, 18) AS u3,
           CASE WHEN h.area_type = 'urban' THEN 2000000 ELSE 1500000 END AS line
    FROM bench.hh h WHERE bench.r(h.i, 10) < 0.20),
chain AS (
    SELECT h.*, s.seq, s.class, s.eff
    FROM h, LATERAL (VALUES
        (1, CASE WHEN h.u < 0.09 AND h.u2 < 0.5 THEN CASE WHEN h.u3 < 0.6 THEN 'poor' ELSE 'near-poor' END
                 WHEN h.u >= 0.09 AND h.u < 0.12 THEN CASE WHEN h.u3 < 0.4 THEN 'poor' ELSE 'near-poor' END
                 WHEN h.u >= 0.18 THEN 'poor' END,
            CASE WHEN h.u >= 0.09 AND h.u < 0.12 THEN make_date(2022 + floor(h.u2 * 2)::int, 1, 1) ELSE date '2022-01-01' END),
        (2, CASE WHEN h.u < 0.04 THEN 'poor' WHEN h.u < 0.09 THEN 'near-poor'
                 WHEN h.u < 0.12 THEN CASE WHEN h.u3 < 0.7 THEN 'middle-living' ELSE 'not-poor' END
                 WHEN h.u < 0.18 THEN 'middle-living' ELSE 'not-poor' END,
            CASE WHEN h.u < 0.09 AND h.u2 < 0.5 THEN date '2026-01-01'
                 WHEN h.u < 0.09 OR (h.u >= 0.12 AND h.u < 0.18) THEN make_date(2022 + floor(h.u3 * 5)::int, 1, 1)
                 WHEN h.u < 0.12 THEN make_date(2024 + floor(h.u2 * 3)::int, 1, 1)
                 ELSE date '2023-01-01' END)) s (seq, class, eff)
    WHERE s.class IS NOT NULL),
settled AS (
    SELECT c.*, bench.r(c.i * 4 + c.seq, 19)::numeric AS ui,
           lead(c.eff) OVER w AS valid_to, lag(c.class) OVER w AS prev_class
    FROM chain c WINDOW w AS (PARTITION BY c.i ORDER BY c.seq))
SELECT s.i, s.seq, bench.uid('r', s.i || '.' || s.seq) AS review_id, s.id AS household_id, s.province_code, s.commune_code,
       s.commune_name, s.area_type, s.line, s.class, s.eff, s.valid_to,
       CASE s.class WHEN 'poor' THEN round(s.line * (0.4 + 0.6 * s.ui), -3) WHEN 'near-poor' THEN round(s.line * (0.6 + 0.4 * s.ui), -3)
            WHEN 'middle-living' THEN s.line + 1000 + round((s.line * 0.5 - 1000) * s.ui, -3)
            ELSE round(s.line * 1.5 + 1000 + s.line * 2.5 * s.ui, -3) END AS income,
       CASE s.class WHEN 'poor' THEN 3 + floor(s.ui * 4)::int WHEN 'near-poor' THEN floor(s.ui * 3)::int
            WHEN 'middle-living' THEN floor(s.ui * 3)::int ELSE floor(s.ui * 2)::int END AS deprivations,
       CASE WHEN s.class IN ('middle-living', 'not-poor') AND s.prev_class IN ('poor', 'near-poor') THEN s.eff END AS escape_date,
       bench.mcount(s.i) AS member_count
FROM settled s;

-- The JSON the app writes (ReviewConfigurations.cs): each indicator's answer (the first d deprived; names and service
-- are the standard's), and the classification's and the standard's reasons as their template codes and values
-- (invariant text, in the order the templates in Classification.cs and StandardSelection.cs take them).
CREATE UNLOGGED TABLE bench.indicators AS
SELECT d, jsonb_agg(jsonb_build_object('code', code, 'deprived', position <= d, 'source', 'recorded') ORDER BY position) AS indicators
FROM standard_indicators, generate_series(0, 12) d WHERE standard_code = '2022-2025' GROUP BY d;

INSERT INTO poverty_reviews (id, household_id, province_code, commune_code, kind, period_year, survey_date, effective_date, standard_code,
    area_type, poverty_line, middle_living_ceiling, member_count, household_income_12_months, income_per_person_monthly, floor_area,
    deprivation_count, classification, indicators, reasons, standard_reason, status, decision_number, decision_date, signer, recognised_at, created_at)
SELECT s.review_id, s.household_id, s.province_code, s.commune_code, 'periodic', extract(year FROM s.eff)::int - 1,
       make_date(extract(year FROM s.eff)::int - 1, 10, 15), s.eff, '2022-2025', s.area_type, s.line, s.line * 1.5, s.member_count,
       NULL, s.income, NULL, s.deprivations, s.class, ind.indicators,
       CASE WHEN s.class IN ('poor', 'near-poor') THEN jsonb_build_array(
                jsonb_build_object('code', 'income-at-or-below-line', 'args', jsonb_build_array(s.income::text, s.area_type, s.line::text, '2022-2025')),
                jsonb_build_object('code', CASE WHEN s.class = 'poor' THEN 'deprivations-at-or-above-threshold' ELSE 'deprivations-below-threshold' END,
                    'args', jsonb_build_array(s.deprivations::text, '3')))
            WHEN s.class = 'middle-living' THEN jsonb_build_array(jsonb_build_object('code', 'income-up-to-middle-living-ceiling',
                'args', jsonb_build_array(s.income::text, s.area_type, s.line::text, (s.line * 1.5)::text, '1.5', '2022-2025')))
            ELSE jsonb_build_array(jsonb_build_object('code', 'income-above-middle-living-ceiling',
                'args', jsonb_build_array(s.income::text, s.area_type, (s.line * 1.5)::text, '1.5', '2022-2025'))) END,
       jsonb_build_object('code', 'periodic-review',
           'args', jsonb_build_array((extract(year FROM s.eff)::int - 1)::text, s.eff::text, '2022-2025', p.legal_basis)),
       'recognised', (100 + s.i % 800) || '/QĐ-UBND', make_date(extract(year FROM s.eff)::int - 1, 12, 20),
       'Chủ tịch UBND ' || s.commune_name,
       make_date(extract(year FROM s.eff)::int - 1, 12, 20) + time '09:00' AT TIME ZONE 'Asia/Ho_Chi_Minh',
       make_date(extract(year FROM s.eff)::int - 1, 10, 15) + time '09:00' AT TIME ZONE 'Asia/Ho_Chi_Minh'
FROM bench.st s JOIN bench.indicators ind ON ind.d = s.deprivations
CROSS JOIN (SELECT legal_basis FROM poverty_standards WHERE code = '2022-2025') p;

INSERT INTO household_statuses (review_id, household_id, province_code, commune_code, classification, standard_code, effective_date, valid_to,
    income_per_person_monthly, deprivation_count, within_income_150, escape_date, decision_number, decision_date, signer, recognised_at)
SELECT s.review_id, s.household_id, s.province_code, s.commune_code, s.class, '2022-2025', s.eff, s.valid_to, s.income, s.deprivations,
       s.income <= s.line * 1.5, s.escape_date, (100 + s.i % 800) || '/QĐ-UBND', make_date(extract(year FROM s.eff)::int - 1, 12, 20),
       'Chủ tịch UBND ' || s.commune_name, make_date(extract(year FROM s.eff)::int - 1, 12, 20) + time '09:00' AT TIME ZONE 'Asia/Ho_Chi_Minh'
FROM bench.st s;

SET session_replication_role = origin;

-- 5. The secondary indexes back, then statistics.
DO $$ DECLARE x record; BEGIN
    FOR x IN SELECT def FROM bench.saved_indexes LOOP EXECUTE x.def; END LOOP;
END $$;
VACUUM (ANALYZE) households, members, poverty_reviews, household_statuses, household_eldest_member, villages, communes, provinces;

-- 6. Foreign keys and chains, checked once set-based (each must be 0).
SELECT 'households without village/commune' AS check, count(*) FROM households h
    WHERE NOT EXISTS (SELECT 1 FROM villages v WHERE v.id = h.village_id AND v.commune_code = h.commune_code)
UNION ALL SELECT 'households in a province not their commune''s', count(*) FROM households h JOIN communes c ON c.code = h.commune_code WHERE c.province_code <> h.province_code
UNION ALL SELECT 'members without household', count(*) FROM members m WHERE NOT EXISTS (SELECT 1 FROM households h WHERE h.id = m.household_id AND h.province_code = m.province_code)
UNION ALL SELECT 'households without exactly one head', count(*) FROM (SELECT h.id FROM households h LEFT JOIN members m ON m.household_id = h.id AND m.relationship = 'head' GROUP BY h.id HAVING count(m.id) <> 1) x
UNION ALL SELECT 'head_name not the head''s name', count(*) FROM households h JOIN members m ON m.household_id = h.id AND m.relationship = 'head' WHERE m.full_name <> h.head_name
UNION ALL SELECT 'statuses without review', count(*) FROM household_statuses s WHERE NOT EXISTS (SELECT 1 FROM poverty_reviews r WHERE r.id = s.review_id AND r.household_id = s.household_id)
UNION ALL SELECT 'statuses with a broken chain', count(*) FROM (SELECT valid_to, lead(effective_date) OVER (PARTITION BY household_id ORDER BY effective_date) AS next FROM household_statuses) x WHERE x.valid_to IS DISTINCT FROM x.next
UNION ALL SELECT 'ID numbers inconsistent with sex/birth year', count(*) FROM members WHERE personal_id IS NOT NULL AND
    (substr(personal_id, 4, 1)::int <> (extract(year FROM date_of_birth)::int / 100 - 19) * 2 + (sex = 'female')::int OR substr(personal_id, 5, 2) <> to_char(extract(year FROM date_of_birth)::int % 100, 'FM00'));
