/**
 * The background's data-source engine (issue 8): which source is configured, stale-while-revalidate
 * over the IndexedDB cache, the incremental sync, and the durable write-back outbox.
 *
 * Manifest V3 may stop the worker at any moment, so nothing here lives only in memory: the sync's cursor
 * is stored with each page it applies, queued writes wait in the outbox store with their idempotency
 * keys and next attempt times, and timers are alarms. What memory holds (requests in flight, the run
 * under way) is only there to share work, and is rebuilt from the store when the worker starts again.
 */
import { browser } from 'wxt/browser';
import type { AccountRecords, Action } from '../model';
import type { Freshness, PageContextInput, Resolution } from '../model/page';
import type { ServiceEvent } from '../model/events';
import { resolveAccount } from '../accounts/resolve';
import { loadSettings as loadEffectiveSettings, sourceSettings, type EffectiveSettings, type SourceSettings } from '../settings';
import type { NpsStore, OutboxEntry, SyncState } from '../store';
import { SourceError } from './http/fetcher';
import { HttpSource, lookupQueryOf, type HttpSourceOptions } from './http/source';
import { LOCAL_SOURCE_NAME, LocalSource } from './local';
import type { SourceStatus, SourceTestResult, SyncStatus, WriteConflict } from './status';
import { TokenVault } from './token';
import { normaliseSourceUrl, originPattern } from './url';

export { normaliseSourceUrl, originPattern } from './url';
import { ActionConflictError, type DataSource } from './types';

export const SYNC_ALARM = 'nps-source-sync';
export const OUTBOX_ALARM = 'nps-source-outbox';

interface AlarmsApi {
  create(name: string, info: { when?: number; periodInMinutes?: number; delayInMinutes?: number }): Promise<void> | void;
  clear(name: string): Promise<boolean> | Promise<void> | void;
}
interface PermissionsApi {
  contains(permissions: { origins: string[] }): Promise<boolean>;
}

export interface SourceEngineOptions {
  store: () => Promise<NpsStore>;
  now?: () => number;
  emit: (event: ServiceEvent) => void;
  /** Called when stored records changed (the service drops its search index and tells the pages). */
  dataChanged: () => void;
  loadSettings?: () => Promise<EffectiveSettings>;
  saveSourceSettings?: (settings: SourceSettings) => Promise<void>;
  vault?: TokenVault;
  permissions?: PermissionsApi;
  alarms?: AlarmsApi;
  /** Network options for the HTTP source (tests pass fetch, sleep, random, timeouts). */
  http?: Partial<Omit<HttpSourceOptions, 'url' | 'getToken'>>;
  /** After a failed refresh, automatic refreshes of that account wait this long (explicit ones do not). */
  errorCooldownMs?: number;
}

export interface PanelRecords {
  resolution: Resolution;
  records: AccountRecords | null;
  freshness: Freshness;
  sourceName: string;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Backoff for queued writes: 30 s, 1 min, 2 min … up to an hour, with jitter so clients spread out. */
export function outboxDelay(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(60 * 60_000, 30_000 * 2 ** Math.max(0, attempts - 1));
  return Math.round(base / 2 + (random() * base) / 2);
}

function syncStatusOf(state: SyncState | undefined): SyncStatus | null {
  if (!state) return null;
  const { state: s, startedAt, finishedAt, pages, rows, lastSuccessAt, lastError } = state;
  return { state: s, startedAt, finishedAt, pages, rows, lastSuccessAt, lastError };
}

export class SourceEngine {
  private readonly now: () => number;
  private readonly vault: TokenVault;
  private readonly permissions: PermissionsApi;
  private readonly alarms: AlarmsApi;
  private current: { settingsKey: string; source: DataSource } | undefined;
  private settingsCache: { at: number; value: Promise<EffectiveSettings> } | undefined;
  private readonly refreshing = new Map<string, Promise<void>>();
  private readonly lookups = new Map<string, Promise<Resolution>>();
  private syncRun: { controller: AbortController; done: Promise<void> } | undefined;
  private delivering: Promise<void> | undefined;
  private deliverAgain = false;
  private deliverSoon = false;

  constructor(private readonly options: SourceEngineOptions) {
    this.now = options.now ?? Date.now;
    this.vault = options.vault ?? new TokenVault(options.store);
    this.permissions = options.permissions ?? browser.permissions;
    this.alarms = options.alarms ?? browser.alarms;
  }

