/**
 * Writing import batches into Postgres, inside a transaction the caller holds (with `BATCH_LOCK`, so
 * account merging never races another process): accounts merged by the one rule, set-wise
 * (`pg-accounts.ts`), then rows written set-wise (one statement per table and batch), each
 * changed row's `change_log` entry moved to this transaction. Rows equal to what is stored are left alone.
 */
import type { Account, AccountFacts, SurveyResponse } from '../lib/model';
import { mergeAccounts, type AccountSnapshot } from './pg-accounts';
import { logChanges, type Queryable } from './pg-change-log';
import { putRespondents, type RespondentBuffer } from './pg-respondents';
import { decodeRow } from './sql';
import type { RecordBatch } from './storage';
import { ApiError, canonical } from './values';

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

/** Rows to write: each with its id, account, the instant it sorts by, and its JSON. */
export interface RowWrite {
  id: string;
  accountId: string;
  at: number;
  data: string;
  updatedAt: number;
  /** Not stored before (nor logged: rows are never deleted), so it can be appended rather than upserted. */
  isNew: boolean;
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
    const data = canonical(record, 'updatedAt');
    const row = stored.get(record.id);
    if (row && row.data === data) continue;
    writes.push({ id: record.id, accountId: record.accountId, at, data, updatedAt: Math.max(now, (row?.updated_at ?? -1) + 1), isNew: !row });
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

/** How a file's load writes its batches (a single batch write uses none of these). */
export interface LoadContext {
  /** Writes one table's changed rows (the loader's COPY writer). */
  upsert: (kind: RowKind, writes: readonly RowWrite[]) => Promise<void>;
  /**
   * Facts already merged in this transaction (which holds the lock) → their account. Merging the same
   * facts again changes nothing, so a file's later batches skip them.
   */
  merged: Map<string, string>;
  /** The accounts the file has looked at, read once per file. */
  accounts: AccountSnapshot;
  /** The file's respondents, written once at its end. */
  respondents: RespondentBuffer;
}

/** Everything merging an account's facts depends on, in one string (lists in a fixed order). */
function factsSignature(facts: AccountFacts): string {
  const list = (values: readonly string[]) => (values.length > 1 ? [...values].sort() : values).join('\u0001');
  return [
    facts.id, facts.name === undefined ? '\u0002' : facts.name, list(facts.domains), list(facts.salesforceIds),
    list(facts.zendeskOrganizationIds), list(facts.hubspotCompanyIds),
  ].join('\u0000');
}

/** Writes a batch; the caller's transaction holds `BATCH_LOCK`. */
export async function writeBatchIn(c: Queryable, batch: RecordBatch, now: number, load?: LoadContext): Promise<void> {
  const upsert = load?.upsert ?? ((kind: RowKind, writes: readonly RowWrite[]) => upsertRows(c, kind, writes));
  const keyOf = new Map<string, string>();
  const toMerge: AccountFacts[] = [];
  const signatures: string[] = [];
  for (const facts of batch.accounts) {
    const signature = load ? factsSignature(facts) : '';
    const key = load?.merged.get(signature);
    if (key === undefined) {
      toMerge.push(facts);
      signatures.push(signature);
    } else keyOf.set(facts.id, key);
  }
  const mergedNow = await mergeAccounts(c, toMerge, now, load?.accounts);
  toMerge.forEach((facts, i) => {
    const key = mergedNow.get(facts.id)!;
    keyOf.set(facts.id, key);
    load?.merged.set(signatures[i]!, key);
  });
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
  for (const response of batch.responses ?? []) {
    const accountId = await accountOf(response.accountId);
    responses.push(accountId === response.accountId ? response : { ...response, accountId });
  }
  await upsert('response', await changedRows(c, 'response', responses.map((record) => ({ record, at: record.respondedAt })), now));
  if (load) await load.respondents.add(c, responses);
  else await putRespondents(c, responses);
  const actions = [];
  for (const action of batch.actions ?? []) actions.push({ record: { ...action, accountId: await accountOf(action.accountId) }, at: action.createdAt });
  await upsert('action', await changedRows(c, 'action', actions, now));
  const sends = [];
  for (const send of batch.sends ?? []) sends.push({ record: { ...send, accountId: await accountOf(send.accountId) }, at: send.sentAt });
  await upsert('send', await changedRows(c, 'send', sends, now));
}
