/**
 * The background's data-source engine: which source is configured, stale-while-revalidate
 * over the IndexedDB cache, the incremental sync, and the durable write-back outbox.
 *
 * Manifest V3 may stop the worker at any moment, so nothing here lives only in memory: the sync's cursor
 * is stored with each page it applies, queued writes wait in the outbox store with their idempotency
 * keys and next attempt times, and timers are alarms. What memory holds (requests in flight, the run
 * under way) is only there to share work, and is rebuilt from the store when the worker starts again.
 */
import { browser } from 'wxt/browser';
import { createLogger } from '../core/log';
import type { Action } from '../model';
import type { Freshness, PageContextInput } from '../model/page';
import { loadSettings as loadEffectiveSettings, sourceSettings, type EffectiveSettings, type SourceSettings } from '../settings';
import type { OutboxEntry } from '../store';
import { HttpSource } from './http/source';
import { LOCAL_SOURCE_NAME, LocalSource } from './local';
import type { SourceStatus, SourceTestResult, SyncStatus, WriteConflict } from './status';
import { TokenVault } from './token';
import { wordedError, words } from '../i18n/words';
import type { ErrorWords } from '../core/errors';
import { normaliseSourceUrl, originPattern } from './url';

export { normaliseSourceUrl, originPattern } from './url';
import type { DataSource } from './types';
import { OUTBOX_ALARM, SYNC_ALARM, type AlarmsApi, type EngineContext, type PermissionsApi, type SourceEngineOptions } from './engine-context';
import { SourceOutbox } from './outbox';
import { SourceSync, syncStatusOf } from './sync';
import { SourceReader, type PanelAccount, type PanelRecords } from './reader';

export type { PanelAccount, PanelRecords } from './reader';

export { OUTBOX_ALARM, SYNC_ALARM, type SourceEngineOptions } from './engine-context';
export { outboxDelay } from './outbox';



const log = createLogger('source');

/** The failure of the first outbox entry that has one, with its words. */
function lastOutboxError(outbox: ReadonlyArray<{ lastError: string | null; lastErrorWords?: ErrorWords | null }>) {
  const failed = outbox.find((e) => e.lastError);
  return { lastError: failed?.lastError ?? null, lastErrorWords: failed?.lastErrorWords ?? null };
}

export class SourceEngine {
  private readonly now: () => number;
  private readonly vault: TokenVault;
  private readonly permissions: PermissionsApi;
  private readonly alarms: AlarmsApi;
  private current: { settingsKey: string; source: DataSource } | undefined;
  private settingsCache: { at: number; value: Promise<EffectiveSettings> } | undefined;
  private readonly reader: SourceReader;
  private readonly sync: SourceSync;
  private readonly outbox: SourceOutbox;

  constructor(private readonly options: SourceEngineOptions) {
    this.now = options.now ?? Date.now;
    this.vault = options.vault ?? new TokenVault(options.store);
    this.permissions = options.permissions ?? browser.permissions;
    this.alarms = options.alarms ?? browser.alarms;
    const ctx: EngineContext = {
      options,
      now: this.now,
      alarms: this.alarms,
      active: () => this.active(),
      requirePermission: (url) => this.requirePermission(url),
      refresh: (accountId) => this.refresh(accountId),
      permitted: (url) => this.permitted(url),
      sourceName: (settings) => this.sourceName(settings),
    };
    this.reader = new SourceReader(ctx);
    this.outbox = new SourceOutbox(ctx);
    this.sync = new SourceSync(ctx, (o) => this.outbox.deliver(o));
  }

  // ---- configuration ------------------------------------------------------------------------------

