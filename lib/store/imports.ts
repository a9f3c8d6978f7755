/**
 * The import lifecycle: batches are staged, then committed in one transaction, so a failed or cancelled
 * import leaves the stored data exactly as it was; commits cut off by a stopped worker are redone at start-up.
 * Responses and sends are written once, into staged blocks that the commit makes live (`staged-blocks.ts`);
 * actions (and imports begun by an earlier version) wait in staged batches and are written at the commit.
 */
import { errorCode, errorText, errorWordsOf } from '../core/errors';
import { createLogger } from '../core/log';
import type { AccountFacts, SurveyResponse, SurveySend } from '../model';
import { sameFacts } from './account-merge';
import type { IDBPTransaction } from 'idb';
import { respondentOf, type ImportRecord, type NpsDatabase, type NpsDB, type Respondent, type StagedBatch } from './db';
import { CommitRun } from './commit-run';
import { bulk, abortAndSettle, failedWrite, quietly } from './tx-helpers';
import { StagedBlocks, isPendingImport, livenessOf, nextBlockBase } from './staged-blocks';
import { countStagedBlocks, deleteStagedBlocks, moveStagedRows, numberResumed, removeLiveDuplicates, takeOutOfStaged } from './staged-commit';
import { requestResult, type RowBlock } from './blocks';

const log = createLogger('import');

/**
 * Rows an import holds in memory waiting for whole blocks before it writes them part-filled: enough for
 * most accounts to fill theirs (80 per account), bounded (≈ 350 bytes a row).
 */
const HOLD_PER_ACCOUNT = 80;
const HOLD_MIN = 50_000;
const HOLD_MAX = 150_000;

/** What a staging import remembers between its batches, in the service worker's memory. */
interface StagingSession {
  responses: StagedBlocks<SurveyResponse>;
  sends: StagedBlocks<SurveySend>;
  /** The account facts each key was last staged with: a batch stages only facts that changed. */
  facts: Map<string, AccountFacts>;
  /** Each respondent's newest answer staged so far: a batch stages only people it makes newer. */
  people: Map<string, number>;
}

/** Facts or people remembered per import at most; past this it starts over (and stages more). */
const SESSION_MEMORY = 200_000;

/** The rows of the imports staging in this service worker, waiting for their blocks. */
export class StagingSessions {
  private readonly sessions = new Map<string, StagingSession>();

  get(record: ImportRecord): StagingSession | undefined {
    let session = this.sessions.get(record.id);
    if (!session && record.blockBase !== undefined) {
      const resumed = record.batches > 0;
      session = { responses: new StagedBlocks(record.id, record.blockBase, resumed), sends: new StagedBlocks(record.id, record.blockBase, resumed), facts: new Map(), people: new Map() };
      this.sessions.set(record.id, session);
    }
    return session;
  }

  has(importId: string): boolean {
    return this.sessions.has(importId);
  }

  /** True when rows of the import waited in memory of a worker that has stopped since: they are gone. */
  lost(record: ImportRecord): boolean {
    return record.blockBase !== undefined && !this.sessions.has(record.id) && (record.heldRows ?? 0) > 0;
  }

  drop(importId: string): void {
    this.sessions.delete(importId);
  }
}

/** Why an import whose waiting rows were lost cannot go on. */
const ROWS_LOST = 'The extension was restarted while the file was being read, and rows waiting to be saved were lost; nothing from it was saved. Import the file again.';

/** Records a new import; one of responses or sends gets its own range of block numbers. */
export async function beginImport(db: NpsDatabase, record: ImportRecord): Promise<void> {
  const tx = db.transaction('imports', 'readwrite');
  const staged = record.kind === 'actions' ? record : { ...record, blockBase: nextBlockBase(await tx.store.getAll()), stagedRows: { responses: 0, sends: 0 }, heldRows: 0 };
  await tx.store.put(staged);
  await tx.done;
}

export function getImport(db: NpsDatabase, id: string): Promise<ImportRecord | undefined> {
  return db.get('imports', id);
}

export async function listImports(db: NpsDatabase): Promise<ImportRecord[]> {
  return db.getAll('imports');
}

