-- EXPLAIN (ANALYZE, BUFFERS) of the hot queries, as the stores send them (EligibilityStore.cs, HouseholdStore.cs; keep
-- in step when they change),
-- on the generated data set. psql variables: id (one household), commune (the 10,000+ commune).
\pset pager off
SET max_parallel_workers_per_gather = 0;
SELECT array_agg(id) AS ids1000 FROM (SELECT id FROM households ORDER BY md5(id::text) LIMIT 1000) x \gset
SELECT '{' || string_agg(personal_id, ',') || '}' AS pids FROM (SELECT personal_id FROM members WHERE personal_id IS NOT NULL ORDER BY md5(id::text) LIMIT 1000) x \gset

\echo '=== GET /households/{id}/eligibility: the facts of one household, one statement (EligibilityStore.FactsOfOne)'
\echo '    prepared as the API prepares it and run 6 times first: the plan shown is the generic one ($1), planned once per connection'
PREPARE facts_of_one(uuid) AS
SELECT h.id, h.commune_code, c.area_type, c.especially_difficult,
       m.ids, m.births, m.sexes, m.minorities, m.disabilities,
       s.classifications, s.effective, s.standards, s.incomes, s.deprivations, k.asked
FROM (SELECT $1 AS household_id, NULL::text[] AS asked) k
JOIN households h ON h.id = k.household_id
JOIN communes c ON c.code = h.commune_code
CROSS JOIN LATERAL (
    SELECT array_agg(m.id ORDER BY m.relationship <> 'head', m.date_of_birth, m.id) AS ids,
           array_agg(m.date_of_birth ORDER BY m.relationship <> 'head', m.date_of_birth, m.id) AS births,
           array_agg(m.sex ORDER BY m.relationship <> 'head', m.date_of_birth, m.id) AS sexes,
           array_agg(m.ethnic_minority ORDER BY m.relationship <> 'head', m.date_of_birth, m.id) AS minorities,
           array_agg(m.has_disability ORDER BY m.relationship <> 'head', m.date_of_birth, m.id) AS disabilities
    FROM members m WHERE m.household_id = h.id) m
CROSS JOIN LATERAL (
    SELECT array_agg(s.classification ORDER BY s.recognised_at, s.review_id) AS classifications,
           array_agg(s.effective_date ORDER BY s.recognised_at, s.review_id) AS effective,
           array_agg(s.standard_code ORDER BY s.recognised_at, s.review_id) AS standards,
           array_agg(s.income_per_person_monthly ORDER BY s.recognised_at, s.review_id) AS incomes,
           array_agg(s.deprivation_count ORDER BY s.recognised_at, s.review_id) AS deprivations
    FROM household_statuses s WHERE s.household_id = h.id) s
;
EXECUTE facts_of_one(:'id') \g /dev/null
EXECUTE facts_of_one(:'id') \g /dev/null
EXECUTE facts_of_one(:'id') \g /dev/null
EXECUTE facts_of_one(:'id') \g /dev/null
EXECUTE facts_of_one(:'id') \g /dev/null
EXECUTE facts_of_one(:'id') \g /dev/null
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) EXECUTE facts_of_one(:'id');

\echo '=== POST /eligibility/lookup (1,000 numbers): holders and their facts, one statement (FactsByPersonalId)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT h.id, h.commune_code, c.area_type, c.especially_difficult,
       m.ids, m.births, m.sexes, m.minorities, m.disabilities,
       s.classifications, s.effective, s.standards, s.incomes, s.deprivations, k.asked
FROM (SELECT w.household_id, array_agg(w.personal_id) AS asked FROM members w WHERE w.personal_id = ANY (:'pids'::text[]) GROUP BY w.household_id) k
JOIN households h ON h.id = k.household_id
JOIN communes c ON c.code = h.commune_code
CROSS JOIN LATERAL (
    SELECT array_agg(m.id ORDER BY m.relationship <> 'head', m.date_of_birth, m.id) AS ids,
           array_agg(m.date_of_birth ORDER BY m.relationship <> 'head', m.date_of_birth, m.id) AS births,
           array_agg(m.sex ORDER BY m.relationship <> 'head', m.date_of_birth, m.id) AS sexes,
           array_agg(m.ethnic_minority ORDER BY m.relationship <> 'head', m.date_of_birth, m.id) AS minorities,
           array_agg(m.has_disability ORDER BY m.relationship <> 'head', m.date_of_birth, m.id) AS disabilities
    FROM members m WHERE m.household_id = h.id) m
CROSS JOIN LATERAL (
    SELECT array_agg(s.classification ORDER BY s.recognised_at, s.review_id) AS classifications,
           array_agg(s.effective_date ORDER BY s.recognised_at, s.review_id) AS effective,
           array_agg(s.standard_code ORDER BY s.recognised_at, s.review_id) AS standards,
           array_agg(s.income_per_person_monthly ORDER BY s.recognised_at, s.review_id) AS incomes,
           array_agg(s.deprivation_count ORDER BY s.recognised_at, s.review_id) AS deprivations
    FROM household_statuses s WHERE s.household_id = h.id) s
