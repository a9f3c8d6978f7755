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

export async function stagedRows(): Promise<number> {
  const db = await openDB(DB_NAME);
  try {
    return await db.count('staging');
  } finally {
    db.close();
  }
}

/** Makes `put` on one object store throw (after `after` successful puts) until the returned function restores it. */
export function failPuts(storeName: string, error: () => Error, after = 0): () => void {
  const put = IDBObjectStore.prototype.put;
  let seen = 0;
  IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
    if (this.name === storeName && ++seen > after) throw error();
    return put.apply(this, args);
  };
  return () => {
    IDBObjectStore.prototype.put = put;
  };
}