/** Stages one batch; nothing the panel reads changes until the import is committed. */
export async function stageBatch(db: NpsDatabase, sessions: StagingSessions, batch: StagedBatch): Promise<void> {
  // Relaxed: no flush to disk per batch. A batch lost to a crash fails its import (rows missing at
  // commit are never half-applied: recovery drops a staging import), and the person imports again.
  const tx = db.transaction(['staging', 'imports', 'responseBlocks', 'sendBlocks'], 'readwrite', { durability: 'relaxed' });
  const record = await tx.objectStore('imports').get(batch.importId);
  if (!record || record.state !== 'staging') {
    await abortAndSettle(tx);
    throw new Error(`Import ${batch.importId} is not accepting rows (${record?.state ?? 'unknown'})`);
  }
  if (sessions.lost(record)) {
    await abortAndSettle(tx);
    await failImport(db, record.id, ROWS_LOST);
    throw new Error(ROWS_LOST);
  }
  // A session begun after rows were staged (the worker restarted) no longer knows which ids were given.
  const restarted = record.blockBase !== undefined && !sessions.has(record.id) && record.batches > 0;
  const session = sessions.get(record);
  try {
    const written = { ...(record.stagedRows ?? { responses: 0, sends: 0 }) };
    const blocks = { blocks: record.stagedBlocks ?? 0, under: new Set<string>() };
    let people: Respondent[] | undefined;
    let accounts = batch.accounts;
    if (session) {
      for (const response of batch.responses) session.responses.add(response);
      for (const send of batch.sends) session.sends.add(send);
      people = newPeople(session, batchPeople(batch.responses));
      accounts = changedFacts(session, batch.accounts);
      // Ids given again that may be in blocks written already: the later row replaces the staged one.
      blocks.blocks -= await takeOutOfStaged(bulk(tx.objectStore('responseBlocks')), record, session.responses.takeAgain());
      blocks.blocks -= await takeOutOfStaged(bulk(tx.objectStore('sendBlocks')), record, session.sends.takeAgain());
      await numberResumed(bulk(tx.objectStore('responseBlocks')), session.responses, record);
      await numberResumed(bulk(tx.objectStore('sendBlocks')), session.sends, record);
      const held = session.responses.heldRows + session.sends.heldRows;
      const limit = Math.min(HOLD_MAX, Math.max(HOLD_MIN, session.facts.size * HOLD_PER_ACCOUNT));
      const whole = held > limit;
      written.responses += addBlocks(bulk(tx.objectStore('responseBlocks')), whole ? session.responses.takeAll() : session.responses.takeFull(), blocks);
      written.sends += addBlocks(bulk(tx.objectStore('sendBlocks')), whole ? session.sends.takeAll() : session.sends.takeFull(), blocks);
    }
    const staged: StagedBatch = session ? { ...batch, accounts, responses: [], sends: [], ...(people ? { people } : {}), stagedUnder: [...blocks.under] } : batch;
    await tx.objectStore('staging').put(staged);
    const next: ImportRecord = { ...record, batches: Math.max(record.batches, batch.seq + 1), touchedAt: Date.now() };
    if (session) {
      next.stagedRows = written;
      next.stagedBlocks = blocks.blocks;
      next.heldRows = session.responses.heldRows + session.sends.heldRows;
      if (restarted) next.repeats = true;
    }
    await tx.objectStore('imports').put(next);
    await tx.done;
  } catch (error) {
    // The rows taken for this batch's blocks were not written: the import cannot go on. A full disk
    // fails it at once, and what it staged is dropped (its room is free again).
    sessions.drop(batch.importId);
    const reported = await failedWrite(tx, error);
    if (errorCode(reported) === 'storage_full') await failImport(db, batch.importId, errorText(reported));
    throw reported;
  }
}

/**
 * Adds staged blocks (never over a stored one: a clash aborts the transaction); returns their rows, and
 * counts the blocks and notes their account keys in `written`.
 */
function addBlocks(store: IDBObjectStore, blocks: ReadonlyArray<RowBlock>, written: { blocks: number; under: Set<string> }): number {
  let rows = 0;
  for (const block of blocks) {
    store.add(block);
    rows += block.ids.length;
    written.under.add(block.accountId);
  }
  written.blocks += blocks.length;
  return rows;
}

