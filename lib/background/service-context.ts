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

export interface ServiceContext {
  now: () => number;
  emit: (event: ServiceEvent) => void;
  store: () => Promise<NpsStore>;
  settings: () => Promise<EffectiveSettings>;
  sources: SourceEngine;
  /** The account search index, built on first use and dropped when the data changes. */
  search: () => Promise<AccountSearch>;
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
  dataChanged: () => void;
}

/** One area's handlers: the protocol methods it answers. */
export type HandlerGroup<K extends MethodName> = Pick<Handlers, K>;

const PAGE_KEY_PREFIX = 'page:';

/** The page a tab last reported (kept in `storage.session`, so it outlives a service worker restart). */
export async function pageOfTab(tabId: number | undefined): Promise<PageContextInput | null> {
  if (tabId === undefined) return null;
  const key = PAGE_KEY_PREFIX + tabId;
  const stored = await browser.storage.session.get(key);
  return (stored[key] as PageContextInput | undefined) ?? null;
}

export function setPageOfTab(tabId: number, page: PageContextInput | null): Promise<void> {
  const key = PAGE_KEY_PREFIX + tabId;
  return page ? browser.storage.session.set({ [key]: page }) : browser.storage.session.remove(key);
}
