/**
 * The background service: what panels, the popup and the options page ask of the background. It owns
 * the store; every other context calls it through the typed protocol.
 */
import { browser } from 'wxt/browser';
import { PANEL_CHROME_FILE } from '../messaging/injected';
import { withZendeskApi } from '../crm/zendesk/api';
import type { Action } from '../model';
import { loadSettings, type EffectiveSettings } from '../settings';
import { previewRoleMapping } from '../settings/role-preview';
import { NpsStore, type ImportRecord } from '../store';
import type { PanelData } from '../messaging/protocol';
import type { Freshness, PageContextInput } from '../model/page';
import type { ServiceEvent } from '../model/events';
import { resolveAccount } from '../accounts/resolve';
import { recordLinks } from '../accounts/record-links';
import { AccountSearch } from '../accounts/search';
import { createSiteRegistry, type SiteRegistry } from './sites';
import { createDiagnostics, type Diagnostics } from './diagnostics';
import { createPopupSummaries } from './popup-summaries';
import { createCrmPlaces } from './crm-places';
import { createPrefetch } from './prefetch';
import { createPageReports } from './page-reports';
import { createLogger } from '../core/log';
import type { CallerInfo, Handlers } from '../messaging/dispatch';
import { SourceEngine, type SourceEngineOptions } from '../sources/engine';

export { crmPlacesItem } from './crm-places';

const log = createLogger('background');

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
/** The demo page's own page context: its record key names the account it shows. */
const DEMO_CRM = 'demo';
const DEMO_KEY_PREFIX = 'demo:';

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
  /** Where failures of background work are kept (the options page's diagnostics); the default keeps them in `storage.local`. */
  diagnostics?: Diagnostics;
  /** How long a panel's first call waits for the report its frame names (`report-id.ts`) before it reads what is stored. */
  reportWaitMs?: number;
}

