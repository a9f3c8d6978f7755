/**
 * What every group of background handlers shares: the clock, the event channel, the store, the data
 * source and the few in-memory helpers built once per service (`background-service.ts` builds it).
 */
import { browser } from 'wxt/browser';
import type { EffectiveSettings } from '../settings';
import type { NpsStore } from '../store';
import type { PageContextInput } from '../model/page';
import type { ServiceEvent } from '../model/events';
import type { AccountSearch } from '../accounts/search';
import type { Handlers } from '../messaging/dispatch';
import type { MethodName } from '../messaging/protocol';
import type { SourceEngine } from '../sources/engine';
import type { SiteRegistry } from './sites';
import type { Diagnostics } from './diagnostics';
import type { PopupSummaries } from './popup-summaries';
import type { CrmPlacesMemory } from './crm-places';
import type { Prefetch } from './prefetch';
import type { PanelViews } from './panel-views';
import type { PageReports } from './page-reports';
import type { AttentionKeeper } from './attention-index';
import type { RolePairs } from './role-pairs';
import type { StoreCounts } from '../store';

export interface ServiceContext {
  now: () => number;
  emit: (event: ServiceEvent) => void;
  store: () => Promise<NpsStore>;
  settings: () => Promise<EffectiveSettings>;
  sources: SourceEngine;
  /** The account search index, built on first use and dropped when the data changes. */
  search: () => Promise<AccountSearch>;
  /** Starts building the search index if it is not built, behind every call (nobody waits for it yet). */
  prepareSearch: () => void;
  /**
   * How many accounts and records are stored, counted once per change of the data: every open options
   * page asks after each change, and counting walks every account and block (seconds of IndexedDB's
   * time with 50,000 accounts, which the popup's and panels' reads would queue behind).
   */
  counts: () => Promise<StoreCounts>;
  /** Every respondent's (role, title) pair and how many give it, for the role mapping preview. */
  rolePairs: RolePairs;
  sites: () => SiteRegistry;
  diagnostics: () => Diagnostics;
  summaries: PopupSummaries;
  /** What needs attention across accounts, kept up to date (`attention-index.ts`). */
  attention: AttentionKeeper;
  places: CrmPlacesMemory;
  prefetch: Prefetch;
  /** The panel views computed lately (lib/background/panel-views.ts), dropped when the data changes. */
  panelViews: PanelViews;
  reports: PageReports;
  /** Drops what was computed from the data and tells every open page. */
  /** The stored data changed: for the accounts named (a sync page, a follow-up written), or anywhere when none are. */
  dataChanged: (accountIds?: Iterable<string>) => void;
}

/** One area's handlers: the protocol methods it answers. */
export type HandlerGroup<K extends MethodName> = Pick<Handlers, K>;

const PAGE_KEY_PREFIX = 'page:';

/** A tab's report as kept: the page, and the origin of the document that reported it. */
type KeptPage = PageContextInput & { reportedFrom?: string };

/**
 * The page a tab last reported (kept in `storage.session`, so it outlives a service worker restart).
 * With `stillShown`, only while the tab still shows the document's origin that reported it: a tab that
 * left the CRM (to a site without our script, which reports nothing) keeps its last report, which the
 * popup and the side panel must not take for the tab's page. A panel inside the tab needs no check.
 */
export async function pageOfTab(tabId: number | undefined, { stillShown = false } = {}): Promise<PageContextInput | null> {
  if (tabId === undefined) return null;
  const key = PAGE_KEY_PREFIX + tabId;
  const kept = (await browser.storage.session.get(key))[key] as KeptPage | undefined;
  if (!kept) return null;
  const { reportedFrom, ...page } = kept;
  if (stillShown && !(await tabShowsOrigin(tabId, reportedFrom))) return null;
  return page;
}

/**
 * Whether the tab's document is still of `origin`. The browser names a tab's URL only on hosts the
 * extension may read (the CRMs, the custom sites granted) and on its own pages: a tab whose URL it
 * does not name has left them all.
 */
async function tabShowsOrigin(tabId: number, origin: string | undefined): Promise<boolean> {
  if (!origin) return true;
  const tab = await browser.tabs.get(tabId).catch(() => null);
  if (!tab?.url) return false;
  try {
    return new URL(tab.url).origin === origin;
  } catch {
    return false;
  }
}

/** Keeps the page a tab's document reported (`from`: that document's URL), or forgets it (`page` null). */
export function setPageOfTab(tabId: number, page: PageContextInput | null, from?: string): Promise<void> {
  const key = PAGE_KEY_PREFIX + tabId;
  if (!page) return browser.storage.session.remove(key);
  let reportedFrom: string | undefined;
  try {
    reportedFrom = from ? new URL(from).origin : undefined;
  } catch {
    reportedFrom = undefined;
  }
  return browser.storage.session.set({ [key]: reportedFrom ? { ...page, reportedFrom } : page });
}

/** Forgets a closed tab's page. */
export function forgetTab(tabId: number): Promise<void> {
  return browser.storage.session.remove(PAGE_KEY_PREFIX + tabId);
}
