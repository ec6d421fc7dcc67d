-- v6: local accounts for the app (sign-in, roles, body scope) and who made each change.
CREATE TABLE accounts (
    name TEXT PRIMARY KEY COLLATE NOCASE,
    role TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'viewer')),
    password_hash TEXT NOT NULL,           -- argon2id, never the password
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE account_bodies (
    account TEXT NOT NULL REFERENCES accounts(name) ON DELETE CASCADE ON UPDATE CASCADE,
    body TEXT NOT NULL,                    -- a responsible body as the admin typed it (any spelling)
    PRIMARY KEY (account, body)
);
ALTER TABLE task_history ADD COLUMN user TEXT;
-- Per-body calendar feeds: the secret part of each feed's address, kept so subscriptions survive.
CREATE TABLE calendar_feeds (
    body_key TEXT PRIMARY KEY,             -- folded canonical body name
    body TEXT NOT NULL,                    -- the name as first asked for (file name, calendar title)
    token TEXT NOT NULL UNIQUE
);