/** A report that is not in a few hundred milliseconds after its frame asked never comes (its page went away). */
const REPORT_WAIT_MS = 1_000;

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
  let diagnosticsRecord = options.diagnostics;
  const diagnostics = () => (diagnosticsRecord ??= createDiagnostics(browser.storage.local));

  const store = (): Promise<NpsStore> => {
    storePromise ??= (options.openStore ?? (() => NpsStore.open()))().then(async (s) => {
      await s.recoverImports(now());
      return s;
    });
    return storePromise;
  };

  // Settings as they apply (user's + policy), reread when they change.
  let settingsPromise: Promise<EffectiveSettings> | undefined;
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'managed' || Object.keys(changes).some((key) => key.startsWith('settings.'))) settingsPromise = undefined;
  });
  const settings = () => (settingsPromise ??= loadSettings());
  const summaries = createPopupSummaries({ store, settings, now });
  const places = createCrmPlaces();
  const reports = createPageReports(options.reportWaitMs ?? REPORT_WAIT_MS);

  const dataChanged = () => {
    prefetch.clear();
    searchIndex = undefined;
    summaries.clear();
    emit({ channel: 'nps-event', event: 'dataChanged' });
  };

  // The data source: the cache, sync and write-back behind the handlers below.
  const sources = new SourceEngine({ ...options.sources, store, now, emit, dataChanged });
  const prefetch = createPrefetch({ sources, now, skip: (page) => page.crm === DEMO_CRM });

  async function search(): Promise<AccountSearch> {
    searchIndex ??= new AccountSearch(await (await store()).allAccounts());
    return searchIndex;
  }

  async function pageOfTab(tabId: number | undefined): Promise<PageContextInput | null> {
    if (tabId === undefined) return null;
    const key = PAGE_KEY_PREFIX + tabId;
    const stored = await browser.storage.session.get(key);
    return (stored[key] as PageContextInput | undefined) ?? null;
  }

  const handlers: Handlers = {
    async reportPage({ page: reported, zendeskApi, report }, from: CallerInfo) {
      const tabId = from.tabId;
      if (tabId === undefined || from.frameId !== 0) throw new Error('Only a top frame may report its page');
      const key = PAGE_KEY_PREFIX + tabId;
      // Zendesk API bodies are validated here, never in the page; the DOM's hints stand where they fail.
      const page = reported && zendeskApi?.length ? withZendeskApi(reported, zendeskApi).page : reported;
      const stored = reports.storing(tabId, page ? browser.storage.session.set({ [key]: page }) : browser.storage.session.remove(key));
      reports.arrived(tabId, report);
      if (page) void prefetch.start(tabId, page).catch(log.failed('reading a reported page’s records ahead'));
      await stored;
      if (page) await places.remember(page.crm, from.url).catch(log.failed('remembering where a CRM is used'));
      emit({ channel: 'nps-event', event: 'pageChanged', tabId });
    },

    async injectPanelChrome(_input, from: CallerInfo) {
      if (from.tabId === undefined || from.frameId !== 0) throw new Error('Only a top frame shows the panel');
      // Into the content script's own world (ISOLATED), top frame only: never the page's.
      await browser.scripting.executeScript({ target: { tabId: from.tabId, frameIds: [0] }, files: [PANEL_CHROME_FILE] });
    },

    async getPanelData({ tabId: askedTab, report }, from): Promise<PanelData> {
      const tabId = askedTab ?? tabNamedByOwnPage(from.url) ?? from.tabId;
      // The report the panel's frame was created with arrives first (the frame loads while it travels)…
      if (report && tabId !== undefined) await reports.untilArrived(tabId, report);
      // …and a report still being stored for this tab lands first (the panel may load before it did).
      await reports.stored(tabId);
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
      if (page.crm === DEMO_CRM) {
        // The demo page names its account; its records are what the store holds.
        const accountId = page.recordKey.slice(DEMO_KEY_PREFIX.length);
        const records = (await (await store()).getAccountRecords(accountId)) ?? null;
        const updatedAt = records?.account.updatedAt ?? null;
        return { ...base, resolution: { status: 'matched', accountId, via: 'link' }, records, updatedAt, freshness: localFreshness(updatedAt) };
      }
      // Cached records at once; the source refreshes them when stale (see lib/sources/engine.ts).
      const { resolution, records, freshness, sourceName } = await (prefetch.take(tabId, page) ?? sources.panelRecords(page));
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
      // The local index first; the HTTP source is asked until its first full sync has landed.
      return summaries.of(await sources.searchIds(query, limit ?? 20, (await search()).search(query, limit ?? 20)));
    },

    async getPopupHome({ tabId, recentIds }) {
      // The popup opens with this call: build the search index meanwhile, so its first keystroke finds it ready.
      void search().catch(log.failed('building the search index'));
      const page = await pageOfTab(tabId);
      let activeAccountId: string | null = null;
      if (page) {
        const resolution = page.crm === DEMO_CRM ? null : await resolveAccount(await store(), page);
        if (resolution?.status === 'matched') activeAccountId = resolution.accountId;
      }
      const ids = [...new Set([...(activeAccountId ? [activeAccountId] : []), ...recentIds])];
      const [found, empty] = await Promise.all([summaries.of(ids), store().then((s) => s.isEmpty())]);
      return { activeAccountId, summaries: found, hasData: !empty };
    },

    async getRecordLinks({ accountId }) {
      const account = await (await store()).getAccount(accountId);
      return account ? recordLinks(account, await places.get()) : [];
    },

    async previewRoleMapping({ mapping }) {
      return previewRoleMapping(mapping, await (await store()).allRespondents());
    },

    getDiagnostics: () => diagnostics().list(),
    clearDiagnostics: () => diagnostics().clear(),

    async showDemoPage({ accountId }, from) {
      // Only our demo page, in a tab of its own, may make its tab show an account.
      if (from.tabId === undefined || !from.url || new URL(from.url).pathname !== '/demo.html') {
        throw new Error('Only the demo page may ask for a demo');
      }
      const s = await store();
      const account = accountId ? await s.getAccount(accountId) : (await s.allAccounts())[0];
      if (!account) return null;
      const page: PageContextInput = { crm: DEMO_CRM, kind: 'account', recordKey: DEMO_KEY_PREFIX + account.id, hints: { name: account.name } };
      await browser.storage.session.set({ [PAGE_KEY_PREFIX + from.tabId]: page });
      emit({ channel: 'nps-event', event: 'pageChanged', tabId: from.tabId });
      return { accountId: account.id, name: account.name };
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

    // Export, in pages.
    async exportPage({ kind, after, limit }) {
      return (await store()).exportPage(kind, after, limit);
    },

    async clearData() {
      await (await store()).clearAll();
      // The sync starts again from the beginning, or the cleared rows would never come back.
      await (await store()).clearSourceCache();
      // Where the user used each CRM is stored data too: clearing forgets it (record links come back
      // once a CRM page is visited again).
      summaries.clear();
      await places.forget();
      dataChanged();
    },

    // Custom sites.
    listCustomSites: () => sites().list(),
    addCustomSite: ({ host, crm }) => sites().add(host, crm),
    removeCustomSite: ({ host }) => sites().remove(host),

    // The data source.
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

  return { handlers, store, sources, diagnostics };
}
