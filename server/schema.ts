/**
 * The reference source's SQLite schema (the Postgres one is `pg-schema.ts`, with the same tables). Model
 * records are kept whole as JSON in `data` (without `updatedAt`, which is a column), with the columns the
 * queries need beside them.
 *
 * Every write of a row that changes it takes the next value of one database-wide change sequence (`seq`)
 * and moves the row's entry in `change_log` to it: the changes feed pages through `change_log` in `seq`
 * order, so rows written in the same millisecond are still strictly ordered and none is skipped or
 * repeated across pages.
 *
 * Versioned migrations: entry i brings a database at version i to i + 1 (`meta.schema_version`). They run
 * at start, in one transaction that takes the write lock first, so two servers opening one file at once
 * do not both migrate it.
 */
export const SQLITE_MIGRATIONS: readonly string[] = [
  `
CREATE TABLE IF NOT EXISTS meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE IF NOT EXISTS accounts (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  name_key TEXT NOT NULL,
  data TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  seq INTEGER NOT NULL UNIQUE
) STRICT;
CREATE INDEX IF NOT EXISTS accounts_by_name_key ON accounts (name_key);

-- What an account is known by: kind is 'alias' (another key merged into it), 'salesforce' (18
-- characters), 'zendesk', 'hubspot' or 'domain' (lower case).
CREATE TABLE IF NOT EXISTS account_keys (
  kind TEXT NOT NULL,
  value TEXT NOT NULL,
  account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  PRIMARY KEY (kind, value, account_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS account_keys_by_account ON account_keys (account_id);

-- People who answered, per account, with the work domain of their email (evidence of their employer).
CREATE TABLE IF NOT EXISTS respondents (
  account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  email TEXT NOT NULL,
  email_domain TEXT,
  name TEXT,
  role TEXT,
  title TEXT,
  last_responded_at INTEGER NOT NULL,
  PRIMARY KEY (account_id, email)
) STRICT, WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS respondents_by_email_domain ON respondents (email_domain);

CREATE TABLE IF NOT EXISTS responses (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts (id),
  responded_at INTEGER NOT NULL,
  data TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  seq INTEGER NOT NULL UNIQUE
) STRICT;
CREATE INDEX IF NOT EXISTS responses_by_account ON responses (account_id, responded_at);

CREATE TABLE IF NOT EXISTS actions (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts (id),
  created_at INTEGER NOT NULL,
  data TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  seq INTEGER NOT NULL UNIQUE
) STRICT;
CREATE INDEX IF NOT EXISTS actions_by_account ON actions (account_id, created_at);

CREATE TABLE IF NOT EXISTS sends (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts (id),
  sent_at INTEGER NOT NULL,
  data TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  seq INTEGER NOT NULL UNIQUE
) STRICT;
CREATE INDEX IF NOT EXISTS sends_by_account ON sends (account_id, sent_at);

-- One entry per row, at the row's latest seq; kind is 'account', 'response', 'action' or 'send'.
CREATE TABLE IF NOT EXISTS change_log (
  seq INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  row_id TEXT NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

-- Write requests already answered, by Idempotency-Key: a repeat gets the stored answer.
CREATE TABLE IF NOT EXISTS idempotency_keys (
  key TEXT PRIMARY KEY,
  fingerprint TEXT NOT NULL,
  status INTEGER NOT NULL,
  body TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS idempotency_keys_by_age ON idempotency_keys (created_at);
`,
  `
-- Per-person tokens (tokens.ts): only the SHA-256 of each secret is kept.
CREATE TABLE tokens (
  id TEXT PRIMARY KEY,
  user_name TEXT NOT NULL,
  hash TEXT NOT NULL UNIQUE,
  read_only INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  revoked_at INTEGER
) STRICT;
CREATE INDEX tokens_by_user ON tokens (user_name);
`,
];

export const SCHEMA_VERSION = SQLITE_MIGRATIONS.length;