;

\echo '=== GET /communes/{code}/eligible-households?programme=poor-household&pageSize=100: page'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT p.id, p.head_name, p.village_id, v.name, p.classification, p.effective_date, p.valid_until
FROM (
    SELECT h.id, h.head_name, h.village_id, s.classification, s.effective_date, NULL::date AS valid_until
    FROM household_statuses s JOIN households h ON h.id = s.household_id
    WHERE s.commune_code = :'commune' AND s.effective_date <= DATE '2026-11-22' AND (s.valid_to IS NULL OR s.valid_to > DATE '2026-11-22') AND s.classification = 'poor'
    ORDER BY h.head_name, h.id
    LIMIT 100 OFFSET 0) p
JOIN villages v ON v.id = p.village_id
ORDER BY p.head_name, p.id;
\echo '=== poor-household: count (household_statuses alone)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT count(*) FROM household_statuses s WHERE s.commune_code = :'commune' AND s.effective_date <= DATE '2026-11-22' AND (s.valid_to IS NULL OR s.valid_to > DATE '2026-11-22') AND s.classification = 'poor';
\echo '=== income-150: page'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT p.id, p.head_name, p.village_id, v.name, p.classification, p.effective_date, p.valid_until
FROM (
    SELECT h.id, h.head_name, h.village_id, s.classification, s.effective_date, NULL::date AS valid_until
    FROM household_statuses s JOIN households h ON h.id = s.household_id
    WHERE s.commune_code = :'commune' AND s.effective_date <= DATE '2026-11-22' AND (s.valid_to IS NULL OR s.valid_to > DATE '2026-11-22') AND s.within_income_150
    ORDER BY h.head_name, h.id
    LIMIT 100 OFFSET 0) p
JOIN villages v ON v.id = p.village_id
ORDER BY p.head_name, p.id;
\echo '=== income-150: count'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT count(*) FROM household_statuses s WHERE s.commune_code = :'commune' AND s.effective_date <= DATE '2026-11-22' AND (s.valid_to IS NULL OR s.valid_to > DATE '2026-11-22') AND s.within_income_150;
\echo '=== newly-escaped-household: page'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT p.id, p.head_name, p.village_id, v.name, p.classification, p.effective_date, p.valid_until
FROM (
    SELECT h.id, h.head_name, h.village_id, s.classification, s.effective_date, (s.escape_date + make_interval(years => 3))::date - 1 AS valid_until
    FROM household_statuses s JOIN households h ON h.id = s.household_id
    WHERE s.commune_code = :'commune' AND s.effective_date <= DATE '2026-11-22' AND (s.valid_to IS NULL OR s.valid_to > DATE '2026-11-22') AND s.classification IN ('middle-living', 'not-poor') AND s.escape_date IS NOT NULL AND s.escape_date + make_interval(years => 3) > DATE '2026-11-22'
    ORDER BY h.head_name, h.id
    LIMIT 100 OFFSET 0) p
JOIN villages v ON v.id = p.village_id
ORDER BY p.head_name, p.id;
\echo '=== job-creation: page 3 (walks households_commune_order, probes household_eldest_member)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT p.id, p.head_name, p.village_id, v.name, p.classification, p.effective_date, p.valid_until
FROM (
    SELECT h.id, h.head_name, h.village_id, s.classification, s.effective_date, NULL::date AS valid_until
    FROM households h
    JOIN household_eldest_member e ON e.household_id = h.id
    LEFT JOIN LATERAL (
        SELECT s.classification, s.effective_date FROM household_statuses s
        WHERE s.household_id = h.id AND s.effective_date <= DATE '2026-11-22' AND (s.valid_to IS NULL OR s.valid_to > DATE '2026-11-22')
        ORDER BY s.effective_date DESC, s.recognised_at DESC LIMIT 1) s ON true
    WHERE h.commune_code = :'commune' AND e.eldest_born <= DATE '2008-11-22'
    ORDER BY h.head_name, h.id
    LIMIT 100 OFFSET 200) p
JOIN villages v ON v.id = p.village_id
ORDER BY p.head_name, p.id;
\echo '=== job-creation: count (index-only on household_eldest_member_commune)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT count(*) FROM household_eldest_member e WHERE e.commune_code = :'commune' AND e.eldest_born <= DATE '2008-11-22';
\echo '=== GET /communes/{code}/households?pageSize=100 (EF: commune, ordered by head name, id)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT h.* FROM households h WHERE h.commune_code = :'commune' ORDER BY h.head_name, h.id LIMIT 100 OFFSET 0;
