-- v5: what the citation graph needs of each document (its metadata and citations) as plain JSON,
-- so building the graph of 10,000 documents does not decompress and parse every full record.
-- NULL for rows stored before v5: Store.graph_records() falls back to record_json for them.
ALTER TABLE documents ADD COLUMN graph_json TEXT;
