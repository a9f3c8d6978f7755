/**
 * The outbox: action writes waiting for the data source, delivered in order and exactly once.
 */
import type { Action } from '../model';
import type { NpsDatabase, OutboxEntry } from './db';

/** Saves an action locally and queues its write to the source, in one transaction. */
export async function enqueueActionWrite(db: NpsDatabase, action: Action, op: OutboxEntry['op'], idempotencyKey: string, now: number): Promise<OutboxEntry> {
  const tx = db.transaction(['actions', 'outbox'], 'readwrite');
  const earlier = await tx.objectStore('outbox').index('byAction').getAll(action.id);
  const stored = await tx.objectStore('actions').get(action.id);
  // An update queued behind writes not yet delivered learns its base when they are; otherwise its base
  // is the source's version stored now.
  const base = op === 'create' || earlier.length > 0 ? null : (stored?.updatedAt ?? null);
  const entry: OutboxEntry = {
    actionId: action.id,
    op: op === 'update' && !stored && earlier.length === 0 ? 'create' : op,
    action,
    base,
    idempotencyKey,
    enqueuedAt: now,
    attempts: 0,
    nextAttemptAt: now,
    state: 'pending',
    lastError: null,
  };
  void tx.objectStore('actions').put(action);
  entry.seq = await tx.objectStore('outbox').add(entry);
  await tx.done;
  return entry;
}

/** The outbox in delivery order. */
export function listOutbox(db: NpsDatabase): Promise<OutboxEntry[]> {
  return db.getAll('outbox');
}

export function getOutboxEntry(db: NpsDatabase, seq: number): Promise<OutboxEntry | undefined> {
  return db.get('outbox', seq);
}

export async function updateOutboxEntry(db: NpsDatabase, entry: OutboxEntry): Promise<void> {
  await db.put('outbox', entry);
}

/**
 * A write reached the source: the entry goes, and the source's version of the action is stored —
 * unless later writes to it are still queued, which then build on that version.
 */
export async function outboxDelivered(db: NpsDatabase, seq: number, result: Action): Promise<void> {
  const tx = db.transaction(['actions', 'outbox'], 'readwrite');
  const outbox = tx.objectStore('outbox');
  const entry = await outbox.get(seq);
  if (!entry) {
    await tx.done;
    return;
  }
  void outbox.delete(seq);
  const later = (await outbox.index('byAction').getAll(entry.actionId)).filter((e) => e.seq !== seq);
  const next = later.sort((a, b) => a.seq! - b.seq!)[0];
  if (next) {
    if (next.base === null) void outbox.put({ ...next, op: 'update', base: result.updatedAt });
  } else void tx.objectStore('actions').put(result);
  await tx.done;
}

/**
 * Drops an action's queued writes and stores the source's version instead ("take theirs"); null
 * removes the action (it never reached the source), undefined leaves what is stored.
 */
export async function discardActionWrites(db: NpsDatabase, actionId: string, theirs: Action | null | undefined): Promise<void> {
  const tx = db.transaction(['actions', 'outbox'], 'readwrite');
  const outbox = tx.objectStore('outbox');
  for (const key of await outbox.index('byAction').getAllKeys(actionId)) void outbox.delete(key);
  if (theirs) void tx.objectStore('actions').put(theirs);
  else if (theirs === null) void tx.objectStore('actions').delete(actionId);
  await tx.done;
}
