/**
 * Merging a batch's accounts into Postgres set-wise: every account and key the batch's facts could
 * match is read in two statements, the one rule (`lib/model/account-match.ts`) runs against that
 * snapshot in memory (updated as each facts merge, so two facts of one batch that meet in one account
 * see each other), and the changed accounts, their change-log entries and new keys are written in three
 * more (`AccountSnapshot`). The caller's transaction holds `BATCH_LOCK`, so no other batch merges meanwhile.
 */
import type { Account, AccountFacts } from '../lib/model';
import { findAccountSync, matchSteps, mergeAccountFacts } from '../lib/model/account-match';
import { normaliseAccountName } from '../lib/model/names';
import { decodeRow } from './sql';
import { canonical } from './values';
import { logChanges, type Queryable } from './pg-change-log';

interface StoredAccount {
  id: string;
  name?: string;
  name_key: string;
  data: string;
  updated_at: number;
}

/** Byte order of UTF-8 (Postgres's `COLLATE "C"`): code points, not UTF-16 units. */
function byCodePoint(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
  }
  return x.length - y.length;
}

const keyOf = (kind: string, value: string) => `${kind}\u0000${value}`;

/** The keys an account is stored under besides its id (what `account_keys` holds for these facts). */
function keysOf(facts: AccountFacts, id: string): Array<[string, string]> {
  return [
    ...(facts.id !== id ? [['alias', facts.id] as [string, string]] : []),
    ...facts.salesforceIds.map((v): [string, string] => ['salesforce', v]),
    ...facts.zendeskOrganizationIds.map((v): [string, string] => ['zendesk', v]),
    ...facts.hubspotCompanyIds.map((v): [string, string] => ['hubspot', v]),
    ...facts.domains.map((v): [string, string] => ['domain', v.toLowerCase()]),
  ];
}

/**
 * What the store holds of the accounts a transaction has looked at: read once per value, then kept
 * current with the transaction's own writes. A file's load keeps one for the whole file (it holds the
 * lock, so nothing else changes these rows), so each account and key is read once per file.
 */
export class AccountSnapshot {
  private readonly stored = new Map<string, StoredAccount>();
  private readonly byName = new Map<string, Set<string>>();
  private readonly keyIndex = new Map<string, Set<string>>();
  private readonly readIds = new Set<string>();
  private readonly readNames = new Set<string>();
  private readonly readKeys = new Set<string>();

