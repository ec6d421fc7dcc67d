-- v3: a compact search index.  The FTS tables become contentless (the folded copy is
-- recomputed from the text when needed: fold_same_length() keeps offsets), and
-- passages point into documents.text instead of holding a second copy.
DROP TABLE passages_fts;
DROP TABLE tasks_fts;
CREATE VIRTUAL TABLE passages_fts USING fts5(folded, content = '', tokenize = 'unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE tasks_fts USING fts5(folded, content = '', tokenize = 'unicode61 remove_diacritics 2');
INSERT INTO passages_fts(rowid, folded) SELECT id, fold_same_length(text) FROM passages;
INSERT INTO tasks_fts(rowid, folded) SELECT id, fold_same_length(text) FROM tasks;
ALTER TABLE passages DROP COLUMN text;