  // ---- configuration ------------------------------------------------------------------------------

  settings(): Promise<EffectiveSettings> {
    const now = this.now();
    if (!this.settingsCache || now - this.settingsCache.at > 5_000) {
      this.settingsCache = { at: now, value: (this.options.loadSettings ?? loadEffectiveSettings)() };
    }
    return this.settingsCache.value;
  }

  private sourceOf(settings: SourceSettings): DataSource {
    const settingsKey = `${settings.kind}\n${settings.url}`;
    if (this.current?.settingsKey === settingsKey) return this.current.source;
    const source: DataSource =
      settings.kind === 'http' && settings.url
        ? new HttpSource({ ...this.options.http, url: settings.url, getToken: () => this.vault.read() })
        : new LocalSource(this.options.store);
    this.current = { settingsKey, source };
    return source;
  }

  async active(): Promise<{ settings: EffectiveSettings; source: DataSource }> {
    const settings = await this.settings();
    return { settings, source: this.sourceOf(settings.source) };
  }

  sourceName(settings: SourceSettings): string {
    if (settings.kind === 'local' || !settings.url) return LOCAL_SOURCE_NAME;
    return settings.name || new URL(settings.url).host;
  }

  private async permitted(url: string): Promise<boolean> {
    try {
      return await this.permissions.contains({ origins: [originPattern(url)] });
    } catch {
      return false;
    }
  }

  private async requirePermission(url: string): Promise<void> {
    if (!(await this.permitted(url))) {
      throw new Error(`The browser has not allowed access to ${new URL(url).origin}: use Save in the options page to allow it.`);
    }
  }

  async status(): Promise<SourceStatus> {
    const { settings, source } = await this.active();
    const store = await this.options.store();
    const outbox = await store.listOutbox();
    const http = settings.source.kind === 'http' && !!settings.source.url;
    return {
      kind: settings.source.kind,
      url: settings.source.url,
      name: settings.source.name,
      ttlMinutes: settings.source.ttlMinutes,
      hasToken: await this.vault.has(),
      urlLocked: settings.locked.sourceUrl,
      permissionGranted: http ? await this.permitted(settings.source.url) : true,
      originPattern: http ? originPattern(settings.source.url) : null,
      sync: http ? syncStatusOf(await store.getSyncState(source.key)) : null,
      outbox: {
        pending: outbox.filter((e) => e.state === 'pending').length,
        conflicts: outbox.filter((e) => e.state !== 'pending').length,
        lastError: outbox.find((e) => e.lastError)?.lastError ?? null,
      },
    };
  }

  /**
   * Saves the source settings and, when given, the token (an empty token removes it). Moving to another
   * source empties the local cache (its data belonged to the old one) — refused while writes to the old
   * one still wait in the outbox.
   */
  async configure(input: SourceSettings & { token?: string }): Promise<SourceStatus> {
    const settings = await this.settings();
    const kind = settings.locked.sourceUrl ? 'http' : input.kind;
    const url = kind === 'http' ? normaliseSourceUrl(settings.locked.sourceUrl ? settings.source.url : input.url) : '';
    if (kind === 'http') await this.requirePermission(url);
    const next: SourceSettings = { kind, url, name: input.name.trim(), ttlMinutes: input.ttlMinutes };
    const before = this.sourceOf(settings.source).key;
    const after = this.sourceOf(next).key;
    const store = await this.options.store();
    if (before !== after) {
      const waiting = (await store.listOutbox()).length;
      if (waiting > 0) {
        throw new Error(`${waiting} change(s) to follow-up actions have not reached the current source yet: sync, or resolve them, before changing source.`);
      }
      this.syncRun?.controller.abort();
      await store.clearAll();
      await store.clearSourceCache();
    }
    if (input.token !== undefined) {
      if (input.token.trim() === '') await this.vault.clear();
      else await this.vault.save(input.token.trim());
    }
    await (this.options.saveSourceSettings ?? ((s) => sourceSettings.setValue(s)))(next);
    this.settingsCache = undefined;
    await this.scheduleSync(next);
    if (before !== after) this.options.dataChanged();
    if (kind === 'http') void this.startSync().catch(() => undefined);
    const status = await this.status();
    this.options.emit({ channel: 'nps-event', event: 'sourceChanged' });
    return status;
  }

