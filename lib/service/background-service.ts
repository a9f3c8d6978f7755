/**
 * The background service: what panels, the popup and the options page ask of the background. It owns
 * the store; every other context calls it through the typed protocol.
 */
import { browser } from 'wxt/browser';
import { PANEL_CHROME_FILE } from '../content/panel-chrome';
import { withZendeskApi } from '../crm/zendesk/api';
import { buildAccountContext } from '../nps';
import type { AccountRecords, Action } from '../model';
import { NpsStore, type ImportRecord } from '../store';
import type { AccountSummary, Freshness, PageContextInput, PanelData, ServiceEvent } from './protocol';
import { AccountSearch } from './search';
import { createSiteRegistry, type SiteRegistry } from './sites';
import type { CallerInfo, Handlers } from './server';
import { SourceEngine, type SourceEngineOptions } from '../sources/engine';

const PAGE_KEY_PREFIX = 'page:';

/**
 * The tab one of our own pages was opened for, from its URL (`sidepanel.html?tabId=12`): the side
 * panel is not in a tab, so the browser's sender says nothing of one. Only our pages' URLs are read.
 */
export function tabNamedByOwnPage(url: string | undefined): number | undefined {
  if (!url) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.origin !== new URL(browser.runtime.getURL('/')).origin) return undefined;
  const tab = Number(parsed.searchParams.get('tabId') ?? NaN);
  return Number.isInteger(tab) && tab >= 0 ? tab : undefined;
}
const LOCAL_SOURCE_NAME = 'Imported CSV';

export interface BackgroundServiceOptions {
  /** Opens the store; the default opens the extension's database. */
  openStore?: () => Promise<NpsStore>;
  now?: () => number;
  /** Broadcasts an event to our pages; the default uses runtime messaging. */
  emit?: (event: ServiceEvent) => void;
  /** Custom CRM hosts; the default keeps them in `storage.local` and registers content scripts. */
  sites?: SiteRegistry;
  /** The data-source engine's dependencies (tests: settings, permissions, alarms, network). */
  sources?: Partial<Omit<SourceEngineOptions, 'store' | 'emit' | 'dataChanged' | 'now'>>;
}

/** Configuring the source (and typing its token) is for the options page only, not a panel. */
function requireOptionsPage(from: CallerInfo): void {
  const path = from.url ? new URL(from.url).pathname : '';
  if (path !== '/options.html') throw new Error('Only the options page may configure the data source');
}

/** Imported data: fetched when it was imported, never stale, refreshed only by importing again. */
function localFreshness(importedAt: number | null): Freshness {
  return { fetchedAt: importedAt, stale: false, refreshing: false, lastError: null };
}

function defaultEmit(event: ServiceEvent): void {
  // Nobody listening (no panel or popup open) is normal, not an error.
  browser.runtime.sendMessage(event).catch(() => undefined);
}

