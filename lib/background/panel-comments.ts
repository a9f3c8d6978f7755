/**
 * The comments of the window each panel shows, kept by the background after it computed the panel's
 * view, so "Show more comments" and the filters get their page without the account's records crossing
 * to the panel. One entry per tab, the most recent few tabs only; a new view of the tab replaces it.
 */
import type { RecentComment } from '../nps';
import type { WindowKey } from '../model';

export interface KeptComments {
  accountId: string;
  window: WindowKey;
  insightsKey: string;
  /** Newest first, as the context gives them. */
  all: RecentComment[];
}

/** Tabs whose comments are kept (a person rarely has more panels open). */
const MAX_TABS = 16;

export class PanelCommentsKept {
  private readonly byTab = new Map<number, KeptComments>();

  keep(tabId: number, kept: KeptComments): void {
    this.byTab.delete(tabId);
    this.byTab.set(tabId, kept);
    if (this.byTab.size > MAX_TABS) this.byTab.delete(this.byTab.keys().next().value!);
  }

  of(tabId: number): KeptComments | undefined {
    return this.byTab.get(tabId);
  }
}
