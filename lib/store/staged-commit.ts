/**
 * What a commit does with an import's staged blocks (`staged-blocks.ts`) besides switching them live:
 * rows staged under an account key that the commit merged into another account move there, and every id
 * the import brought is taken out of the live block that held it before (an id is stored once; the
 * import's row wins). A cancelled or failed import's staged blocks are deleted.
 */
import type { SurveyResponse, SurveySend } from '../model';
import { requestResult, type BlockKey, type RowBlock } from './blocks';
import { packBlock, unpackBlock, type StoredBlock } from './block-columns';
import type { BlockWriter } from './block-writer';
import { IMPORT_BLOCK_STRIDE } from './staged-blocks';
import type { ImportRecord } from './schema';
import { quietly } from './tx-helpers';

type BlockStore = IDBObjectStore;

/** The staged block numbers of an import under one account key. */
export function stagedRange(accountKey: string, base: number): IDBKeyRange {
  return IDBKeyRange.bound([accountKey, base], [accountKey, base + IMPORT_BLOCK_STRIDE - 1]);
}


/**
 * Moves the rows staged under `from` to the account `to`: their staged blocks go, and the rows are
 * written live through `writer` (which takes each id out of wherever it was stored).
 */
export async function moveStagedRows<T extends SurveyResponse | SurveySend>(
  store: BlockStore,
  writer: BlockWriter<T>,
  record: Pick<ImportRecord, 'id' | 'blockBase'>,
  from: string,
  to: string,
): Promise<void> {
  const range = stagedRange(from, record.blockBase!);
  const blocks = await requestResult<Array<StoredBlock<T>>>(store.getAll(range));
  for (const block of blocks) {
    if (block.importId !== record.id) continue;
    quietly(requestResult(store.delete([block.accountId, block.n])));
    for (const row of unpackBlock(block).rows) writer.add({ ...row, accountId: to });
  }
  await writer.flush();
}

/** Deletes an import's staged blocks under the account keys it staged rows for. */
export function deleteStagedBlocks(stores: BlockStore[], record: Pick<ImportRecord, 'blockBase'>, accountKeys: Iterable<string>): void {
  if (record.blockBase === undefined) return;
  for (const key of accountKeys) for (const store of stores) quietly(requestResult(store.delete(stagedRange(key, record.blockBase))));
}

/**
 * Takes every id the import staged out of the live blocks that also hold it. Blocks of other imports not
 * committed yet are left alone (their own commit does the same against this one's rows). Of two staged
 * copies of one id (a source that sent it twice), the later block's wins. A small import into a big
 * store looks its ids up one by one; a big one reads its own blocks, then every live block, once.
 * Returns the number of ids taken out.
 */
export async function removeLiveDuplicates(
  store: BlockStore,
  record: Pick<ImportRecord, 'blockBase'>,
  pendingBases: readonly number[],
  staged: { rows: number; stored: number; under: Iterable<string> },
  /** Told the account of every block that loses a row (a re-imported id may have moved account). */
  touched?: Set<string>,
): Promise<number> {
  const base = record.blockBase!;
  const ours = (n: number) => n >= base && n < base + IMPORT_BLOCK_STRIDE;
  const pendingElsewhere = (n: number) => pendingBases.some((b) => n >= b && n < b + IMPORT_BLOCK_STRIDE);
  const drop = new Map<string, { key: BlockKey; ids: Set<string> }>();
  /** The blocks (in primary-key order) that hold one id: all but the one kept lose it. */
  const settle = (id: string, keys: readonly BlockKey[]) => {
    if (keys.length < 2) return;
    const mine = keys.filter((key) => ours(key[1]));
    if (mine.length === 0) return;
    // The last staged key is the later block of its account.
    const keep = mine[mine.length - 1]!;
    for (const key of keys) {
      if (key === keep || pendingElsewhere(key[1])) continue;
      const name = `${key[0]}\u0000${key[1]}`;
      const entry = drop.get(name) ?? { key, ids: new Set<string>() };
      entry.ids.add(id);
      drop.set(name, entry);
    }
  };
  if (staged.rows * LOOKUP_SHARE < staged.stored) {
    const blocks = (await Promise.all([...staged.under].map((key) => requestResult<StoredBlock[]>(store.getAll(stagedRange(key, base)))))).flat();
    const ids = [...new Set(blocks.flatMap((block) => block.ids))];
    const found = await Promise.all(ids.map((id) => requestResult<BlockKey[]>(store.index('byId').getAllKeys(IDBKeyRange.only(id)))));
    ids.forEach((id, i) => settle(id, found[i]!));
  } else {
    // One read of each block, never a walk of the `byId` index: Chromium checks each of its entries
    // against its block, which made a re-import of 300,000 rows into as many spend 60 s here. First the
    // import's own blocks, in key order (of an id staged twice, the later block keeps it), then every
    // live block, whose ids the import brought are dropped. Memory: the import's ids, one group of
    // blocks at a time.
    const keys = await requestResult<BlockKey[]>(store.getAllKeys());
    const mine = new Map<string, BlockKey>();
    await forEachBlock(store, keys.filter((key) => ours(key[1])), (block, key) => {
      for (const id of block.ids) {
        const earlier = mine.get(id);
        if (earlier) settle(id, [earlier, key]);
        mine.set(id, key);
      }
    });
    await forEachBlock(store, keys.filter((key) => !ours(key[1]) && !pendingElsewhere(key[1])), (block, key) => {
      for (const id of block.ids) {
        const kept = mine.get(id);
        if (kept) settle(id, [key, kept]);
      }
    });
  }
  if (touched) for (const { key } of drop.values()) touched.add(key[0]);
  return (await rewriteWithout(store, [...drop.values()])).removed;
}

