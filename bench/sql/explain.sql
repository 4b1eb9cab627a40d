-- EXPLAIN (ANALYZE, BUFFERS) of the hot queries, as the stores send them (EligibilityStore.cs, HouseholdStore.cs),
-- on the generated data set. psql variables: id (one household), commune (the 10,000+ commune).
\pset pager off
SET max_parallel_workers_per_gather = 0;
SELECT array_agg(id) AS ids1000 FROM (SELECT id FROM households ORDER BY md5(id::text) LIMIT 1000) x \gset
SELECT '{' || string_agg(personal_id, ',') || '}' AS pids FROM (SELECT personal_id FROM members WHERE personal_id IS NOT NULL ORDER BY md5(id::text) LIMIT 1000) x \gset

\echo '=== GET /households/{id}/eligibility: Facts, statement 1 of 3 (households + communes)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT h.id, h.commune_code, c.area_type, c.especially_difficult
FROM households h JOIN communes c ON c.code = h.commune_code WHERE h.id = ANY (ARRAY[:'id']::uuid[]);
\echo '=== Facts, statement 2 of 3 (members)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT m.household_id, m.id, m.date_of_birth, m.sex, m.ethnic_minority, m.has_disability
FROM members m WHERE m.household_id = ANY (ARRAY[:'id']::uuid[]) ORDER BY m.household_id, m.relationship <> 'head', m.date_of_birth, m.id;
\echo '=== Facts, statement 3 of 3 (statuses)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT s.household_id, s.classification, s.effective_date, s.standard_code, s.income_per_person_monthly, s.deprivation_count
FROM household_statuses s WHERE s.household_id = ANY (ARRAY[:'id']::uuid[]) ORDER BY s.household_id, s.recognised_at, s.review_id;

\echo '=== POST /eligibility/lookup (1,000 numbers): FindHolders (EF: members JOIN households WHERE personal_id = ANY)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT m.personal_id, h.id, h.commune_code, m.id
FROM members m JOIN households h ON m.household_id = h.id WHERE m.personal_id IS NOT NULL AND m.personal_id = ANY (:'pids'::text[]);
\echo '=== lookup then Facts for 1,000 households: statement 2 (members), the largest of the three'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT m.household_id, m.id, m.date_of_birth, m.sex, m.ethnic_minority, m.has_disability
FROM members m WHERE m.household_id = ANY (:'ids1000'::uuid[]) ORDER BY m.household_id, m.relationship <> 'head', m.date_of_birth, m.id;
\echo '=== statement 3 (statuses) for 1,000 households'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT s.household_id, s.classification, s.effective_date, s.standard_code, s.income_per_person_monthly, s.deprivation_count
FROM household_statuses s WHERE s.household_id = ANY (:'ids1000'::uuid[]) ORDER BY s.household_id, s.recognised_at, s.review_id;

\echo '=== GET /communes/{code}/eligible-households?programme=poor-household&pageSize=100: page'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT h.id, h.head_name, h.village_id, v.name, s.classification, s.effective_date, NULL::date
FROM household_statuses s JOIN households h ON h.id = s.household_id JOIN villages v ON v.id = h.village_id
WHERE s.commune_code = :'commune' AND s.effective_date <= DATE '2026-11-22' AND (s.valid_to IS NULL OR s.valid_to > DATE '2026-11-22') AND s.classification = 'poor'
ORDER BY h.head_name, h.id LIMIT 100 OFFSET 0;
\echo '=== poor-household: count'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT count(*) FROM household_statuses s JOIN households h ON h.id = s.household_id
WHERE s.commune_code = :'commune' AND s.effective_date <= DATE '2026-11-22' AND (s.valid_to IS NULL OR s.valid_to > DATE '2026-11-22') AND s.classification = 'poor';
\echo '=== income-150: page'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT h.id, h.head_name, h.village_id, v.name, s.classification, s.effective_date, NULL::date
FROM household_statuses s JOIN households h ON h.id = s.household_id JOIN villages v ON v.id = h.village_id
WHERE s.commune_code = :'commune' AND s.effective_date <= DATE '2026-11-22' AND (s.valid_to IS NULL OR s.valid_to > DATE '2026-11-22') AND s.within_income_150
ORDER BY h.head_name, h.id LIMIT 100 OFFSET 0;
\echo '=== newly-escaped-household: page'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT h.id, h.head_name, h.village_id, v.name, s.classification, s.effective_date, (s.escape_date + make_interval(years => 3))::date - 1
FROM household_statuses s JOIN households h ON h.id = s.household_id JOIN villages v ON v.id = h.village_id
WHERE s.commune_code = :'commune' AND s.effective_date <= DATE '2026-11-22' AND (s.valid_to IS NULL OR s.valid_to > DATE '2026-11-22')
  AND s.classification IN ('middle-living', 'not-poor') AND s.escape_date IS NOT NULL AND s.escape_date + make_interval(years => 3) > DATE '2026-11-22'
ORDER BY h.head_name, h.id LIMIT 100 OFFSET 0;
\echo '=== job-creation: page (walks households_commune_order)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT h.id, h.head_name, h.village_id, v.name, s.classification, s.effective_date, NULL::date
FROM households h
LEFT JOIN LATERAL (SELECT s.classification, s.effective_date FROM household_statuses s
    WHERE s.household_id = h.id AND s.effective_date <= DATE '2026-11-22' AND (s.valid_to IS NULL OR s.valid_to > DATE '2026-11-22')
    ORDER BY s.effective_date DESC, s.recognised_at DESC LIMIT 1) s ON true
JOIN villages v ON v.id = h.village_id
WHERE h.commune_code = :'commune' AND EXISTS (SELECT 1 FROM members m WHERE m.household_id = h.id AND m.date_of_birth <= DATE '2008-11-22')
ORDER BY h.head_name, h.id LIMIT 100 OFFSET 0;
\echo '=== job-creation: count'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT count(*) FROM households h
WHERE h.commune_code = :'commune' AND EXISTS (SELECT 1 FROM members m WHERE m.household_id = h.id AND m.date_of_birth <= DATE '2008-11-22');
\echo '=== GET /communes/{code}/households?pageSize=100 (EF: commune, ordered by head name, id)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT h.* FROM households h WHERE h.commune_code = :'commune' ORDER BY h.head_name, h.id LIMIT 100 OFFSET 0;