  /** Asks a source (the saved token, or one typed but not saved yet) who it is; throws why not. */
  async test(input: { url: string; token?: string }): Promise<SourceTestResult> {
    const settings = await this.settings();
    const url = normaliseSourceUrl(settings.locked.sourceUrl ? settings.source.url : input.url);
    await this.requirePermission(url);
    const typed = input.token?.trim();
    const source = new HttpSource({
      ...this.options.http,
      url,
      retries: 0,
      getToken: async () => typed || (await this.vault.read()),
    });
    const described = await source.describe();
    return described;
  }

  private async scheduleSync(settings: SourceSettings): Promise<void> {
    if (settings.kind === 'http' && settings.url) {
      await this.alarms.create(SYNC_ALARM, { periodInMinutes: Math.max(1, settings.ttlMinutes), delayInMinutes: Math.max(1, settings.ttlMinutes) });
    } else {
      await this.alarms.clear(SYNC_ALARM);
      await this.alarms.clear(OUTBOX_ALARM);
    }
  }

  /**
   * At worker start-up: a sync that was running when the worker stopped carries on from its stored
   * cursor, and writes that are due are sent.
   */
  async resume(): Promise<void> {
    const { settings, source } = await this.active();
    if (source.kind !== 'http') return;
    const store = await this.options.store();
    const state = await store.getSyncState(source.key);
    if (state?.state === 'running') void this.startSync().catch(() => undefined);
    else if (!state) await this.scheduleSync(settings.source);
    const now = this.now();
    if ((await store.listOutbox()).some((e) => e.state === 'pending' && e.nextAttemptAt <= now)) void this.deliverOutbox();
  }

  /** Resolves when no sync or delivery is running (tests; a page closing). */
  async settle(): Promise<void> {
    while (this.syncRun || this.delivering || this.refreshing.size > 0) {
      await Promise.allSettled([this.syncRun?.done, this.delivering, ...this.refreshing.values()]);
    }
  }

  async onAlarm(name: string): Promise<void> {
    if (name === SYNC_ALARM) await this.startSync().then((run) => run.done);
    else if (name === OUTBOX_ALARM) await this.deliverOutbox();
  }

  // ---- reading: stale-while-revalidate --------------------------------------------------------------

  private async freshness(accountId: string, source: DataSource, settings: EffectiveSettings): Promise<Freshness & { lastErrorAt: number | null }> {
    const store = await this.options.store();
    const [meta, sync] = await Promise.all([store.getFetchMeta(accountId), store.getSyncState(source.key)]);
    const fetched = meta?.sourceKey === source.key ? meta.fetchedAt : null;
    // A completed sync brought every row changed before it: the account is at least that fresh.
    const fetchedAt = Math.max(fetched ?? -1, sync?.lastSuccessAt ?? -1);
    const at = fetchedAt < 0 ? null : fetchedAt;
    const ttl = settings.source.ttlMinutes * 60_000;
    const failed = meta?.sourceKey === source.key && meta.lastError && (meta.lastErrorAt ?? 0) >= (at ?? 0);
    return {
      fetchedAt: at,
      stale: at === null || this.now() - at > ttl,
      refreshing: this.refreshing.has(accountId),
      lastError: failed ? meta.lastError : null,
      lastErrorAt: failed ? meta.lastErrorAt : null,
    };
  }

