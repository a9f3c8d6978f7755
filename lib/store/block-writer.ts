/**
 * Writing rows into blocks (`blocks.ts`): a `BlockWriter` knows where each id already is, so a row whose
 * id is stored replaces it in place (in its own account's block) or moves out of another account's block,
 * and an id is never stored twice. Blocks are filled up to `BLOCK_ROWS` rows or `BLOCK_BYTES` bytes.
 */
import { accountBlockRange, BLOCK_ROWS, BLOCK_BYTES, rowBytes, requestResult, type BlockKey, type BlockRow, type RowBlock } from './blocks';
import { packBlock, unpackBlock, type StoredBlock } from './block-columns';

const keyString = (accountId: string, n: number) => `${accountId}\u0000${n}`;
const blockKeyString = (block: { accountId: string; n: number }) => keyString(block.accountId, block.n);

export interface BlockWriterOptions {
  /**
   * False when an id is surely not stored, so it needs no lookup (a commit's `IdFilter`); by default
   * every id may be stored and is looked up.
   */
  mayBeStored?: (id: string) => boolean;
  /** Told of each id the writer stores. */
  stored?: (id: string) => void;
  /**
   * False for a block of an import not committed yet (`staged-blocks.ts`): the writer neither finds ids
   * in it nor appends after it. By default every block is live.
   */
  isLive?: (block: { importId?: string }) => boolean;
}

/** An account with more ids to locate than this has all its blocks read instead of one lookup per id. */
const READ_WHOLE_ACCOUNT_AFTER = 24;
/**
 * A last block with fewer rows than this is filled up by the next write rather than followed by a new
 * one. (Filling a larger one would write its rows again for a few new ones.)
 */
export const SMALL_BLOCK_ROWS = BLOCK_ROWS / 4;
/** Accounts written per step of a flush: bounds the blocks held in memory at once. */
const ACCOUNTS_PER_STEP = 64;

interface Pending<T> {
  rows: Map<string, T>;
  bytes: number;
}

/**
 * Collects rows and writes them to a blocked store inside the caller's transaction. Of two rows with
 * the same id, the later wins. `flush` (or `flushFull`) must be awaited before the transaction is left
 * to commit; a failed write aborts the transaction (reported through its `done`), so nothing is
 * half-written. A writer lives for one transaction: it remembers each account's last block number.
 */
export class BlockWriter<T extends BlockRow> {
  private pending = new Map<string, Pending<T>>();
  /** Which account each pending id is pending under (a later row may move it to another). */
  private pendingAccount = new Map<string, string>();
  /** The accounts whose blocks this writer wrote (a row moved away changes the account it left too). */
  readonly touched = new Set<string>();
  /** The last block of each account this writer wrote: its number and its rows. */
  private readonly tails = new Map<string, { n: number; rows: number }>();

  constructor(
    private readonly store: IDBObjectStore,
    private readonly options: BlockWriterOptions = {},
  ) {}

  /** Rows waiting to be written. */
  get size(): number {
    return this.pendingAccount.size;
  }

  /** Accounts with rows waiting. */
  get accounts(): number {
    let accounts = 0;
    for (const pending of this.pending.values()) if (pending.rows.size > 0) accounts++;
    return accounts;
  }

  add(row: T): void {
    const before = this.pendingAccount.get(row.id);
    if (before !== undefined && before !== row.accountId) this.pending.get(before)?.rows.delete(row.id);
    this.pendingAccount.set(row.id, row.accountId);
    let pending = this.pending.get(row.accountId);
    if (!pending) this.pending.set(row.accountId, (pending = { rows: new Map(), bytes: 0 }));
    pending.rows.set(row.id, row);
    pending.bytes += rowBytes(row);
  }

  /** Writes every row waiting. */
  async flush(): Promise<void> {
    const all = [...this.pending].filter(([, p]) => p.rows.size > 0).map(([accountId, p]) => [accountId, p.rows] as const);
    this.pending = new Map();
    this.pendingAccount = new Map();
    for (let i = 0; i < all.length; i += ACCOUNTS_PER_STEP) await this.writeStep(all.slice(i, i + ACCOUNTS_PER_STEP), true);
  }

