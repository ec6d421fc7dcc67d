-- v7: sign-in sessions that survive a page reload: only a hash of the browser's token is kept.
CREATE TABLE account_sessions (
    token_hash TEXT PRIMARY KEY,
    account TEXT NOT NULL REFERENCES accounts(name) ON DELETE CASCADE ON UPDATE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX account_sessions_account ON account_sessions(account);
