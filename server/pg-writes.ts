/**
 * Writing import batches into Postgres, inside a transaction the caller holds (with `BATCH_LOCK`, so
 * account merging never races another process): accounts merged by the one rule
 * (`lib/model/account-match.ts`), then rows written set-wise (one statement per table and batch), each
 * changed row's `change_log` entry moved to this transaction. Rows equal to what is stored are left alone.
 */
import type { PoolClient } from 'pg';
import type { Account, AccountFacts, SurveyResponse } from '../lib/model';
import { findAccount, mergeAccountFacts } from '../lib/model/account-match';
import { normaliseAccountName } from '../lib/model/names';
import { decodeRow, type Kind } from './sql';
import type { RecordBatch } from './storage';
import { ApiError, canonical, withoutUpdatedAt, workDomainOf } from './values';

export type Queryable = Pick<PoolClient, 'query'>;

/** The transaction-scoped advisory lock every batch write takes (account merging is one at a time). */
export const BATCH_LOCK = 7_301_018;

export const ROW_TABLES = {
  response: { table: 'responses', at: 'responded_at' },
  action: { table: 'actions', at: 'created_at' },
  send: { table: 'sends', at: 'sent_at' },
} as const;

export type RowKind = keyof typeof ROW_TABLES;

interface StoredRow {
  data: string;
  updated_at: number;
}

export async function accountIdsByKey(c: Queryable, kind: string, values: readonly string[]): Promise<string[]> {
  if (values.length === 0) return [];
  const { rows } = await c.query<{ account_id: string }>(
    'SELECT DISTINCT account_id COLLATE "C" AS account_id FROM account_keys WHERE kind = $1 AND value = ANY($2::text[]) ORDER BY 1',
    [kind, values],
  );
  return rows.map((r) => r.account_id);
}

/** An account by its id or by a key merged into it. */
export async function accountIn(c: Queryable, idOrAlias: string): Promise<Account | undefined> {
  const { rows } = await c.query<StoredRow>(
    `SELECT data, updated_at FROM accounts WHERE id = $1
     UNION ALL
     (SELECT a.data, a.updated_at FROM account_keys k JOIN accounts a ON a.id = k.account_id
      WHERE k.kind = 'alias' AND k.value = $1 ORDER BY a.id LIMIT 1)
     LIMIT 1`,
    [idOrAlias],
  );
  return rows[0] ? decodeRow.account({ ...rows[0], seq: 0 }) : undefined;
}

/** Moves the change-log entries of these rows to this transaction (and the next seq). */
export async function logChanges(c: Queryable, kind: Kind, ids: readonly string[], updatedAts: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  await c.query(
    `INSERT INTO change_log (kind, row_id, updated_at) SELECT $1, * FROM unnest($2::text[], $3::bigint[])
     ON CONFLICT (kind, row_id) DO UPDATE SET xid = pg_current_xact_id(), seq = nextval('change_seq'), updated_at = excluded.updated_at`,
    [kind, ids, updatedAts],
  );
}

/** Merges facts into the stored account by the one rule; returns the account's id. */
async function mergeAccount(c: Queryable, facts: AccountFacts, now: number): Promise<string> {
  const found = await findAccount(facts, async ({ kind, values }) => {
    if (kind === 'id') return (await c.query<{ id: string }>('SELECT id FROM accounts WHERE id = $1', [values[0]])).rows.map((r) => r.id);
    if (kind === 'name') {
      return (await c.query<{ id: string }>('SELECT id FROM accounts WHERE name_key = $1 ORDER BY id COLLATE "C"', [values[0]])).rows.map((r) => r.id);
    }
    return accountIdsByKey(c, kind, values);
  });
  const id = found ?? facts.id;
  const row = (await c.query<StoredRow>('SELECT data, updated_at FROM accounts WHERE id = $1 FOR UPDATE', [id])).rows[0];
  const stored = row ? decodeRow.account({ ...row, seq: 0 }) : undefined;
  const merged = mergeAccountFacts(stored, facts, id);
  const data = canonical(merged);
  // Every earlier write of these facts stored their keys with them.
  if (row && row.data === data && facts.id === id) return id;
  if (!row || row.data !== data) {
    const updatedAt = Math.max(now, (row?.updated_at ?? -1) + 1);
    await c.query(
      `INSERT INTO accounts (id, name, name_key, data, updated_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, name_key = excluded.name_key, data = excluded.data, updated_at = excluded.updated_at`,
      [id, merged.name, normaliseAccountName(merged.name), data, updatedAt],
    );
    await logChanges(c, 'account', [id], [updatedAt]);
  }
  const keys: Array<[string, string]> = [
    ...(facts.id !== id ? [['alias', facts.id] as [string, string]] : []),
    ...facts.salesforceIds.map((v): [string, string] => ['salesforce', v]),
    ...facts.zendeskOrganizationIds.map((v): [string, string] => ['zendesk', v]),
    ...facts.hubspotCompanyIds.map((v): [string, string] => ['hubspot', v]),
    ...facts.domains.map((v): [string, string] => ['domain', v.toLowerCase()]),
  ];
  if (keys.length > 0) {
    await c.query(
      `INSERT INTO account_keys (kind, value, account_id) SELECT k, v, $3 FROM unnest($1::text[], $2::text[]) AS t(k, v)
       ON CONFLICT DO NOTHING`,
      [keys.map((k) => k[0]), keys.map((k) => k[1]), id],
    );
  }
  return id;
}

