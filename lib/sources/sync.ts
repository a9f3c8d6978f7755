/**
 * The incremental sync: pages of changes since the stored cursor, each applied with the cursor after
 * it in one transaction, so a worker stopped at any moment resumes without repeating or skipping a
 * page. One pass at a time; its progress is broadcast as `syncProgress` events.
 */
import { errorText, errorWordsOf } from '../core/errors';
import { words } from '../i18n/words';
import type { SyncState } from '../store';
import type { EngineContext } from './engine-context';
import { SourceError } from './http/fetcher';
import type { SyncStatus } from './status';
import type { DataSource } from './types';

/** A sync that changed more accounts than this says the data changed anywhere (`dataChanged` names none). */
const MAX_ACCOUNTS_NAMED = 5_000;

export function syncStatusOf(state: SyncState | undefined): SyncStatus | null {
  if (!state) return null;
  const { state: s, startedAt, finishedAt, pages, rows, lastSuccessAt, lastError, lastErrorWords } = state;
  return { state: s, startedAt, finishedAt, pages, rows, lastSuccessAt, lastError, lastErrorWords: lastErrorWords ?? null };
}

export class SourceSync {
  private run: { controller: AbortController; done: Promise<void> } | undefined;

  constructor(
    private readonly ctx: EngineContext,
    /** After a pass: the source answers, so queued writes need not wait out their backoff. */
    private readonly deliverOutbox: (options: { soon?: boolean }) => Promise<void>,
  ) {}

  /** The pass under way, if any. */
  get running(): Promise<void> | undefined {
    return this.run?.done;
  }

  /** Stops the pass under way (the source changed). */
  abort(): void {
    this.run?.controller.abort();
  }

  /** Starts (or joins) a sync pass; its progress is broadcast as `syncProgress` events. */
  async start(): Promise<{ status: SyncStatus | null; done: Promise<void> }> {
    const { source } = await this.ctx.active();
    if (source.kind !== 'http') return { status: null, done: Promise.resolve() };
    if (!this.run) {
      const controller = new AbortController();
      const done = this.runSync(source, controller.signal).finally(() => {
        if (this.run?.controller === controller) this.run = undefined;
      });
      this.run = { controller, done };
    }
    const done = this.run.done;
    const store = await this.ctx.options.store();
    return { status: syncStatusOf(await store.getSyncState(source.key)), done };
  }

  async cancel(): Promise<SyncStatus | null> {
    const { source } = await this.ctx.active();
    const run = this.run;
    run?.controller.abort();
    await run?.done;
    const store = await this.ctx.options.store();
    const state = await store.getSyncState(source.key);
    if (state?.state === 'running') {
      // Marked running by a worker that is gone: nothing runs it now.
      await store.putSyncState({ ...state, state: 'cancelled', finishedAt: this.ctx.now() });
    }
    return syncStatusOf(await store.getSyncState(source.key));
  }

  private progress(state: SyncState): void {
    this.ctx.options.emit({
      channel: 'nps-event',
      event: 'syncProgress',
      state: state.state,
      pages: state.pages,
      rows: state.rows,
      lastError: state.lastError,
      lastErrorWords: state.lastErrorWords ?? null,
    });
  }

  private async runSync(source: DataSource, signal: AbortSignal): Promise<void> {
    const store = await this.ctx.options.store();
    let state: SyncState = (await store.getSyncState(source.key)) ?? {
      sourceKey: source.key,
      cursor: null,
      state: 'idle',
      startedAt: null,
      finishedAt: null,
      pages: 0,
      rows: 0,
      lastError: null,
      lastSuccessAt: null,
    };
    // A pass marked running was cut off (the worker stopped): it carries on from its stored cursor.
    if (state.state !== 'running') {
      state = { ...state, state: 'running', startedAt: this.ctx.now(), finishedAt: null, pages: 0, rows: 0, lastError: null, lastErrorWords: null };
      await store.putSyncState(state);
    }
    this.progress(state);
    let changed = 0;
    // The accounts the pass changed, so only theirs are ranked and summarised again (a pass that changed
    // more than this many ranks every account again: one pass over all beats that many lookups).
    let touched: Set<string> | undefined = new Set();
    try {
      await this.ctx.requirePermission(source.key);
      for (;;) {
        if (signal.aborted) throw new SourceError(words('error.cancelled'), 'aborted');
        const requestedAt = this.ctx.now();
        const page = await source.changes(state.cursor, signal);
        if (signal.aborted) throw new SourceError(words('error.cancelled'), 'aborted');
        const rows = page.accounts.length + page.responses.length + page.actions.length + page.sends.length;
        const next: SyncState = {
          ...state,
          cursor: page.nextCursor,
          pages: state.pages + 1,
          rows: state.rows + rows,
          ...(page.hasMore ? {} : { state: 'idle' as const, finishedAt: this.ctx.now(), lastSuccessAt: requestedAt }),
        };
        for (const id of await store.applyChangesPage(page, next)) touched?.add(id);
        if (touched && touched.size > MAX_ACCOUNTS_NAMED) touched = undefined;
        state = next;
        changed += rows;
        this.progress(state);
        if (!page.hasMore) break;
      }
    } catch (error) {
      const cancelled = signal.aborted || (error instanceof SourceError && error.kind === 'aborted');
      state = { ...state, state: cancelled ? 'cancelled' : 'failed', finishedAt: this.ctx.now(), lastError: cancelled ? null : errorText(error), lastErrorWords: cancelled ? null : (errorWordsOf(error) ?? null) };
      await store.putSyncState(state);
      this.progress(state);
      return;
    } finally {
      if (changed > 0) this.ctx.options.dataChanged(touched);
    }
    // The source answers: queued writes need not wait out their backoff.
    await this.deliverOutbox({ soon: true });
  }
}
