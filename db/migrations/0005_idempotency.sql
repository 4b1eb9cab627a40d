-- Idempotency-Key: the first response to a creating POST, replayed to retries of the same request.
-- A row is written in the same transaction as the change it answers for, so a key is either free or holds the
-- response of a change that was committed: never a change without its response, or a response without its change.
CREATE TABLE idempotency_keys (
    subject       text NOT NULL,
    key           text NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
    method        text NOT NULL,
    route         text NOT NULL,
    path          text NOT NULL,
    request_hash  bytea NOT NULL CHECK (length(request_hash) = 32),
    status_code   integer NOT NULL CHECK (status_code BETWEEN 200 AND 499),
    location      text,
    etag          text,
    content_type  text,
    response_body bytea NOT NULL,
    created_at    timestamptz NOT NULL,
    expires_at    timestamptz NOT NULL,
    PRIMARY KEY (subject, key),
    CHECK (expires_at > created_at)
);
CREATE INDEX idempotency_keys_expires_at ON idempotency_keys (expires_at);
