/**
 * The panel views the background computed (`panelView`), kept for a minute by what they were computed
 * for: the account, the window, the granularity, the person on the page and the settings that count.
 * The page's report starts the computation (`prefetch.ts`) and the panel's call joins it, a panel asking
 * again (a reload, another tab on the same account, the side panel) is answered from here, and whatever
 * changes the data or the comments' insights drops the views of the accounts it changed (`drop`), or every
 * view when it cannot say which (`clear`). A 10,000-response account's
 * panel is then answered as fast as a small one's: reading its records and computing its figures happen
 * once, not on every call.
 */
import type { AccountRecords, WindowKey } from '../model';
import type { PageContextInput } from '../model/page';
import { personOnPage, type HistoryGranularity, type RecentComment } from '../nps';
import { insightsKey } from '../insights/key';
import type { EffectiveSettings } from '../settings';
import type { PanelView } from '../messaging/panel-view';
import { panelView } from './panel-view';

/** A view is at most this old: its figures are computed for a "now" (windows, overdue, waiting days). */
export const VIEW_TTL_MS = 60_000;
/** Views kept (a person rarely looks at more accounts within a minute). */
const MAX_VIEWS = 8;

export type ComputedView = PanelView & { allComments: RecentComment[] };

export interface ViewRequest {
  accountId: string;
  /** The panel's choice; absent, the display settings' window. */
  window?: WindowKey;
  granularity?: HistoryGranularity;
  page: PageContextInput | null;
}

export interface PanelViewsDeps {
  /** The account's records as stored (null: not stored). */
  records(accountId: string): Promise<AccountRecords | null>;
  now(): number;
}

type ViewSettings = Pick<EffectiveSettings, 'display' | 'roleMapping' | 'followUp' | 'taxonomy'>;

export class PanelViews {
  private readonly entries = new Map<string, { at: number; accountId: string; view: Promise<ComputedView | null> }>();

  constructor(
    private readonly deps: PanelViewsDeps,
    private readonly ttlMs = VIEW_TTL_MS,
    private readonly max = MAX_VIEWS,
  ) {}

  /** The view of the request under these settings: kept, being computed (joined), or computed now. */
  view(request: ViewRequest, settings: ViewSettings): Promise<ComputedView | null> {
    const window = request.window ?? settings.display.defaultWindow;
    const granularity = request.granularity ?? 'quarter';
    const key = JSON.stringify([
      request.accountId,
      window,
      granularity,
      personOnPage(request.page),
      settings.display,
      settings.roleMapping,
      settings.followUp,
      insightsKey(settings.taxonomy),
    ]);
    const now = this.deps.now();
    const kept = this.entries.get(key);
    this.entries.delete(key);
    if (kept && now - kept.at <= this.ttlMs) {
      this.entries.set(key, kept);
      return kept.view;
    }
    const view = this.deps.records(request.accountId).then((records) =>
      records ? panelView(records, { now, window, granularity, page: request.page, settings }) : null,
    );
    const entry = { at: now, accountId: request.accountId, view };
    this.entries.set(key, entry);
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
    // A failed read is not kept: the next call tries again.
    view.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return view;
  }

  /** The data or the settings changed: nothing computed before stands. */
  clear(): void {
    this.entries.clear();
  }

  /** These accounts changed (their comments' insights): their views are computed again, the others stand. */
  drop(accountIds: ReadonlySet<string>): void {
    for (const [key, entry] of this.entries) if (accountIds.has(entry.accountId)) this.entries.delete(key);
  }
}
