-- Member facts the verified law needs (domain notes §9).
-- Child schooling is deprived when a child aged 3 to under 16 does not attend school at the right level for their
-- age, so "attends school" becomes one of: at-right-level, behind, not-attending. Existing answers were recorded to
-- the question "does the child attend school?", which did not ask the level: a yes is taken as at-right-level (the
-- reading the derivation gave it until now, so no review's answer changes) and a no as not-attending.
ALTER TABLE members ADD COLUMN schooling text CHECK (schooling IN ('at-right-level', 'behind', 'not-attending'));
UPDATE members SET schooling = CASE attends_school WHEN true THEN 'at-right-level' WHEN false THEN 'not-attending' END
WHERE attends_school IS NOT NULL;
ALTER TABLE members DROP COLUMN attends_school;

-- Job creation from 2026-01-01 (Law 74/2025/QH15 Art. 9): a worker of a household that directly cares for a person
-- with an especially severe disability, or who takes in and cares for one, is a priority worker.
ALTER TABLE members ADD COLUMN cares_for_severe_disability boolean NOT NULL DEFAULT false;
