-- v3 (PostgreSQL): trigram indexes make the word-boundary searches on the folded copies fast.
-- pg_trgm ships with PostgreSQL (contrib) and is a trusted extension: the database owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX passages_folded_trgm ON passages USING gin (folded gin_trgm_ops);
CREATE INDEX tasks_folded_trgm ON tasks USING gin (folded gin_trgm_ops);
