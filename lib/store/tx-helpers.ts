/**
 * Small helpers for writing to IndexedDB in bulk: errors a person can act on, writes whose failure the
 * transaction reports, and the plain store under idb's wrapper.
 */
import { unwrap } from 'idb';
import { wordedError, words } from '../i18n/words';

/** Turns IndexedDB's quota error into one a person can act on; other errors pass through. */
export function storageError(error: unknown, txError?: unknown): unknown {
  // A full disk often arrives as the transaction's abort (AbortError, or InvalidStateError from the next
  // request on the aborted transaction): the transaction's own error says what happened.
  if (isQuotaError(error) || isQuotaError(txError)) {
    return wordedError('storage_full', words('error.storageFull'));
  }
  return error;
}

function isQuotaError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'QuotaExceededError';
}

/**
 * After a write transaction failed: reads why the transaction ended (before aborting it clears that),
 * aborts what is left and waits for it to end; returns the error to throw (`storage_full` for a full disk).
 */
export async function failedWrite(tx: { abort(): void; done: Promise<unknown>; error?: DOMException | null }, error: unknown): Promise<unknown> {
  let txError: unknown = null;
  try {
    txError = tx.error;
  } catch {
    // Some wrappers throw while the transaction is still active: it has no error of its own yet.
  }
  await abortAndSettle(tx);
  return storageError(error, txError);
}

/** A write whose failure the transaction reports (it aborts, and `tx.done` rejects): no unhandled rejection. */
export function quietly(request: Promise<unknown>): void {
  request.catch(() => undefined);
}

/**
 * The plain IndexedDB store under idb's wrapper, for writes by the thousand: no promise per request.
 * A failed request aborts the transaction, which `tx.done` reports.
 */
export function bulk<S extends { put: unknown }>(store: S): IDBObjectStore {
  return unwrap(store as never) as unknown as IDBObjectStore;
}

/** Aborts a transaction that may have finished already (it failed on its own). */
export function abortQuietly(tx: { abort(): void }): void {
  try {
    tx.abort();
  } catch {
    // Already finished: it failed on its own.
  }
}

/**
 * Aborts a transaction (if it has not finished) and waits for it to end. Its own rejection is
 * expected here: the caller rethrows the error that made it abort, which says more.
 */
export async function abortAndSettle(tx: { abort(): void; done: Promise<unknown> }): Promise<void> {
  abortQuietly(tx);
  await tx.done.catch(() => undefined);
}