  /**
   * Writes the rows of accounts that have a whole block's worth waiting, as whole new blocks; the
   * rest keep waiting. A long import so writes each block once, as it fills, and holds little.
   */
  async flushFull(): Promise<void> {
    const full: Array<readonly [string, Map<string, T>]> = [];
    for (const [accountId, pending] of this.pending) {
      if (pending.rows.size < BLOCK_ROWS && pending.bytes < BLOCK_BYTES) continue;
      const take = new Map<string, T>();
      let rows = 0;
      let bytes = 0;
      // Whole blocks only: rows up to the last block boundary go now.
      const sizes = [...pending.rows.values()].map(rowBytes);
      let cut = 0;
      sizes.forEach((size, i) => {
        if (rows >= BLOCK_ROWS || (bytes + size > BLOCK_BYTES && rows > 0)) {
          cut = i;
          rows = 0;
          bytes = 0;
        }
        rows++;
        bytes += size;
      });
      if (rows >= BLOCK_ROWS || bytes >= BLOCK_BYTES) cut = sizes.length;
      let i = 0;
      for (const [id, row] of pending.rows) {
        if (i++ >= cut) break;
        take.set(id, row);
        pending.rows.delete(id);
        pending.bytes -= sizes[i - 1]!;
        this.pendingAccount.delete(id);
      }
      if (take.size > 0) full.push([accountId, take]);
    }
    for (let i = 0; i < full.length; i += ACCOUNTS_PER_STEP) await this.writeStep(full.slice(i, i + ACCOUNTS_PER_STEP), false);
  }

  /**
   * Writes the rows of a few accounts: finds where their ids are stored, replaces or moves those rows,
   * then appends the rest (to the account's last block if `fill` and it is small, then to new blocks).
   * Each step's reads see the writes of the steps before it (one transaction, requests in order).
   */
  private async writeStep(step: ReadonlyArray<readonly [string, Map<string, T>]>, fill: boolean): Promise<void> {
    const { store } = this;
    const mayBeStored = this.options.mayBeStored ?? (() => true);
    const loaded = new Map<string, RowBlock<T>>();
    const wholeAccounts = new Set<string>();
    const toLookUp: string[] = [];

    // 1. Where the ids that may be stored are: whole accounts read when many, else one lookup each.
    const reads: Array<Promise<void>> = [];
    for (const [accountId, rows] of step) {
      const maybe = [...rows.keys()].filter((id) => mayBeStored(id));
      if (maybe.length > READ_WHOLE_ACCOUNT_AFTER) {
        wholeAccounts.add(accountId);
        reads.push(
          requestResult<Array<StoredBlock<T>>>(store.getAll(accountBlockRange(accountId))).then((blocks) => {
            for (const block of blocks) if (this.live(block)) loaded.set(blockKeyString(block), unpackBlock(block));
          }),
        );
      }
      toLookUp.push(...maybe);
    }
    await Promise.all(reads);
    const located = new Map<string, string>();
    for (const [key, block] of loaded) for (const id of block.ids) located.set(id, key);
    const byId = store.index('byId');
    // Every block that holds the id: a staged one may hold it too, beside the live one.
    const found = await Promise.all(
      toLookUp.filter((id) => !located.has(id)).map(async (id) => [id, await requestResult<BlockKey[]>(byId.getAllKeys(IDBKeyRange.only(id)))] as const),
    );
    const fetch = new Map<string, BlockKey>();
    for (const [, keys] of found) {
      for (const key of keys) {
        const k = keyString(key[0], key[1]);
        if (!loaded.has(k)) fetch.set(k, key);
      }
    }
    await Promise.all([...fetch].map(([k, key]) => this.load(loaded, k, key)));
    for (const [id, keys] of found) {
      for (const key of keys) {
        const k = keyString(key[0], key[1]);
        if (loaded.has(k)) located.set(id, k);
      }
    }

    // 2. Rows already stored: replaced in their own account's block, or taken out of another's.
    const changed = new Set<string>();
    for (const [accountId, rows] of step) {
      for (const [id, row] of rows) {
        const at = located.get(id);
        const block = at === undefined ? undefined : loaded.get(at);
        if (!block) continue;
        const i = block.ids.indexOf(id);
        if (i < 0) continue;
        if (block.accountId === accountId) {
          block.rows[i] = row;
          rows.delete(id);
          changed.add(at!);
        } else {
          block.ids.splice(i, 1);
          block.rows.splice(i, 1);
          changed.add(at!);
        }
      }
    }
    // 3. The rest appended, after each account's last block (into it, if `fill` and it is small).
    const tails = await Promise.all(step.map(([accountId, rows]) => (rows.size === 0 ? undefined : this.tailOf(accountId, loaded, wholeAccounts.has(accountId), fill))));
    step.forEach(([accountId, rows], s) => {
      if (rows.size === 0) return;
      const tail = tails[s]!;
      let block = tail.block;
      let n = tail.n;
      let bytes = block ? block.rows.reduce((sum, row) => sum + rowBytes(row), 0) : 0;
      for (const row of rows.values()) {
        const size = rowBytes(row);
        if (!block || block.rows.length >= BLOCK_ROWS || (bytes + size > BLOCK_BYTES && block.rows.length > 0)) {
          block = { accountId, n: ++n, ids: [], rows: [] };
          loaded.set(blockKeyString(block), block);
          bytes = 0;
        }
        block.ids.push(row.id);
        block.rows.push(row);
        bytes += size;
        changed.add(blockKeyString(block));
        this.options.stored?.(row.id);
      }
      this.tails.set(accountId, { n: block!.n, rows: block!.rows.length });
    });
    for (const k of changed) this.write(loaded.get(k)!);
  }