  /**
   * What the panel shows for a page: the cached records at once with their age; a stale account is
   * refreshed in the background (`dataChanged` follows), an account never fetched is fetched first.
   */
  async panelRecords(page: PageContextInput): Promise<PanelRecords> {
    const { settings, source } = await this.active();
    const sourceName = this.sourceName(settings.source);
    const store = await this.options.store();
    let resolution = await resolveAccount(store, page);
    if (source.kind === 'local') {
      const records = resolution.status === 'matched' ? ((await store.getAccountRecords(resolution.accountId)) ?? null) : null;
      const importedAt = records?.account.updatedAt ?? null;
      return { resolution, records, sourceName, freshness: { fetchedAt: importedAt, stale: false, refreshing: false, lastError: null } };
    }
    const idle: Freshness = { fetchedAt: null, stale: false, refreshing: false, lastError: null };
    // Ask the source when nothing here matches, or when only a weaker hint did and the page names a CRM
    // id the source may know (on a single-page CRM the visible name can lag behind the URL's record).
    const query = lookupQueryOf(page.hints);
    const hasCrmId = !!(query.salesforceAccountId || query.zendeskOrganizationId || query.hubspotCompanyId);
    const weak = resolution.status === 'ambiguous' || (resolution.status === 'matched' && resolution.via !== 'link' && resolution.via !== 'crm_id');
    if (resolution.status === 'none' || (hasCrmId && weak)) {
      try {
        const asked = await this.lookup(source, settings, page);
        if (asked.status !== 'none' || resolution.status === 'none') resolution = asked;
      } catch (error) {
        if (resolution.status === 'none') {
          return { resolution, records: null, sourceName, freshness: { ...idle, stale: true, lastError: message(error) } };
        }
      }
    }
    if (resolution.status !== 'matched') return { resolution, records: null, sourceName, freshness: idle };
    const accountId = resolution.accountId;
    let { lastErrorAt, ...freshness } = await this.freshness(accountId, source, settings);
    const coolingDown = lastErrorAt !== null && this.now() - lastErrorAt < (this.options.errorCooldownMs ?? 30_000);
    if (freshness.fetchedAt === null && !coolingDown) {
      // Nothing cached to show yet: wait for it (shared with every other panel asking).
      await this.refresh(accountId).catch(() => undefined);
      ({ lastErrorAt, ...freshness } = await this.freshness(accountId, source, settings));
    } else if (freshness.stale && !coolingDown) {
      void this.refresh(accountId).catch(() => undefined);
      freshness = { ...freshness, refreshing: true };
    }
    const records = (await store.getAccountRecords(accountId)) ?? null;
    return { resolution, records, sourceName, freshness };
  }

  /** Asks the source which account a page is, once per hints in flight; remembers misses for the TTL. */
  private lookup(source: DataSource, settings: EffectiveSettings, page: PageContextInput): Promise<Resolution> {
    const key = `${source.key}\n${JSON.stringify(lookupQueryOf(page.hints))}`;
    const running = this.lookups.get(key);
    if (running) return running;
    const task = (async (): Promise<Resolution> => {
      const store = await this.options.store();
      const remembered = await store.getLookup(key);
      if (remembered && this.now() - remembered.at < settings.source.ttlMinutes * 60_000) {
        if (remembered.accountId === null) return { status: 'none' };
        if (await store.getAccount(remembered.accountId)) return { status: 'matched', accountId: remembered.accountId, via: remembered.via ?? 'crm_id' };
      }
      const result = await source.lookupAccount(page.hints, page.recordKey);
      if (result.status === 'matched') {
        await store.putSourceAccounts([result.account]);
        await store.putLookup({ key, accountId: result.account.id, via: result.via === 'link' ? 'crm_id' : result.via, at: this.now() });
        return { status: 'matched', accountId: result.account.id, via: result.via };
      }
      if (result.status === 'ambiguous') {
        await store.putSourceAccounts(result.candidates);
        return { status: 'ambiguous', candidates: result.candidates };
      }
      await store.putLookup({ key, accountId: null, at: this.now() });
      return { status: 'none' };
    })().finally(() => this.lookups.delete(key));
    this.lookups.set(key, task);
    return task;
  }

  /**
   * Fetches an account's context from the source and replaces the cached one; one request per account
   * however many panels ask. A failure keeps the cached data and records why.
   */
  refresh(accountId: string): Promise<void> {
    const running = this.refreshing.get(accountId);
    if (running) return running;
    const task = (async () => {
      const { source } = await this.active();
      if (source.kind === 'local') return;
      const store = await this.options.store();
      try {
        if (!(await this.permitted(source.key))) await this.requirePermission(source.key);
        const records = await source.accountContext(accountId);
        if (!records) throw new Error('The source no longer has this account');
        await store.applyAccountContext(records, { accountId, sourceKey: source.key, fetchedAt: this.now(), lastError: null, lastErrorAt: null });
      } catch (error) {
        const meta = await store.getFetchMeta(accountId);
        await store.putFetchMeta({
          accountId,
          sourceKey: source.key,
          fetchedAt: meta?.sourceKey === source.key ? meta.fetchedAt : null,
          lastError: message(error),
          lastErrorAt: this.now(),
        });
        throw error;
      } finally {
        // Either way the panels have something new to show: fresher data, or why there is none.
        this.refreshing.delete(accountId);
        this.options.dataChanged();
      }
    })();
    this.refreshing.set(accountId, task);
    return task;
  }

