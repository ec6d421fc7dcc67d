-- v4 (PostgreSQL): as pipeline/sql/004_orphans_by_document.sql.
CREATE INDEX orphaned_user_data_doc_key ON orphaned_user_data(doc_key);
