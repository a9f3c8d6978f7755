/**
 * The import lifecycle: batches are staged, then committed in one transaction, so a failed or cancelled
 * import leaves the stored data exactly as it was; commits cut off by a stopped worker are redone at start-up.
 */
import { errorCode, errorText, errorWordsOf } from '../core/errors';
import { createLogger } from '../core/log';
import type { ImportRecord, NpsDatabase, StagedBatch } from './db';
import { CommitRun } from './commit-run';
import { abortAndSettle, failedWrite, quietly } from './tx-helpers';

const log = createLogger('import');

export async function beginImport(db: NpsDatabase, record: ImportRecord): Promise<void> {
  await db.put('imports', record);
}

export function getImport(db: NpsDatabase, id: string): Promise<ImportRecord | undefined> {
  return db.get('imports', id);
}

export async function listImports(db: NpsDatabase): Promise<ImportRecord[]> {
  return db.getAll('imports');
}

/** Stages one batch; nothing the panel reads changes until the import is committed. */
export async function stageBatch(db: NpsDatabase, batch: StagedBatch): Promise<void> {
  // Relaxed: no flush to disk per batch. A batch lost to a crash fails its import (rows missing at
  // commit are never half-applied: recovery drops a staging import), and the person imports again.
  const tx = db.transaction(['staging', 'imports'], 'readwrite', { durability: 'relaxed' });
  const record = await tx.objectStore('imports').get(batch.importId);
  if (!record || record.state !== 'staging') {
    await abortAndSettle(tx);
    throw new Error(`Import ${batch.importId} is not accepting rows (${record?.state ?? 'unknown'})`);
  }
  try {
    await tx.objectStore('staging').put(batch);
    record.batches = Math.max(record.batches, batch.seq + 1);
    record.touchedAt = Date.now();
    await tx.objectStore('imports').put(record);
    await tx.done;
  } catch (error) {
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
export async function commitImport(db: NpsDatabase, 
  importId: string,
  totals: { imported: number; rejected: number },
  onProgress?: (done: number, total: number) => void,
): Promise<ImportRecord> {
  let record = await db.get('imports', importId);
  if (!record) throw new Error(`Unknown import ${importId}`);
  if (record.state === 'staging') {
    record = { ...record, state: 'committing', imported: totals.imported, rejected: totals.rejected };
    await db.put('imports', record);
  }
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
    // One instant for the whole commit: an account met in every batch is written once, not per batch.
    const commit = await CommitRun.start(tx, Date.now(), record.imported);
    const staging = tx.objectStore('staging');
    // The next batch is asked for while this one is applied: one round trip less per batch.
    let next = staging.get([importId, record.committedBatches]);
    for (let seq = record.committedBatches; seq < record.batches; seq++) {
      const staged = await next;
      if (seq + 1 < record.batches) next = staging.get([importId, seq + 1]);
      if (staged) await commit.apply(staged);
      quietly(staging.delete([importId, seq]));
      onProgress?.(seq + 1, record.batches);
    }
    await commit.flushRows();
    await commit.writeRespondents();
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
  const tx = db.transaction(['staging', 'imports'], 'readwrite');
  const record = await tx.objectStore('imports').get(importId);
  if (record && record.state !== 'committed') {
    await tx.objectStore('staging').delete(IDBKeyRange.bound([importId, 0], [importId, Infinity]));
    await tx.objectStore('imports').put({ ...record, state: 'failed', error, finishedAt: Date.now() });
  }
  await tx.done;
}

/** The same after a failed commit, whose own error is what the caller reports: failing to record it is logged, not thrown. */
async function failImport(db: NpsDatabase, importId: string, error: string): Promise<void> {
  await markFailed(db, importId, error).catch(log.failed(`marking import ${importId} failed`));
}

/** Drops an import's staged rows; the live data is untouched. */
export async function cancelImport(db: NpsDatabase, importId: string, state: 'cancelled' | 'failed' = 'cancelled', error?: string): Promise<void> {
  const record = await db.get('imports', importId);
  if (record?.state === 'committing' || record?.state === 'committed') return;
  const tx = db.transaction(['staging', 'imports'], 'readwrite');
  const staging = tx.objectStore('staging');
  for (const key of await staging.index('byImport').getAllKeys(importId)) void staging.delete(key);
  if (record) await tx.objectStore('imports').put({ ...record, state, error, finishedAt: Date.now() });
  await tx.done;
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
export async function recoverImports(db: NpsDatabase, now: number, abandonedAfterMs = 5 * 60_000): Promise<void> {
  for (const record of await listImports(db)) {
    try {
      if (record.state === 'committing') await recoverCommit(db, record);
      else if (record.state === 'staging' && now - record.touchedAt > abandonedAfterMs) {
        await cancelImport(db, record.id, 'failed', 'The import was interrupted before it finished.');
      }
    } catch (error) {
      log.failed(`finishing import ${record.id}`)(error);
    }
  }
}

async function recoverCommit(db: NpsDatabase, record: ImportRecord): Promise<void> {
  const attempts = (record.recoveryAttempts ?? 0) + 1;
  if (attempts > MAX_RECOVERY_ATTEMPTS) {
    const last = record.error ? ` The last try said: ${record.error}` : '';
    await failImport(db, record.id, `The import could not be finished after ${MAX_RECOVERY_ATTEMPTS} tries; nothing from it was saved.${last}`);
    return;
  }
  await db.put('imports', { ...record, recoveryAttempts: attempts });
  try {
    await commitImport(db, record.id, record);
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
export async function discardImport(db: NpsDatabase, importId: string): Promise<void> {
  if (!(await db.get('imports', importId))) throw new Error(`Unknown import ${importId}`);
  await markFailed(db, importId, 'Discarded by the user; nothing from it was saved.');
}
