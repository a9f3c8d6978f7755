/**
 * Write-once imports (staged-blocks.ts): an import's rows are written once, into blocks no reader or
 * writer sees until the commit makes them live; a cancelled or cut-off import leaves every stored record
 * as it was; the commit still stores each id once, under the account it merged into.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { openDB } from 'idb';
import { NpsStore } from '.';
import { DB_NAME } from './db';
import { BLOCK_ROWS } from './blocks';
import { IMPORT_BLOCK_STRIDE, StagedBlocks } from './staged-blocks';
import { T0, account, importRecord, importResponses, response, snapshotData, stagedRows } from './testing/store-fixtures';

let store: NpsStore;
beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  store = await NpsStore.open();
  await importResponses(store, 'base', [{ accounts: [account('A', 'Acme', { salesforceIds: ['001A'] })], responses: [response('r1', 'A', 9), response('r2', 'A', 3)] }]);
  await store.commitImport('base', { imported: 2, rejected: 0 });
});
afterEach(() => store.close());

/** `n` responses of one account, ids `${prefix}0`…, newest last. */
function many(prefix: string, accountId: string, n: number) {
  return Array.from({ length: n }, (_, i) => ({ ...response(`${prefix}${i}`, accountId, i % 11, 400 - i / 10) }));
}

async function rawBlocks(name: 'responseBlocks' | 'sendBlocks' = 'responseBlocks') {
  const db = await openDB(DB_NAME);
  try {
    return (await db.getAll(name)) as Array<{ accountId: string; n: number; ids: string[]; importId?: string }>;
  } finally {
    db.close();
  }
}

describe('rows of an import not committed yet', () => {
  test('are written to blocks as they fill, and no reader sees them until the commit', async () => {
    const before = await snapshotData();
    const rows = many('x', 'A', BLOCK_ROWS + 10);
    await importResponses(store, 'big', [{ accounts: [account('A', 'Acme')], responses: rows }]);
    // A whole block is already stored, staged; the ten rows over it wait in memory.
    const staged = (await rawBlocks()).filter((b) => b.importId === 'big');
    expect(staged.map((b) => b.ids.length)).toEqual([BLOCK_ROWS]);
    expect(staged[0]!.n).toBeGreaterThanOrEqual(IMPORT_BLOCK_STRIDE);
    expect(await store.getImport('big')).toMatchObject({ stagedRows: { responses: BLOCK_ROWS, sends: 0 }, heldRows: 10 });

    expect((await store.getAccountRecords('A'))?.responses.map((r) => r.id).sort()).toEqual(['r1', 'r2']);
    expect(await store.counts()).toMatchObject({ responses: 2 });
    expect(await store.getResponse('x0')).toBeUndefined();
    expect((await store.exportPage('responses', null, 1000)).records.map((r) => r.id).sort()).toEqual(['r1', 'r2']);
    expect((await store.pendingComments('k', null, 1000)).comments).toEqual([]);

    await store.commitImport('big', { imported: rows.length, rejected: 0 });
    expect((await store.getAccountRecords('A'))?.responses).toHaveLength(rows.length + 2);
    expect(await store.counts()).toMatchObject({ responses: rows.length + 2 });
    expect(await store.getResponse('x3')).toMatchObject({ accountId: 'A', score: 3 });
    // Written once: the full block is the one staged before, switched live, not a copy of it.
    expect((await rawBlocks()).filter((b) => b.importId === 'big').map((b) => b.ids.length).sort((a, b) => a - b)).toEqual([10, BLOCK_ROWS]);
    expect(before).not.toEqual(await snapshotData());
  });

  test('cancelled, they are deleted and every stored record is as it was', async () => {
    const before = await snapshotData();
    await importResponses(store, 'gone', [{ accounts: [account('A', 'Acme'), account('B', 'Beta')], responses: [...many('x', 'A', BLOCK_ROWS * 2), ...many('y', 'B', 5)] }]);
    expect((await rawBlocks()).some((b) => b.importId === 'gone')).toBe(true);
    await store.cancelImport('gone');
    expect(await stagedRows()).toBe(0);
    expect(await snapshotData()).toEqual(before);
  });

  test('a source page stored meanwhile goes below the import’s blocks; the import’s rows replace it when committed, and it stays when the import is cancelled', async () => {
    await importResponses(store, 'pending', [{ accounts: [account('A', 'Acme')], responses: many('x', 'A', BLOCK_ROWS) }]);
    await store.applyChangesPage(
      { accounts: [account('A', 'Acme')], responses: [response('s1', 'A', 7), { ...response('x0', 'A', 1), respondentEmail: 'src@acme.io' }], actions: [], sends: [] },
      { sourceKey: 'https://nps.example.com/', cursor: 'c1', state: 'idle', startedAt: null, finishedAt: null, pages: 1, rows: 2, lastError: null, lastSuccessAt: T0 },
    );
    // The source's blocks go below the import's range, never among its numbers.
    const live = (await rawBlocks()).filter((b) => b.importId === undefined);
    expect(Math.max(...live.map((b) => b.n))).toBeLessThan(IMPORT_BLOCK_STRIDE);
    expect((await store.getAccountRecords('A'))?.responses.map((r) => r.id).sort()).toEqual(['r1', 'r2', 's1', 'x0']);

    await store.commitImport('pending', { imported: BLOCK_ROWS, rejected: 0 });
    const after = (await store.getAccountRecords('A'))!.responses;
    // x0 is stored once: the import's row, which came later than the source's.
    expect(after.filter((r) => r.id === 'x0').map((r) => [r.score, r.respondentEmail])).toEqual([[0, undefined]]);
    expect(after).toHaveLength(BLOCK_ROWS + 3);
    expect(await store.counts()).toMatchObject({ responses: BLOCK_ROWS + 3 });

    // Another import, cancelled after a source page came: the page's rows stay, the import's go.
    await importResponses(store, 'dropped', [{ accounts: [account('A', 'Acme')], responses: many('d', 'A', BLOCK_ROWS) }]);
    await store.applyChangesPage(
      { accounts: [account('A', 'Acme')], responses: [response('s2', 'A', 6)], actions: [], sends: [] },
      { sourceKey: 'https://nps.example.com/', cursor: 'c2', state: 'idle', startedAt: null, finishedAt: null, pages: 2, rows: 3, lastError: null, lastSuccessAt: T0 },
    );
    await store.cancelImport('dropped');
    const last = (await store.getAccountRecords('A'))!.responses.map((r) => r.id);
    expect(last).toContain('s2');
    expect(last.some((id) => id.startsWith('d'))).toBe(false);
    expect(await stagedRows()).toBe(0);
  });
});

