import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { BLOCK_ROWS, requestResult } from './blocks';
import { countRows } from './row-counts';

let db: IDBDatabase;

beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  db = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open('row-counts-test', 1);
    open.onupgradeneeded = () => open.result.createObjectStore('blocks', { keyPath: ['accountId', 'n'] }).createIndex('bySize', 'ids.length');
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
});

afterEach(() => db.close());

const block = (accountId: string, n: number, rows: number) => {
  const ids = Array.from({ length: rows }, (_, i) => `${accountId}-${n}-${i}`);
  return { accountId, n, ids, rows: ids.map((id) => ({ id })) };
};

async function put(...blocks: Array<ReturnType<typeof block>>) {
  const tx = db.transaction('blocks', 'readwrite');
  for (const b of blocks) tx.objectStore('blocks').put(b);
  await new Promise((resolve) => (tx.oncomplete = resolve));
}

const count = () => countRows(db.transaction('blocks').objectStore('blocks'));

test('counts the rows of blocks of every size, and follows rewrites and deletes', async () => {
  expect(await count()).toBe(0);
  await put(block('A', 0, BLOCK_ROWS), block('A', 1, 3), block('B', 0, 1), block('B', 1, 17), block('C', 0, BLOCK_ROWS));
  expect(await count()).toBe(2 * BLOCK_ROWS + 21);
  // A block rewritten smaller (an id taken out), one deleted, one left empty.
  await put(block('A', 1, 2), block('B', 0, 0));
  const tx = db.transaction('blocks', 'readwrite');
  await requestResult(tx.objectStore('blocks').delete(['C', 0]));
  expect(await count()).toBe(BLOCK_ROWS + 19);
});

test('rows of a block larger than a writer makes still count', async () => {
  await put(block('A', 0, BLOCK_ROWS + 40), block('A', 1, 5), block('B', 0, 3 * BLOCK_ROWS));
  expect(await count()).toBe(4 * BLOCK_ROWS + 45);
});
