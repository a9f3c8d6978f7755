/**
 * How an import that is not committed ends (failed, cancelled, discarded): its record says so, and what
 * it staged is deleted.
 */
import type { IDBPTransaction } from 'idb';
import { createLogger } from '../core/log';
import type { ImportRecord, NpsDatabase, NpsDB } from './db';
import { bulk } from './tx-helpers';
import { deleteStagedBlocks } from './staged-commit';

const log = createLogger('import');

/** Marks an import failed and drops its staged rows, whatever state it was in (before it was committed). */
export async function markFailed(db: NpsDatabase, importId: string, error: string): Promise<void> {
  await endImport(db, importId, 'failed', error);
}

/**
 * Ends an import that was not committed. Its staged blocks go first, in a transaction of deletes alone
 * (on a full disk, one that also writes is refused); then its record says it ended, and its staged
 * batches go. A commit racing it finds blocks missing and fails (`commitImport`); were the end cut off
 * after the blocks, the import is left as it was, minus rows it can no longer commit.
 */
export async function endImport(db: NpsDatabase, importId: string, state: 'failed' | 'cancelled', error?: string): Promise<boolean> {
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
export async function dropLeftovers(db: NpsDatabase, importId: string): Promise<void> {
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
export async function failImport(db: NpsDatabase, importId: string, error: string): Promise<void> {
  await markFailed(db, importId, error).catch(log.failed(`marking import ${importId} failed`));
}
