/**
 * Builds what the panel shows of an account (`PanelView`) from its records, in the background: the
 * figures of the window the panel asks for, the insights of its comments, the person on the page and
 * their follow-ups. The panel receives this instead of the records.
 */
import type { AccountRecords } from '../model';
import type { PageContextInput } from '../model/page';
import type { WindowKey } from '../model';
import { buildAccountContext, followUps, personAnswers, personOnPage, type FollowUpState, type HistoryGranularity, type RecentComment } from '../nps';
import { commentPage, NO_FILTER } from '../insights/comment-filter';
import { insightsKey } from '../insights/key';
import { panelInsights } from '../insights/panel';
import type { EffectiveSettings } from '../settings';
import { PANEL_LIST_FIRST, type PanelView } from '../messaging/panel-view';

export interface PanelViewOptions {
  now: number;
  /** The panel's choice; absent, the display settings' window. */
  window?: WindowKey;
  granularity?: HistoryGranularity;
  page: PageContextInput | null;
  settings: Pick<EffectiveSettings, 'display' | 'roleMapping' | 'followUp' | 'taxonomy'>;
}

/** Comments the panel shows before "Show more comments" (the list's page). */
export const FIRST_COMMENTS = 20;

/** The view, and every comment of the window (kept by the background to page and filter them). */
export function panelView(records: AccountRecords, options: PanelViewOptions): PanelView & { allComments: RecentComment[] } {
  const { now, page, settings } = options;
  const window = options.window ?? settings.display.defaultWindow;
  const granularity = options.granularity ?? 'quarter';
  const followUpRule = { maxScore: settings.followUp.maxScore, days: settings.followUp.days };
  const { countedResponses, recentComments, ...context } = buildAccountContext(records, {
    now,
    window,
    rule: settings.display.countingRule,
    roleMapping: settings.roleMapping,
    historyGranularity: granularity,
    followUpRule,
  });
  const key = insightsKey(settings.taxonomy);
  const who = personOnPage(page);
  const person = who ? personAnswers(records, who, now) : null;
  const personFollowUps: Record<string, FollowUpState> = {};
  if (person) for (const [id, f] of followUps(person.answers, records.actions, followUpRule, now)) personFollowUps[id] = f.state;
  return {
    account: records.account,
    responses: records.responses.length,
    window,
    granularity,
    context,
    lists: { openActions: context.openActions.length, doneActions: context.doneActions.length, waiting: context.waiting.length },
    comments: commentPage(recentComments, NO_FILTER, FIRST_COMMENTS, key),
    allComments: recentComments,
    insights: panelInsights({ countedResponses, recentComments }, key),
    insightsKey: key,
    taxonomy: settings.taxonomy,
    person,
    personFollowUps,
  };
}

/**
 * The view as sent: each of the context's lists cut to its first `PANEL_LIST_FIRST` entries unless the
 * panel asked for the lists whole (`view.lists` keeps every total). The view itself is not changed: the
 * background keeps it whole for the next call.
 */
export function sentView(view: PanelView, wholeLists: boolean): PanelView {
  const { openActions, doneActions, waiting } = view.context;
  if (wholeLists || (openActions.length <= PANEL_LIST_FIRST && doneActions.length <= PANEL_LIST_FIRST && waiting.length <= PANEL_LIST_FIRST)) return view;
  return {
    ...view,
    context: {
      ...view.context,
      openActions: openActions.slice(0, PANEL_LIST_FIRST),
      doneActions: doneActions.slice(0, PANEL_LIST_FIRST),
      waiting: waiting.slice(0, PANEL_LIST_FIRST),
    },
  };
}
