-- Re-deriving what depends on a standard's figures, set-based, for every recognised status of the data set.
-- The one stored value that depends on them is household_statuses.within_income_150 (income-150 lists): at recognition
-- it is income_per_person_monthly <= the review's middle-living ceiling = middle_living_factor x the area's line of the
-- figures in force on the status's effective date (src/Eligibility.Domain/Reviews/HouseholdStatus.cs). Programme terms
-- are read at query time (window years, rates): nothing stored depends on them, so changing them re-derives nothing.
-- Since migration 0020 the product settles the flag with income-150's own factor (programme_terms.income_ceiling_factor, 1.5)
-- instead of the middle-living factor (PolicyStore.Rederive): the statement has the same shape and cost as measured here.
-- Two timings, both rolled back so the data set stays as generated:
--   1. a full pass when nothing changed (every status recomputed and compared, no row written);
--   2. the 2022-2025 figures corrected (middle-living factor 1.5 -> 1.6): every status recomputed, the changed rows written.
\set ON_ERROR_STOP on
\timing on
SELECT 're-derive over ' || count(*) || ' statuses of ' || (SELECT count(*) FROM households) || ' households' FROM household_statuses;

BEGIN;
-- The statement an admin use case (or a SQL function run after POST /admin/standards/{code}/figures) would run.
PREPARE rederive AS
UPDATE household_statuses s SET within_income_150 = d.within
FROM (
    SELECT s.review_id,
           s.income_per_person_monthly <= f.middle_living_factor * CASE r.area_type WHEN 'urban' THEN f.urban_line ELSE f.rural_line END AS within
    FROM household_statuses s
    JOIN poverty_reviews r ON r.id = s.review_id
    JOIN LATERAL (SELECT * FROM standard_figures f WHERE f.standard_code = s.standard_code AND f.effective_from <= s.effective_date
                  ORDER BY f.effective_from DESC LIMIT 1) f ON true) d
WHERE d.review_id = s.review_id AND s.within_income_150 IS DISTINCT FROM d.within;

EXECUTE rederive;  -- 1. nothing changed: 0 rows
UPDATE standard_figures SET middle_living_factor = 1.6 WHERE standard_code = '2022-2025' AND effective_from = '2022-01-01';
EXECUTE rederive;  -- 2. not-poor statuses with income between 1.5 and 1.6 lines become within income-150
SELECT 're-derive: within_income_150 now true for ' || count(*) FILTER (WHERE within_income_150) || ' of ' || count(*) FROM household_statuses;
ROLLBACK;
