/** The store's side of comment reading: pages of comments to read, results written back, samples and the portfolio's scan. */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { NpsStore } from '.';
import { insightOf, type StoredInsight, type SurveyResponse } from '../model';
import { unpackBlock, type StoredBlock } from './block-columns';
import { T0, account, importResponses, response } from './testing/store-fixtures';
import type { SyncState } from './schema';

let store: NpsStore;
const insight = (key: string): StoredInsight => ({ key, language: 'en', analysed: true, sentiment: { label: 'neutral', score: 0 }, emotions: [], themes: [] });

beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  store = await NpsStore.open();
  const rows = [
    { ...response('r1', 'A', 9, 10), comment: 'Fine' },
    { ...response('r2', 'A', 3, 400), comment: 'Old and slow' },
    { ...response('r3', 'B', 7, 5) },
    { ...response('r4', 'B', 2, 5), comment: '   ' },
    { ...response('r5', 'B', 1, 5), comment: 'Excluded', excluded: true },
  ];
  await importResponses(store, 'imp', [{ accounts: [account('A', 'Acme'), account('B', 'Beta')], responses: rows }]);
  await store.commitImport('imp', { imported: rows.length, rejected: 0 });
});

test('pending comments skip blank ones and those already read with the key; results are written where the text is unchanged', async () => {
  const first = await store.pendingComments('k', null, 100);
  expect(first.comments.map((c) => c.id).sort()).toEqual(['r1', 'r2', 'r5']);
  expect(first.next).toBeNull();
  const blockOf = (id: string) => first.comments.find((c) => c.id === id)!.block;
  expect(blockOf('r1')[0]).toBe('A');
  expect(blockOf('r5')[0]).toBe('B');
  expect(
    await store.saveInsights([
      { id: 'r1', block: blockOf('r1'), text: 'Fine', insight: insight('k') },
      { id: 'r2', block: blockOf('r2'), text: 'changed meanwhile', insight: insight('k') },
      { id: 'gone', block: blockOf('r1'), text: 'x', insight: insight('k') },
      // Read from one block, now in another (a sync moved it): not written; the change's pass reads it again.
      { id: 'r5', block: blockOf('r1'), text: 'Excluded', insight: insight('k') },
      { id: 'r5', block: ['nowhere', 0], text: 'Excluded', insight: insight('k') },
    ]),
  ).toBe(1);
  expect((await store.pendingComments('k', null, 100)).comments.map((c) => c.id).sort()).toEqual(['r2', 'r5']);
  // Kept as text beside the response (not as nested objects, which every read of the account rebuilt), and read back equal.
  const r1 = (await store.getAccountRecords('A'))!.responses.find((r) => r.id === 'r1')!;
  expect(r1.insight).toBeUndefined();
  expect(r1.insightKey).toBe('k');
  expect(insightOf(r1)).toEqual(insight('k'));
  expect((await store.pendingComments('other', null, 100)).comments.map((c) => c.id).sort()).toEqual(['r1', 'r2', 'r5']);
  // Whole blocks a page: a limit of one stops after the first block with a comment, and says where to go on.
  const paged = await store.pendingComments('k', null, 1);
  expect(paged.next).not.toBeNull();
  expect((await store.pendingComments('k', paged.next, 100)).comments.length + paged.comments.length).toBe(2);
});

test('a sample of stored comments, and the portfolio scan of a window (excluded responses left out)', async () => {
  expect((await store.sampleComments(10)).sort()).toEqual(['Excluded', 'Fine', 'Old and slow']);
  expect(await store.sampleComments(1)).toHaveLength(1);
  const since = T0 - 30 * 86_400_000;
  const { responses, total } = await store.commentedResponsesSince(since);
  expect(total).toBe(3);
  expect(responses.map((r) => r.id)).toEqual(['r1']);
  expect((await store.commentedResponsesSince(null)).responses.map((r) => r.id).sort()).toEqual(['r1', 'r2']);
});

