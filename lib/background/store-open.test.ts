/** The background's store: a failed open is tried again on the next call, and an import that cannot be finished never keeps it from opening. */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { NpsStore } from '../store';
import { createBackgroundService } from './background-service';
import { createDiagnostics } from './diagnostics';
import { setLogSink } from '../core/log';
import type { CallerInfo } from '../messaging/dispatch';

const options: CallerInfo = { caller: 'extension', url: 'chrome-extension://own/options.html' };

beforeEach(() => {
  fakeBrowser.reset();
  globalThis.indexedDB = new IDBFactory();
});

test('a failed open is not kept: the next call opens the store', async () => {
  let opens = 0;
  const service = createBackgroundService({
    openStore: async () => {
      if (++opens === 1) throw new DOMException('The database could not be opened.', 'UnknownError');
      return NpsStore.open();
    },
  });
  await expect(service.handlers.getStats({}, options)).rejects.toThrow(/could not be opened/);
  expect(await service.handlers.getStats({}, options)).toEqual({ accounts: 0, responses: 0, actions: 0, sends: 0 });
  expect(opens).toBe(2);
  // Once open, it stays open.
  await service.handlers.getStats({}, options);
  expect(opens).toBe(2);
});

test('an import that cannot be finished at start-up is logged, and every call still works (Clear data included)', async () => {
  const store = await NpsStore.open();
  store.recoverImports = async () => {
    throw new Error('commit failed again');
  };
  const diagnostics = createDiagnostics(fakeBrowser.storage.local, 0);
  const service = createBackgroundService({ openStore: async () => store, diagnostics });
  setLogSink(diagnostics.sink);
  try {
    expect(await service.handlers.getStats({}, options)).toMatchObject({ responses: 0 });
    await service.handlers.clearData({}, options);
    await diagnostics.flush();
    expect((await diagnostics.list()).map((e) => e.message).join('\n')).toMatch(/finishing an interrupted import.*commit failed again/);
  } finally {
    setLogSink(null);
    store.close();
  }
});

test('unfinished imports are listed (a commit left part-way, a staging quiet for a minute) and can be discarded', async () => {
  let now = Date.now();
  const store = await NpsStore.open();
  const service = createBackgroundService({ openStore: async () => store, now: () => now });
  try {
    const { importId } = await service.handlers.beginImport({ fileName: 'q3.csv', kind: 'responses' }, options);
    await service.handlers.stageImportBatch({ importId, seq: 0, accounts: [], responses: [], actions: [], sends: [] }, options);
    // Still being read: not listed.
    expect(await service.handlers.listUnfinishedImports({}, options)).toEqual([]);
    now = Date.now() + 2 * 60_000;
    expect((await service.handlers.listUnfinishedImports({}, options)).map((r) => [r.fileName, r.state])).toEqual([['q3.csv', 'staging']]);
    await service.handlers.discardImport({ importId }, options);
    expect(await service.handlers.listUnfinishedImports({}, options)).toEqual([]);
    expect((await store.getImport(importId))?.state).toBe('failed');
  } finally {
    store.close();
  }
});
