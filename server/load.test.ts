/**
 * Loading files into each storage: a file read on a worker thread stores exactly what the same file
 * read on the main thread stores; batches of one file see each other's accounts and respondents as
 * row-by-row writes would; a failed load leaves the database as it was; a reload changes nothing.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { ImportSetupError } from '../lib/import/setup-error';
import { responsesCsvChunks } from '../lib/sample/bulk-csv';
import { loadCsvFile } from './load';
import { openStorage } from './open-storage';
import { PostgresStorage } from './pg-storage';
import { SqliteStorage } from './sqlite-storage';
import type { SourceStorage } from './storage';
import { describeEachBackend } from './testing/backends';

const NOW = Date.UTC(2026, 5, 1);
const dir = mkdtempSync(join(tmpdir(), 'nps-load-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sampleFile = join(dir, 'sample.csv');
writeFileSync(sampleFile, [...responsesCsvChunks({ seed: 3, rows: 2_500, accounts: 40, now: NOW, rowsPerChunk: 1000 })].join(''));

const HEADER = 'response_id,account_id,account_name,account_domain,respondent_email,respondent_role,score,responded_at';
/**
 * One respondent answering three times across three batches (of one row each), newest first: the
 * row-by-row rule keeps the first non-empty role met among older answers ("Admin"), not the latest
 * one's; and an account whose domain arrives only in its second row.
 */
const orderFile = join(dir, 'order.csv');
writeFileSync(orderFile, [
  HEADER,
  'o1,acc-o,Order Co,,pat@order.example,,9,2026-05-10T00:00:00Z',
  'o2,acc-o,Order Co,order.example,pat@order.example,Admin,7,2026-05-05T00:00:00Z',
  'o3,acc-o,Order Co,,pat@order.example,Champion,8,2026-05-07T00:00:00Z',
  'o4,,Order Co,order.example,sam@order.example,User,10,2026-05-08T00:00:00Z',
].join('\n'));

/** Every stored row, in id order (the changes feed from the start). */
async function everything(storage: SourceStorage) {
  const rows: Record<string, unknown[]> = { accounts: [], responses: [], actions: [], sends: [] };
  let cursor: string | undefined;
  for (;;) {
    const page = await storage.changes({ cursor, limit: 1000 });
    for (const kind of Object.keys(rows)) rows[kind]!.push(...((page as unknown as Record<string, unknown[]>)[kind] ?? []));
    cursor = page.nextCursor;
    if (!page.hasMore) break;
  }
  for (const list of Object.values(rows)) (list as Array<{ id: string }>).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return rows;
}

async function respondents(storage: SourceStorage) {
  const sql = 'SELECT account_id, email, email_domain, name, role, title, last_responded_at FROM respondents ORDER BY account_id, email';
  if (storage instanceof PostgresStorage) return (await storage.pool.query(sql)).rows.map((r) => ({ ...r, last_responded_at: Number(r.last_responded_at) }));
  if (storage instanceof SqliteStorage) return storage.store.db.prepare(sql).all();
  throw new Error('unknown storage');
}

describeEachBackend('loading files', (backend) => {
  const open = async () => openStorage({ db: await backend.database(), clock: () => NOW });
  const opened: SourceStorage[] = [];
  afterAll(async () => {
    for (const storage of opened) await storage.close();
  });
  const fresh = async () => {
    const storage = await open();
    opened.push(storage);
    return storage;
  };

  it('stores the same rows whether the file is read on a worker thread or here, in any batch size', async () => {
    const here = await fresh();
    const thread = await fresh();
    const a = await loadCsvFile(here, sampleFile, { thread: false, batchSize: 300 });
    const b = await loadCsvFile(thread, sampleFile, { thread: true, batchSize: 700 });
    expect(a.summary).toMatchObject({ kind: 'responses', imported: 2_500, rejected: 0 });
    expect({ ...b.summary, durationMs: 0 }).toEqual({ ...a.summary, durationMs: 0 });
    expect(await everything(thread)).toEqual(await everything(here));
    expect(await respondents(thread)).toEqual(await respondents(here));
  });

  it('merges a respondent answer by answer, in file order, across batches', async () => {
    const storage = await fresh();
    await loadCsvFile(storage, orderFile, { batchSize: 1 });
    expect(await respondents(storage)).toEqual([
      { account_id: 'acc-o', email: 'pat@order.example', email_domain: 'order.example', name: null, role: 'Admin', title: null, last_responded_at: Date.parse('2026-05-10T00:00:00Z') },
      { account_id: 'acc-o', email: 'sam@order.example', email_domain: 'order.example', name: null, role: 'User', title: null, last_responded_at: Date.parse('2026-05-08T00:00:00Z') },
    ]);
    // The row with no account id found the account by the domain its second row brought, in an earlier batch.
    expect((await everything(storage)).responses!.map((r) => (r as { accountId: string }).accountId)).toEqual(['acc-o', 'acc-o', 'acc-o', 'acc-o']);
  });

  it('leaves the database as it was when a file read on the thread cannot be imported, and a reload changes nothing', async () => {
    const storage = await fresh();
    await loadCsvFile(storage, sampleFile, { thread: true });
    const before = await everything(storage);
    const unknown = join(dir, 'unknown.csv');
    writeFileSync(unknown, 'colour,size\nred,3\n');
    const error = await loadCsvFile(storage, unknown, { thread: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportSetupError);
    expect((error as ImportSetupError).problem.code).toBe('unknown_kind');
    const again = await loadCsvFile(storage, sampleFile, { thread: true, batchSize: 450 });
    expect(again.summary.imported).toBe(2_500);
    expect(await everything(storage)).toEqual(before);
    const { nextCursor } = await storage.changes({ limit: 1_000_000 });
    await loadCsvFile(storage, sampleFile, { thread: false });
    expect(await storage.changes({ cursor: nextCursor, limit: 10 })).toMatchObject({ accounts: [], responses: [], hasMore: false });
  });
});

