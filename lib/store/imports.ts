/**
 * The import lifecycle: batches are staged, then committed in one transaction, so a failed or cancelled
 * import leaves the stored data exactly as it was; commits cut off by a stopped worker are redone at start-up.
 * Responses and sends are written once, into staged blocks that the commit makes live (`staged-blocks.ts`);
 * actions (and imports begun by an earlier version) wait in staged batches and are written at the commit.
 * Reading a file in is `import-staging.ts`; ending an import that is not committed, `import-end.ts`.
 */
import { errorCode, errorText, errorWordsOf } from '../core/errors';
import { createLogger } from '../core/log';
import type { ImportRecord, NpsDatabase } from './db';
import { CommitRun } from './commit-run';
import { bulk, abortAndSettle, failedWrite, quietly } from './tx-helpers';
import { isPendingImport, livenessOf, nextBlockBase } from './staged-blocks';
import { countStagedBlocks, moveStagedRows, removeLiveDuplicates } from './staged-commit';
import { countRows } from './row-counts';
import { endImportStaging, type StagingSessions } from './import-staging';
import { dropLeftovers, endImport, failImport, markFailed } from './import-end';

export { StagingSessions, stageBatch, endImportStaging } from './import-staging';

const log = createLogger('import');

/**
 * Told, once a commit has landed, which accounts it changed; undefined when it does not say (a big
 * import: every account is then taken as changed, and ranked again, as after any change of unknown reach).
 */
export type ChangedAccounts = (accountIds: ReadonlySet<string> | undefined) => void;

/**
 * An import of at most this many rows, changing at most `NAMED_COMMIT_ACCOUNTS` accounts, names them:
 * the background then reads those accounts again, not all of them (a pass over every account of a
 * million responses takes 13 s or more). A bigger one changes so much that a pass over all is the cheaper.
 */
export const NAMED_COMMIT_ROWS = 5_000;
export const NAMED_COMMIT_ACCOUNTS = 200;

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
  onChanged?: ChangedAccounts,
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
    const all = await tx.objectStore('imports').getAll();
    const pending = all.filter(isPendingImport);
    const writeOnce = record.blockBase !== undefined;
    // One instant for the whole commit: an account met in every batch is written once, not per batch.
    // This import's staged blocks are not live while it commits: they become so when it ends. Nor are
    // blocks left by an import that ended uncommitted (gone at the next start): the same rule as
    // every other writer's (`pendingImportIds`).
    const notCommitted = new Set(all.filter((r) => r.state !== 'committed').map((r) => r.id));
    // A small import names the accounts it changes, so that only theirs are ranked and summarised again.
    const changed = onChanged && record.imported <= NAMED_COMMIT_ROWS ? new Set<string>() : undefined;
    const commit = await CommitRun.start(tx, Date.now(), record.imported, { filter: !writeOnce, isLive: livenessOf(notCommitted), changed });
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
        const stored = ours > 0 ? await countRows(store) : 0;
        if (ours > 0 && (record.repeats || stored > staged)) {
          await removeLiveDuplicates(store, record, others.map((p) => p.blockBase!), { rows: ours, stored, under: accountKeys }, changed);
        }
      }
    }
    if (changed) {
      // Its staged rows' accounts (under the account each key was stored as), and every account a writer
      // of this commit wrote blocks of (rows moved to another account among them).
      for (const key of accountKeys) changed.add(commit.moved.get(key) ?? key);
      for (const id of commit.responses.touched) changed.add(id);
      for (const id of commit.sends.touched) changed.add(id);
    }
    record = { ...record, committedBatches: record.batches, state: 'committed', finishedAt: Date.now() };
    quietly(tx.objectStore('imports').put(record));
    await tx.done;
    onChanged?.(changed && changed.size <= NAMED_COMMIT_ACCOUNTS ? changed : undefined);
    return record;
  } catch (error) {
    const reported = await failedWrite(tx, error);
    if (errorCode(reported) === 'storage_full') await failImport(db, importId, errorText(reported));
    throw reported;
  }
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
