/**
 * The background service: what panels, the popup and the options page ask of the background. It owns
 * the store; every other context calls it through the typed protocol.
 */
import { browser } from 'wxt/browser';
import { withZendeskApi } from '../crm/zendesk/api';
import { buildAccountContext } from '../nps';
import type { AccountRecords, Action } from '../model';
import { NpsStore, type ImportRecord } from '../store';
import type { AccountSummary, Freshness, PageContextInput, PanelData, ServiceEvent } from './protocol';
import { resolveAccount } from './resolve';
import { AccountSearch } from './search';
import { createSiteRegistry, type SiteRegistry } from './sites';
import type { CallerInfo, Handlers } from './server';

const PAGE_KEY_PREFIX = 'page:';
const LOCAL_SOURCE_NAME = 'Imported CSV';

export interface BackgroundServiceOptions {
  /** Opens the store; the default opens the extension's database. */
  openStore?: () => Promise<NpsStore>;
  now?: () => number;
  /** Broadcasts an event to our pages; the default uses runtime messaging. */
  emit?: (event: ServiceEvent) => void;
  /** Custom CRM hosts; the default keeps them in `storage.local` and registers content scripts. */
  sites?: SiteRegistry;
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

  async function search(): Promise<AccountSearch> {
    searchIndex ??= new AccountSearch(await (await store()).allAccounts());
    return searchIndex;
  }

  function summarise(records: AccountRecords): AccountSummary {
    const context = buildAccountContext(records, { now: now(), window: '365d', rule: 'all' });
    return { account: records.account, summary: context.overall, openActions: context.openActions.length };
  }

  async function pageOfTab(tabId: number | undefined): Promise<PageContextInput | null> {
    if (tabId === undefined) return null;
    const key = PAGE_KEY_PREFIX + tabId;
    const stored = await browser.storage.session.get(key);
    return (stored[key] as PageContextInput | undefined) ?? null;
  }

  const handlers: Handlers = {
    async reportPage({ page: reported, zendeskApi }, from: CallerInfo) {
      if (from.tabId === undefined || from.frameId !== 0) throw new Error('Only a top frame may report its page');
      const key = PAGE_KEY_PREFIX + from.tabId;
      // Zendesk API bodies are validated here, never in the page; the DOM's hints stand where they fail.
      const page = reported && zendeskApi?.length ? withZendeskApi(reported, zendeskApi).page : reported;
      if (page) await browser.storage.session.set({ [key]: page });
      else await browser.storage.session.remove(key);
      emit({ channel: 'nps-event', event: 'pageChanged', tabId: from.tabId });
    },

    async getPanelData(_input, from): Promise<PanelData> {
      const page = await pageOfTab(from.tabId);
      const base = {
        tabId: from.tabId ?? null,
        page,
        records: null,
        updatedAt: null,
        sourceName: LOCAL_SOURCE_NAME,
        freshness: localFreshness(null),
      };
      if (!page) return { ...base, resolution: { status: 'none' } };
      const s = await store();
      const resolution = await resolveAccount(s, page);
      if (resolution.status !== 'matched') return { ...base, resolution };
      const records = (await s.getAccountRecords(resolution.accountId)) ?? null;
      const updatedAt = records?.account.updatedAt ?? null;
      return { ...base, resolution, records, updatedAt, freshness: localFreshness(updatedAt) };
    },

    async refreshAccount({ accountId }) {
      // Imported data is as fresh as its last import: there is nothing further to fetch.
      const account = await (await store()).getAccount(accountId);
      if (!account) throw new Error(`No account ${accountId}`);
      return localFreshness(account.updatedAt);
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
      const ids = (await search()).search(query, limit ?? 20);
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
      const saved = { ...action, updatedAt: now() };
      await s.putAction(saved);
      dataChanged();
      return saved;
    },

    async setActionStatus({ actionId, status }) {
      const s = await store();
      const action = await s.getAction(actionId);
      if (!action) throw new Error(`No action ${actionId}`);
      const saved = { ...action, status, updatedAt: now() };
      await s.putAction(saved);
      dataChanged();
      return saved;
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
      dataChanged();
    },

    // Custom sites (issue 5).
    listCustomSites: () => sites().list(),
    addCustomSite: ({ host, crm }) => sites().add(host, crm),
    removeCustomSite: ({ host }) => sites().remove(host),
  };

  return { handlers, store };
}