  /**
   * The settings as stored now, for an answer computed from them (the panel's figures): a page that has
   * just seen them change asks at once, before a cached copy would expire. Refreshes the cache too.
   */
  freshSettings(): Promise<EffectiveSettings> {
    this.settingsCache = { at: this.now(), value: (this.options.loadSettings ?? loadEffectiveSettings)() };
    return this.settingsCache.value;
  }

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
        ? new HttpSource({
            ...this.options.http,
            url: settings.url,
            getToken: (origin) => this.vault.read(origin),
            permitted: (url) => this.permitted(url),
          })
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
      hasToken: http ? await this.vault.has(new URL(settings.source.url).origin) : false,
      urlLocked: settings.locked.sourceUrl,
      permissionGranted: http ? await this.permitted(settings.source.url) : true,
      originPattern: http ? originPattern(settings.source.url) : null,
      sync: http ? syncStatusOf(await store.getSyncState(source.key)) : null,
      outbox: {
        pending: outbox.filter((e) => e.state === 'pending').length,
        conflicts: outbox.filter((e) => e.state !== 'pending').length,
        ...lastOutboxError(outbox),
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
    const typed = input.token?.trim();
    if (kind === 'http') await this.requirePermission(url);
    // Checked before anything changes: a refused save leaves the cache and the settings as they were.
    if (kind === 'http' && !typed && input.token === undefined) await this.requireTokenFor(url);
    const next: SourceSettings = { kind, url, name: input.name.trim(), ttlMinutes: input.ttlMinutes };
    const before = this.sourceOf(settings.source).key;
    const after = this.sourceOf(next).key;
    const store = await this.options.store();
    if (before !== after) {
      const waiting = (await store.listOutbox()).length;
      if (waiting > 0) {
        throw new Error(`${waiting} change(s) to follow-up actions have not reached the current source yet: sync, or resolve them, before changing source.`);
      }
      this.sync.abort();
      await store.clearAll();
      await store.clearSourceCache();
    }
    if (input.token !== undefined) {
      if (!typed) await this.vault.clear();
      else if (kind === 'http') await this.vault.save(typed, new URL(url).origin);
    }
    await (this.options.saveSourceSettings ?? ((s) => sourceSettings.setValue(s)))(next);
    this.settingsCache = undefined;
    await this.scheduleSync(next);
    if (before !== after) this.options.dataChanged();
    if (kind === 'http') void this.startSync().catch(log.failed('starting a sync'));
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
    if (!typed) await this.requireTokenFor(url);
    const source = new HttpSource({
      ...this.options.http,
      url,
      retries: 0,
      getToken: async (origin) => typed || (await this.vault.read(origin)),
      permitted: (to) => this.permitted(to),
    });
    const described = await source.describe();
    return described;
  }

  /**
   * A saved token goes only to the origin it was saved for: moving the source to another origin with
   * no token typed is refused, naming both, rather than sending the old token to the new place.
   */
  private async requireTokenFor(url: string): Promise<void> {
    const saved = await this.vault.origin();
    const origin = new URL(url).origin;
    if (saved && saved !== origin) {
      throw wordedError('validation', words('error.tokenOrigin', { saved, origin }), { field: 'token' });
    }
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
    if (state?.state === 'running') void this.startSync().catch(log.failed('starting a sync'));
    else if (!state) await this.scheduleSync(settings.source);
    const now = this.now();
    if ((await store.listOutbox()).some((e) => e.state === 'pending' && e.nextAttemptAt <= now)) void this.deliverOutbox();
  }

  /** Resolves when no sync or delivery is running (tests; a page closing). */
  async settle(): Promise<void> {
    while (this.sync.running || this.outbox.inFlight || this.reader.inFlight.length > 0) {
      await Promise.allSettled([this.sync.running, this.outbox.inFlight, ...this.reader.inFlight]);
    }
  }

  async onAlarm(name: string): Promise<void> {
    if (name === SYNC_ALARM) await this.startSync().then((run) => run.done);
    else if (name === OUTBOX_ALARM) await this.deliverOutbox();
  }

  // ---- reading through the cache (reader.ts) -------------------------------------------------------

  /** What a panel shows for a page: its account, that account's records (cached at once), and how fresh. */
  panelRecords(page: PageContextInput): Promise<PanelRecords> {
    return this.reader.panelRecords(page);
  }

  /** `panelRecords` without the records: which account, how fresh, from where (see lib/sources/reader.ts). */
  panelAccount(page: PageContextInput): Promise<PanelAccount> {
    return this.reader.panelAccount(page);
  }

  /** Fetches one account's context again, in the background; one request per account. */
  refresh(accountId: string): Promise<void> {
    return this.reader.refresh(accountId);
  }

  /** `refreshAccount`: fetch now, whatever the age; resolves with the freshness after it. */
  refreshNow(accountId: string): Promise<Freshness> {
    return this.reader.refreshNow(accountId);
  }

  searchIds(query: string, limit: number, localIds: string[]): Promise<string[]> {
    return this.reader.searchIds(query, limit, localIds);
  }

  // ---- sync (sync.ts) and write-back (outbox.ts) ---------------------------------------------------

  /** Starts (or joins) a sync pass; its progress is broadcast as `syncProgress` events. */
  startSync(): Promise<{ status: SyncStatus | null; done: Promise<void> }> {
    return this.sync.start();
  }

  cancelSync(): Promise<SyncStatus | null> {
    return this.sync.cancel();
  }

  /** Saves an action: at once in the cache, and for the HTTP source also queued to be written to it. */
  writeAction(action: Action, op: OutboxEntry['op']): Promise<Action> {
    return this.outbox.write(action, op);
  }

  /** Sends what is due in the outbox, in order; `soon`: writes waiting out their backoff go now too. */
  deliverOutbox(options: { soon?: boolean } = {}): Promise<void> {
    return this.outbox.deliver(options);
  }

  listConflicts(): Promise<WriteConflict[]> {
    return this.outbox.listConflicts();
  }

  /** The user's decision on a conflict: write `mine` over the source's version, or keep `theirs`. */
  resolveConflict(seq: number, keep: 'mine' | 'theirs'): Promise<void> {
    return this.outbox.resolveConflict(seq, keep);
  }
}