/**
 * The batch's account facts that differ from those its keys were last staged with (most batches of a
 * file repeat what earlier ones said of an account: the commit would merge them for nothing).
 */
function changedFacts(session: StagingSession, facts: readonly AccountFacts[]): AccountFacts[] {
  if (session.facts.size > SESSION_MEMORY) session.facts.clear();
  return facts.filter((f) => {
    const last = session.facts.get(f.id);
    if (last && sameFacts(last, f)) return false;
    session.facts.set(f.id, f);
    return true;
  });
}

/** The people whose answer in the batch is newer than any staged before for them. */
function newPeople(session: StagingSession, people: readonly Respondent[]): Respondent[] {
  if (session.people.size > SESSION_MEMORY) session.people.clear();
  return people.filter((person) => {
    const id = `${person.accountId}\u0000${person.key}`;
    const last = session.people.get(id);
    if (last !== undefined && last >= person.lastRespondedAt) return false;
    session.people.set(id, person.lastRespondedAt);
    return true;
  });
}

/** The respondents of a batch's responses, each with their newest answer. */
function batchPeople(responses: readonly SurveyResponse[]): Respondent[] {
  const people = new Map<string, Respondent>();
  for (const response of responses) {
    const person = respondentOf(response);
    if (!person) continue;
    const id = `${person.accountId}\u0000${person.key}`;
    const known = people.get(id);
    if (!known || known.lastRespondedAt < person.lastRespondedAt) people.set(id, person);
  }
  return [...people.values()];
}

/**
 * The end of an import's reading: the rows still waiting in memory are written to staged blocks and the
 * import becomes `committing`, in one transaction. From here everything the commit needs is stored (a
 * commit cut off is redone at start-up). A full disk fails the import and drops what it staged.
 */
export async function endImportStaging(db: NpsDatabase, sessions: StagingSessions, importId: string, totals: { imported: number; rejected: number }): Promise<ImportRecord> {
  try {
    return await finishStaging(db, sessions, importId, totals);
  } catch (error) {
    if (errorCode(error) === 'storage_full') await failImport(db, importId, errorText(error));
    throw error;
  }
}

async function finishStaging(db: NpsDatabase, sessions: StagingSessions, importId: string, totals: { imported: number; rejected: number }): Promise<ImportRecord> {
  const tx = db.transaction(['staging', 'imports', 'responseBlocks', 'sendBlocks'], 'readwrite');
  try {
    const record = await tx.objectStore('imports').get(importId);
    if (!record) throw new Error(`Unknown import ${importId}`);
    if (record.state !== 'staging') {
      await abortAndSettle(tx);
      return record;
    }
    const stagedRows = { ...(record.stagedRows ?? { responses: 0, sends: 0 }) };
    const blocks = { blocks: record.stagedBlocks ?? 0, under: new Set<string>() };
    let batches = record.batches;
    if (record.blockBase !== undefined) {
      if (sessions.lost(record)) {
        await abortAndSettle(tx);
        await failImport(db, importId, ROWS_LOST);
        throw new Error(ROWS_LOST);
      }
      const session = sessions.get(record)!;
      await numberResumed(bulk(tx.objectStore('responseBlocks')), session.responses, record);
      await numberResumed(bulk(tx.objectStore('sendBlocks')), session.sends, record);
      stagedRows.responses += addBlocks(bulk(tx.objectStore('responseBlocks')), session.responses.takeAll(), blocks);
      stagedRows.sends += addBlocks(bulk(tx.objectStore('sendBlocks')), session.sends.takeAll(), blocks);
      // Where these last blocks are, in a batch of their own (no rows, no accounts).
      if (blocks.under.size > 0) {
        await tx.objectStore('staging').put({ importId, seq: batches, accounts: [], responses: [], actions: [], sends: [], stagedUnder: [...blocks.under] });
        batches++;
      }
    }
    const next: ImportRecord = { ...record, state: 'committing', imported: totals.imported, rejected: totals.rejected, batches };
    if (record.blockBase !== undefined) Object.assign(next, { stagedRows, stagedBlocks: blocks.blocks, heldRows: 0 });
    await tx.objectStore('imports').put(next);
    await tx.done;
    sessions.drop(importId);
    return next;
  } catch (error) {
    sessions.drop(importId);
    throw await failedWrite(tx, error);
  }
}

