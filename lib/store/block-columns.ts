/**
 * How a block's rows are kept in IndexedDB: as columns, one per field, rather than as row objects.
 *
 * Why: reading a block rebuilds every value in it (structured cloning), and a row object costs far more
 * to rebuild than its fields do apart. In Chromium one account's 10,000 responses (40 blocks) were read
 * in 20-25 ms as row objects and in 10-13 ms as columns, plus 3 ms to make the rows again. A value every
 * row of the block shares is kept once, a field with few values (a role, a channel, a survey, a score,
 * the respondents of a small team) as a dictionary, and a row's own account and id not at all (the
 * block has both): the same rows then took 1.9 MB instead of 3.2 MB, and 9.5 ms to read. Fewer bytes
 * matter most where IndexedDB has rewritten the blocks lately (an import, then its comments' results):
 * there a range read also passes over the older copies, and took 2-4 times as long. Columns are
 * plain arrays and strings: typed arrays saved under 1 ms, and would not survive the rescue export's
 * JSON (`rescue.ts`).
 *
 * Blocks written before hold `rows` and are read as they are; every write stores columns.
 */
import { markUnread, type BlockRow, type RowBlock } from './blocks';

/** One field of a block's rows. */
export type BlockColumn =
  /** The same primitive in every row. */
  | { same: string | number | boolean }
  /** An empty list in every row (a new one each). */
  | { emptyList: true }
  /**
   * Few distinct values: each once in `words`, and each row's as one character of `codes` (its char
   * code is the word's index + 1; 0 for a row without the field). A string is rebuilt by one copy,
   * where an array of numbers is rebuilt number by number; and it survives JSON, unlike a typed array.
   */
  | { words: unknown[]; codes: string }
  /**
   * Any values; a row without the field has `undefined` (`null` once written as JSON by the rescue
   * export: rows never hold null, their schemas have no nullable field).
   */
  | unknown[];

/** A block as stored: its rows as columns, or (written before columns) as row objects. */
export interface StoredBlock<T extends BlockRow = BlockRow> extends Omit<RowBlock<T>, 'rows'> {
  /** Rows as objects: blocks written before columns. */
  rows?: T[];
  /** The rows' fields other than `id` and `accountId`, by name, in the rows' order. */
  columns?: Record<string, BlockColumn>;
}

/** Fields the block itself holds for every row. */
const OWN_FIELDS = new Set(['id', 'accountId']);

/**
 * The block as it is stored: its rows as columns, and its `unread` mark set from its rows (every writer
 * stores through here, so the mark never says less than the rows).
 */
export function packBlock<T extends BlockRow>(block: RowBlock<T>): StoredBlock<T> {
  const { rows, ...rest } = markUnread({ ...block });
  const names: string[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    for (const name in row) {
      if (!seen.has(name) && !OWN_FIELDS.has(name)) {
        seen.add(name);
        names.push(name);
      }
    }
  }
  const columns: Record<string, BlockColumn> = {};
  for (const name of names) {
    const values = rows.map((row) => (row as Record<string, unknown>)[name]);
    if (values.every((value) => value === undefined)) continue;
    columns[name] = columnOf(values);
  }
  return { ...rest, columns };
}

function columnOf(values: unknown[]): BlockColumn {
  const first = values[0];
  if (isPrimitive(first) && values.every((value) => Object.is(value, first))) return { same: first };
  if (values.every((value) => Array.isArray(value) && value.length === 0)) return { emptyList: true };
  return dictionaryOf(values) ?? values;
}

const NEGATIVE_ZERO = Symbol('-0');

const isPrimitive = (value: unknown): value is string | number | boolean => typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

/**
 * The column as a dictionary when its values are primitives or lists of them, at most one distinct
 * value for every two rows; else undefined.
 */
function dictionaryOf(values: unknown[]): { words: unknown[]; codes: string } | undefined {
  const most = Math.floor(values.length / 2);
  // Values by SameValueZero (NaN finds NaN), but -0 apart from 0; lists by their JSON, apart.
  const index = new Map<unknown, number>();
  const lists = new Map<string, number>();
  const words: unknown[] = [];
  const codes: string[] = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value === undefined) {
      codes[i] = '\u0000';
      continue;
    }
    let key: unknown;
    let found: Map<unknown, number>;
    if (Array.isArray(value)) {
      if (!value.every(isPrimitive)) return undefined;
      key = JSON.stringify(value);
      found = lists as Map<unknown, number>;
    } else if (isPrimitive(value)) {
      key = Object.is(value, -0) ? NEGATIVE_ZERO : value;
      found = index;
    } else return undefined;
    let at = found.get(key);
    if (at === undefined) {
      if (words.length >= most) return undefined;
      at = words.push(value);
      found.set(key, at);
    }
    codes[i] = String.fromCharCode(at);
  }
  return { words, codes: codes.join('') };
}

/**
 * The block with its rows as objects (in the order they were stored; a row has only the fields it was
 * stored with). A block stored as row objects is returned as it is.
 */
export function unpackBlock<T extends BlockRow>(stored: StoredBlock<T>): RowBlock<T> {
  if (stored.rows) return stored as RowBlock<T>;
  const { columns = {}, ...rest } = stored;
  const { ids, accountId } = stored;
  const rows = new Array<Record<string, unknown>>(ids.length);
  for (let i = 0; i < ids.length; i++) rows[i] = { id: ids[i], accountId };
  // Column by column: each loop sets one field, so its stores stay simple.
  for (const name in columns) {
    const column = columns[name]!;
    if (Array.isArray(column)) {
      for (let i = 0; i < rows.length; i++) {
        const value: unknown = column[i];
        if (value !== undefined && value !== null) rows[i]![name] = value;
      }
    } else if ('same' in column) {
      const value = column.same;
      for (let i = 0; i < rows.length; i++) rows[i]![name] = value;
    } else if ('codes' in column) {
      const { words, codes } = column;
      for (let i = 0; i < rows.length; i++) {
        const at = codes.charCodeAt(i);
        if (at === 0) continue;
        const value = words[at - 1];
        // A list is each row's own.
        rows[i]![name] = Array.isArray(value) ? value.slice() : value;
      }
    } else {
      for (let i = 0; i < rows.length; i++) rows[i]![name] = [];
    }
  }
  return { ...rest, rows: rows as unknown as T[] };
}

/** Every block of a read, unpacked. */
export function unpackBlocks<T extends BlockRow>(stored: ReadonlyArray<StoredBlock<T>>): Array<RowBlock<T>> {
  return stored.map(unpackBlock);
}
