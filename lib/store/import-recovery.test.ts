/**
 * Imports that cannot finish never lock up the store: a commit redone at start-up is tried a bounded
 * number of times, then given up with its staged rows dropped; a stuck import can be discarded; a full
 * disk reported only by the transaction's abort is still a full disk. Every stored record is compared
 * before and after.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { NpsStore } from '.';
import { MAX_RECOVERY_ATTEMPTS } from './imports';
import { failedWrite } from './tx-helpers';
import { T0, account, failWrites, importResponses, response, snapshotData, stagedRows } from './testing/store-fixtures';

let store: NpsStore;
beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  store = await NpsStore.open();
  await importResponses(store, 'base', [{ accounts: [account('A', 'Acme', { domains: ['acme.com'] })], responses: [response('r1', 'A', 9)] }]);
  await store.commitImport('base', { imported: 1, rejected: 0 });
});
afterEach(() => store.close());

/** An import staged and cut off part-way through its commit (the worker stopped): left `committing`. */
async function cutOffCommit(id: string) {
  await importResponses(store, id, [
    { accounts: [account('A', 'Acme Renamed')], responses: [response('r1', 'A', 0)] },
    { accounts: [account('B', 'Beta')], responses: [response('r2', 'B', 2)] },
  ]);
  await expect(
    store.commitImport(id, { imported: 2, rejected: 0 }, () => {
      throw new Error('worker stopped');
    }),
  ).rejects.toThrow('worker stopped');
  expect((await store.getImport(id))?.state).toBe('committing');
}

describe('a commit that keeps failing at start-up', () => {
  test(`is tried ${MAX_RECOVERY_ATTEMPTS} times, then failed with its reason and its staged rows dropped; the data stays as it was`, async () => {
    const before = await snapshotData();
    await cutOffCommit('stuck');
    const restore = failWrites('accounts', () => new Error('disk read-only'));
    try {
      for (let start = 1; start <= MAX_RECOVERY_ATTEMPTS; start++) {
        // Each start-up tries once; the failure is logged, never thrown: the store opens and answers.
        await store.recoverImports(T0);
        expect(await store.getImport('stuck')).toMatchObject({ state: 'committing', recoveryAttempts: start, error: 'disk read-only' });
        expect(await store.counts()).toMatchObject({ accounts: 1, responses: 1 });
      }
      await store.recoverImports(T0);
    } finally {
      restore();
    }
    const given = await store.getImport('stuck');
    expect(given?.state).toBe('failed');
    expect(given?.error).toMatch(new RegExp(`after ${MAX_RECOVERY_ATTEMPTS} tries.*disk read-only`));
    expect(await stagedRows()).toBe(0);
    expect(await snapshotData()).toEqual(before);
    // Later start-ups leave it alone, and a new import works.
    await store.recoverImports(T0);
    await importResponses(store, 'next', [{ accounts: [account('B', 'Beta')], responses: [response('r2', 'B', 2)] }]);
    await store.commitImport('next', { imported: 1, rejected: 0 });
    expect((await store.counts()).responses).toBe(2);
  });

  test('a worker stopped during a retry counts as a try (the count is stored before the try starts)', async () => {
    await cutOffCommit('stuck');
    for (let start = 1; start <= MAX_RECOVERY_ATTEMPTS; start++) {
      const record = (await store.getImport('stuck'))!;
      // What recoverImports stores before it commits; the worker then stops before the commit ends.
      expect(record.recoveryAttempts ?? 0).toBe(start - 1);
      const restore = failWrites('accounts', () => new Error('worker stopped'));
      try {
        await store.recoverImports(T0);
      } finally {
        restore();
      }
    }
    await store.recoverImports(T0);
    expect((await store.getImport('stuck'))?.state).toBe('failed');
  });

  test('one stuck import does not keep the others from recovering', async () => {
    await cutOffCommit('stuck');
    await importResponses(store, 'abandoned', [{ accounts: [account('C', 'Gamma')], responses: [response('r3', 'C', 5)] }]);
    const restore = failWrites('accounts', () => new Error('disk read-only'));
    try {
      await store.recoverImports(Date.now() + 86_400_000);
    } finally {
      restore();
    }
    expect((await store.getImport('abandoned'))?.state).toBe('failed');
  });
});

describe('discarding an import', () => {
  test('a commit left part-way is discarded: failed, staged rows dropped, data untouched', async () => {
    const before = await snapshotData();
    await cutOffCommit('stuck');
    await store.discardImport('stuck');
    expect(await store.getImport('stuck')).toMatchObject({ state: 'failed', error: expect.stringMatching(/discarded/i) });
    expect(await stagedRows()).toBe(0);
    expect(await snapshotData()).toEqual(before);
    await store.recoverImports(T0);
    expect(await snapshotData()).toEqual(before);
  });

  test('a committed import cannot be discarded, and an unknown one is an error', async () => {
    await store.discardImport('base');
    expect((await store.getImport('base'))?.state).toBe('committed');
    expect((await store.counts()).responses).toBe(1);
    await expect(store.discardImport('nope')).rejects.toThrow(/Unknown import nope/);
  });

  test('a discard and a commit racing: the import is all there or not at all, and its record says which', async () => {
    const before = await snapshotData();
    await importResponses(store, 'racing', [{ accounts: [account('B', 'Beta')], responses: [response('r2', 'B', 2)] }]);
    const committing = store.commitImport('racing', { imported: 1, rejected: 0 });
    await store.discardImport('racing');
    const result = await committing;
    const stored = await store.getImport('racing');
    expect(stored?.state).toBe(result.state);
    if (stored?.state === 'committed') expect((await store.counts()).responses).toBe(2);
    else {
      expect(stored?.state).toBe('failed');
      expect(await snapshotData()).toEqual(before);
    }
    expect(await stagedRows()).toBe(0);
  });
});

describe('a full disk behind an abort', () => {
  test('an AbortError or InvalidStateError whose transaction failed with QuotaExceededError is storage_full', async () => {
    for (const name of ['AbortError', 'InvalidStateError']) {
      const tx = { error: new DOMException('The quota has been exceeded.', 'QuotaExceededError'), abort() {}, done: Promise.reject(new Error('aborted')) };
      const reported = await failedWrite(tx, new DOMException('The transaction was aborted.', name));
      expect(reported).toMatchObject({ code: 'storage_full' });
    }
    const other = { error: null, abort() {}, done: Promise.resolve() };
    const plain = new DOMException('The transaction was aborted.', 'AbortError');
    expect(await failedWrite(other, plain)).toBe(plain);
  });
});
