/**
 * Write-once imports: an import writes its responses and sends straight into their final blocks, under
 * the account key the file gives, each block marked with the import's id and numbered in a range of its
 * own (`blockBase` of the import record, `IMPORT_BLOCK_STRIDE` wide). Such a block is *staged*: every
 * reader and writer passes over it until the import is committed, and committing is then a switch (the
 * import record says `committed`), not a second write of every row. A failed, cancelled or cut-off
 * import deletes its staged blocks with the same transaction that marks it, so the stored data is
 * exactly as it was.
 *
 * Rows wait in memory until their account has a whole block's worth (`StagedBlocks`), so a file whose
 * rows come in any order still makes whole blocks; what waits is written when the file ends. Were the
 * service worker stopped while rows wait, they would be lost: the import record counts them (`heldRows`),
 * and an import that finds its rows gone fails rather than commit without them.
 */
import type { SurveyResponse, SurveySend } from '../model';
import { BLOCK_BYTES, BLOCK_ROWS, rowBytes, type RowBlock } from './blocks';
import type { ImportRecord } from './schema';
import { IdFilter } from './id-filter';

/** Blocks an import may write per account; the next import's numbers start above them. */
export const IMPORT_BLOCK_STRIDE = 2 ** 20;

/** Import states whose staged blocks are not live (the others are either committed or deleted). */
export function isPendingImport(record: Pick<ImportRecord, 'state'>): boolean {
  return record.state === 'staging' || record.state === 'committing';
}

/** The first block number for a new import: above every import's range so far. */
export function nextBlockBase(records: ReadonlyArray<Pick<ImportRecord, 'blockBase'>>): number {
  let base = 0;
  for (const record of records) if (record.blockBase !== undefined && record.blockBase > base) base = record.blockBase;
  return base + IMPORT_BLOCK_STRIDE;
}

/**
 * Whether blocks are live, given the imports not committed yet: a block written live, or by a committed
 * import, is; a staged one is not.
 */
export function livenessOf(pendingImportIds: ReadonlySet<string>): (block: { importId?: string }) => boolean {
  return (block) => block.importId === undefined || !pendingImportIds.has(block.importId);
}

/**
 * The ids of the imports not committed, read in the caller's transaction: pending ones, and failed or
 * cancelled ones whose staged blocks could not be deleted yet (they never become live).
 */
export async function pendingImportIds(imports: { getAll(): Promise<ImportRecord[]> }): Promise<Set<string>> {
  return new Set((await imports.getAll()).filter((record) => record.state !== 'committed').map((record) => record.id));
}

/**
 * Imports known committed: a committed import never becomes pending again, so readers remember them and
 * ask the store only about imports they have not seen committed.
 */
const committedImports = new Set<string>();

/**
 * The live blocks among `blocks`. Asks the store (in the caller's transaction) only about imports not
 * known committed, which is none at all once an import's blocks have been read after its commit.
 */
export async function liveBlocks<B extends { importId?: string }>(
  blocks: B[],
  imports: { get(id: string): Promise<Pick<ImportRecord, 'state'> | undefined> },
): Promise<B[]> {
  let unknown: Set<string> | undefined;
  for (const block of blocks) {
    if (block.importId !== undefined && !committedImports.has(block.importId)) (unknown ??= new Set()).add(block.importId);
  }
  if (!unknown) return blocks;
  const ids = [...unknown];
  const records = await Promise.all(ids.map((id) => imports.get(id)));
  ids.forEach((id, i) => {
    if (records[i]?.state === 'committed') committedImports.add(id);
  });
  return blocks.filter((block) => block.importId === undefined || committedImports.has(block.importId));
}

interface Waiting<T> {
  /** Null where a row left for another account. */
  rows: Array<T | null>;
  /** Where each id is in `rows`: a row given again replaces the one waiting (the later wins). */
  at: Map<string, number>;
  bytes: number;
}

/** Ids an import's filter is sized for (16 bits each: 4 MiB); more only make its "maybe" likelier. */
const FILTER_IDS = 2_000_000;

/**
 * One import's rows on their way into staged blocks: added as batches arrive, written as whole blocks
 * (`takeFull`) as accounts fill them, the rest when the file ends (`takeAll`). Lives as long as its
 * import stages, in the service worker's memory.
 */
export class StagedBlocks<T extends SurveyResponse | SurveySend> {
  private readonly waiting = new Map<string, Waiting<T>>();
  /** Blocks written per account so far: the next one's number is `base` plus this. */
  private readonly written = new Map<string, number>();
  private held = 0;
  /** Every id added so far (a filter: "maybe" for ids it holds). */
  private readonly seen = new IdFilter(FILTER_IDS);
  /** The account each waiting id waits under. */
  private readonly waitingUnder = new Map<string, string>();
  /** Ids added again that may be in a block written already: the caller takes them out of it. */
  private again: string[] = [];

