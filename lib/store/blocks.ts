/**
 * Responses and survey sends are stored in blocks (schema v5): each record holds up to a few hundred
 * rows of one account, keyed [accountId, n], with the rows' ids in a multi-entry `byId` index.
 *
 * Why: in Chromium each IndexedDB record costs far more than its bytes (≈ 130 µs to write one response
 * as its own record, ≈ 6 µs to read one back even as a key), so a million one-row records took minutes
 * to import and an account with 10,000 responses took 70 ms to read. In blocks the same import writes a
 * few thousand records and the same read is a few dozen.
 *
 * Writes go through a `BlockWriter` (`block-writer.ts`), which knows where each id already is, so an id
 * is never stored twice.
 */
import type { SurveyResponse, SurveySend } from '../model';

/** A row of a blocked store: it has an id and belongs to an account. */
export type BlockRow = SurveyResponse | SurveySend;

export interface RowBlock<T extends BlockRow = BlockRow> {
  accountId: string;
  /** The block's number within its account: blocks are appended with increasing numbers. */
  n: number;
  /** The rows' ids, in the rows' order (the `byId` index is built on it). */
  ids: string[];
  rows: T[];
  /**
   * The import that wrote the block where it stays (`staged-blocks.ts`): the block is live only once
   * that import is committed. Absent on blocks written live.
   */
  importId?: string;
  /**
   * Set (to 1) while a row holds a comment with no result read from it yet (`markUnread`): the
   * `byUnread` index (v7) lists such blocks, so comment reading after a change visits them alone.
   */
  unread?: 1;
}

export type BlockKey = [string, number];

export const BLOCK_ROWS = 256;
/**
 * A rough cap on a block's size, for rows with long comments. Measured in Chromium: 10,000 rows read
 * in 11–18 ms from blocks of 250 rows, 20 ms from blocks of 500, and 35–41 ms from blocks of 120, so
 * blocks are sized by rows first.
 */
export const BLOCK_BYTES = 128 * 1024;

/** A row's approximate serialised size: enough to keep blocks well under the limit above. */
export function rowBytes(row: object): number {
  let bytes = 32;
  // for…in, not Object.values: this runs for every row of an import, and allocates nothing.
  for (const key in row) {
    const value = (row as Record<string, unknown>)[key];
    bytes += 12;
    if (typeof value === 'string') bytes += value.length;
    else if (Array.isArray(value)) for (const item of value as unknown[]) bytes += 8 + String(item).length;
    else bytes += 8;
  }
  return bytes;
}

/** A row whose comment has not been read at all (new, or changed since: its writer left no result). */
export function hasUnreadComment(row: BlockRow): boolean {
  return 'comment' in row && typeof row.comment === 'string' && row.insight === undefined && row.insightKey === undefined && row.comment.trim() !== '';
}

/**
 * Sets or clears the block's `unread` mark from its rows. Every block is stored through `packBlock`
 * (`block-columns.ts`), which calls it, so the mark never says less than the rows (`comment-insights.ts`
 * relies on it).
 */
export function markUnread<T extends BlockRow>(block: RowBlock<T>): RowBlock<T> {
  if (block.rows.some(hasUnreadComment)) block.unread = 1;
  else delete block.unread;
  return block;
}

/** A plain IndexedDB request as a promise (for code below idb's wrapper). */
export function requestResult<T>(request: IDBRequest): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result as T);
    request.onerror = () => reject(request.error ?? new Error('An IndexedDB request failed'));
  });
}

/** All of one account's blocks: [id] sorts before every [id, n], and [id, []] after them. */
export function accountBlockRange(accountId: string): IDBKeyRange {
  return IDBKeyRange.bound([accountId], [accountId, []]);
}

export const dateOfRow = (row: BlockRow): number => ('respondedAt' in row ? row.respondedAt : row.sentAt);

/**
 * One account's rows from its blocks, in date order (then id), as the metrics and the panel expect.
 * Blocks keep rows in the order they arrived, which is nearly always date order already.
 */
export function rowsOfBlocks<T extends BlockRow>(blocks: ReadonlyArray<RowBlock<T>>): T[] {
  const rows = blocks.length === 1 ? blocks[0]!.rows : blocks.flatMap((block) => block.rows);
  for (let i = 1; i < rows.length; i++) {
    if (compareRows(rows[i - 1]!, rows[i]!) > 0) return rows.sort(compareRows);
  }
  return rows;
}

function compareRows(a: BlockRow, b: BlockRow): number {
  const byDate = dateOfRow(a) - dateOfRow(b);
  return byDate !== 0 ? byDate : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Every id stored in a blocked store, read from its `byId` index's keys (no values are read). */
export async function forEachStoredId(store: IDBObjectStore, visit: (id: string) => void): Promise<void> {
  const index = store.index('byId');
  await new Promise<void>((resolve, reject) => {
    const req = index.openKeyCursor();
    req.onsuccess = () => {
      const cursor = req.result;
      if (!cursor) return resolve();
      visit(cursor.key as string);
      cursor.continue();
    };
    req.onerror = () => reject(req.error ?? new Error('Reading the stored ids failed'));
  });
}
