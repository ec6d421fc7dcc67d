-- v6 (PostgreSQL): as pipeline/sql/006_accounts_feeds.sql. Account names compare without case
-- (SQLite's COLLATE NOCASE) through a nondeterministic ICU collation.
CREATE COLLATION IF NOT EXISTS nocase (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
CREATE TABLE accounts (
    name TEXT COLLATE nocase PRIMARY KEY,
    role TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'viewer')),
    password_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE account_bodies (
    rowid BIGINT GENERATED ALWAYS AS IDENTITY,  -- the order the admin gave the bodies in
    account TEXT COLLATE nocase NOT NULL REFERENCES accounts(name) ON DELETE CASCADE ON UPDATE CASCADE,
    body TEXT NOT NULL,
    PRIMARY KEY (account, body)
);
ALTER TABLE task_history ADD COLUMN "user" TEXT;
CREATE TABLE calendar_feeds (
    body_key TEXT PRIMARY KEY,
    body TEXT NOT NULL,
    token TEXT NOT NULL UNIQUE
);
