-- Policy as data: poverty standards with versioned figures and their own indicator lists, loan programmes with
-- versioned terms; poverty reviews and the recognised status history they produce.
-- Figures marked (verify) in the domain notes are data here, so an officer can correct them without a release:
-- add a new version with a later effective date and earlier answers stay reproducible.

CREATE TABLE poverty_standards (
    code          text PRIMARY KEY,
    legal_basis   text NOT NULL,
    in_force_from date NOT NULL,
    in_force_to   date NOT NULL CHECK (in_force_to >= in_force_from)
);

CREATE TABLE standard_figures (
    standard_code               text NOT NULL REFERENCES poverty_standards (code),
    effective_from              date NOT NULL,
    rural_line                  numeric(14, 0) NOT NULL CHECK (rural_line > 0),
    urban_line                  numeric(14, 0) NOT NULL CHECK (urban_line > 0),
    middle_living_factor        numeric(6, 4) NOT NULL CHECK (middle_living_factor >= 1),
    deprivation_threshold       integer NOT NULL CHECK (deprivation_threshold > 0),
    min_floor_area_per_person   numeric(6, 2) NOT NULL,
    health_insurance_from_age   integer NOT NULL,
    child_under_age             integer NOT NULL,
    elderly_from_age            integer NOT NULL,
    max_dependants_share        numeric(4, 3) NOT NULL,
    schooling_from_age          integer NOT NULL,
    schooling_under_age         integer NOT NULL,
    legal_basis                 text NOT NULL,
    created_at                  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (standard_code, effective_from)
);

CREATE TABLE standard_indicators (
    standard_code text NOT NULL REFERENCES poverty_standards (code),
    code          text NOT NULL,
    position      integer NOT NULL,
    name_vi       text NOT NULL,
    name_en       text NOT NULL,
    service       text NOT NULL,
    PRIMARY KEY (standard_code, code)
);

CREATE TABLE loan_programmes (
    code        text PRIMARY KEY,
    position    integer NOT NULL,
    name_vi     text NOT NULL,
    name_en     text NOT NULL,
    legal_basis text NOT NULL
);

CREATE TABLE programme_terms (
    programme_code               text NOT NULL REFERENCES loan_programmes (code),
    effective_from               date NOT NULL,
    max_amount                   numeric(16, 0) CHECK (max_amount > 0),
    amount_basis                 text NOT NULL CHECK (amount_basis IN ('per-household', 'per-worker', 'per-student-per-month')),
    max_term_months              integer CHECK (max_term_months > 0),
    annual_rate_percent          numeric(7, 4) NOT NULL CHECK (annual_rate_percent >= 0),
    priority_annual_rate_percent numeric(7, 4) CHECK (priority_annual_rate_percent >= 0),
    minimum_borrower_age         integer CHECK (minimum_borrower_age > 0),
    window_years                 integer CHECK (window_years > 0),
    legal_basis                  text NOT NULL,
    created_at                   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (programme_code, effective_from)
);

-- Especially difficult communes (xã đặc biệt khó khăn) give job-creation loans the priority rate to poor households.
ALTER TABLE communes ADD COLUMN especially_difficult boolean NOT NULL DEFAULT false;

-- A household's poverty review: what was surveyed, under which standard, and the result. Answers are kept as
-- recorded or derived, with their reasons, in JSON: they are evidence, read whole, never queried one by one.
CREATE TABLE poverty_reviews (
    id                          uuid PRIMARY KEY,
    household_id                uuid NOT NULL,
    province_code               text NOT NULL,
    commune_code                text NOT NULL REFERENCES communes (code),
    kind                        text NOT NULL CHECK (kind IN ('periodic', 'regular')),
    period_year                 integer,
    survey_date                 date NOT NULL,
    effective_date              date NOT NULL,
    standard_code               text NOT NULL REFERENCES poverty_standards (code),
    area_type                   text NOT NULL CHECK (area_type IN ('rural', 'urban')),
    poverty_line                numeric(14, 0) NOT NULL,
    middle_living_ceiling       numeric(16, 2) NOT NULL,
    member_count                integer NOT NULL CHECK (member_count > 0),
    household_income_12_months  numeric(16, 0),
    income_per_person_monthly   numeric(16, 2) NOT NULL CHECK (income_per_person_monthly >= 0),
    floor_area                  numeric(8, 2),
    deprivation_count           integer NOT NULL,
    classification              text NOT NULL CHECK (classification IN ('poor', 'near-poor', 'middle-living', 'not-poor')),
    indicators                  jsonb NOT NULL,
    reasons                     jsonb NOT NULL,
    standard_reason             jsonb NOT NULL,
    status                      text NOT NULL CHECK (status IN ('classified', 'recognised')),
    decision_number             text,
    decision_date               date,
    signer                      text,
    recognised_at               timestamptz,
    created_at                  timestamptz NOT NULL,
    CHECK ((kind = 'periodic') = (period_year IS NOT NULL)),
    CHECK ((status = 'recognised') = (decision_number IS NOT NULL)),
    FOREIGN KEY (household_id, province_code) REFERENCES households (id, province_code)
);
CREATE INDEX poverty_reviews_household ON poverty_reviews (household_id, created_at);