/**
 * Applies the staged batches to the live stores in one transaction, so the commit is atomic: a full
 * disk (QuotaExceededError), an error, or the service worker being stopped part-way leaves the stored
 * data exactly as it was. A quota error fails the import and drops its staged rows (freeing their
 * room); anything else leaves it `committing`, and `recoverImports` redoes the commit at the next
 * start-up from the staged rows, which are deleted only by the transaction that applies them.
 * Readers wait while the transaction runs (156 s for 1,000,000 rows on a loaded 2-core machine).
 */
export async function commitImport(db: NpsDatabase, sessions: StagingSessions,
  importId: string,
  totals: { imported: number; rejected: number },
  onProgress?: (done: number, total: number) => void,
): Promise<ImportRecord> {
  let record = await db.get('imports', importId);
  if (!record) throw new Error(`Unknown import ${importId}`);
  if (record.state === 'staging') record = await endImportStaging(db, sessions, importId, totals);
  if (record.state !== 'committing') return record;

  const tx = db.transaction(['staging', 'accounts', 'respondentLists', 'responseBlocks', 'actions', 'sendBlocks', 'imports'], 'readwrite');
  try {
    // Read again inside the transaction: a discard or another commit may have run since the read above.
    const current = await tx.objectStore('imports').get(importId);
    if (current?.state !== 'committing') {
      await abortAndSettle(tx);
      return current ?? record;
    }
    record = current;
    const pending = (await tx.objectStore('imports').getAll()).filter(isPendingImport);
    const writeOnce = record.blockBase !== undefined;
    // One instant for the whole commit: an account met in every batch is written once, not per batch.
    // This import's staged blocks are not live while it commits: they become so when it ends.
    const commit = await CommitRun.start(tx, Date.now(), record.imported, { filter: !writeOnce, isLive: livenessOf(new Set(pending.map((p) => p.id))) });
    const staging = tx.objectStore('staging');
    const accountKeys = new Set<string>();
    // The next batch is asked for while this one is applied: one round trip less per batch.
    let next = staging.get([importId, record.committedBatches]);
    for (let seq = record.committedBatches; seq < record.batches; seq++) {
      const staged = await next;
      if (seq + 1 < record.batches) next = staging.get([importId, seq + 1]);
      if (staged) {
        for (const key of staged.stagedUnder ?? []) accountKeys.add(key);
        await commit.apply(staged);
      }
      quietly(staging.delete([importId, seq]));
      onProgress?.(seq + 1, record.batches);
    }
    await commit.flushRows();
    await commit.writeRespondents();
    if (writeOnce) {
      const responses = bulk(tx.objectStore('responseBlocks'));
      const sends = bulk(tx.objectStore('sendBlocks'));
      // Every block it staged is here: an import ended (discarded) while it staged has lost some.
      const found = await countStagedBlocks([responses, sends], record, accountKeys);
      if (found !== (record.stagedBlocks ?? 0)) {
        await abortAndSettle(tx);
        await endImport(db, importId, 'failed', `${record.stagedBlocks! - found} of the ${record.stagedBlocks} blocks of rows it stored were gone when it was saved (it was discarded meanwhile); nothing from it was saved.`);
        return (await db.get('imports', importId)) ?? record;
      }
      // Rows staged under a key whose account is stored under another id go to that account.
      for (const [from, to] of commit.moved) {
        await moveStagedRows(responses, commit.responses, record, from, to);
        await moveStagedRows(sends, commit.sends, record, from, to);
      }
      // Each id the import brought replaces the stored row of that id, wherever it was: a pass over the
      // ids, unless every stored row is staged (nothing live to replace).
      const others = pending.filter((p) => p.id !== importId && p.blockBase !== undefined);
      for (const [name, store] of [['responses', responses], ['sends', sends]] as const) {
        const ours = record.stagedRows?.[name] ?? 0;
        const staged = others.reduce((sum, p) => sum + (p.stagedRows?.[name] ?? 0), 0) + ours;
        const stored = ours > 0 ? await requestResult<number>(store.index('byId').count()) : 0;
        if (ours > 0 && (record.repeats || stored > staged)) {
          await removeLiveDuplicates(store, record, others.map((p) => p.blockBase!), { rows: ours, stored, under: accountKeys });
        }
      }
    }
    record = { ...record, committedBatches: record.batches, state: 'committed', finishedAt: Date.now() };
    quietly(tx.objectStore('imports').put(record));
    await tx.done;
    return record;
  } catch (error) {
    const reported = await failedWrite(tx, error);
    if (errorCode(reported) === 'storage_full') await failImport(db, importId, errorText(reported));
    throw reported;
  }
}


