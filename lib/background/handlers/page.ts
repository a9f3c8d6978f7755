/**
 * The page in a tab and its panel: what a content script reports, the panel's data, linking a record to
 * an account, and the demo page's own page.
 */
import { browser } from 'wxt/browser';
import { PANEL_CHROME_FILE } from '../../messaging/injected';
import { withZendeskApi } from '../../crm/zendesk/api';
import type { PanelData } from '../../messaging/protocol';
import { sentView } from '../panel-view';
import type { ComputedView } from '../panel-views';
import { wordedError, words } from '../../i18n/words';
import { commentPage } from '../../insights/comment-filter';
import { PanelCommentsKept } from '../panel-comments';
import type { CallerInfo } from '../../messaging/dispatch';
import type { Freshness, PageContextInput } from '../../model/page';
import { recordLinks } from '../../accounts/record-links';
import { LOCAL_SOURCE_NAME } from '../../sources/local';
import { createLogger } from '../../core/log';
import { pageOfTab, setPageOfTab, type HandlerGroup, type ServiceContext } from '../service-context';
import { DEMO_CRM, demoAccountId, demoPage } from '../demo-page';
import { rememberPanelAccount } from '../attention-index';

const log = createLogger('background');

/**
 * The tab the side panel was opened for, from its URL (`sidepanel.html?tabId=12`): the side panel is not
 * in a tab, so the browser's sender says nothing of one. Only the side panel's own URL is read: the
 * in-page panel (`panel.html`) can be framed by any page, which must not make it show another tab's account.
 */
export function tabNamedByOwnPage(url: string | undefined): number | undefined {
  if (!url) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.origin !== new URL(browser.runtime.getURL('/')).origin || parsed.pathname !== '/sidepanel.html') return undefined;
  const tab = Number(parsed.searchParams.get('tabId') ?? NaN);
  return Number.isInteger(tab) && tab >= 0 ? tab : undefined;
}

/** Imported data: fetched when it was imported, never stale, refreshed only by importing again. */
function localFreshness(importedAt: number | null): Freshness {
  return { fetchedAt: importedAt, stale: false, refreshing: false, lastError: null };
}

/** The tab a panel's call is about: the one it names, the side panel's own, else the caller's. */
function panelTab(asked: number | undefined, from: CallerInfo): number | undefined {
  return asked ?? tabNamedByOwnPage(from.url) ?? from.tabId;
}

function topFrameOnly(from: CallerInfo, what: string): number {
  if (from.tabId === undefined || from.frameId !== 0) throw new Error(`Only a top frame may ${what}`);
  return from.tabId;
}

type PageMethods = 'reportPage' | 'injectPanelChrome' | 'getPanelData' | 'getPanelComments' | 'refreshAccount' | 'linkRecord' | 'getRecordLinks' | 'showDemoPage';

