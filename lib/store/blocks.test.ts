import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import type { SurveyResponse } from '../model';
import { accountBlockRange, BLOCK_BYTES, BLOCK_ROWS, forEachStoredId, rowsOfBlocks } from './blocks';
import { BlockWriter } from './block-writer';
import { unpackBlocks, type StoredBlock } from './block-columns';
import { IdFilter } from './id-filter';

let db: IDBDatabase;

beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  db = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open('blocks-test', 1);
    open.onupgradeneeded = () => open.result.createObjectStore('blocks', { keyPath: ['accountId', 'n'] }).createIndex('byId', 'ids', { multiEntry: true });
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
});

afterEach(() => db.close());

const T = Date.UTC(2026, 0, 1);
const response = (id: string, accountId: string, minutes: number, extra: Partial<SurveyResponse> = {}): SurveyResponse => ({
  id, accountId, score: minutes % 11, respondedAt: T + minutes * 60_000, tags: [], excluded: false, updatedAt: T, ...extra,
});

function request<T>(req: IDBRequest): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result as T);
    req.onerror = () => reject(req.error);
  });
}

/** Runs `work` with a writer in one read-write transaction, and waits for it to commit. */
async function write(work: (writer: BlockWriter<SurveyResponse>, store: IDBObjectStore) => Promise<void>, filter?: IdFilter): Promise<void> {
  const tx = db.transaction('blocks', 'readwrite');
  const done = new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error);
  });
  const store = tx.objectStore('blocks');
  await work(new BlockWriter(store, filter && { mayBeStored: (id) => filter.mayHave(id), stored: (id) => filter.add(id) }), store);
  await done;
}

const blocksOf = async (accountId: string) => unpackBlocks(await request<StoredBlock<SurveyResponse>[]>(db.transaction('blocks').objectStore('blocks').getAll(accountBlockRange(accountId))));
const allBlocks = async () => unpackBlocks(await request<StoredBlock<SurveyResponse>[]>(db.transaction('blocks').objectStore('blocks').getAll()));
const blockOfId = async (id: string) => unpackBlocks(await request<StoredBlock<SurveyResponse>[]>(db.transaction('blocks').objectStore('blocks').index('byId').getAll(id)));

test('rows fill blocks up to the row limit; an account reads back whole, in date order', async () => {
  const rows = Array.from({ length: BLOCK_ROWS * 2 + 10 }, (_, i) => response(`r${i}`, 'A', 1000 - i));
  await write(async (writer) => {
    for (const row of rows) writer.add(row);
    writer.add(response('b1', 'B', 5));
    await writer.flush();
  });
  const blocks = await blocksOf('A');
  expect(blocks.map((b) => b.rows.length)).toEqual([BLOCK_ROWS, BLOCK_ROWS, 10]);
  expect(blocks.map((b) => b.n)).toEqual([0, 1, 2]);
  for (const block of blocks) expect(block.ids).toEqual(block.rows.map((r) => r.id));
  const read = rowsOfBlocks(blocks);
  expect(read.map((r) => r.id)).toEqual([...rows].sort((a, b) => a.respondedAt - b.respondedAt).map((r) => r.id));
  expect(rowsOfBlocks(await blocksOf('B')).map((r) => r.id)).toEqual(['b1']);
});

test('long comments close a block by size before it has its rows', async () => {
  const comment = 'x'.repeat(4000);
  await write(async (writer) => {
    for (let i = 0; i < 40; i++) writer.add(response(`r${i}`, 'A', i, { comment }));
    await writer.flush();
  });
  const blocks = await blocksOf('A');
  expect(blocks.length).toBeGreaterThan(1);
  for (const block of blocks) expect(block.rows.length * comment.length).toBeLessThanOrEqual(BLOCK_BYTES);
  expect(rowsOfBlocks(blocks)).toHaveLength(40);
});

test('a stored id is replaced in place, in its block, in a later transaction', async () => {
  await write(async (writer) => {
    for (let i = 0; i < 300; i++) writer.add(response(`r${i}`, 'A', i));
    await writer.flush();
  });
  await write(async (writer) => {
    writer.add(response('r7', 'A', 7, { score: 0, comment: 'changed' }));
    writer.add(response('r290', 'A', 290, { score: 10 }));
    writer.add(response('new', 'A', 999));
    await writer.flush();
  });
  const rows = rowsOfBlocks(await blocksOf('A'));
  expect(rows).toHaveLength(301);
  expect(rows.find((r) => r.id === 'r7')).toMatchObject({ score: 0, comment: 'changed' });
  expect(rows.find((r) => r.id === 'r290')?.score).toBe(10);
  expect((await blockOfId('r7')).map((b) => b.n)).toEqual([0]);
  // The last block was small (44 rows): the new row went into it rather than into a block of its own.
  expect((await blocksOf('A')).map((b) => b.rows.length)).toEqual([BLOCK_ROWS, 45]);
});