/** Marks an import failed and drops its staged rows, whatever state it was in (before it was committed). */
async function markFailed(db: NpsDatabase, importId: string, error: string): Promise<void> {
  await endImport(db, importId, 'failed', error);
}

/**
 * Ends an import that was not committed. Its staged blocks go first, in a transaction of deletes alone
 * (on a full disk, one that also writes is refused); then its record says it ended, and its staged
 * batches go. A commit racing it finds blocks missing and fails (`commitImport`); were the end cut off
 * after the blocks, the import is left as it was, minus rows it can no longer commit.
 */
async function endImport(db: NpsDatabase, importId: string, state: 'failed' | 'cancelled', error?: string): Promise<boolean> {
  await dropStagedBlocks(db, importId);
  const tx = db.transaction(['staging', 'imports', 'responseBlocks', 'sendBlocks'], 'readwrite');
  const record = await tx.objectStore('imports').get(importId);
  if (!record || record.state === 'committed') {
    await tx.done;
    return false;
  }
  await tx.objectStore('imports').put({ ...record, state, error, finishedAt: Date.now() });
  await tx.objectStore('staging').delete(IDBKeyRange.bound([importId, 0], [importId, Infinity]));
  await tx.done;
  return true;
}

/** Deletes the staged blocks of an import not committed, and nothing else. */
async function dropStagedBlocks(db: NpsDatabase, importId: string): Promise<void> {
  const tx = db.transaction(['staging', 'imports', 'responseBlocks', 'sendBlocks'], 'readwrite');
  const record = await tx.objectStore('imports').get(importId);
  if (record && record.state !== 'committed' && record.blockBase !== undefined) {
    const keys = new Set<string>();
    for (const staged of await tx.objectStore('staging').getAll(IDBKeyRange.bound([importId, 0], [importId, Infinity]))) for (const key of staged.stagedUnder ?? []) keys.add(key);
    deleteStagedBlocks([bulk(tx.objectStore('responseBlocks')), bulk(tx.objectStore('sendBlocks'))], record, keys);
  }
  await tx.done;
}

/** Deletes what an ended import (failed or cancelled) staged: its batches and its blocks. */
async function dropLeftovers(db: NpsDatabase, importId: string): Promise<void> {
  const tx = db.transaction(['staging', 'imports', 'responseBlocks', 'sendBlocks'], 'readwrite');
  const record = await tx.objectStore('imports').get(importId);
  if (record && (record.state === 'failed' || record.state === 'cancelled')) await dropStaged(tx, record);
  await tx.done;
}

type StagingTx = IDBPTransaction<NpsDB, Array<'staging' | 'imports' | 'responseBlocks' | 'sendBlocks'>, 'readwrite'>;

/** Deletes an import's staged blocks (its rows) and its staged batches, in the caller's transaction. */
async function dropStaged(tx: StagingTx, record: ImportRecord): Promise<void> {
  const staging = tx.objectStore('staging');
  const range = IDBKeyRange.bound([record.id, 0], [record.id, Infinity]);
  if (record.blockBase !== undefined) {
    // Where its blocks are: each batch names the account keys of the blocks written with it.
    const keys = new Set<string>();
    for (const staged of await staging.getAll(range)) for (const key of staged.stagedUnder ?? []) keys.add(key);
    deleteStagedBlocks([bulk(tx.objectStore('responseBlocks')), bulk(tx.objectStore('sendBlocks'))], record, keys);
  }
  await staging.delete(range);
}

