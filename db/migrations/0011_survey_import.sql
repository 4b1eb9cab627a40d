-- Bulk import of a review round's survey results (README, "Bulk import of survey results"). Each file imported cleanly
-- into a round is remembered by its SHA-256: sending it again answers this first report and stores nothing new.
-- The rows themselves go straight into poverty_reviews (COPY, set-based); their staging table is a temporary one.

CREATE TABLE survey_imports (
    id               uuid PRIMARY KEY,
    round_id         uuid NOT NULL,
    province_code    text NOT NULL,
    commune_code     text NOT NULL,
    sha256           bytea NOT NULL CHECK (length(sha256) = 32),
    rows             integer NOT NULL CHECK (rows >= 0),
    created          integer NOT NULL CHECK (created >= 0),
    already_imported integer NOT NULL CHECK (already_imported >= 0),
    created_at       timestamptz NOT NULL,
    FOREIGN KEY (round_id, commune_code) REFERENCES review_rounds (id, commune_code),
    UNIQUE (round_id, sha256)
);