describe('the commit', () => {
  test('a re-imported id replaces the stored row wherever it was, and is stored once', async () => {
    await importResponses(store, 'again', [
      { accounts: [account('B', 'Beta')], responses: [{ ...response('r1', 'B', 10) }, response('r9', 'B', 4)] },
      { accounts: [account('A', 'Acme')], responses: [{ ...response('r2', 'A', 0, 3) }] },
    ]);
    await store.commitImport('again', { imported: 3, rejected: 0 });
    expect((await store.getAccountRecords('A'))?.responses.map((r) => [r.id, r.score])).toEqual([['r2', 0]]);
    expect((await store.getAccountRecords('B'))?.responses.map((r) => [r.id, r.score]).sort()).toEqual([['r1', 10], ['r9', 4]]);
    expect(await store.counts()).toMatchObject({ responses: 3 });
  });

  test('a small import into a big store finds its ids one by one, with the same result', async () => {
    await importResponses(store, 'many', [{ accounts: [account('B', 'Beta')], responses: many('b', 'B', 300) }]);
    await store.commitImport('many', { imported: 300, rejected: 0 });
    await importResponses(store, 'few', [{ accounts: [account('A', 'Acme')], responses: [{ ...response('b7', 'A', 10) }, response('r1', 'A', 1)] }]);
    await store.commitImport('few', { imported: 2, rejected: 0 });
    expect((await store.getAccountRecords('A'))?.responses.map((r) => [r.id, r.score]).sort()).toEqual([['b7', 10], ['r1', 1], ['r2', 3]]);
    expect((await store.getAccountRecords('B'))?.responses.some((r) => r.id === 'b7')).toBe(false);
    expect(await store.counts()).toMatchObject({ responses: 302 });
  });

  test('rows staged under a key that merges into a stored account move to it', async () => {
    // The file calls the account "acc-77"; its Salesforce id says it is the stored A.
    const rows = many('m', 'acc-77', BLOCK_ROWS + 3);
    await importResponses(store, 'merge', [{ accounts: [account('acc-77', 'Acme Inc', { salesforceIds: ['001A'] })], responses: rows }]);
    await store.commitImport('merge', { imported: rows.length, rejected: 0 });
    expect(await store.getAccount('acc-77')).toBeUndefined();
    const a = await store.getAccountRecords('A');
    expect(a?.responses).toHaveLength(rows.length + 2);
    expect(a?.responses.every((r) => r.accountId === 'A')).toBe(true);
    expect((await rawBlocks()).filter((b) => b.accountId === 'acc-77')).toEqual([]);
  });

  test('an id given again after its block was written keeps the later row only', async () => {
    const first = many('z', 'A', BLOCK_ROWS);
    await importResponses(store, 'twice', [
      { accounts: [account('A', 'Acme')], responses: first },
      { accounts: [account('A', 'Acme')], responses: [{ ...response('z5', 'A', 10, 2) }] },
    ]);
    await store.commitImport('twice', { imported: BLOCK_ROWS + 1, rejected: 0 });
    const rows = (await store.getAccountRecords('A'))!.responses.filter((r) => r.id === 'z5');
    expect(rows.map((r) => r.score)).toEqual([10]);
    expect(await store.counts()).toMatchObject({ responses: BLOCK_ROWS + 2 });
  });
});