/** The same after a failed commit, whose own error is what the caller reports: failing to record it is logged, not thrown. */
async function failImport(db: NpsDatabase, importId: string, error: string): Promise<void> {
  await markFailed(db, importId, error).catch(log.failed(`marking import ${importId} failed`));
}

/** Drops an import's staged rows; the live data is untouched. */
export async function cancelImport(db: NpsDatabase, importId: string, state: 'cancelled' | 'failed' = 'cancelled', error?: string, sessions?: StagingSessions): Promise<void> {
  const record = await db.get('imports', importId);
  if (record?.state === 'committing' || record?.state === 'committed') return;
  if (record) await endImport(db, importId, state, error);
  else {
    const tx = db.transaction('staging', 'readwrite');
    for (const key of await tx.store.index('byImport').getAllKeys(importId)) void tx.store.delete(key);
    await tx.done;
  }
  // Its rows waiting in memory go too (not before: a commit may have taken them first).
  sessions?.drop(importId);
}

/** How many times a commit cut off part-way is tried again at start-up before the import is given up. */
export const MAX_RECOVERY_ATTEMPTS = 3;

/**
 * At start-up: finish commits that were under way, and drop stagings that can no longer finish
 * (their page was closed), so the store is always either before or after an import, never between.
 * A commit that keeps failing (each try is counted before it starts, so a worker stopped mid-try counts
 * too) is marked failed after `MAX_RECOVERY_ATTEMPTS` and its staged rows dropped. One import failing
 * never stops the others, nor the store from opening.
 */
export async function recoverImports(db: NpsDatabase, sessions: StagingSessions, now: number, abandonedAfterMs = 5 * 60_000): Promise<void> {
  for (const record of await listImports(db)) {
    try {
      if (record.state === 'committing') await recoverCommit(db, sessions, record);
      else if ((record.state === 'failed' || record.state === 'cancelled') && (await db.countFromIndex('staging', 'byImport', record.id)) > 0) {
        // An end cut off before what it staged was dropped.
        await dropLeftovers(db, record.id);
      }
      else if (record.state === 'staging' && now - record.touchedAt > abandonedAfterMs) {
        await cancelImport(db, record.id, 'failed', 'The import was interrupted before it finished.');
      }
    } catch (error) {
      log.failed(`finishing import ${record.id}`)(error);
    }
  }
}

async function recoverCommit(db: NpsDatabase, sessions: StagingSessions, record: ImportRecord): Promise<void> {
  const attempts = (record.recoveryAttempts ?? 0) + 1;
  if (attempts > MAX_RECOVERY_ATTEMPTS) {
    const last = record.error ? ` The last try said: ${record.error}` : '';
    await failImport(db, record.id, `The import could not be finished after ${MAX_RECOVERY_ATTEMPTS} tries; nothing from it was saved.${last}`);
    return;
  }
  await db.put('imports', { ...record, recoveryAttempts: attempts });
  try {
    await commitImport(db, sessions, record.id, record);
  } catch (error) {
    const latest = await db.get('imports', record.id);
    if (latest?.state === 'committing') {
      const said = errorWordsOf(error);
      await db.put('imports', { ...latest, error: errorText(error), ...(said ? { errorWords: said } : {}) });
    }
    throw error;
  }
}

/**
 * Gives up an import that is not committed (staging, or a commit that keeps failing): its staged rows
 * are dropped and it is marked failed; the stored data is untouched (a commit is all or nothing). A
 * commit running at that moment finishes first (IndexedDB runs the two transactions one after the other).
 */
export async function discardImport(db: NpsDatabase, importId: string, sessions?: StagingSessions): Promise<void> {
  if (!(await db.get('imports', importId))) throw new Error(`Unknown import ${importId}`);
  await markFailed(db, importId, 'Discarded by the user; nothing from it was saved.');
  if ((await db.get('imports', importId))?.state === 'failed') sessions?.drop(importId);
}
