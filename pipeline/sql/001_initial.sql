-- v1: documents, their extractions, and user data keyed by stable task keys.
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    content_hash TEXT NOT NULL UNIQUE,
    doc_key TEXT NOT NULL UNIQUE,          -- stable identity kept across replacements
    identity_key TEXT,                     -- number|issuer|date when the header gives them
    source TEXT NOT NULL,
    doc_type TEXT, number TEXT, issuer TEXT, issued_date TEXT, title TEXT, target TEXT,
    source_format TEXT, encoding TEXT,
    text TEXT NOT NULL,                    -- normalized text: every span points into it
    source_text TEXT,                      -- NULL when identical to text
    record_json TEXT NOT NULL,
    n_tasks INTEGER NOT NULL DEFAULT 0,
    n_citations INTEGER NOT NULL DEFAULT 0,
    ingested_at TEXT NOT NULL
);
CREATE INDEX documents_source ON documents(source);
CREATE INDEX documents_identity ON documents(identity_key);
CREATE INDEX documents_number ON documents(number);

CREATE TABLE sections (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    path TEXT NOT NULL, marker TEXT, heading TEXT, level INTEGER, kind TEXT, parent TEXT,
    start INTEGER, "end" INTEGER
);
CREATE INDEX sections_document ON sections(document_id);

CREATE TABLE citations (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    mention TEXT, start INTEGER, "end" INTEGER,
    doc_type TEXT, number TEXT, issued_date TEXT, issuer TEXT, term TEXT, target TEXT, relation TEXT
);
CREATE INDEX citations_document ON citations(document_id);
CREATE INDEX citations_target ON citations(target);

CREATE TABLE tasks (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    task_key TEXT NOT NULL UNIQUE,
    section TEXT, text TEXT NOT NULL, start INTEGER, "end" INTEGER,
    deadline_text TEXT, due_start TEXT, due_end TEXT, recurrence TEXT
);
CREATE INDEX tasks_document ON tasks(document_id, ordinal);
CREATE INDEX tasks_due_end ON tasks(due_end);
CREATE INDEX tasks_due_start ON tasks(due_start);
CREATE INDEX tasks_section ON tasks(section);

CREATE TABLE task_bodies (
    task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    role TEXT NOT NULL,                    -- 'responsible' | 'coordinating'
    name TEXT NOT NULL, qualified TEXT, canonical TEXT NOT NULL,
    folded TEXT NOT NULL, qualified_folded TEXT, canonical_folded TEXT NOT NULL
);
CREATE INDEX task_bodies_task ON task_bodies(task_id);
CREATE INDEX task_bodies_folded ON task_bodies(folded, role);
CREATE INDEX task_bodies_qualified ON task_bodies(qualified_folded, role);
CREATE INDEX task_bodies_canonical ON task_bodies(canonical_folded, role);

-- Search: passages (paragraphs and tasks) with an accent-folded FTS5 copy (rowid = passages.id).
CREATE TABLE passages (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    kind TEXT NOT NULL, section TEXT, start INTEGER, "end" INTEGER, text TEXT NOT NULL
);
CREATE INDEX passages_document ON passages(document_id);
CREATE VIRTUAL TABLE passages_fts USING fts5(folded, tokenize = 'unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE tasks_fts USING fts5(folded, tokenize = 'unicode61 remove_diacritics 2');

-- User data: keyed by the stable task key, never by row ids; never deleted by ingestion.
CREATE TABLE task_status (
    task_key TEXT PRIMARY KEY,
    status TEXT NOT NULL,
    note TEXT,
    updated_at TEXT NOT NULL
);
CREATE TABLE task_history (
    id INTEGER PRIMARY KEY,
    task_key TEXT NOT NULL,
    what TEXT NOT NULL, old TEXT, new TEXT, at TEXT NOT NULL
);
CREATE INDEX task_history_key ON task_history(task_key);
