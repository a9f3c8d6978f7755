/** Builders and snapshots for the store's unit tests (IndexedDB through fake-indexeddb). */
import { openDB } from 'idb';
import type { Account, SurveyResponse } from '../../model';
import type { ImportRecord, NpsStore } from '..';
import { DB_NAME } from '../db';

export const T0 = Date.UTC(2026, 0, 15);

export function account(id: string, name: string, extra: Partial<Account> = {}): Account {
  return { id, name, domains: [], salesforceIds: [], zendeskOrganizationIds: [], hubspotCompanyIds: [], updatedAt: T0, ...extra };
}

export function response(id: string, accountId: string, score: number, daysAgo = 1): SurveyResponse {
  return { id, accountId, score, respondedAt: T0 - daysAgo * 86_400_000, tags: [], excluded: false, updatedAt: T0 };
}

export function importRecord(id: string): ImportRecord {
  return { id, fileName: `${id}.csv`, kind: 'responses', state: 'staging', startedAt: T0, touchedAt: T0, batches: 0, committedBatches: 0, imported: 0, rejected: 0 };
}

export async function importResponses(store: NpsStore, id: string, batches: Array<{ accounts: Account[]; responses: SurveyResponse[] }>) {
  await store.beginImport(importRecord(id));
  for (const [seq, b] of batches.entries()) {
    await store.stageBatch({ importId: id, seq, accounts: b.accounts, responses: b.responses, actions: [], sends: [] });
  }
}

/** The stored data a user sees, every record of every data store (imports and staging aside), to compare before and after. */
export async function snapshotData(): Promise<Record<string, unknown[]>> {
  const db = await openDB(DB_NAME);
  try {
    const names = [...db.objectStoreNames].filter((n) => n !== 'imports' && n !== 'staging').sort();
    return Object.fromEntries(await Promise.all(names.map(async (n) => [n, await db.getAll(n)] as const)));
  } finally {
    db.close();
  }
}

/** What imports not committed hold: their staged batches, and the blocks they staged (staged-blocks.ts). */
export async function stagedRows(): Promise<number> {
  const db = await openDB(DB_NAME);
  try {
    const committed = new Set((await db.getAll('imports')).filter((r) => r.state === 'committed').map((r) => r.id as string));
    const staged = async (name: string) => (await db.getAll(name)).filter((b) => b.importId !== undefined && !committed.has(b.importId)).length;
    return (await db.count('staging')) + (await staged('responseBlocks')) + (await staged('sendBlocks'));
  } finally {
    db.close();
  }
}

/**
 * Makes the writes that store something in one object store (`put`, `add`) throw (after `after`
 * successful ones) until the returned function restores them; deletes still work, as on a full disk.
 */
export function failWrites(storeName: string, error: () => Error, after = 0): () => void {
  const methods = ['put', 'add'] as const;
  const saved = methods.map((m) => IDBObjectStore.prototype[m]);
  let seen = 0;
  methods.forEach((m, i) => {
    const original = saved[i] as (...args: unknown[]) => IDBRequest;
    (IDBObjectStore.prototype as unknown as Record<string, unknown>)[m] = function (this: IDBObjectStore, ...args: unknown[]) {
      if (this.name === storeName && ++seen > after) throw error();
      return original.apply(this, args);
    };
  });
  return () => {
    methods.forEach((m, i) => {
      (IDBObjectStore.prototype as unknown as Record<string, unknown>)[m] = saved[i];
    });
  };
}