  constructor(
    private readonly importId: string,
    private readonly base: number,
    /** Begun after blocks were staged (the worker restarted): each account's next number is asked first. */
    private readonly resumed = false,
  ) {}

  /** Accounts with rows waiting whose next block number is not known yet (`startAt` tells it). */
  unnumbered(): string[] {
    return this.resumed ? [...this.waiting.keys()].filter((accountId) => !this.written.has(accountId)) : [];
  }

  /** The account's blocks staged so far (its next block is numbered `base + blocks`). */
  startAt(accountId: string, blocks: number): void {
    this.written.set(accountId, blocks);
  }

  /** Rows waiting in memory. */
  get heldRows(): number {
    return this.held;
  }

  /**
   * Adds a row. An id given before replaces the earlier row: waiting in memory, here; already written,
   * the caller takes it out of its block (`takeAgain`).
   */
  add(row: T): void {
    const under = this.waitingUnder.get(row.id);
    if (under !== undefined && under !== row.accountId) this.leave(under, row.id);
    else if (under === undefined && this.seen.mayHave(row.id)) this.again.push(row.id);
    this.seen.add(row.id);
    let waiting = this.waiting.get(row.accountId);
    if (!waiting) this.waiting.set(row.accountId, (waiting = { rows: [], at: new Map(), bytes: 0 }));
    const size = rowBytes(row);
    const i = waiting.at.get(row.id);
    if (i !== undefined) {
      waiting.bytes += size - rowBytes(waiting.rows[i]!);
      waiting.rows[i] = row;
      return;
    }
    waiting.at.set(row.id, waiting.rows.length);
    waiting.rows.push(row);
    waiting.bytes += size;
    this.waitingUnder.set(row.id, row.accountId);
    this.held++;
  }

  /** Ids added again since the last call that may be in blocks written before. */
  takeAgain(): string[] {
    const ids = this.again;
    this.again = [];
    return ids;
  }

  private leave(accountId: string, id: string): void {
    const waiting = this.waiting.get(accountId)!;
    const i = waiting.at.get(id)!;
    waiting.bytes -= rowBytes(waiting.rows[i]!);
    waiting.rows[i] = null;
    waiting.at.delete(id);
    this.waitingUnder.delete(id);
    this.held--;
  }

  /** The whole blocks waiting (accounts with a block's worth of rows); their rows stop waiting. */
  takeFull(): Array<RowBlock<T>> {
    const blocks: Array<RowBlock<T>> = [];
    for (const [accountId, holey] of this.waiting) {
      if (holey.at.size < BLOCK_ROWS && holey.bytes < BLOCK_BYTES) continue;
      const waiting = { rows: holey.at.size === holey.rows.length ? (holey.rows as T[]) : holey.rows.filter((row): row is T => row !== null) };
      let start = 0;
      let bytes = 0;
      let i = 0;
      for (; i < waiting.rows.length; i++) {
        const size = rowBytes(waiting.rows[i]!);
        if (i - start >= BLOCK_ROWS || (bytes + size > BLOCK_BYTES && i > start)) {
          blocks.push(this.block(accountId, waiting.rows.slice(start, i)));
          start = i;
          bytes = 0;
        }
        bytes += size;
      }
      // The last part stays unless it is a whole block itself.
      if (i - start >= BLOCK_ROWS || bytes >= BLOCK_BYTES) {
        blocks.push(this.block(accountId, waiting.rows.slice(start)));
        start = i;
        bytes = 0;
      }
      this.held -= start;
      for (let j = 0; j < start; j++) this.waitingUnder.delete(waiting.rows[j]!.id);
      if (start === waiting.rows.length) this.waiting.delete(accountId);
      else {
        const rows = waiting.rows.slice(start);
        this.waiting.set(accountId, { rows, at: new Map(rows.map((row, j) => [row.id, j])), bytes });
      }
    }
    return blocks;
  }

  /** Every row still waiting, as blocks (the last of each account part-filled). */
  takeAll(): Array<RowBlock<T>> {
    const blocks = this.takeFull();
    for (const [accountId, waiting] of this.waiting) {
      const rows = waiting.rows.filter((row): row is T => row !== null);
      if (rows.length > 0) blocks.push(this.block(accountId, rows));
    }
    this.waiting.clear();
    this.waitingUnder.clear();
    this.held = 0;
    return blocks;
  }

  private block(accountId: string, rows: T[]): RowBlock<T> {
    const k = this.written.get(accountId) ?? 0;
    if (k >= IMPORT_BLOCK_STRIDE) throw new Error(`Import ${this.importId}: account ${accountId} has more rows than one import may write`);
    this.written.set(accountId, k + 1);
    return { accountId, n: this.base + k, ids: rows.map((row) => row.id), rows, importId: this.importId };
  }
}
