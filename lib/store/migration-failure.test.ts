/**
 * A migration that fails, in its first step or after an await, leaves the database as it was: at its old
 * version, every record intact (the upgrade's transaction is aborted, never committed half done), and
 * what is stored can still be exported as it is.
 */
import 'fake-indexeddb/auto';
import { deleteDB, openDB } from 'idb';
import { DB_NAME, DB_VERSION, MIGRATIONS, openNpsDatabase } from './db';
import { NpsStore } from './index';
import { rescueExport } from './rescue';
import { account, importResponses, response, snapshotData } from './testing/store-fixtures';

beforeEach(async () => {
  await deleteDB(DB_NAME);
  const store = await NpsStore.open();
  await importResponses(store, 'imp-1', [{ accounts: [account('acme', 'Acme')], responses: [response('r1', 'acme', 9), response('r2', 'acme', 3)] }]);
  await store.commitImport('imp-1', { imported: 2, rejected: 0 });
  store.close();
});

afterEach(() => {
  MIGRATIONS.length = DB_VERSION;
});

const failures = {
  'throws at once': () => {
    throw new Error('migration failed');
  },
  'fails after writing and awaiting': async (_db: unknown, tx: { objectStore(n: string): { put(v: unknown): Promise<unknown> } }) => {
    await tx.objectStore('accounts').put({ id: 'half-done', name: 'Half done', domains: [], salesforceIds: [], zendeskOrganizationIds: [], hubspotCompanyIds: [], updatedAt: 0 });
    await Promise.resolve();
    throw new Error('migration failed after a write');
  },
};

for (const [name, failing] of Object.entries(failures)) {
  test(`a migration that ${name} leaves the old version and every record, and the store opens again after`, async () => {
    const before = await snapshotData();
    MIGRATIONS.push(failing as (typeof MIGRATIONS)[number]);
    await expect(openNpsDatabase(DB_NAME, DB_VERSION + 1)).rejects.toThrow(/migration failed/);
    const db = await openDB(DB_NAME);
    expect(db.version).toBe(DB_VERSION);
    db.close();
    expect(await snapshotData()).toEqual(before);
    MIGRATIONS.length = DB_VERSION;
    const store = await NpsStore.open();
    expect((await store.getAccount('acme'))?.name).toBe('Acme');
    store.close();
  });
}

test('the rescue export writes every stored record as it is, at the version stored, without upgrading', async () => {
  const before = await snapshotData();
  let text = '';
  const progress: string[] = [];
  const counts = await rescueExport((t) => (text += t), { onProgress: (p) => progress.push(p.store) });
  const [head, ...lines] = text.trimEnd().split('\n').map((l) => JSON.parse(l) as { store: string; key: unknown; value: unknown; version?: number });
  expect(head).toMatchObject({ database: DB_NAME, version: DB_VERSION });
  const byStore: Record<string, unknown[]> = {};
  for (const line of lines) (byStore[line.store] ??= []).push(line.value);
  for (const [store, records] of Object.entries(before)) expect(byStore[store] ?? [], store).toEqual(records);
  expect(Object.keys(byStore)).not.toContain('staging');
  expect(counts.accounts).toBe(before.accounts!.length);
  expect(progress).toContain('accounts');
});

test('the rescue export reads past a page of records, and stops when cancelled', async () => {
  const store = await NpsStore.open();
  const accounts = Array.from({ length: 450 }, (_, i) => account(`a${String(i).padStart(4, '0')}`, `Account ${i}`));
  await importResponses(store, 'imp-2', [{ accounts, responses: [] }]);
  await store.commitImport('imp-2', { imported: 0, rejected: 0 });
  store.close();
  const ids: string[] = [];
  await rescueExport((t) => {
    for (const line of t.trimEnd().split('\n')) {
      const parsed = JSON.parse(line) as { store?: string; value?: { id: string } };
      if (parsed.store === 'accounts') ids.push(parsed.value!.id);
    }
  });
  expect(ids).toHaveLength(451);
  expect(new Set(ids).size).toBe(451);
  const controller = new AbortController();
  controller.abort();
  await expect(rescueExport(() => undefined, { signal: controller.signal })).rejects.toThrow();
});

test('the rescue export says so when nothing is stored, and creates no database', async () => {
  await deleteDB(DB_NAME);
  await expect(rescueExport(() => undefined)).rejects.toThrow(/Nothing is stored/);
  expect((await indexedDB.databases()).map((d) => d.name)).not.toContain(DB_NAME);
});
