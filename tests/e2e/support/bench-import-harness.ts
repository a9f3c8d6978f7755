/**
 * Bundled into a plain page (see browser-bundle.ts) by the import benchmark: the parts of an import
 * measured on their own in the same Chromium, and the analytics over one account's records.
 */
import { importCsv, readRecords } from '../../../lib/import';
import type { AccountRecords } from '../../../lib/model';
import { buildAccountContext } from '../../../lib/nps';

function chosenFile(): File {
  const file = (document.getElementById('file') as HTMLInputElement).files?.[0];
  if (!file) throw new Error('No file chosen');
  return file;
}

/** Reading, decoding and CSV parsing alone (what the import's worker does before validating). */
export async function parseOnly(): Promise<{ ms: number; records: number }> {
  const start = performance.now();
  let records = 0;
  for await (const chunk of readRecords(chosenFile())) records += chunk.records.length;
  return { ms: performance.now() - start, records };
}

/** Parsing and validation into model records, in batches that are dropped (no store). */
export async function parseAndValidate(): Promise<{ ms: number; imported: number }> {
  const start = performance.now();
  const summary = await importCsv(chosenFile(), { onBatch: () => undefined });
  return { ms: performance.now() - start, imported: summary.imported };
}

/** Times of `buildAccountContext` over the records, one per run, in ms. */
export function accountContextTimes(records: AccountRecords, now: number, runs: number): number[] {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    buildAccountContext(records, { now, window: '365d', rule: 'all' });
    times.push(performance.now() - start);
  }
  return times;
}

/**
 * Plain IndexedDB, no code of ours around it: `rows` response-shaped records put in one transaction
 * into a store with the responses store's key ([accountId, respondedAt, id]) and its unique `byId`
 * index (or without it), then one account's tenth of them read back as one key range.
 */
export async function idbFloor(rows: number, withIdIndex = true): Promise<{ putMs: number; rows: number; readMs: number[]; read: number }> {
  const name = `idb-floor-${Date.now()}`;
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(name, 1);
    request.onupgradeneeded = () => {
      const responses = request.result.createObjectStore('responses', { keyPath: ['accountId', 'respondedAt', 'id'] });
      if (withIdIndex) responses.createIndex('byId', 'id', { unique: true });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const start = performance.now();
  const tx = db.transaction('responses', 'readwrite');
  const store = tx.objectStore('responses');
  for (let i = 0; i < rows; i++) {
    store.put({
      id: `floor-${i}`, accountId: i % 10 === 0 ? 'acc-focus' : `acc-${i % 2000}`, score: i % 11, respondedAt: 1.7e12 + i * 60_000,
      respondentEmail: `person${i % 40}@example.com`, respondentName: 'Ann Example', respondentRole: 'Decision Maker',
      respondentTitle: 'VP Operations', comment: i % 3 === 0 ? 'Support was quick, but the reporting is hard to find.' : undefined,
      channel: 'email', survey: 'Relationship NPS 2026 Q1', tags: [], excluded: false, updatedAt: 1.7e12,
    });
  }
  await new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error);
  });
  const putMs = performance.now() - start;
  const readMs: number[] = [];
  let read = 0;
  for (let i = 0; i < 7; i++) {
    const t = performance.now();
    const request = db
      .transaction('responses', 'readonly')
      .objectStore('responses')
      .getAll(IDBKeyRange.bound(['acc-focus'], ['acc-focus', []]));
    read = await new Promise<number>((resolve, reject) => {
      request.onsuccess = () => resolve((request.result as unknown[]).length);
      request.onerror = () => reject(request.error);
    });
    readMs.push(performance.now() - t);
  }
  db.close();
  indexedDB.deleteDatabase(name);
  return { putMs, rows, readMs, read };
}
