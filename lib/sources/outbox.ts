/**
 * Write-back: the durable outbox of action writes. A write is saved at once in the cache and queued
 * with an idempotency key; delivery goes in order per action, one round at a time, waits out backoff
 * (alarms wake the worker for it), and turns a changed-on-both-sides write into a visible conflict.
 */
import { errorText, errorWordsOf } from '../core/errors';
import { wordedError, words } from '../i18n/words';
import { createLogger } from '../core/log';
import type { Action } from '../model';
import type { OutboxEntry } from '../store';
import { OUTBOX_ALARM, type EngineContext } from './engine-context';
import { SourceError } from './http/fetcher';
import type { WriteConflict } from './status';
import { ActionConflictError } from './types';

const log = createLogger('outbox');

/** Backoff for queued writes: 30 s, 1 min, 2 min … up to an hour, with jitter so clients spread out. */
export function outboxDelay(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(60 * 60_000, 30_000 * 2 ** Math.max(0, attempts - 1));
  return Math.round(base / 2 + (random() * base) / 2);
}

export class SourceOutbox {
  private delivering: Promise<void> | undefined;
  private deliverAgain = false;
  private deliverSoon = false;

  constructor(private readonly ctx: EngineContext) {}

  /** The delivery under way, if any. */
  get inFlight(): Promise<void> | undefined {
    return this.delivering;
  }

  /**
   * Saves an action: at once in the cache, and for the HTTP source also queued (durably, with an
   * idempotency key) to be written to the source, now if it answers, later if not.
   */
  async write(action: Action, op: OutboxEntry['op']): Promise<Action> {
    const { source } = await this.ctx.active();
    const store = await this.ctx.options.store();
    // Its account changed, and the one it was under if it moved.
    const before = await store.getAction(action.id);
    if (source.kind === 'local') {
      await store.putAction(action);
    } else {
      await store.enqueueActionWrite(action, op, crypto.randomUUID(), this.ctx.now());
      void this.deliver();
    }
    this.ctx.options.dataChanged(before ? [action.accountId, before.accountId] : [action.accountId]);
    return action;
  }

  /**
   * Sends what is due in the outbox, in order; one delivery at a time. `soon`: the source has just
   * answered (a sync went through), so writes waiting out their backoff go now too.
   */
  deliver(options: { soon?: boolean } = {}): Promise<void> {
    if (options.soon) this.deliverSoon = true;
    if (this.delivering) {
      this.deliverAgain = true;
      return this.delivering;
    }
    this.delivering = (async () => {
      do {
        this.deliverAgain = false;
        const soon = this.deliverSoon;
        this.deliverSoon = false;
        await this.deliverRound(soon);
      } while (this.deliverAgain);
    })().finally(() => (this.delivering = undefined));
    return this.delivering;
  }