export function pageHandlers(ctx: ServiceContext): HandlerGroup<PageMethods> {
  const { store, sources, reports, prefetch, panelViews, places, emit } = ctx;
  const comments = new PanelCommentsKept();
  const group: HandlerGroup<PageMethods> = {
    async reportPage({ page: reported, zendeskApi, report }, from) {
      const tabId = topFrameOnly(from, 'report its page');
      // Zendesk API bodies are validated here, never in the page; the DOM's hints stand where they fail.
      const page = reported && zendeskApi?.length ? withZendeskApi(reported, zendeskApi).page : reported;
      const stored = reports.storing(tabId, setPageOfTab(tabId, page, from.url));
      reports.arrived(tabId, report);
      if (page) void prefetch.start(page).catch(log.failed('computing a reported page’s panel ahead'));
      await stored;
      if (page) await places.remember(page.crm, from.url).catch(log.failed('remembering where a CRM is used'));
      emit({ channel: 'nps-event', event: 'pageChanged', tabId });
    },

    async injectPanelChrome(_input, from) {
      const tabId = topFrameOnly(from, 'show the panel');
      // Into the content script's own world (ISOLATED), top frame only: never the page's.
      await browser.scripting.executeScript({ target: { tabId, frameIds: [0] }, files: [PANEL_CHROME_FILE] });
    },

    async getPanelData({ tabId: askedTab, report, window, granularity, wholeLists = false }, from): Promise<PanelData> {
      const tabId = panelTab(askedTab, from);
      // The report the panel's frame was created with arrives first (the frame loads while it travels)…
      if (report && tabId !== undefined) await reports.untilArrived(tabId, report);
      // …and a report still being stored for this tab lands first (the panel may load before it did).
      await reports.stored(tabId);
      // The side panel (or a caller naming another tab) may outlive the tab's stay on the CRM.
      const page = await pageOfTab(tabId, { stillShown: tabId !== from.tabId });
      const settings = await sources.freshSettings();
      // The figures are computed here (or were, for this page's report: lib/background/panel-views.ts)
      // and sent, never the account's records (lib/messaging/panel-view.ts).
      const viewOf = async (accountId: string) => {
        const computed: ComputedView | null = await panelViews.view({ accountId, window, granularity, page }, settings);
        if (!computed) return null;
        const { allComments, ...view } = computed;
        if (tabId !== undefined) comments.keep(tabId, { accountId: view.account.id, window: view.window, insightsKey: view.insightsKey, all: allComments });
        return sentView(view, wholeLists);
      };
      const base = {
        tabId: tabId ?? null,
        page,
        view: null,
        updatedAt: null,
        sourceName: LOCAL_SOURCE_NAME,
        freshness: localFreshness(null),
      };
      if (!page) return { ...base, sourceName: sources.sourceName(settings.source), resolution: { status: 'none' } };
      if (page.crm === DEMO_CRM) {
        // The demo page names its account; its records are what the store holds.
        const accountId = demoAccountId(page);
        const view = await viewOf(accountId);
        const updatedAt = view?.account.updatedAt ?? null;
        return { ...base, resolution: { status: 'matched', accountId, via: 'link' }, view, updatedAt, freshness: localFreshness(updatedAt) };
      }
      // Cached data at once; the source refreshes it when stale (see lib/sources/engine.ts).
      const { resolution, freshness, sourceName } = await sources.panelAccount(page);
      const view = resolution.status === 'matched' ? await viewOf(resolution.accountId) : null;
      const updatedAt = freshness.fetchedAt ?? view?.account.updatedAt ?? null;
      // Notifications of new detractors follow the accounts the user looked at lately.
      if (resolution.status === 'matched') void rememberPanelAccount(resolution.accountId).catch(log.failed('remembering a shown account'));
      return { ...base, resolution, view, updatedAt, sourceName, freshness };
    },

    async getPanelComments({ tabId: askedTab, window, filter, limit }, from) {
      const tabId = panelTab(askedTab, from);
      let kept = tabId === undefined ? undefined : comments.of(tabId);
      if (!kept || (window !== undefined && kept.window !== window)) {
        // Not kept (the worker started again since) or for another window: the panel's data again keeps them.
        const data = await group.getPanelData({ ...(tabId !== undefined ? { tabId } : {}), ...(window ? { window } : {}) }, from);
        kept = tabId === undefined ? undefined : comments.of(tabId);
        if (!data.view) return commentPage([], filter, limit);
      }
      return commentPage(kept?.all ?? [], filter, limit, kept?.insightsKey ?? null);
    },

    async refreshAccount({ accountId }) {
      // Imported data is as fresh as its last import; the HTTP source is asked now.
      return sources.refreshNow(accountId);
    },

    async linkRecord({ recordKey, accountId }) {
      const s = await store();
      if (accountId === null) await s.removeLink(recordKey);
      else {
        if (!(await s.getAccount(accountId))) throw wordedError('not_found', words('error.noAccount', { id: accountId }));
        await s.setLink({ recordKey, accountId, createdAt: ctx.now() });
      }
      ctx.dataChanged();
    },

    async getRecordLinks({ accountId }) {
      const account = await (await store()).getAccount(accountId);
      return account ? recordLinks(account, await places.get()) : [];
    },

    async showDemoPage({ accountId }, from) {
      // Only our demo page, in a tab of its own, may make its tab show an account.
      if (from.tabId === undefined || !from.url || new URL(from.url).pathname !== '/demo.html') {
        throw new Error('Only the demo page may ask for a demo');
      }
      const s = await store();
      const account = accountId ? await s.getAccount(accountId) : await s.firstAccount();
      if (!account) return null;
      const page: PageContextInput = demoPage(account);
      await setPageOfTab(from.tabId, page, from.url);
      emit({ channel: 'nps-event', event: 'pageChanged', tabId: from.tabId });
      return { accountId: account.id, name: account.name };
    },
  };
  return group;
}