describe('a service worker stopped while an import stages', () => {
  test('with rows waiting in memory, the import fails at its next batch and nothing of it is stored', async () => {
    const before = await snapshotData();
    await importResponses(store, 'cut', [{ accounts: [account('A', 'Acme')], responses: many('c', 'A', BLOCK_ROWS + 4) }]);
    store.close();
    store = await NpsStore.open();
    await expect(store.stageBatch({ importId: 'cut', seq: 1, accounts: [account('A', 'Acme')], responses: [response('c999', 'A', 5)], actions: [], sends: [] })).rejects.toThrow(
      /restarted.*nothing from it was saved/,
    );
    expect(await store.getImport('cut')).toMatchObject({ state: 'failed' });
    expect(await stagedRows()).toBe(0);
    expect(await snapshotData()).toEqual(before);
  });

  test('with none waiting, it goes on, and the commit still stores each id once', async () => {
    await store.beginImport(importRecord('resumed'));
    await store.stageBatch({ importId: 'resumed', seq: 0, accounts: [account('A', 'Acme')], responses: many('q', 'A', BLOCK_ROWS), actions: [], sends: [] });
    expect(await store.getImport('resumed')).toMatchObject({ heldRows: 0 });
    store.close();
    store = await NpsStore.open();
    await store.stageBatch({ importId: 'resumed', seq: 1, accounts: [account('A', 'Acme')], responses: [{ ...response('q7', 'A', 10, 1) }], actions: [], sends: [] });
    await store.commitImport('resumed', { imported: BLOCK_ROWS + 1, rejected: 0 });
    const a = (await store.getAccountRecords('A'))!.responses;
    expect(a.filter((r) => r.id === 'q7').map((r) => r.score)).toEqual([10]);
    expect(a).toHaveLength(BLOCK_ROWS + 2);
  });
});

describe('StagedBlocks', () => {
  test('makes whole blocks per account, numbered from the import’s base, and keeps the rest waiting', () => {
    const staged = new StagedBlocks<ReturnType<typeof response>>('imp', 5 * IMPORT_BLOCK_STRIDE);
    for (const row of [...many('a', 'A', BLOCK_ROWS * 2 + 1), ...many('b', 'B', 3)]) staged.add(row);
    const full = staged.takeFull();
    expect(full.map((b) => [b.accountId, b.n, b.ids.length, b.importId])).toEqual([
      ['A', 5 * IMPORT_BLOCK_STRIDE, BLOCK_ROWS, 'imp'],
      ['A', 5 * IMPORT_BLOCK_STRIDE + 1, BLOCK_ROWS, 'imp'],
    ]);
    expect(staged.heldRows).toBe(4);
    // A row moving to another account while waiting leaves the first.
    staged.add(response('b1', 'A', 2));
    expect(staged.heldRows).toBe(4);
    const rest = staged.takeAll();
    expect(rest.map((b) => [b.accountId, b.n, b.ids])).toEqual([
      ['A', 5 * IMPORT_BLOCK_STRIDE + 2, ['a512', 'b1']],
      ['B', 5 * IMPORT_BLOCK_STRIDE, ['b0', 'b2']],
    ]);
    expect(staged.heldRows).toBe(0);
    // An id given again after its block was written is handed back, for the caller to take it out.
    staged.add(response('a3', 'A', 1));
    expect(staged.takeAgain()).toEqual(['a3']);
  });
});