/** Everything merging an account's facts depends on, in one string (lists in a fixed order). */
function factsSignature(facts: AccountFacts): string {
  const sorted = (list: readonly string[]) => [...list].sort();
  return JSON.stringify([
    facts.id, facts.name ?? null, sorted(facts.domains), sorted(facts.salesforceIds), sorted(facts.zendeskOrganizationIds),
    sorted(facts.hubspotCompanyIds),
  ]);
}

/** Rows to write: each with its id, account, the instant it sorts by, and its JSON. */
export interface RowWrite {
  id: string;
  accountId: string;
  at: number;
  data: string;
  updatedAt: number;
}

/** Which of `records` differ from what is stored, with their next `updatedAt` (strictly increasing per row). */
export async function changedRows(
  c: Queryable, kind: RowKind, records: ReadonlyArray<{ record: { id: string; accountId: string }; at: number }>, now: number,
): Promise<RowWrite[]> {
  const last = new Map<string, { record: { id: string; accountId: string }; at: number }>();
  for (const item of records) last.set(item.record.id, item);
  if (last.size === 0) return [];
  const { rows } = await c.query<StoredRow & { id: string }>(
    `SELECT id, data, updated_at FROM ${ROW_TABLES[kind].table} WHERE id = ANY($1::text[]) FOR UPDATE`,
    [[...last.keys()]],
  );
  const stored = new Map(rows.map((r) => [r.id, r]));
  const writes: RowWrite[] = [];
  for (const { record, at } of last.values()) {
    const data = canonical(withoutUpdatedAt(record as { id: string; updatedAt?: number }));
    const row = stored.get(record.id);
    if (row && row.data === data) continue;
    writes.push({ id: record.id, accountId: record.accountId, at, data, updatedAt: Math.max(now, (row?.updated_at ?? -1) + 1) });
  }
  return writes;
}

/** Upserts rows (already known to have changed) and moves their change-log entries. */
export async function upsertRows(c: Queryable, kind: RowKind, writes: readonly RowWrite[]): Promise<void> {
  if (writes.length === 0) return;
  const { table, at } = ROW_TABLES[kind];
  await c.query(
    `INSERT INTO ${table} (id, account_id, ${at}, data, updated_at)
     SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::bigint[])
     ON CONFLICT (id) DO UPDATE SET account_id = excluded.account_id, ${at} = excluded.${at}, data = excluded.data, updated_at = excluded.updated_at`,
    [writes.map((w) => w.id), writes.map((w) => w.accountId), writes.map((w) => w.at), writes.map((w) => w.data), writes.map((w) => w.updatedAt)],
  );
  await logChanges(c, kind, writes.map((w) => w.id), writes.map((w) => w.updatedAt));
}

interface Respondent {
  account_id: string;
  email: string;
  email_domain: string | null;
  name: string | null;
  role: string | null;
  title: string | null;
  last_responded_at: number;
}

