-- v2 (PostgreSQL): as pipeline/sql/002_orphans.sql.
CREATE TABLE orphaned_user_data (
    task_key TEXT PRIMARY KEY,
    doc_key TEXT,
    source TEXT,
    section TEXT,
    old_text TEXT,
    reason TEXT NOT NULL,
    flagged_at TEXT NOT NULL
);
CREATE INDEX task_status_status ON task_status(status);
