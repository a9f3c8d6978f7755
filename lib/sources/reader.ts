/**
 * Reading through the cache, stale-while-revalidate: a panel gets what is stored at once with its age;
 * data older than the source's TTL is fetched again in the background (one request per account however
 * many panels ask), and a failed refresh keeps the cached data and records why.
 */
import { errorText, errorWordsOf } from '../core/errors';
import { wordedError, words } from '../i18n/words';
import { createLogger } from '../core/log';
import { resolveAccount } from '../accounts/resolve';
import type { EffectiveSettings } from '../settings';
import type { Freshness, PageContextInput, Resolution } from '../model/page';
import type { AccountRecords } from '../model';
import type { EngineContext } from './engine-context';
import { lookupQueryOf } from './http/source';
import type { DataSource } from './types';

const log = createLogger('source');

/** Which account a page is, how fresh its cached data is, and from where: what a panel needs besides the records. */
export interface PanelAccount {
  resolution: Resolution;
  freshness: Freshness;
  sourceName: string;
}

export interface PanelRecords extends PanelAccount {
  records: AccountRecords | null;
}

export class SourceReader {
  private readonly refreshing = new Map<string, Promise<void>>();
  private readonly lookups = new Map<string, Promise<Resolution>>();

  constructor(private readonly ctx: EngineContext) {}

  /** Refreshes under way. */
  get inFlight(): Promise<void>[] {
    return [...this.refreshing.values()];
  }


  private async freshness(accountId: string, source: DataSource, settings: EffectiveSettings): Promise<Freshness & { lastErrorAt: number | null }> {
    const store = await this.ctx.options.store();
    const [meta, sync] = await Promise.all([store.getFetchMeta(accountId), store.getSyncState(source.key)]);
    const fetched = meta?.sourceKey === source.key ? meta.fetchedAt : null;
    // A completed sync brought every row changed before it: the account is at least that fresh.
    const fetchedAt = Math.max(fetched ?? -1, sync?.lastSuccessAt ?? -1);
    const at = fetchedAt < 0 ? null : fetchedAt;
    const ttl = settings.source.ttlMinutes * 60_000;
    const failed = meta?.sourceKey === source.key && meta.lastError && (meta.lastErrorAt ?? 0) >= (at ?? 0);
    return {
      fetchedAt: at,
      stale: at === null || this.ctx.now() - at > ttl,
      refreshing: this.refreshing.has(accountId),
      lastError: failed ? meta.lastError : null,
      lastErrorWords: failed ? (meta.lastErrorWords ?? null) : null,
      lastErrorAt: failed ? meta.lastErrorAt : null,
    };
  }

  /**
   * What the panel shows for a page: the cached records at once with their age; a stale account is
   * refreshed in the background (`dataChanged` follows), an account never fetched is fetched first.
   */
  async panelRecords(page: PageContextInput): Promise<PanelRecords> {
    const found = await this.panelAccount(page);
    const store = await this.ctx.options.store();
    const records = found.resolution.status === 'matched' ? ((await store.getAccountRecords(found.resolution.accountId)) ?? null) : null;
    return { ...found, records };
  }

