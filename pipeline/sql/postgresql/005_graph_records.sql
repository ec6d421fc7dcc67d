-- v5 (PostgreSQL): as pipeline/sql/005_graph_records.sql.
ALTER TABLE documents ADD COLUMN graph_json TEXT;