/** Blocks read at once by `forEachBlock`. */
const READ_GROUP = 128;

/** Reads the blocks of the given keys, a group at a time, and hands each to `visit` in key order. */
async function forEachBlock(store: BlockStore, keys: readonly BlockKey[], visit: (block: StoredBlock, key: BlockKey) => void): Promise<void> {
  for (let i = 0; i < keys.length; i += READ_GROUP) {
    const group = keys.slice(i, i + READ_GROUP);
    const blocks = await Promise.all(group.map((key) => requestResult<StoredBlock | undefined>(store.get(key))));
    blocks.forEach((block, j) => block && visit(block, group[j]!));
  }
}

/**
 * An import with fewer rows than this share of the store's looks its ids up one at a time, rather than
 * reading every block of the store.
 */
const LOOKUP_SHARE = 20;

/**
 * Takes ids out of the import's staged blocks that hold them (an id given again while the import stages:
 * the row given later replaces the staged one). One lookup per id; such ids are rare.
 */
export async function takeOutOfStaged(store: BlockStore, record: Pick<ImportRecord, 'blockBase'>, ids: readonly string[]): Promise<number> {
  if (ids.length === 0 || record.blockBase === undefined) return 0;
  const base = record.blockBase;
  const found = await Promise.all(ids.map((id) => requestResult<BlockKey[]>(store.index('byId').getAllKeys(IDBKeyRange.only(id)))));
  const drop = new Map<string, { key: BlockKey; ids: Set<string> }>();
  found.forEach((keys, i) => {
    for (const key of keys) {
      if (key[1] < base || key[1] >= base + IMPORT_BLOCK_STRIDE) continue;
      const name = `${key[0]}\u0000${key[1]}`;
      const entry = drop.get(name) ?? { key, ids: new Set<string>() };
      entry.ids.add(ids[i]!);
      drop.set(name, entry);
    }
  });
  return (await rewriteWithout(store, [...drop.values()])).emptied;
}

/** Rewrites blocks without the given ids, deleting those left empty; returns the rows taken out and the blocks deleted. */
async function rewriteWithout(store: BlockStore, entries: ReadonlyArray<{ key: BlockKey; ids: ReadonlySet<string> }>): Promise<{ removed: number; emptied: number }> {
  let removed = 0;
  let emptied = 0;
  const blocks = await Promise.all(entries.map((entry) => requestResult<StoredBlock | undefined>(store.get(entry.key))));
  entries.forEach((entry, i) => {
    const stored = blocks[i];
    if (!stored) return;
    const block = unpackBlock(stored);
    const keptIds: string[] = [];
    const keptRows: RowBlock['rows'] = [];
    block.ids.forEach((id, j) => {
      if (entry.ids.has(id)) removed++;
      else {
        keptIds.push(id);
        keptRows.push(block.rows[j]!);
      }
    });
    if (keptIds.length === 0) {
      emptied++;
      quietly(requestResult(store.delete(entry.key)));
    } else quietly(requestResult(store.put(packBlock({ ...block, ids: keptIds, rows: keptRows }))));
  });
  return { removed, emptied };
}

/**
 * For an import resumed after the worker restarted: each account's next staged block number, from the
 * blocks it staged before (one read of the last one per account, met again).
 */
export async function numberResumed<T extends SurveyResponse | SurveySend>(
  store: BlockStore,
  staged: { unnumbered(): string[]; startAt(accountId: string, blocks: number): void },
  record: Pick<ImportRecord, 'blockBase'>,
): Promise<void> {
  const base = record.blockBase!;
  await Promise.all(
    staged.unnumbered().map(async (accountId) => {
      const cursor = await requestResult<IDBCursorWithValue | null>(store.openCursor(stagedRange(accountId, base), 'prev'));
      const last = cursor?.value as StoredBlock<T> | undefined;
      staged.startAt(accountId, last ? last.n - base + 1 : 0);
    }),
  );
}

/** How many of an import's staged blocks are stored, under the account keys its batches named. */
export async function countStagedBlocks(stores: BlockStore[], record: Pick<ImportRecord, 'blockBase'>, accountKeys: Iterable<string>): Promise<number> {
  const counts = await Promise.all([...accountKeys].flatMap((key) => stores.map((store) => requestResult<number>(store.count(stagedRange(key, record.blockBase!))))));
  return counts.reduce((sum, n) => sum + n, 0);
}