test('an id re-written under another account moves there; it is never in two blocks', async () => {
  await write(async (writer) => {
    writer.add(response('r1', 'A', 1));
    writer.add(response('r2', 'A', 2));
    writer.add(response('only', 'C', 3));
    await writer.flush();
  });
  await write(async (writer) => {
    writer.add(response('r1', 'B', 1));
    writer.add(response('only', 'B', 3));
    await writer.flush();
  });
  expect(rowsOfBlocks(await blocksOf('A')).map((r) => r.id)).toEqual(['r2']);
  expect(rowsOfBlocks(await blocksOf('B')).map((r) => r.id)).toEqual(['r1', 'only']);
  // C's block lost its only row and is gone.
  expect(await blocksOf('C')).toEqual([]);
  for (const id of ['r1', 'r2', 'only']) expect(await blockOfId(id)).toHaveLength(1);
});

test('within one writer, the later of two rows with the same id wins, even across accounts', async () => {
  await write(async (writer) => {
    writer.add(response('r1', 'A', 1, { score: 1 }));
    writer.add(response('r1', 'B', 1, { score: 2 }));
    writer.add(response('r1', 'B', 1, { score: 3 }));
    await writer.flush();
  });
  expect(await allBlocks()).toEqual([{ accountId: 'B', n: 0, ids: ['r1'], rows: [response('r1', 'B', 1, { score: 3 })] }]);
});

test('flushFull writes whole blocks as they fill and keeps the rest waiting', async () => {
  await write(async (writer) => {
    for (let i = 0; i < BLOCK_ROWS + 20; i++) writer.add(response(`a${i}`, 'A', i));
    for (let i = 0; i < 30; i++) writer.add(response(`b${i}`, 'B', i));
    await writer.flushFull();
    expect(writer.size).toBe(50);
    for (let i = 0; i < 5; i++) writer.add(response(`a-late${i}`, 'A', 5000 + i));
    await writer.flush();
    expect(writer.size).toBe(0);
  });
  expect((await blocksOf('A')).map((b) => b.rows.length)).toEqual([BLOCK_ROWS, 25]);
  expect((await blocksOf('B')).map((b) => b.rows.length)).toEqual([30]);
});

test('a large last block is followed by a new one instead of being written again', async () => {
  await write(async (writer) => {
    for (let i = 0; i < 200; i++) writer.add(response(`r${i}`, 'A', i));
    await writer.flush();
  });
  await write(async (writer) => {
    writer.add(response('late', 'A', 9999));
    await writer.flush();
  });
  expect((await blocksOf('A')).map((b) => [b.n, b.rows.length])).toEqual([[0, 200], [1, 1]]);
});

test("with a filter of the stored ids, new ids are not looked up and stored ones are still found", async () => {
  await write(async (writer) => {
    for (let i = 0; i < 100; i++) writer.add(response(`r${i}`, i % 2 ? 'A' : 'B', i));
    await writer.flush();
  });
  const filter = new IdFilter(1000);
  await forEachStoredId(db.transaction('blocks').objectStore('blocks'), (id) => filter.add(id));
  let lookups = 0;
  await write(async (writer, store) => {
    const index = store.index('byId');
    const getKey = index.getKey.bind(index);
    index.getKey = (key) => {
      lookups++;
      return getKey(key);
    };
    store.index = () => index;
    for (let i = 0; i < 10; i++) writer.add(response(`fresh${i}`, 'A', 500 + i));
    writer.add(response('r3', 'B', 3, { score: 0 }));
    await writer.flush();
  }, filter);
  expect(lookups).toBeLessThanOrEqual(2);
  const all = (await allBlocks()).flatMap((b) => b.rows);
  expect(all).toHaveLength(110);
  expect(all.filter((r) => r.id === 'r3')).toEqual([response('r3', 'B', 3, { score: 0 })]);
});

test('the id filter never forgets an id and rarely claims one it was not given', () => {
  const filter = new IdFilter(50_000);
  for (let i = 0; i < 50_000; i++) filter.add(`resp-${i}`);
  for (let i = 0; i < 50_000; i++) expect(filter.mayHave(`resp-${i}`)).toBe(true);
  let wrong = 0;
  for (let i = 0; i < 50_000; i++) if (filter.mayHave(`other-${i}`)) wrong++;
  expect(wrong / 50_000).toBeLessThan(0.005);
});
