/**
 * The reference source's Postgres schema: the tables of `schema.ts` (SQLite), as versioned migrations
 * (`pg-migrate.ts` runs them). Entry i brings a database at version i to i + 1.
 *
 * The changes feed: each row has one entry in `change_log`, moved on every write that changes the row to
 * the writing transaction's id (`xid`, a 64-bit xid8) and the next `seq`. Readers page in (xid, seq)
 * order and only below the oldest transaction still in flight (`pg_snapshot_xmin`), so a transaction
 * that commits after a later one was read is never skipped: its rows were not yet below the horizon.
 */
export const PG_MIGRATIONS: readonly string[] = [
  `
CREATE TABLE accounts (
  id text PRIMARY KEY,
  name text NOT NULL,
  name_key text NOT NULL,
  data text NOT NULL,
  updated_at bigint NOT NULL
);
CREATE INDEX accounts_by_name_key ON accounts (name_key);

CREATE TABLE account_keys (
  kind text NOT NULL,
  value text NOT NULL,
  account_id text NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  PRIMARY KEY (kind, value, account_id)
);
CREATE INDEX account_keys_by_account ON account_keys (account_id);

CREATE TABLE respondents (
  account_id text NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  email text NOT NULL,
  email_domain text,
  name text,
  role text,
  title text,
  last_responded_at bigint NOT NULL,
  PRIMARY KEY (account_id, email)
);
CREATE INDEX respondents_by_email_domain ON respondents (email_domain);

CREATE TABLE responses (
  id text PRIMARY KEY,
  account_id text NOT NULL REFERENCES accounts (id),
  responded_at bigint NOT NULL,
  data text NOT NULL,
  updated_at bigint NOT NULL
);
CREATE INDEX responses_by_account ON responses (account_id, responded_at);

CREATE TABLE actions (
  id text PRIMARY KEY,
  account_id text NOT NULL REFERENCES accounts (id),
  created_at bigint NOT NULL,
  data text NOT NULL,
  updated_at bigint NOT NULL
);
CREATE INDEX actions_by_account ON actions (account_id, created_at);

CREATE TABLE sends (
  id text PRIMARY KEY,
  account_id text NOT NULL REFERENCES accounts (id),
  sent_at bigint NOT NULL,
  data text NOT NULL,
  updated_at bigint NOT NULL
);
CREATE INDEX sends_by_account ON sends (account_id, sent_at);

CREATE SEQUENCE change_seq;
CREATE TABLE change_log (
  kind text NOT NULL,
  row_id text NOT NULL,
  xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  seq bigint NOT NULL DEFAULT nextval('change_seq'),
  updated_at bigint NOT NULL,
  PRIMARY KEY (kind, row_id)
);
CREATE INDEX change_log_order ON change_log (xid, seq);

CREATE TABLE idempotency_keys (
  key text PRIMARY KEY,
  fingerprint text NOT NULL,
  status integer NOT NULL,
  body text NOT NULL,
  created_at bigint NOT NULL
);
CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);

CREATE TABLE tokens (
  id text PRIMARY KEY,
  user_name text NOT NULL,
  hash text NOT NULL UNIQUE,
  read_only boolean NOT NULL,
  created_at bigint NOT NULL,
  revoked_at bigint
);
CREATE INDEX tokens_by_user ON tokens (user_name);
`,
  // Rows are written only by this server, which resolves every row's account (merging it first) and
  // never deletes an account; the per-row foreign-key checks cost a seventh of a large load's time.
  `
ALTER TABLE respondents DROP CONSTRAINT respondents_account_id_fkey;
ALTER TABLE responses DROP CONSTRAINT responses_account_id_fkey;
ALTER TABLE actions DROP CONSTRAINT actions_account_id_fkey;
ALTER TABLE sends DROP CONSTRAINT sends_account_id_fkey;
`,
];

export const PG_SCHEMA_VERSION = PG_MIGRATIONS.length;
