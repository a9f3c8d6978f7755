/**
 * How many rows a block store holds, from its `bySize` index (one entry per block, keyed by its number
 * of rows): a count per size, not a pass over every row. Counting the `byId` index instead touches one
 * entry per row, and Chromium checks each against its block: 40 s and more for a million rows.
 */
import { BLOCK_ROWS, requestResult } from './blocks';

/** Rows in the store's blocks (staged blocks of imports not committed included: callers subtract them). */
export async function countRows(store: IDBObjectStore): Promise<number> {
  const bySize = store.index('bySize');
  const sizes = Array.from({ length: BLOCK_ROWS }, (_, i) => i + 1);
  const [counts, larger] = await Promise.all([
    Promise.all(sizes.map((size) => requestResult<number>(bySize.count(IDBKeyRange.only(size))))),
    requestResult<number>(bySize.count(IDBKeyRange.lowerBound(BLOCK_ROWS, true))),
  ]);
  let rows = counts.reduce((sum, blocks, i) => sum + blocks * sizes[i]!, 0);
  // No writer makes blocks larger than BLOCK_ROWS; should one ever be stored, its rows still count.
  if (larger > 0) rows += await sumKeys(bySize, IDBKeyRange.lowerBound(BLOCK_ROWS, true));
  return rows;
}

function sumKeys(index: IDBIndex, range: IDBKeyRange): Promise<number> {
  return new Promise((resolve, reject) => {
    let sum = 0;
    const request = index.openKeyCursor(range);
    request.onsuccess = () => {
      const cursor = request.result;
      if (!cursor) return resolve(sum);
      sum += cursor.key as number;
      cursor.continue();
    };
    request.onerror = () => reject(request.error ?? new Error('Counting stored rows failed'));
  });
}
