-- Indexes for GET /api/v1/communes/{code}/eligible-households: the status in force on a date is
-- effective_date <= @asOf AND (valid_to IS NULL OR valid_to > @asOf).
--
-- EXPLAIN (ANALYZE) on 30,000 generated households (20,000 in one commune) with 3 recognised statuses each:
-- with 0002's household_statuses_commune (commune_code, classification, effective_date) alone, valid_to is checked
-- on the heap, so every superseded status of the commune is fetched and thrown away (poor: 9,965 rows read for
-- 3,374 in force), and income-150, having no usable index, scans the whole table (90,000 rows). Both grow with
-- every year of history. With valid_to in the key, the planner answers the OR with a BitmapOr of two index scans
-- (valid_to IS NULL, valid_to > @asOf) and effective_date <= @asOf as an index condition: exactly the rows in force
-- reach the heap (poor 3,374 of 3,374; income-150 13,393 of 13,393), for a past date as for today.
-- What remains is the join to households and the top-N sort on head_name: 5-45 ms a page there.
-- job-creation needs nothing new: it walks households_commune_order (commune_code, head_name, id) in list order and
-- stops after a page (1 ms); its count hashes the members once (about 50 ms for 20,000 households).

-- poor-household, near-poor-household (classification =) and newly-escaped-household (classification IN).
CREATE INDEX household_statuses_in_force ON household_statuses (commune_code, classification, valid_to, effective_date);

-- income-150: any classification, so its own small partial index.
CREATE INDEX household_statuses_income_150 ON household_statuses (commune_code, valid_to, effective_date) WHERE within_income_150;