  /** Reads what `list` could match and has not been read yet. */
  async read(c: Queryable, list: readonly AccountFacts[]): Promise<void> {
    const ids = new Set<string>();
    const names = new Set<string>();
    const keys = new Map<string, [string, string]>();
    for (const facts of list) {
      for (const step of matchSteps(facts)) {
        for (const value of step.values) {
          if (step.kind === 'id') {
            if (!this.readIds.has(value)) ids.add(value);
          } else if (step.kind === 'name') {
            if (!this.readNames.has(value)) names.add(value);
          } else if (!this.readKeys.has(keyOf(step.kind, value))) keys.set(keyOf(step.kind, value), [step.kind, value]);
        }
      }
    }
    if (keys.size > 0) {
      const pairs = [...keys.values()];
      const { rows } = await c.query<{ kind: string; value: string; account_id: string }>(
        `SELECT k.kind, k.value, k.account_id FROM unnest($1::text[], $2::text[]) AS t(kind, value)
         CROSS JOIN LATERAL (SELECT * FROM account_keys k WHERE k.kind = t.kind AND k.value = t.value) k`,
        [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
      );
      for (const key of keys.keys()) this.readKeys.add(key);
      for (const row of rows) {
        this.index(keyOf(row.kind, row.value), row.account_id);
        if (!this.readIds.has(row.account_id)) ids.add(row.account_id);
      }
    }
    if (ids.size > 0 || names.size > 0) {
      const { rows } = await c.query<StoredAccount>(
        'SELECT id, name_key, data, updated_at FROM accounts WHERE id = ANY($1::text[]) OR name_key = ANY($2::text[]) FOR UPDATE',
        [[...ids], [...names]],
      );
      for (const id of ids) this.readIds.add(id);
      for (const name of names) this.readNames.add(name);
      for (const row of rows) {
        this.readIds.add(row.id);
        this.remember(row);
      }
    }
  }

  /** The one rule against the snapshot. */
  find(facts: AccountFacts): string | undefined {
    return findAccountSync(facts, ({ kind, values }) => {
      const value = values[0]!;
      if (kind === 'id') return this.stored.has(value) ? [value] : [];
      if (kind === 'name') return [...(this.byName.get(value) ?? [])].sort(byCodePoint);
      return values.flatMap((v) => [...(this.keyIndex.get(keyOf(kind, v)) ?? [])]).sort(byCodePoint);
    });
  }

  get(id: string): StoredAccount | undefined {
    return this.stored.get(id);
  }

  /** Whether `id` is stored under the key (after this transaction's writes); records it if not. */
  addKey(kind: string, value: string, id: string): boolean {
    const key = keyOf(kind, value);
    if (this.keyIndex.get(key)?.has(id)) return false;
    this.index(key, id);
    return true;
  }

  remember(row: StoredAccount): void {
    const before = this.stored.get(row.id);
    if (before && before.name_key !== row.name_key) this.byName.get(before.name_key)?.delete(row.id);
    this.stored.set(row.id, row);
    if (!this.byName.has(row.name_key)) this.byName.set(row.name_key, new Set());
    this.byName.get(row.name_key)!.add(row.id);
  }

  private index(key: string, id: string): void {
    if (!this.keyIndex.has(key)) this.keyIndex.set(key, new Set());
    this.keyIndex.get(key)!.add(id);
  }
}

/** Merges each facts into its stored account by the one rule; returns facts id → the account's id. */
export async function mergeAccounts(
  c: Queryable, list: readonly AccountFacts[], now: number, snapshot = new AccountSnapshot(),
): Promise<Map<string, string>> {
  const result = new Map<string, string>();
  if (list.length === 0) return result;
  await snapshot.read(c, list);
  const written = new Map<string, StoredAccount>();
  const newKeys: Array<{ kind: string; value: string; id: string }> = [];
  for (const facts of list) {
    const id = snapshot.find(facts) ?? facts.id;
    result.set(facts.id, id);
    const row = snapshot.get(id);
    const account: Account | undefined = row ? decodeRow.account({ ...row, seq: 0 }) : undefined;
    const merged = mergeAccountFacts(account, facts, id);
    const data = canonical(merged);
    // Every earlier write of these facts stored their keys with them.
    if (row && row.data === data && facts.id === id) continue;
    if (!row || row.data !== data) {
      const next = { id, name: merged.name, name_key: normaliseAccountName(merged.name), data, updated_at: Math.max(now, (row?.updated_at ?? -1) + 1) };
      snapshot.remember(next);
      written.set(id, next);
    }
    for (const [kind, value] of keysOf(facts, id)) if (snapshot.addKey(kind, value, id)) newKeys.push({ kind, value, id });
  }

  if (written.size > 0) {
    const accounts = [...written.values()];
    await c.query(
      `INSERT INTO accounts (id, name, name_key, data, updated_at)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[])
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, name_key = excluded.name_key, data = excluded.data, updated_at = excluded.updated_at`,
      [accounts.map((a) => a.id), accounts.map((a) => a.name ?? ''), accounts.map((a) => a.name_key), accounts.map((a) => a.data), accounts.map((a) => a.updated_at)],
    );
    await logChanges(c, 'account', accounts.map((a) => a.id), accounts.map((a) => a.updated_at));
  }
  if (newKeys.length > 0) {
    await c.query(
      `INSERT INTO account_keys (kind, value, account_id) SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) ON CONFLICT DO NOTHING`,
      [newKeys.map((k) => k.kind), newKeys.map((k) => k.value), newKeys.map((k) => k.id)],
    );
  }
  return result;
}
