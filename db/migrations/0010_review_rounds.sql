-- Review rounds (Decision 24/2021/QĐ-TTg): a commune's periodic round of a year (window 1 September to 14 December)
-- or regular round of a month, the households' requests to be reviewed in one (giấy đề nghị), and the procedure's
-- steps on poverty_reviews: village meeting, public posting, complaint and re-check, before recognition.

CREATE TABLE review_rounds (
    id            uuid PRIMARY KEY,
    province_code text NOT NULL REFERENCES provinces (code),
    commune_code  text NOT NULL REFERENCES communes (code),
    kind          text NOT NULL CHECK (kind IN ('periodic', 'regular')),
    year          integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    month         integer CHECK (month BETWEEN 1 AND 12),
    window_start  date NOT NULL,
    window_end    date NOT NULL,
    created_at    timestamptz NOT NULL,
    CHECK ((kind = 'regular') = (month IS NOT NULL)),
    CHECK (window_end >= window_start),
    -- One round per commune and period: opening it again returns the existing one.
    UNIQUE (commune_code, kind, window_start),
    UNIQUE (id, commune_code)
);

CREATE TABLE review_round_requests (
    round_id      uuid NOT NULL,
    household_id  uuid NOT NULL,
    province_code text NOT NULL,
    commune_code  text NOT NULL,
    filed_on      date NOT NULL,
    reason        text NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000),
    created_at    timestamptz NOT NULL,
    PRIMARY KEY (round_id, household_id),
    FOREIGN KEY (round_id, commune_code) REFERENCES review_rounds (id, commune_code),
    FOREIGN KEY (household_id, province_code) REFERENCES households (id, province_code)
);

ALTER TABLE poverty_reviews
    ADD COLUMN round_id uuid REFERENCES review_rounds (id),
    ADD COLUMN posting_start date,
    ADD COLUMN posting_end date,
    -- Default for rows written by SQL (seed, older writers); the API always writes the steps.
    ADD COLUMN steps jsonb NOT NULL DEFAULT '[]',
    ADD CONSTRAINT poverty_reviews_posting CHECK ((posting_start IS NULL) = (posting_end IS NULL) AND (posting_end IS NULL OR posting_end >= posting_start)),
    -- Reviews outside rounds keep their two states; a round's reviews go through the procedure.
    ADD CONSTRAINT poverty_reviews_procedure_status CHECK (
        status IN ('classified', 'recognised') OR (round_id IS NOT NULL AND status IN ('meeting-held', 'posted', 'disputed', 'returned')));
ALTER TABLE poverty_reviews DROP CONSTRAINT poverty_reviews_status_check;

-- At most one live review (not sent back to survey) per household and round.
CREATE UNIQUE INDEX poverty_reviews_round_household ON poverty_reviews (round_id, household_id)
    WHERE round_id IS NOT NULL AND status <> 'returned';
