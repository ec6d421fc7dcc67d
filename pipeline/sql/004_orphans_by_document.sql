-- v4: re-ingest looks up a document's orphaned user data by its stable key.
CREATE INDEX orphaned_user_data_doc_key ON orphaned_user_data(doc_key);