  /**
   * The number of an account's last block (-1 when it has none), and the block itself when the new
   * rows are to go into it: when `fill` and it is small.
   */
  private async tailOf(accountId: string, loaded: Map<string, RowBlock<T>>, whole: boolean, fill: boolean): Promise<{ n: number; block?: RowBlock<T> }> {
    let last: { n: number; rows: number } | undefined;
    if (whole) {
      const block = lastOf(loaded, accountId);
      last = block && { n: block.n, rows: block.rows.length };
    } else {
      last = this.tails.get(accountId);
      if (!last) {
        // The first write to this account in this transaction: its last live block, asked of the store.
        const block = await this.lastLiveBlock(accountId);
        if (!block) return { n: -1 };
        const k = blockKeyString(block);
        if (!loaded.has(k)) loaded.set(k, block);
        last = { n: block.n, rows: loaded.get(k)!.rows.length };
      }
    }
    if (!last) return { n: -1 };
    if (!fill || last.rows >= SMALL_BLOCK_ROWS) return { n: last.n };
    const k = keyString(accountId, last.n);
    if (!loaded.has(k)) await this.load(loaded, k, [accountId, last.n]);
    return { n: last.n, block: loaded.get(k) };
  }

  private async load(loaded: Map<string, RowBlock<T>>, k: string, key: BlockKey): Promise<void> {
    const block = await requestResult<StoredBlock<T> | undefined>(this.store.get(key));
    if (block && this.live(block) && !loaded.has(k)) loaded.set(k, unpackBlock(block));
  }

  private live(block: { importId?: string }): boolean {
    return this.options.isLive?.(block) ?? true;
  }

  /** An account's last live block (staged ones after it are passed over). */
  private lastLiveBlock(accountId: string): Promise<RowBlock<T> | undefined> {
    return new Promise((resolve, reject) => {
      const request = this.store.openCursor(accountBlockRange(accountId), 'prev');
      request.onsuccess = () => {
        const cursor = request.result;
        if (!cursor) return resolve(undefined);
        const block = cursor.value as StoredBlock<T>;
        if (this.live(block)) return resolve(unpackBlock(block));
        cursor.continue();
      };
      request.onerror = () => reject(request.error ?? new Error('Reading the last block failed'));
    });
  }

  private write(block: RowBlock<T>): void {
    this.touched.add(block.accountId);
    if (block.rows.length === 0) this.store.delete([block.accountId, block.n]);
    else this.store.put(packBlock(block));
  }
}

function lastOf<T extends BlockRow>(loaded: ReadonlyMap<string, RowBlock<T>>, accountId: string): RowBlock<T> | undefined {
  let last: RowBlock<T> | undefined;
  for (const block of loaded.values()) if (block.accountId === accountId && (!last || block.n > last.n)) last = block;
  return last;
}