-- The household's official status over time: one row per recognised review, kept forever as evidence.
-- valid_to (the next status's effective date) and the facts the lists need are settled at recognition, so
-- "who is eligible in this commune on date T" is one indexed range scan, not an evaluation per household.
CREATE TABLE household_statuses (
    review_id                 uuid PRIMARY KEY REFERENCES poverty_reviews (id),
    household_id              uuid NOT NULL,
    province_code             text NOT NULL,
    commune_code              text NOT NULL REFERENCES communes (code),
    classification            text NOT NULL CHECK (classification IN ('poor', 'near-poor', 'middle-living', 'not-poor')),
    standard_code             text NOT NULL REFERENCES poverty_standards (code),
    effective_date            date NOT NULL,
    valid_to                  date,
    income_per_person_monthly numeric(16, 2) NOT NULL,
    deprivation_count         integer NOT NULL,
    -- Income at most the middle-living ceiling (1.5 × the line) of its own standard and area: the income-150 test.
    within_income_150         boolean NOT NULL,
    -- For a status above near-poor that directly follows a poor or near-poor one: the day the household escaped.
    escape_date               date,
    decision_number           text NOT NULL,
    decision_date             date NOT NULL,
    signer                    text NOT NULL,
    recognised_at             timestamptz NOT NULL,
    FOREIGN KEY (household_id, province_code) REFERENCES households (id, province_code),
    CHECK (valid_to IS NULL OR valid_to > effective_date)
);
CREATE INDEX household_statuses_household ON household_statuses (household_id, effective_date);
CREATE INDEX household_statuses_commune ON household_statuses (commune_code, classification, effective_date);

-- Seed: the standards of Decree 07/2021 and Decree 351/2025, and the programmes of domain notes §6.
INSERT INTO poverty_standards (code, legal_basis, in_force_from, in_force_to) VALUES
    ('2022-2025', 'Decree 07/2021/NĐ-CP Art. 3 (amended by Decree 30/2025/NĐ-CP); extended through 2026 by Decree 351/2025/NĐ-CP', '2022-01-01', '2026-12-31'),
    ('2027-2030', 'Decree 351/2025/NĐ-CP', '2027-01-01', '2030-12-31');

INSERT INTO standard_figures (standard_code, effective_from, rural_line, urban_line, middle_living_factor, deprivation_threshold,
    min_floor_area_per_person, health_insurance_from_age, child_under_age, elderly_from_age, max_dependants_share,
    schooling_from_age, schooling_under_age, legal_basis) VALUES
    ('2022-2025', '2022-01-01', 1500000, 2000000, 1.5, 3, 8, 6, 16, 60, 0.5, 3, 16, 'Decree 07/2021/NĐ-CP Art. 3; thresholds per Circular 07/2021/TT-BLĐTBXH (verify)'),
    ('2027-2030', '2027-01-01', 2200000, 2800000, 1.5, 3, 8, 6, 16, 60, 0.5, 3, 16, 'Decree 351/2025/NĐ-CP; middle-living factor and thresholds (verify)');

INSERT INTO standard_indicators (standard_code, code, position, name_vi, name_en, service) VALUES
    ('2022-2025', 'employment', 1, 'Việc làm', 'Employment', 'employment'),
    ('2022-2025', 'dependants', 2, 'Người phụ thuộc trong hộ gia đình', 'Dependants in the household', 'employment'),
    ('2022-2025', 'nutrition', 3, 'Dinh dưỡng', 'Nutrition', 'health'),
    ('2022-2025', 'health-insurance', 4, 'Bảo hiểm y tế', 'Health insurance', 'health'),
    ('2022-2025', 'adult-education', 5, 'Trình độ giáo dục của người lớn', 'Adult education', 'education'),
    ('2022-2025', 'child-schooling', 6, 'Tình trạng đi học của trẻ em', 'Child schooling', 'education'),
    ('2022-2025', 'housing-quality', 7, 'Chất lượng nhà ở', 'Housing quality', 'housing'),
    ('2022-2025', 'housing-area', 8, 'Diện tích nhà ở bình quân đầu người', 'Housing area per person', 'housing'),
    ('2022-2025', 'drinking-water', 9, 'Nguồn nước sinh hoạt', 'Drinking water', 'water-and-sanitation'),
    ('2022-2025', 'sanitation', 10, 'Nhà tiêu hợp vệ sinh', 'Sanitation', 'water-and-sanitation'),
    ('2022-2025', 'telecom-use', 11, 'Sử dụng dịch vụ viễn thông', 'Telecom use', 'information'),
    ('2022-2025', 'information-access', 12, 'Phương tiện phục vụ tiếp cận thông tin', 'Information access', 'information'),
    ('2027-2030', 'employment', 1, 'Việc làm', 'Employment', 'employment'),
    ('2027-2030', 'dependants', 2, 'Người phụ thuộc trong hộ gia đình', 'Dependants in the household', 'employment'),
    ('2027-2030', 'nutrition', 3, 'Dinh dưỡng', 'Nutrition', 'health'),
    ('2027-2030', 'health-insurance', 4, 'Bảo hiểm y tế', 'Health insurance', 'health'),
    ('2027-2030', 'adult-education', 5, 'Trình độ giáo dục của người lớn', 'Adult education', 'education'),
    ('2027-2030', 'child-schooling', 6, 'Tình trạng đi học của trẻ em', 'Child schooling', 'education'),
    ('2027-2030', 'housing-quality', 7, 'Chất lượng nhà ở', 'Housing quality', 'housing'),
    ('2027-2030', 'housing-area', 8, 'Diện tích nhà ở bình quân đầu người', 'Housing area per person', 'housing'),
    ('2027-2030', 'drinking-water', 9, 'Nguồn nước sinh hoạt', 'Drinking water', 'water-sanitation-environment'),
    ('2027-2030', 'sanitation', 10, 'Nhà tiêu hợp vệ sinh', 'Sanitation', 'water-sanitation-environment'),
    ('2027-2030', 'waste-treatment', 11, 'Xử lý rác thải', 'Waste treatment', 'water-sanitation-environment'),
    ('2027-2030', 'telecom-use', 12, 'Sử dụng dịch vụ viễn thông (kể cả internet)', 'Telecom and internet use', 'information');

INSERT INTO loan_programmes (code, position, name_vi, name_en, legal_basis) VALUES
    ('poor-household', 1, 'Cho vay hộ nghèo', 'Loans to poor households', 'Decree 78/2002/NĐ-CP'),
    ('near-poor-household', 2, 'Cho vay hộ cận nghèo', 'Loans to near-poor households', 'Decision 15/2013/QĐ-TTg'),
    ('newly-escaped-household', 3, 'Cho vay hộ mới thoát nghèo', 'Loans to households that have just escaped poverty', 'Decision 28/2015/QĐ-TTg'),
    ('income-150', 4, 'Hộ có thu nhập tối đa bằng 150% chuẩn nghèo', 'Households with income up to 150% of the poverty line', 'Decision 157/2007/QĐ-TTg'),
    ('job-creation', 5, 'Cho vay hỗ trợ tạo việc làm, duy trì và mở rộng việc làm', 'Loans to create, keep or expand jobs', 'Decree 61/2015/NĐ-CP, Decree 74/2019/NĐ-CP, Decree 338/2025/NĐ-CP');

INSERT INTO programme_terms (programme_code, effective_from, max_amount, amount_basis, max_term_months, annual_rate_percent,
    priority_annual_rate_percent, minimum_borrower_age, window_years, legal_basis) VALUES
    ('poor-household', '2022-01-01', 100000000, 'per-household', 120, 6.6, NULL, NULL, NULL, 'Decree 78/2002/NĐ-CP'),
    ('poor-household', '2025-12-01', 100000000, 'per-household', 120, 6.24, NULL, NULL, NULL, 'VBSP lending-rate change effective 2025-12-01 (verify)'),
    ('near-poor-household', '2022-01-01', 100000000, 'per-household', NULL, 7.92, NULL, NULL, NULL, 'Decision 15/2013/QĐ-TTg; cap (verify)'),
    ('near-poor-household', '2025-12-01', 100000000, 'per-household', NULL, 7.488, NULL, NULL, NULL, '120% of the poor-household rate from 2025-12-01 (verify)'),
    ('newly-escaped-household', '2022-01-01', 100000000, 'per-household', 60, 8.25, NULL, NULL, 3, 'Decision 28/2015/QĐ-TTg'),
    ('newly-escaped-household', '2025-12-01', 100000000, 'per-household', 60, 7.8, NULL, NULL, 3, '125% of the poor-household rate from 2025-12-01 (verify)'),
    ('income-150', '2025-12-01', 4000000, 'per-student-per-month', NULL, 6.24, NULL, NULL, NULL, 'Decision 157/2007/QĐ-TTg; rate from 2025-12-01 (verify)'),
    ('job-creation', '2022-01-01', 100000000, 'per-worker', NULL, 7.92, 6.6, 18, NULL, 'Decree 61/2015/NĐ-CP, Decree 74/2019/NĐ-CP: the near-poor rate; the poor rate for priority workers'),
    ('job-creation', '2025-12-01', 100000000, 'per-worker', NULL, 7.488, 6.24, 18, NULL, 'Decree 74/2019/NĐ-CP: the near-poor rate from 2025-12-01 (verify)'),
    ('job-creation', '2026-01-01', 200000000, 'per-worker', NULL, 7.9248, 6.24, 18, NULL, 'Decree 338/2025/NĐ-CP: 127% of the poor-household rate; the poor rate for priority workers');