test('blocks holding a comment not read yet are marked, by every writer, and the unread scope reads those alone', async () => {
  const unread = async (limit = 100) => {
    const ids: string[] = [];
    let after: [string, number] | null = null;
    let pages = 0;
    do {
      const page = await store.pendingComments('k', after, limit, 'unread');
      ids.push(...page.comments.map((c) => c.id));
      after = page.next;
      expect(++pages).toBeLessThan(20);
    } while (after);
    return ids.sort();
  };
  // An import marks its blocks: A (r1, r2) and B (r5; r4's comment is blank).
  expect(await store.countUnreadBlocks()).toBe(2);
  expect(await unread()).toEqual(['r1', 'r2', 'r5']);

  // Results for every comment of a block clear its mark.
  const all = await store.pendingComments('k', null, 100);
  const of = (id: string) => all.comments.find((c) => c.id === id)!;
  await store.saveInsights(['r1', 'r2'].map((id) => ({ id, block: of(id).block, text: of(id).text, insight: insight('k') })));
  expect(await store.countUnreadBlocks()).toBe(1);
  expect(await unread()).toEqual(['r5']);

  // A sync page marks what it writes: a new comment, and a comment changed since it was read.
  const state: SyncState = { sourceKey: 'https://nps.example.com/', cursor: 'c-1', state: 'running', startedAt: T0, finishedAt: null, pages: 1, rows: 3, lastError: null, lastSuccessAt: null };
  await store.applyChangesPage(
    { accounts: [account('A', 'Acme'), account('C', 'Cobalt'), account('D', 'Delta')], responses: [{ ...response('r1', 'A', 9, 10), comment: 'Fine, but slower' }, { ...response('c1', 'C', 4), comment: 'Too dear' }, response('d1', 'D', 8)], actions: [], sends: [] },
    state,
  );
  expect(await unread()).toEqual(['c1', 'r1', 'r5']);
  expect(await store.countUnreadBlocks()).toBe(3);

  // An import that is not committed yet: its block is marked, but not read until the commit.
  await importResponses(store, 'imp-2', [{ accounts: [account('F', 'Fern')], responses: [{ ...response('r5', 'F', 1, 5), comment: 'Moved here' }, { ...response('f1', 'F', 2), comment: 'New' }] }]);
  await store.endImportStaging('imp-2', { imported: 2, rejected: 0 });
  expect(await store.countUnreadBlocks()).toBe(4);
  expect(await unread(1)).toEqual(['c1', 'r1', 'r5']);
  // Its commit takes r5 out of B, which holds no comment to read any more: B's mark goes.
  await store.commitImport('imp-2', { imported: 2, rejected: 0 });
  expect(await unread(1)).toEqual(['c1', 'f1', 'r1', 'r5']);
  expect((await store.pendingComments('k', null, 100, 'unread')).comments.find((c) => c.id === 'r5')?.accountId).toBe('F');
  expect(await store.countUnreadBlocks()).toBe(3);
});

test('a result stored as an object by an earlier version is still read, counts as read, and is replaced as text when read again', async () => {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open('nps-context');
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const blocks = await new Promise<StoredBlock<SurveyResponse>[]>((resolve, reject) => {
    const request = db.transaction('responseBlocks').objectStore('responseBlocks').getAll();
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  // Stored as an earlier version stored blocks: as row objects, not columns (block-columns.ts).
  const a = unpackBlock(blocks.find((b) => b.accountId === 'A')!);
  a.rows = a.rows.map((row) => (row.id === 'r1' ? { ...row, insight: insight('old') } : row));
  await new Promise<void>((resolve, reject) => {
    const tx = db.transaction('responseBlocks', 'readwrite');
    tx.objectStore('responseBlocks').put(a);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  db.close();
  const r1 = (await store.getAccountRecords('A'))!.responses.find((r) => r.id === 'r1')!;
  expect(insightOf(r1)).toEqual(insight('old'));
  expect((await store.pendingComments('old', null, 100)).comments.map((c) => c.id).sort()).toEqual(['r2', 'r5']);
  const pending = await store.pendingComments('new', null, 100);
  const of = pending.comments.find((c) => c.id === 'r1')!;
  expect(await store.saveInsights([{ id: 'r1', block: of.block, text: of.text, insight: insight('new') }])).toBe(1);
  const after = (await store.getAccountRecords('A'))!.responses.find((r) => r.id === 'r1')!;
  expect(after.insight).toBeUndefined();
  expect(insightOf(after)?.key).toBe('new');
});