  /** `refreshAccount`: fetch now, whatever the age; resolves with the freshness after it. */
  async refreshNow(accountId: string): Promise<Freshness> {
    const { settings, source } = await this.active();
    const store = await this.options.store();
    if (!(await store.getAccount(accountId))) throw new Error(`No account ${accountId}`);
    if (source.kind === 'local') {
      const account = await store.getAccount(accountId);
      return { fetchedAt: account?.updatedAt ?? null, stale: false, refreshing: false, lastError: null };
    }
    await this.refresh(accountId).catch(() => undefined);
    const { lastErrorAt: _at, ...freshness } = await this.freshness(accountId, source, settings);
    return freshness;
  }

  /** Account ids for a search: the local cache, and the source's own search until a sync has completed. */
  async searchIds(query: string, limit: number, localIds: string[]): Promise<string[]> {
    const { source } = await this.active();
    if (source.kind === 'local' || !query.trim()) return localIds;
    const store = await this.options.store();
    const synced = (await store.getSyncState(source.key))?.lastSuccessAt;
    if (synced || localIds.length >= limit) return localIds;
    try {
      const found = await source.searchAccounts(query, limit);
      await store.putSourceAccounts(found);
      return [...new Set([...localIds, ...found.map((a) => a.id)])].slice(0, limit);
    } catch {
      return localIds;
    }
  }

  // ---- sync ----------------------------------------------------------------------------------------

  /** Starts (or joins) a sync pass; its progress is broadcast as `syncProgress` events. */
  async startSync(): Promise<{ status: SyncStatus | null; done: Promise<void> }> {
    const { source } = await this.active();
    if (source.kind !== 'http') return { status: null, done: Promise.resolve() };
    if (!this.syncRun) {
      const controller = new AbortController();
      const done = this.runSync(source, controller.signal).finally(() => {
        if (this.syncRun?.controller === controller) this.syncRun = undefined;
      });
      this.syncRun = { controller, done };
    }
    const done = this.syncRun.done;
    const store = await this.options.store();
    return { status: syncStatusOf(await store.getSyncState(source.key)), done };
  }

  async cancelSync(): Promise<SyncStatus | null> {
    const { source } = await this.active();
    const run = this.syncRun;
    run?.controller.abort();
    await run?.done;
    const store = await this.options.store();
    const state = await store.getSyncState(source.key);
    if (state?.state === 'running') {
      // Marked running by a worker that is gone: nothing runs it now.
      await store.putSyncState({ ...state, state: 'cancelled', finishedAt: this.now() });
    }
    return syncStatusOf(await store.getSyncState(source.key));
  }

  private progress(state: SyncState): void {
    this.options.emit({
      channel: 'nps-event',
      event: 'syncProgress',
      state: state.state,
      pages: state.pages,
      rows: state.rows,
      lastError: state.lastError,
    });
  }

  private async runSync(source: DataSource, signal: AbortSignal): Promise<void> {
    const store = await this.options.store();
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
      state = { ...state, state: 'running', startedAt: this.now(), finishedAt: null, pages: 0, rows: 0, lastError: null };
      await store.putSyncState(state);
    }
    this.progress(state);
    let changed = 0;
    try {
      await this.requirePermission(source.key);
      for (;;) {
        if (signal.aborted) throw new SourceError('Cancelled', 'aborted');
        const requestedAt = this.now();
        const page = await source.changes(state.cursor, signal);
        if (signal.aborted) throw new SourceError('Cancelled', 'aborted');
        const rows = page.accounts.length + page.responses.length + page.actions.length + page.sends.length;
        const next: SyncState = {
          ...state,
          cursor: page.nextCursor,
          pages: state.pages + 1,
          rows: state.rows + rows,
          ...(page.hasMore ? {} : { state: 'idle' as const, finishedAt: this.now(), lastSuccessAt: requestedAt }),
        };
        await store.applyChangesPage(page, next);
        state = next;
        changed += rows;
        this.progress(state);
        if (!page.hasMore) break;
      }
    } catch (error) {
      const cancelled = signal.aborted || (error instanceof SourceError && error.kind === 'aborted');
      state = { ...state, state: cancelled ? 'cancelled' : 'failed', finishedAt: this.now(), lastError: cancelled ? null : message(error) };
      await store.putSyncState(state);
      this.progress(state);
      return;
    } finally {
      if (changed > 0) this.options.dataChanged();
    }
    // The source answers: queued writes need not wait out their backoff.
    await this.deliverOutbox({ soon: true });
  }

