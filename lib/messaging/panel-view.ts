/**
 * What the panel receives of an account (`getPanelData`): the figures, the comments of the window and
 * the insights read from them, the person on the page and the follow-ups of their answers, computed in
 * the background. Never the account's raw records: for a big account they cost more to send than to
 * compute (a 10,000-response account's records took some 200 ms to cross to the panel).
 */
import type { Account, WindowKey } from '../model';
import type { AccountContext, FollowUpState, HistoryGranularity, PersonAnswers } from '../nps';
import type { PanelInsights } from '../insights/panel';
import type { CommentPage } from '../insights/comment-filter';
import type { Taxonomy } from '../insights/types';

/** How many entries each of the context's lists a panel shows a first part of (with "Show all") holds. */
export type PanelListTotals = Record<'openActions' | 'doneActions' | 'waiting', number>;

/**
 * Entries of each list sent until the panel asks for them whole: enough for every account a person
 * reads down, few enough that a big account's hundreds of waiting detractors do not cross every time.
 */
export const PANEL_LIST_FIRST = 50;

export interface PanelView {
  account: Account;
  /** Every stored response of the account, any window (0: the account has no answers yet). */
  responses: number;
  window: WindowKey;
  granularity: HistoryGranularity;
  /**
   * The figures of the window (`buildAccountContext`), less the counted responses and the comments
   * themselves, and less what the panel does not show (when each respondent was last surveyed: the
   * person on the page has theirs in `person`).
   */
  context: Omit<AccountContext, 'countedResponses' | 'recentComments' | 'lastSurveyed'>;
  /**
   * How many entries each of the context's lists holds in all: the view sends the first
   * `PANEL_LIST_FIRST` of each (`openActions`, `doneActions`, `waiting`) unless the panel asked for them whole.
   */
  lists: PanelListTotals;
  /** The window's first comments (more, and filtered ones, through `getPanelComments`) with their counts and facets. */
  comments: CommentPage;
  /** What the window's comments say (themes, drivers, emotions, coverage), for the insights key the background holds. */
  insights: PanelInsights;
  insightsKey: string;
  /** The themes the insights name (the settings' taxonomy): their labels on the panel. */
  taxonomy: Taxonomy;
  /** The person the page shows and their answers in this account, or null. */
  person: PersonAnswers | null;
  /** The follow-up state of each of the person's answers, by response id. */
  personFollowUps: Record<string, FollowUpState>;
}
