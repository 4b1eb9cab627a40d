-- The legal figures as verified in December 2026 (domain notes §9, issue 13).
-- Every figure and threshold row says whether a source confirms it and which; the job-creation priority rule and the
-- income-150 factor become figures of each terms version; the seeded rows get the bases their sources give.

-- Confirmation of each figure row. A row whose source is not known says so (confirmed = false); answers that use it
-- say so too.
ALTER TABLE standard_figures
    ADD COLUMN confirmed boolean NOT NULL DEFAULT true,
    ADD COLUMN source text NOT NULL DEFAULT '' CHECK (length(source) <= 500),
    -- The middle-living factor is confirmed separately: for 2027-2030 the lines are, the band is not.
    ADD COLUMN middle_living_factor_confirmed boolean NOT NULL DEFAULT true;

ALTER TABLE programme_terms
    ADD COLUMN confirmed boolean NOT NULL DEFAULT true,
    ADD COLUMN source text NOT NULL DEFAULT '' CHECK (length(source) <= 500),
    -- job-creation: which workers are priority workers (the groups changed with Law 74/2025/QH15 on 2026-01-01).
    ADD COLUMN priority_rule text CHECK (priority_rule IN ('decree61', 'law74')),
    -- income-150: the multiple of the status's poverty line income per person may reach (1.5), the programme's own.
    ADD COLUMN income_ceiling_factor numeric(6, 4) CHECK (income_ceiling_factor > 0);

-- Each indicator's threshold, versioned like the figures: an unconfirmed one is never used to derive an answer.
CREATE TABLE indicator_thresholds (
    standard_code  text NOT NULL,
    indicator_code text NOT NULL,
    effective_from date NOT NULL,
    confirmed      boolean NOT NULL,
    source         text NOT NULL CHECK (length(source) BETWEEN 1 AND 500),
    legal_basis    text NOT NULL CHECK (length(legal_basis) BETWEEN 1 AND 300),
    created_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (standard_code, indicator_code, effective_from),
    FOREIGN KEY (standard_code, indicator_code) REFERENCES standard_indicators (standard_code, code)
);

INSERT INTO indicator_thresholds (standard_code, indicator_code, effective_from, confirmed, source, legal_basis)
SELECT i.standard_code, i.code, s.in_force_from,
       i.standard_code = '2022-2025' OR i.code IN ('employment', 'dependants', 'nutrition'),
       CASE WHEN i.standard_code = '2022-2025' THEN 'Decree 07/2021/NĐ-CP Art. 3 and Annex; Circular 07/2021/TT-BLĐTBXH'
            WHEN i.code IN ('employment', 'dependants', 'nutrition') THEN 'Decree 351/2025/NĐ-CP: kept as in the draft'
            ELSE 'Decree 351/2025/NĐ-CP: no source read in December 2026 reports this threshold' END,
       CASE WHEN i.standard_code = '2022-2025' THEN 'Decree 07/2021/NĐ-CP; Circular 07/2021/TT-BLĐTBXH' ELSE 'Decree 351/2025/NĐ-CP' END
FROM standard_indicators i JOIN poverty_standards s ON s.code = i.standard_code
WHERE i.standard_code IN ('2022-2025', '2027-2030');

-- Standards and their figures.
UPDATE standard_figures SET
    legal_basis = 'Decree 07/2021/NĐ-CP Art. 3; Circular 07/2021/TT-BLĐTBXH',
    source = 'Decree 07/2021/NĐ-CP Art. 3 (lines, middle-living band); extended through 2026 by Decree 351/2025/NĐ-CP'
WHERE standard_code = '2022-2025' AND effective_from = '2022-01-01';

UPDATE standard_figures SET
    legal_basis = 'Decree 351/2025/NĐ-CP',
    middle_living_factor_confirmed = false,
    source = 'Decree 351/2025/NĐ-CP (lines 2,200,000 rural and 2,800,000 urban, 3 deprivations); no source reports a middle-living band'
WHERE standard_code = '2027-2030' AND effective_from = '2027-01-01';

-- Programmes.
UPDATE loan_programmes SET
    name_vi = 'Hộ có thu nhập tối đa bằng 150% chuẩn nghèo (học sinh, sinh viên hộ nghèo, cận nghèo, có mức sống trung bình)',
    name_en = 'Households with income up to 150% of the poverty line (students of poor, near-poor and middle-living households)',
    legal_basis = 'Decision 157/2007/QĐ-TTg as amended by Decision 05/2022/QĐ-TTg'
WHERE code = 'income-150';

UPDATE loan_programmes SET legal_basis = 'Decree 61/2015/NĐ-CP as amended by Decree 74/2019/NĐ-CP; Law 74/2025/QH15 Art. 9 and Decree 338/2025/NĐ-CP'
WHERE code = 'job-creation';

-- Programme terms: the bases the sources give (Decision 2553/QĐ-TTg of 21/11/2025 for the 2025-12-01 rates).
UPDATE programme_terms SET source = 'Decree 78/2002/NĐ-CP; VBSP lending rate 6.6%'
WHERE programme_code = 'poor-household' AND effective_from = '2022-01-01';
UPDATE programme_terms SET
    legal_basis = 'Decision 2553/QĐ-TTg of 21/11/2025 Art. 1(1), Art. 2',
    source = 'Decision 2553/QĐ-TTg of 21/11/2025: poor households 6.6% to 6.24%, applying also to outstanding loans'
WHERE programme_code = 'poor-household' AND effective_from = '2025-12-01';