  // ---- write-back: the outbox -------------------------------------------------------------------------

  /**
   * Saves an action: at once in the cache, and for the HTTP source also queued (durably, with an
   * idempotency key) to be written to the source, now if it answers, later if not.
   */
  async writeAction(action: Action, op: OutboxEntry['op']): Promise<Action> {
    const { source } = await this.active();
    const store = await this.options.store();
    if (source.kind === 'local') {
      await store.putAction(action);
    } else {
      await store.enqueueActionWrite(action, op, crypto.randomUUID(), this.now());
      void this.deliverOutbox();
    }
    this.options.dataChanged();
    return action;
  }

  /**
   * Sends what is due in the outbox, in order; one delivery at a time. `soon`: the source has just
   * answered (a sync went through), so writes waiting out their backoff go now too.
   */
  deliverOutbox(options: { soon?: boolean } = {}): Promise<void> {
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
    const { source } = await this.active();
    if (source.kind !== 'http') return;
    const store = await this.options.store();
    const entries = (await store.listOutbox()).sort((a, b) => a.seq! - b.seq!);
    const blocked = new Set<string>();
    let changed = false;
    let retryAt: number | null = null;
    const random = this.options.http?.random ?? Math.random;
    for (const entry of entries) {
      // An action's writes go in order: one waiting or refused holds back the ones after it.
      if (blocked.has(entry.actionId)) continue;
      const now = soon ? Infinity : this.now();
      if (entry.state !== 'pending' || entry.nextAttemptAt > now || (entry.op === 'update' && entry.base === null)) {
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
        changed = true;
      } catch (error) {
        blocked.add(entry.actionId);
        changed = true;
        if (error instanceof ActionConflictError) {
          await store.updateOutboxEntry({ ...entry, state: 'conflict', theirs: error.theirs, lastError: error.message });
          continue;
        }
        const waitable = error instanceof SourceError && (error.transient || error.kind === 'auth');
        const refused = error instanceof SourceError && !waitable;
        if (!refused) {
          // The source is down, slow, limiting us, or refusing the token: try again later, in order.
          const attempts = entry.attempts + 1;
          const delay = (error instanceof SourceError ? error.details.retryAfterMs : undefined) ?? outboxDelay(attempts, random);
          const nextAttemptAt = this.now() + delay;
          await store.updateOutboxEntry({ ...entry, attempts, nextAttemptAt, lastError: message(error) });
          retryAt = Math.min(retryAt ?? Infinity, nextAttemptAt);
          break;
        }
        await store.updateOutboxEntry({ ...entry, state: 'rejected', lastError: message(error) });
      }
    }
    if (retryAt !== null) await this.alarms.create(OUTBOX_ALARM, { when: retryAt });
    if (changed) {
      this.options.dataChanged();
      this.options.emit({ channel: 'nps-event', event: 'sourceChanged' });
    }
  }

  async listConflicts(): Promise<WriteConflict[]> {
    const store = await this.options.store();
    return (await store.listOutbox())
      .filter((e) => e.state !== 'pending')
      .map((e) => ({
        seq: e.seq!,
        kind: e.state === 'conflict' ? 'conflict' : 'rejected',
        mine: e.action,
        theirs: e.theirs ?? null,
        reason: e.lastError ?? '',
        enqueuedAt: e.enqueuedAt,
      }));
  }

  /**
   * The user's decision on a conflict: `mine` writes their version over the source's (made on the
   * source's current version, so it is not a conflict again unless it changes again); `theirs` drops
   * their change and keeps the source's.
   */
  async resolveConflict(seq: number, keep: 'mine' | 'theirs'): Promise<void> {
    const store = await this.options.store();
    const entry = await store.getOutboxEntry(seq);
    if (!entry || entry.state === 'pending') throw new Error('That change is no longer waiting for a decision');
    if (keep === 'theirs') {
      await store.discardActionWrites(entry.actionId, entry.theirs ?? (entry.op === 'create' ? null : undefined));
      if (!entry.theirs && entry.op !== 'create') void this.refresh(entry.action.accountId).catch(() => undefined);
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
        nextAttemptAt: this.now(),
        lastError: null,
      });
      void this.deliverOutbox();
    }
    this.options.dataChanged();
    this.options.emit({ channel: 'nps-event', event: 'sourceChanged' });
  }
}