  /**
   * The account a page is and the freshness of what is cached of it, without reading its records (the
   * background may hold what it computed from them): a stale account is refreshed in the background, an
   * account never fetched is fetched first, as for `panelRecords`.
   */
  async panelAccount(page: PageContextInput): Promise<PanelAccount> {
    const { settings, source } = await this.ctx.active();
    const sourceName = this.ctx.sourceName(settings.source);
    const store = await this.ctx.options.store();
    let resolution = await resolveAccount(store, page);
    if (source.kind === 'local') {
      // Imported data: fetched when it was imported, never stale, refreshed only by importing again.
      const importedAt = resolution.status === 'matched' ? ((await store.getAccount(resolution.accountId))?.updatedAt ?? null) : null;
      return { resolution, sourceName, freshness: { fetchedAt: importedAt, stale: false, refreshing: false, lastError: null } };
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
          return { resolution, sourceName, freshness: { ...idle, stale: true, lastError: errorText(error), lastErrorWords: errorWordsOf(error) ?? null } };
        }
      }
    }
    if (resolution.status !== 'matched') return { resolution, sourceName, freshness: idle };
    const accountId = resolution.accountId;
    let { lastErrorAt, ...freshness } = await this.freshness(accountId, source, settings);
    const coolingDown = lastErrorAt !== null && this.ctx.now() - lastErrorAt < (this.ctx.options.errorCooldownMs ?? 30_000);
    if (freshness.fetchedAt === null && !coolingDown) {
      // Nothing cached to show yet: wait for it (shared with every other panel asking).
      await this.refresh(accountId).catch(log.failed('refreshing an account (kept as its last error)'));
      ({ lastErrorAt, ...freshness } = await this.freshness(accountId, source, settings));
    } else if (freshness.stale && !coolingDown) {
      void this.refresh(accountId).catch(log.failed('refreshing a stale account (kept as its last error)'));
      freshness = { ...freshness, refreshing: true };
    }
    return { resolution, sourceName, freshness };
  }

  /** Asks the source which account a page is, once per hints in flight; remembers misses for the TTL. */
  private lookup(source: DataSource, settings: EffectiveSettings, page: PageContextInput): Promise<Resolution> {
    const key = `${source.key}\n${JSON.stringify(lookupQueryOf(page.hints))}`;
    const running = this.lookups.get(key);
    if (running) return running;
    const task = (async (): Promise<Resolution> => {
      const store = await this.ctx.options.store();
      const remembered = await store.getLookup(key);
      if (remembered && this.ctx.now() - remembered.at < settings.source.ttlMinutes * 60_000) {
        if (remembered.accountId === null) return { status: 'none' };
        if (await store.getAccount(remembered.accountId)) return { status: 'matched', accountId: remembered.accountId, via: remembered.via ?? 'crm_id' };
      }
      const result = await source.lookupAccount(page.hints, page.recordKey);
      if (result.status === 'matched') {
        await store.putSourceAccounts([result.account]);
        await store.putLookup({ key, accountId: result.account.id, via: result.via === 'link' ? 'crm_id' : result.via, at: this.ctx.now() });
        return { status: 'matched', accountId: result.account.id, via: result.via };
      }
      if (result.status === 'ambiguous') {
        await store.putSourceAccounts(result.candidates);
        return { status: 'ambiguous', candidates: result.candidates };
      }
      await store.putLookup({ key, accountId: null, at: this.ctx.now() });
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
      const { source } = await this.ctx.active();
      if (source.kind === 'local') return;
      const store = await this.ctx.options.store();
      let touched: Iterable<string> = [accountId];
      try {
        if (!(await this.ctx.permitted(source.key))) await this.ctx.requirePermission(source.key);
        const records = await source.accountContext(accountId);
        if (!records) throw wordedError('not_found', words('error.accountGone'));
        touched = await store.applyAccountContext(records, { accountId, sourceKey: source.key, fetchedAt: this.ctx.now(), lastError: null, lastErrorAt: null });
      } catch (error) {
        const meta = await store.getFetchMeta(accountId);
        await store.putFetchMeta({
          accountId,
          sourceKey: source.key,
          fetchedAt: meta?.sourceKey === source.key ? meta.fetchedAt : null,
          lastError: errorText(error),
          lastErrorWords: errorWordsOf(error) ?? null,
          lastErrorAt: this.ctx.now(),
        });
        throw error;
      } finally {
        // Either way the panels have something new to show: fresher data, or why there is none.
        this.refreshing.delete(accountId);
        this.ctx.options.dataChanged(touched);
      }
    })();
    this.refreshing.set(accountId, task);
    return task;
  }

  /** `refreshAccount`: fetch now, whatever the age; resolves with the freshness after it. */
  async refreshNow(accountId: string): Promise<Freshness> {
    const { settings, source } = await this.ctx.active();
    const store = await this.ctx.options.store();
    if (!(await store.getAccount(accountId))) throw wordedError('not_found', words('error.noAccount', { id: accountId }));
    if (source.kind === 'local') {
      const account = await store.getAccount(accountId);
      return { fetchedAt: account?.updatedAt ?? null, stale: false, refreshing: false, lastError: null };
    }
    await this.refresh(accountId).catch(log.failed('refreshing an account on request (kept as its last error)'));
    const { lastErrorAt: _at, ...freshness } = await this.freshness(accountId, source, settings);
    return freshness;
  }

  /** Account ids for a search: the local cache, and the source's own search until a sync has completed. */
  async searchIds(query: string, limit: number, localIds: string[]): Promise<string[]> {
    const { source } = await this.ctx.active();
    if (source.kind === 'local' || !query.trim()) return localIds;
    const store = await this.ctx.options.store();
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
}