UPDATE programme_terms SET legal_basis = 'Decision 15/2013/QĐ-TTg', source = 'Decision 15/2013/QĐ-TTg; VBSP: 120% of the poor-household rate'
WHERE programme_code = 'near-poor-household' AND effective_from = '2022-01-01';
UPDATE programme_terms SET
    legal_basis = 'Decision 2553/QĐ-TTg of 21/11/2025; Decision 15/2013/QĐ-TTg (120% of the poor-household rate)',
    source = 'VBSP implementing notice of Decision 2553/QĐ-TTg: near-poor 7.92% to 7.488% (120%)'
WHERE programme_code = 'near-poor-household' AND effective_from = '2025-12-01';

UPDATE programme_terms SET source = 'Decision 28/2015/QĐ-TTg: 3-year window, at most 60 months'
WHERE programme_code = 'newly-escaped-household' AND effective_from = '2022-01-01';
UPDATE programme_terms SET
    legal_basis = 'Decision 2553/QĐ-TTg of 21/11/2025; Decision 28/2015/QĐ-TTg (125% of the poor-household rate)',
    source = 'VBSP implementing notice of Decision 2553/QĐ-TTg: newly escaped 8.25% to 7.8% (125%)'
WHERE programme_code = 'newly-escaped-household' AND effective_from = '2025-12-01';

-- income-150: its terms start with the standard, not on 2025-12-01; the cap rose on 2022-05-19 (Decision 05/2022).
UPDATE programme_terms SET
    income_ceiling_factor = 1.5,
    legal_basis = 'Decision 2553/QĐ-TTg of 21/11/2025 (students 6.24%); Decision 05/2022/QĐ-TTg (4,000,000 per month)',
    source = 'Decision 2553/QĐ-TTg of 21/11/2025 Art. 1(1): students (Decision 157/2007) 6.6% to 6.24%'
WHERE programme_code = 'income-150' AND effective_from = '2025-12-01';
INSERT INTO programme_terms (programme_code, effective_from, max_amount, amount_basis, max_term_months, annual_rate_percent,
    priority_annual_rate_percent, minimum_borrower_age, window_years, legal_basis, confirmed, source, income_ceiling_factor) VALUES
    ('income-150', '2022-01-01', 2500000, 'per-student-per-month', NULL, 6.6, NULL, NULL, NULL,
     'Decision 157/2007/QĐ-TTg', true, 'Decision 157/2007/QĐ-TTg: income per person at most 150% of the poverty line; 2,500,000 per month', 1.5),
    ('income-150', '2022-05-19', 4000000, 'per-student-per-month', NULL, 6.6, NULL, NULL, NULL,
     'Decision 157/2007/QĐ-TTg as amended by Decision 05/2022/QĐ-TTg', true,
     'Decision 05/2022/QĐ-TTg (in force 2022-05-19): students of poor, near-poor and middle-living households; 4,000,000 per month', 1.5)
ON CONFLICT DO NOTHING;

-- job-creation: until 2025-12-31 priority workers (disability; ethnic minority in an especially difficult area) paid
-- 50% of the near-poor rate; from 2026-01-01 the Law's groups pay the poor rate. At most 120 months on both.
UPDATE programme_terms SET
    priority_rule = 'decree61', priority_annual_rate_percent = 3.96, max_term_months = 120,
    legal_basis = 'Decree 61/2015/NĐ-CP Arts. 24-27 as amended by Decree 74/2019/NĐ-CP',
    source = 'Decree 74/2019/NĐ-CP: the near-poor rate; priority workers 50% of it (VBSP leaflet: 3.96%)'
WHERE programme_code = 'job-creation' AND effective_from = '2022-01-01';
UPDATE programme_terms SET
    priority_rule = 'decree61', priority_annual_rate_percent = 3.744, max_term_months = 120,
    legal_basis = 'Decree 61/2015/NĐ-CP as amended by Decree 74/2019/NĐ-CP; Decision 2553/QĐ-TTg of 21/11/2025',
    source = 'VBSP implementing notice of Decision 2553/QĐ-TTg: 7.488%; priority workers 50% of it (3.744%)'
WHERE programme_code = 'job-creation' AND effective_from = '2025-12-01';
UPDATE programme_terms SET
    priority_rule = 'law74', max_term_months = 120,
    legal_basis = 'Law 74/2025/QH15 Art. 9; Decree 338/2025/NĐ-CP',
    source = 'Law 74/2025/QH15 Art. 9 (in force 2026-01-01), Decree 338/2025/NĐ-CP: 200,000,000 per worker, 127% of the poor rate; priority workers the poor rate'
WHERE programme_code = 'job-creation' AND effective_from = '2026-01-01';
-- A version an admin added later keeps the Law's groups, the rule in force when it was added.
UPDATE programme_terms SET priority_rule = 'law74'
WHERE programme_code = 'job-creation' AND priority_rule IS NULL AND effective_from > '2026-01-01';

-- income-150 is tested against the programme's own factor, no longer the standard's middle-living factor: settle
-- the stored flag again with it (the same bound for every row recognised so far).
UPDATE household_statuses s SET within_income_150 = d.within
FROM (
    SELECT st.review_id, coalesce(st.income_per_person_monthly <= t.income_ceiling_factor * r.poverty_line, false) AS within
    FROM household_statuses st
    JOIN poverty_reviews r ON r.id = st.review_id
    LEFT JOIN LATERAL (
        SELECT income_ceiling_factor FROM programme_terms
        WHERE programme_code = 'income-150' AND effective_from <= st.effective_date
        ORDER BY effective_from DESC LIMIT 1) t ON true) d
WHERE d.review_id = s.review_id AND s.within_income_150 IS DISTINCT FROM d.within;
