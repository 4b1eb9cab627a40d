-- The caller's role and scope claims when the key was first used (SHA-256 of the role and the sorted scope claims):
-- a retry whose token carries other claims runs afresh, as a new request, and the key keeps the first response.
-- Rows recorded before this column existed have none, and are replayed as before until they expire (24 hours).
ALTER TABLE idempotency_keys
    ADD COLUMN fingerprint bytea CHECK (length(fingerprint) = 32);