export function createBackgroundService(options: BackgroundServiceOptions = {}) {
  const now = options.now ?? Date.now;
  const emit = options.emit ?? defaultEmit;
  let storePromise: Promise<NpsStore> | undefined;
  let searchIndex: AccountSearch | undefined;
  let siteRegistry = options.sites;
  const sites = () => (siteRegistry ??= createSiteRegistry());

  const store = (): Promise<NpsStore> => {
    storePromise ??= (options.openStore ?? (() => NpsStore.open()))().then(async (s) => {
      await s.recoverImports(now());
      return s;
    });
    return storePromise;
  };

  const dataChanged = () => {
    searchIndex = undefined;
    emit({ channel: 'nps-event', event: 'dataChanged' });
  };

  // Data sources (issue 8): the cache, sync and write-back behind the handlers below.
  const sources = new SourceEngine({ ...options.sources, store, now, emit, dataChanged });

  async function search(): Promise<AccountSearch> {
    searchIndex ??= new AccountSearch(await (await store()).allAccounts());
    return searchIndex;
  }

  function summarise(records: AccountRecords): AccountSummary {
    const context = buildAccountContext(records, { now: now(), window: '365d', rule: 'all' });
    return { account: records.account, summary: context.overall, openActions: context.openActions.length };
  }

  /** Pages being stored, per tab: `getPanelData` waits for them rather than read what they replace. */
  const pendingReports = new Map<number, Promise<void>>();

  async function pageOfTab(tabId: number | undefined): Promise<PageContextInput | null> {
    if (tabId === undefined) return null;
    const key = PAGE_KEY_PREFIX + tabId;
    const stored = await browser.storage.session.get(key);
    return (stored[key] as PageContextInput | undefined) ?? null;
  }

  const handlers: Handlers = {
    async reportPage({ page: reported, zendeskApi }, from: CallerInfo) {
      const tabId = from.tabId;
      if (tabId === undefined || from.frameId !== 0) throw new Error('Only a top frame may report its page');
      const key = PAGE_KEY_PREFIX + tabId;
      // Zendesk API bodies are validated here, never in the page; the DOM's hints stand where they fail.
      const page = reported && zendeskApi?.length ? withZendeskApi(reported, zendeskApi).page : reported;
      const stored = (page ? browser.storage.session.set({ [key]: page }) : browser.storage.session.remove(key)).finally(() => {
        if (pendingReports.get(tabId) === stored) pendingReports.delete(tabId);
      });
      pendingReports.set(tabId, stored);
      await stored;
      emit({ channel: 'nps-event', event: 'pageChanged', tabId });
    },

    async injectPanelChrome(_input, from: CallerInfo) {
      if (from.tabId === undefined || from.frameId !== 0) throw new Error('Only a top frame shows the panel');
      // Into the content script's own world (ISOLATED), top frame only: never the page's.
      await browser.scripting.executeScript({ target: { tabId: from.tabId, frameIds: [0] }, files: [PANEL_CHROME_FILE] });
    },

    async getPanelData({ tabId: askedTab }, from): Promise<PanelData> {
      const tabId = askedTab ?? tabNamedByOwnPage(from.url) ?? from.tabId;
      // A report still on its way for this tab lands first (the panel may load before it did).
      await pendingReports.get(tabId ?? -1);
      const page = await pageOfTab(tabId);
      const base = {
        tabId: tabId ?? null,
        page,
        records: null,
        updatedAt: null,
        sourceName: LOCAL_SOURCE_NAME,
        freshness: localFreshness(null),
      };
      if (!page) return { ...base, sourceName: sources.sourceName((await sources.settings()).source), resolution: { status: 'none' } };
      // Cached records at once; the source refreshes them when stale (see lib/sources/engine.ts).
      const { resolution, records, freshness, sourceName } = await sources.panelRecords(page);
      const updatedAt = freshness.fetchedAt ?? records?.account.updatedAt ?? null;
      return { ...base, resolution, records, updatedAt, sourceName, freshness };
    },

    async refreshAccount({ accountId }) {
      // Imported data is as fresh as its last import; the HTTP source is asked now.
      return sources.refreshNow(accountId);
    },

    async linkRecord({ recordKey, accountId }) {
      const s = await store();
      if (accountId === null) await s.removeLink(recordKey);
      else {
        if (!(await s.getAccount(accountId))) throw new Error(`No account ${accountId}`);
        await s.setLink({ recordKey, accountId, createdAt: now() });
      }
      dataChanged();
    },

    async searchAccounts({ query, limit }) {
      const ids = await sources.searchIds(query, limit ?? 20, (await search()).search(query, limit ?? 20));
      const s = await store();
      const records = await Promise.all(ids.map((id) => s.getAccountRecords(id)));
      return records.filter((r): r is AccountRecords => !!r).map(summarise);
    },

    async getAccountRecords({ accountId }) {
      return (await (await store()).getAccountRecords(accountId)) ?? null;
    },

    async saveAction(action: Action) {
      const s = await store();
      if (!(await s.getAccount(action.accountId))) throw new Error(`No account ${action.accountId}`);
      const known = await s.getAction(action.id);
      // For the HTTP source the write is queued durably and delivered when the source answers.
      return sources.writeAction({ ...action, updatedAt: now() }, known ? 'update' : 'create');
    },

    async setActionStatus({ actionId, status }) {
      const s = await store();
      const action = await s.getAction(actionId);
      if (!action) throw new Error(`No action ${actionId}`);
      return sources.writeAction({ ...action, status, updatedAt: now() }, 'update');
    },

    async beginImport({ fileName, kind }) {
      const importId = crypto.randomUUID();
      const record: ImportRecord = {
        id: importId,
        fileName,
        kind,
        state: 'staging',
        startedAt: now(),
        touchedAt: now(),
        batches: 0,
        committedBatches: 0,
        imported: 0,
        rejected: 0,
      };
      await (await store()).beginImport(record);
      return { importId };
    },

    async stageImportBatch(batch) {
      await (await store()).stageBatch(batch);
    },

    async commitImport({ importId, imported, rejected }) {
      const record = await (await store()).commitImport(importId, { imported, rejected }, (done, total) =>
        emit({ channel: 'nps-event', event: 'importProgress', importId, committedBatches: done, batches: total }),
      );
      dataChanged();
      return record;
    },

    async cancelImport({ importId }) {
      await (await store()).cancelImport(importId);
    },

    async getStats() {
      return (await store()).counts();
    },

    // Export (issue 4).
    async exportPage({ kind, after, limit }) {
      return (await store()).exportPage(kind, after, limit);
    },

    async clearData() {
      await (await store()).clearAll();
      // The sync starts again from the beginning, or the cleared rows would never come back.
      await (await store()).clearSourceCache();
      dataChanged();
    },

    // Custom sites (issue 5).
    listCustomSites: () => sites().list(),
    addCustomSite: ({ host, crm }) => sites().add(host, crm),
    removeCustomSite: ({ host }) => sites().remove(host),

    // Data sources (issue 8).
    getSourceStatus: () => sources.status(),
    configureSource(input, from) {
      requireOptionsPage(from);
      return sources.configure(input);
    },
    testSource(input, from) {
      requireOptionsPage(from);
      return sources.test(input);
    },
    syncNow: async () => (await sources.startSync()).status,
    cancelSync: () => sources.cancelSync(),
    listConflicts: () => sources.listConflicts(),
    resolveConflict: ({ seq, keep }) => sources.resolveConflict(seq, keep),
  };

  return { handlers, store, sources };
}
