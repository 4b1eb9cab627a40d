-- The integrator lookup's daily quota of personal ID numbers per token subject (README, "Lookup quota"): one row per
-- subject and Vietnam's day, counted by one atomic upsert, so every API instance shares the count. Days before
-- yesterday are deleted as new ones are counted.
CREATE TABLE lookup_quota (
    subject text NOT NULL,
    day     date NOT NULL,
    used    integer NOT NULL CHECK (used >= 0),
    PRIMARY KEY (subject, day)
);
