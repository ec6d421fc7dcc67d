-- v7 (PostgreSQL): as pipeline/sql/007_account_sessions.sql.
CREATE TABLE account_sessions (
    token_hash TEXT PRIMARY KEY,
    account TEXT COLLATE nocase NOT NULL REFERENCES accounts(name) ON DELETE CASCADE ON UPDATE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX account_sessions_account ON account_sessions(account);