  private async deliverRound(soon: boolean): Promise<void> {
    const { source } = await this.ctx.active();
    if (source.kind !== 'http') return;
    const store = await this.ctx.options.store();
    const entries = (await store.listOutbox()).sort((a, b) => a.seq! - b.seq!);
    const blocked = new Set<string>();
    const delivered = new Set<string>();
    let changed = false;
    // The accounts of the actions delivered or refused: theirs alone changed.
    const accounts = new Set<string>();
    let retryAt: number | null = null;
    // A write queued behind another of the same action learns its base when that one is delivered: it
    // goes in another round (this round's list was read before), not at some later trigger.
    let learnedBase = false;
    const random = this.ctx.options.http?.random ?? Math.random;
    for (const entry of entries) {
      // An action's writes go in order: one waiting or refused holds back the ones after it.
      if (blocked.has(entry.actionId)) continue;
      const now = soon ? Infinity : this.ctx.now();
      if (entry.state !== 'pending' || entry.nextAttemptAt > now || (entry.op === 'update' && entry.base === null)) {
        if (entry.state === 'pending' && entry.op === 'update' && entry.base === null && delivered.has(entry.actionId)) learnedBase = true;
        blocked.add(entry.actionId);
        if (entry.state === 'pending' && entry.nextAttemptAt > now) retryAt = Math.min(retryAt ?? Infinity, entry.nextAttemptAt);
        continue;
      }
      try {
        const result =
          entry.op === 'create'
            ? await source.createAction(entry.action, entry.idempotencyKey)
            : await source.updateAction(entry.action, entry.base!, entry.idempotencyKey);
        await store.outboxDelivered(entry.seq!, result);
        delivered.add(entry.actionId);
        changed = true;
        accounts.add(entry.action.accountId).add(result.accountId);
      } catch (error) {
        blocked.add(entry.actionId);
        changed = true;
        accounts.add(entry.action.accountId);
        if (error instanceof ActionConflictError) {
          await store.updateOutboxEntry({ ...entry, state: 'conflict', theirs: error.theirs, lastError: error.message, lastErrorWords: errorWordsOf(error) ?? null });
          continue;
        }
        const waitable = error instanceof SourceError && (error.transient || error.kind === 'auth');
        const refused = error instanceof SourceError && !waitable;
        if (!refused) {
          // The source is down, slow, limiting us, or refusing the token: try again later, in order.
          const attempts = entry.attempts + 1;
          const delay = (error instanceof SourceError ? error.details.retryAfterMs : undefined) ?? outboxDelay(attempts, random);
          const nextAttemptAt = this.ctx.now() + delay;
          await store.updateOutboxEntry({ ...entry, attempts, nextAttemptAt, lastError: errorText(error), lastErrorWords: errorWordsOf(error) ?? null });
          retryAt = Math.min(retryAt ?? Infinity, nextAttemptAt);
          break;
        }
        await store.updateOutboxEntry({ ...entry, state: 'rejected', lastError: errorText(error), lastErrorWords: errorWordsOf(error) ?? null });
      }
    }
    if (retryAt !== null) await this.ctx.alarms.create(OUTBOX_ALARM, { when: retryAt });
    if (learnedBase) {
      this.deliverAgain = true;
      if (soon) this.deliverSoon = true;
    }
    if (changed) {
      this.ctx.options.dataChanged(accounts);
      this.ctx.options.emit({ channel: 'nps-event', event: 'sourceChanged' });
    }
  }

  async listConflicts(): Promise<WriteConflict[]> {
    const store = await this.ctx.options.store();
    return (await store.listOutbox())
      .filter((e) => e.state !== 'pending')
      .map((e) => ({
        seq: e.seq!,
        kind: e.state === 'conflict' ? 'conflict' : 'rejected',
        mine: e.action,
        theirs: e.theirs ?? null,
        reason: e.lastError ?? '',
        reasonWords: e.lastErrorWords ?? null,
        enqueuedAt: e.enqueuedAt,
      }));
  }

  /**
   * The user's decision on a conflict: `mine` writes their version over the source's (made on the
   * source's current version, so it is not a conflict again unless it changes again); `theirs` drops
   * their change and keeps the source's.
   */
  async resolveConflict(seq: number, keep: 'mine' | 'theirs'): Promise<void> {
    const store = await this.ctx.options.store();
    const entry = await store.getOutboxEntry(seq);
    if (!entry || entry.state === 'pending') throw wordedError('not_found', words('error.notWaiting'));
    if (keep === 'theirs') {
      await store.discardActionWrites(entry.actionId, entry.theirs ?? (entry.op === 'create' ? null : undefined));
      if (!entry.theirs && entry.op !== 'create') void this.ctx.refresh(entry.action.accountId).catch(log.failed('refreshing an account after taking the source’s version'));
    } else {
      const theirs = entry.theirs;
      await store.updateOutboxEntry({
        ...entry,
        op: theirs ? 'update' : entry.op,
        base: theirs ? theirs.updatedAt : entry.base,
        state: 'pending',
        theirs: undefined,
        idempotencyKey: crypto.randomUUID(),
        attempts: 0,
        nextAttemptAt: this.ctx.now(),
        lastError: null,
        lastErrorWords: null,
      });
      void this.deliver();
    }
    this.ctx.options.dataChanged(entry.theirs ? [entry.action.accountId, entry.theirs.accountId] : [entry.action.accountId]);
    this.ctx.options.emit({ channel: 'nps-event', event: 'sourceChanged' });
  }
}
