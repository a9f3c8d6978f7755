/**
 * The SQLite side of the reference source: opening the database file (checking its schema version) and
 * the prepared statements the store runs.
 */
import Database from 'better-sqlite3';
import type { Database as SqliteDatabase, Statement } from 'better-sqlite3';
import type { Account, Action, SurveyResponse, SurveySend } from '../lib/model';
import type { TokenRecord } from './tokens';
import { SQLITE_MIGRATIONS, SCHEMA_VERSION } from './schema';

export type Kind = 'account' | 'response' | 'action' | 'send';

/** A stored record: its JSON, when it last changed, and its place in the change log. */
export interface DataRow {
  data: string;
  updated_at: number;
  seq: number;
}

export const TABLES: Record<Kind, string> = { account: 'accounts', response: 'responses', action: 'actions', send: 'sends' };

/** Opens (or creates) the database and brings its schema to the version this server reads. */
export function openSqlite(path: string): SqliteDatabase {
  const db = new Database(path);
  if (path !== ':memory:') db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  migrateSqlite(db);
  return db;
}

/** Runs the migrations the file has not had, in one write transaction (a second server waits, then finds them done). */
function migrateSqlite(db: SqliteDatabase): void {
  db.exec('BEGIN IMMEDIATE');
  try {
    const hasMeta = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").get();
    const stored = hasMeta ? db.prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'schema_version'").get() : undefined;
    const version = stored ? Number(stored.value) : 0;
    if (version > SCHEMA_VERSION) {
      throw new Error(`The database file has schema version ${version}; this server reads up to version ${SCHEMA_VERSION}.`);
    }
    for (let next = version; next < SCHEMA_VERSION; next++) db.exec(SQLITE_MIGRATIONS[next]!);
    db.prepare("INSERT INTO meta (key, value) VALUES ('schema_version', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
      .run(String(SCHEMA_VERSION));
    db.exec('COMMIT');
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    db.close();
    throw error;
  }
}

export type Statements = ReturnType<typeof prepareStatements>;

export function prepareStatements(db: SqliteDatabase) {
  return {
    accountById: db.prepare<[string], DataRow & { id: string }>('SELECT id, data, updated_at, seq FROM accounts WHERE id = ?'),
    accountIdsByKey: db.prepare<[string, string], { account_id: string }>(
      'SELECT account_id FROM account_keys WHERE kind = ? AND value = ? ORDER BY account_id',
    ),
    accountIdsByNameKey: db.prepare<[string], { account_id: string }>('SELECT id AS account_id FROM accounts WHERE name_key = ? ORDER BY id'),
    accountIdsByRespondentDomain: db.prepare<[string], { account_id: string }>(
      'SELECT DISTINCT account_id FROM respondents WHERE email_domain = ? ORDER BY account_id',
    ),
    insertKey: db.prepare('INSERT OR IGNORE INTO account_keys (kind, value, account_id) VALUES (?, ?, ?)'),
    upsertAccount: db.prepare(
      `INSERT INTO accounts (id, name, name_key, data, updated_at, seq) VALUES (@id, @name, @nameKey, @data, @updatedAt, @seq)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, name_key = excluded.name_key, data = excluded.data,
         updated_at = excluded.updated_at, seq = excluded.seq`,
    ),
    upsertResponse: db.prepare(
      `INSERT INTO responses (id, account_id, responded_at, data, updated_at, seq) VALUES (@id, @accountId, @at, @data, @updatedAt, @seq)
       ON CONFLICT (id) DO UPDATE SET account_id = excluded.account_id, responded_at = excluded.responded_at,
         data = excluded.data, updated_at = excluded.updated_at, seq = excluded.seq`,
    ),
    upsertAction: db.prepare(
      `INSERT INTO actions (id, account_id, created_at, data, updated_at, seq) VALUES (@id, @accountId, @at, @data, @updatedAt, @seq)
       ON CONFLICT (id) DO UPDATE SET account_id = excluded.account_id, created_at = excluded.created_at,
         data = excluded.data, updated_at = excluded.updated_at, seq = excluded.seq`,
    ),
    upsertSend: db.prepare(
      `INSERT INTO sends (id, account_id, sent_at, data, updated_at, seq) VALUES (@id, @accountId, @at, @data, @updatedAt, @seq)
       ON CONFLICT (id) DO UPDATE SET account_id = excluded.account_id, sent_at = excluded.sent_at,
         data = excluded.data, updated_at = excluded.updated_at, seq = excluded.seq`,
    ),
    upsertRespondent: db.prepare(
      `INSERT INTO respondents (account_id, email, email_domain, name, role, title, last_responded_at)
       VALUES (@accountId, @email, @emailDomain, @name, @role, @title, @at)
       ON CONFLICT (account_id, email) DO UPDATE SET
         name = CASE WHEN excluded.last_responded_at >= last_responded_at THEN coalesce(excluded.name, name) ELSE coalesce(name, excluded.name) END,
         role = CASE WHEN excluded.last_responded_at >= last_responded_at THEN coalesce(excluded.role, role) ELSE coalesce(role, excluded.role) END,
         title = CASE WHEN excluded.last_responded_at >= last_responded_at THEN coalesce(excluded.title, title) ELSE coalesce(title, excluded.title) END,
         last_responded_at = max(last_responded_at, excluded.last_responded_at)`,
    ),
    rowById: Object.fromEntries(
      Object.entries(TABLES).map(([kind, table]) => [kind, db.prepare<[string], DataRow>(`SELECT data, updated_at, seq FROM ${table} WHERE id = ?`)]),
    ) as Record<Kind, Statement<[string], DataRow>>,
    deleteLog: db.prepare('DELETE FROM change_log WHERE seq = ?'),
    insertLog: db.prepare('INSERT INTO change_log (seq, kind, row_id, updated_at) VALUES (?, ?, ?, ?)'),
    responsesOf: db.prepare<[string, number], DataRow>(
      'SELECT data, updated_at, seq FROM responses WHERE account_id = ? AND responded_at >= ? ORDER BY responded_at, id',
    ),
    actionsOf: db.prepare<[string], DataRow>('SELECT data, updated_at, seq FROM actions WHERE account_id = ? ORDER BY created_at, id'),
    sendsOf: db.prepare<[string, number], DataRow>(
      'SELECT data, updated_at, seq FROM sends WHERE account_id = ? AND sent_at >= ? ORDER BY sent_at, id',
    ),
    changesAfter: db.prepare<[number, number, number], { seq: number; kind: Kind; row_id: string }>(
      'SELECT seq, kind, row_id FROM change_log WHERE seq > ? AND updated_at >= ? ORDER BY seq LIMIT ?',
    ),
    idempotencyGet: db.prepare<[string], { fingerprint: string; status: number; body: string }>(
      'SELECT fingerprint, status, body FROM idempotency_keys WHERE key = ?',
    ),
    idempotencyPut: db.prepare('INSERT INTO idempotency_keys (key, fingerprint, status, body, created_at) VALUES (?, ?, ?, ?, ?)'),
    idempotencyPrune: db.prepare('DELETE FROM idempotency_keys WHERE created_at < ?'),
    tokenInsert: db.prepare(
      'INSERT INTO tokens (id, user_name, hash, read_only, created_at) VALUES (@id, @user, @hash, @readOnly, @createdAt)',
    ),
    tokenList: db.prepare<[], TokenRow>('SELECT id, user_name, read_only, created_at, revoked_at FROM tokens ORDER BY created_at, id'),
    tokenRevoke: db.prepare('UPDATE tokens SET revoked_at = @at WHERE (id = @who OR user_name = @who) AND revoked_at IS NULL'),
    tokenFindLive: db.prepare<[string], TokenRow>(
      'SELECT id, user_name, read_only, created_at, revoked_at FROM tokens WHERE hash = ? AND revoked_at IS NULL',
    ),
  };
}

export interface TokenRow {
  id: string;
  user_name: string;
  read_only: number | boolean;
  created_at: number | string;
  revoked_at: number | string | null;
}

export function decodeToken(row: TokenRow): TokenRecord {
  return {
    id: row.id, user: row.user_name, readOnly: !!row.read_only, createdAt: Number(row.created_at),
    ...(row.revoked_at !== null ? { revokedAt: Number(row.revoked_at) } : {}),
  };
}

export const decodeRow = {
  account(row: DataRow): Account {
    return { ...(JSON.parse(row.data) as Omit<Account, 'updatedAt'>), updatedAt: row.updated_at };
  },

  response(row: DataRow): SurveyResponse {
    return { ...(JSON.parse(row.data) as Omit<SurveyResponse, 'updatedAt'>), updatedAt: row.updated_at };
  },

  action(row: DataRow): Action {
    return { ...(JSON.parse(row.data) as Omit<Action, 'updatedAt'>), updatedAt: row.updated_at };
  },

  send(row: DataRow): SurveySend {
    return JSON.parse(row.data) as SurveySend;
  },
};