/** The SQLite upsert's rule, row by row: the newer answer's non-empty fields win. */
function mergeRespondent(stored: Respondent | undefined, incoming: Respondent): Respondent {
  if (!stored) return incoming;
  const newer = incoming.last_responded_at >= stored.last_responded_at;
  const pick = (field: 'name' | 'role' | 'title') => (newer ? (incoming[field] ?? stored[field]) : (stored[field] ?? incoming[field]));
  return {
    ...stored, name: pick('name'), role: pick('role'), title: pick('title'),
    last_responded_at: Math.max(stored.last_responded_at, incoming.last_responded_at),
  };
}

export async function putRespondents(c: Queryable, responses: readonly SurveyResponse[]): Promise<void> {
  const incoming: Respondent[] = [];
  for (const r of responses) {
    const email = r.respondentEmail?.trim().toLowerCase();
    if (!email) continue;
    incoming.push({
      account_id: r.accountId, email, email_domain: workDomainOf(email), name: r.respondentName ?? null,
      role: r.respondentRole ?? null, title: r.respondentTitle ?? null, last_responded_at: r.respondedAt,
    });
  }
  if (incoming.length === 0) return;
  const keyOf = (r: Pick<Respondent, 'account_id' | 'email'>) => `${r.account_id}\u0000${r.email}`;
  const { rows } = await c.query<Respondent>(
    `SELECT r.* FROM respondents r JOIN unnest($1::text[], $2::text[]) AS k(account_id, email) USING (account_id, email) FOR UPDATE OF r`,
    [incoming.map((r) => r.account_id), incoming.map((r) => r.email)],
  );
  const state = new Map(rows.map((r) => [keyOf(r), r]));
  const touched = new Map<string, Respondent>();
  for (const r of incoming) {
    const merged = mergeRespondent(state.get(keyOf(r)), r);
    state.set(keyOf(r), merged);
    touched.set(keyOf(r), merged);
  }
  const list = [...touched.values()];
  const column = <K extends keyof Respondent>(key: K) => list.map((r) => r[key]);
  await c.query(
    `INSERT INTO respondents (account_id, email, email_domain, name, role, title, last_responded_at)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[])
     ON CONFLICT (account_id, email) DO UPDATE SET name = excluded.name, role = excluded.role, title = excluded.title,
       last_responded_at = excluded.last_responded_at`,
    [column('account_id'), column('email'), column('email_domain'), column('name'), column('role'), column('title'), column('last_responded_at')],
  );
}

/**
 * Writes a batch; the caller's transaction holds `BATCH_LOCK`. `upsert` writes one table's changed rows
 * (set-wise by default; the file loader passes its COPY writer).
 */
export async function writeBatchIn(
  c: Queryable, batch: RecordBatch, now: number,
  upsert: (kind: RowKind, writes: readonly RowWrite[]) => Promise<void> = (kind, writes) => upsertRows(c, kind, writes),
  /**
   * Within one transaction that holds the lock (a file's load): facts already merged → their account.
   * Merging the same facts again changes nothing, so a file's later batches skip the account's queries.
   */
  merged?: Map<string, string>,
): Promise<void> {
  const keyOf = new Map<string, string>();
  for (const facts of batch.accounts) {
    const signature = merged ? factsSignature(facts) : '';
    let key = merged?.get(signature);
    if (key === undefined) {
      key = await mergeAccount(c, facts, now);
      merged?.set(signature, key);
    }
    keyOf.set(facts.id, key);
  }
  const accountOf = async (id: string): Promise<string> => {
    let key = keyOf.get(id);
    if (key === undefined) {
      key = (await accountIn(c, id))?.id;
      if (!key) throw new ApiError(422, 'invalid_request', `no account "${id}"`, 'accountId');
      keyOf.set(id, key);
    }
    return key;
  };
  const responses: SurveyResponse[] = [];
  for (const response of batch.responses ?? []) responses.push({ ...response, accountId: await accountOf(response.accountId) });
  await upsert('response', await changedRows(c, 'response', responses.map((record) => ({ record, at: record.respondedAt })), now));
  await putRespondents(c, responses);
  const actions = [];
  for (const action of batch.actions ?? []) actions.push({ record: { ...action, accountId: await accountOf(action.accountId) }, at: action.createdAt });
  await upsert('action', await changedRows(c, 'action', actions, now));
  const sends = [];
  for (const send of batch.sends ?? []) sends.push({ record: { ...send, accountId: await accountOf(send.accountId) }, at: send.sentAt });
  await upsert('send', await changedRows(c, 'send', sends, now));
}
