-- Every audited read and write inserts into audit_log's indexes. audit_log_entity (entity, entity_id, id) adds
-- nothing the audit queries need: a filter on one record (entity_id, with or without entity) is served by
-- audit_log_entity_id (entity_id, id) with entity checked on its few rows, and a filter on entity alone cannot use
-- either index for its id order. It was the largest of the table's indexes (bench/README.md, session 3).
DROP INDEX IF EXISTS audit_log_entity;
