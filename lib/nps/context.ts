/**
 * Everything the panel shows for one account, computed in one place from the account's records
 * (docs/nps-method.md is the definition of each figure). Pure: `now` is passed in, nothing reads the clock.
 * Each response's role is resolved once; the work is O(n log n) at most (sorting comments and actions).
 */
import { COUNTING_RULES, ROLES, WINDOWS } from '../model/constants';
import { insightOf } from '../model/insight';
import type {
  AccountRecords,
  Action,
  Channel,
  CountingRule,
  Role,
  StoredInsight,
  SurveyResponse,
  WindowKey,
} from '../model';
import type { NpsCategory } from './classify';
import { channelSummariesFromResolved, type ChannelKey } from './channels';
import type { ScoreDistribution } from './distribution';
import { buildHistoryFromResolved, type History, type HistoryGranularity } from './history';
import { MIN_N_FOR_NPS } from './interval';
import { addCategory, emptyCounts } from './nps';
import { closeTheLoop, openActions, type CloseTheLoop, type OpenAction } from './loop';
import { closedAtOf, DEFAULT_FOLLOW_UP_RULE, followUpOf, actionsByResponse, loopClosure, type FollowUpRule, type FollowUpState, type LoopClosure } from './followup';
import { lastSurveyedFromKeyed, type LastSurveyed } from './lastSurveyed';
import { responseRatesFromResolved, type ResponseRates } from './rates';
import { emptyRoleCounts, resolveResponses, tallyByRole, type ResolvedResponse } from './resolved';
import { roleResolverFor, type RoleMapping } from './roles';
import { compareCounts, noComparison, type Significance } from './significance';
import { summarizeCounts, type NpsSummary } from './summary';
import { applyCountingRule, isInRange, previousWindowRange, windowRange, type TimeRange } from './windows';

export interface AccountContextOptions {
  /** The instant "now" in epoch ms; always passed in. */
  now: number;
  window: WindowKey;
  rule: CountingRule;
  /** Defaults to `DEFAULT_ROLE_MAPPING`. */
  roleMapping?: RoleMapping;
  /** Defaults to 'quarter'. */
  historyGranularity?: HistoryGranularity;
  /** Which responses need a follow-up; defaults to detractors of the last 90 days. */
  followUpRule?: FollowUpRule;
  /**
   * Also when each respondent and the account were last surveyed (`lastSurveyed`): off unless asked,
   * as no view shows it whole (the panel's person has their own) and it is a sixth of the work.
   */
  withLastSurveyed?: boolean;
}

/** One row per canonical role (unknown included): a role we have not heard from is part of the picture. */
export interface RoleSummary {
  role: Role;
  summary: NpsSummary;
  /** This role's share of the account's counted responses (0–1), or null when nothing was counted. */
  share: number | null;
  /** Newest counted response of this role in the window, or null. */
  newestResponseAt: number | null;
  /** False when no one in this role answered in the window ("no executive has answered in 12 months"). */
  heardFrom: boolean;
}

/** The headline compared with the previous window of the same length. */
export interface ChangeVsPrevious {
  /** The previous window, or null for 'all' (there is none). */
  previousRange: TimeRange | null;
  previous: NpsSummary | null;
  significance: Significance;
}

export interface RecentComment {
  responseId: string;
  respondedAt: number;
  score: number;
  category: NpsCategory;
  comment: string;
  role: Role;
  respondentName: string | null;
  respondentEmail: string | null;
  channel: Channel | null;
  /** What was read from the comment (themes, emotions, sentiment), once analysed; null before. */
  insight: StoredInsight | null;
  tags: string[];
  survey: string | null;
  /** Where its follow-up stands (lib/nps/followup.ts). */
  followUp: FollowUpState;
}

/** A response waiting for a follow-up, as the panel lists it. */
export interface WaitingResponse {
  response: SurveyResponse;
  role: Role;
  category: NpsCategory;
}

export interface AccountContext {
  accountId: string;
  accountName: string;
  now: number;
  window: WindowKey;
  rule: CountingRule;
  /** The headline window: [start, now], start null for 'all'. */
  range: TimeRange;
  overall: NpsSummary;
  change: ChangeVsPrevious;
  /** In canonical order: executive, decision_maker, influencer, end_user, unknown. */
  roles: RoleSummary[];
  history: History;
  /** Counted responses per score 0–10 (index = score). */
  distribution: ScoreDistribution;
  responseRates: ResponseRates;
  channels: Record<ChannelKey, NpsSummary>;
  closeTheLoop: CloseTheLoop;
  /** Only with `withLastSurveyed`. */
  lastSurveyed?: LastSurveyed;
  /** Counted responses in the window with a non-empty comment, newest first. */
  recentComments: RecentComment[];
  /** Every counted response in the window (what the comment insights are computed over: lib/insights). */
  countedResponses: SurveyResponse[];
  /** Open and in-progress actions, overdue first. */
  openActions: OpenAction[];
  /** Done actions, the most recently closed first. */
  doneActions: Action[];
  /** Responses the follow-up rule covers with no action yet, oldest first (the rule's own days, not the window). */
  waiting: WaitingResponse[];
  /** How well the loop was closed over the window's responses. */
  loop: LoopClosure;
  followUpRule: FollowUpRule;
}

function assertOptions(options: AccountContextOptions): void {
  if (!Number.isFinite(options.now)) throw new RangeError(`now must be a finite epoch-ms instant, got ${String(options.now)}`);
  if (!(WINDOWS as readonly string[]).includes(options.window)) throw new RangeError(`unknown window ${String(options.window)}`);
  if (!(COUNTING_RULES as readonly string[]).includes(options.rule)) throw new RangeError(`unknown counting rule ${String(options.rule)}`);
}

function byNewest(a: ResolvedResponse, b: ResolvedResponse): number {
  const d = b.response.respondedAt - a.response.respondedAt;
  if (d !== 0) return d;
  return a.response.id < b.response.id ? -1 : a.response.id > b.response.id ? 1 : 0;
}

/** Builds the full, typed context the panel renders for one account (every figure of docs/nps-method.md). */
export function buildAccountContext(records: AccountRecords, options: AccountContextOptions): AccountContext {
  assertOptions(options);
  const { now, window, rule } = options;
  const resolver = roleResolverFor(options.roleMapping);
  const entries = resolveResponses(records.responses, resolver);

  const range = windowRange(window, now);
  const previousRange = previousWindowRange(window, now);
  const inWindow: ResolvedResponse[] = [];
  const inPrevious: ResolvedResponse[] = [];
  const detractorsInWindow: SurveyResponse[] = [];
  for (const e of entries) {
    const t = e.response.respondedAt;
    if (isInRange(t, range)) {
      inWindow.push(e);
      if (e.category === 'detractor') detractorsInWindow.push(e.response);
    } else if (previousRange && isInRange(t, previousRange)) inPrevious.push(e);
  }
  const responseOf = (e: ResolvedResponse) => e.response;
  const keyOf = (e: ResolvedResponse) => e.respondent;
  const counted = applyCountingRule(inWindow, rule, responseOf, keyOf);

  // One pass over the counted responses: tallies, newest per role, distribution, comments.
  const overallCounts = emptyCounts();
  const roleCounts = emptyRoleCounts();
  const newest = {} as Record<Role, number | null>;
  for (const role of ROLES) newest[role] = null;
  const distribution: ScoreDistribution = new Array<number>(11).fill(0);
  for (const e of counted) {
    distribution[e.response.score] = (distribution[e.response.score] ?? 0) + 1;
    addCategory(overallCounts, e.category);
    addCategory(roleCounts[e.role], e.category);
    const t = e.response.respondedAt;
    const prev = newest[e.role];
    if (prev === null || t > prev) newest[e.role] = t;
  }
  const overall = summarizeCounts(overallCounts);

  const roles: RoleSummary[] = ROLES.map((role) => ({
    role,
    summary: summarizeCounts(roleCounts[role]),
    share: overallCounts.n > 0 ? roleCounts[role].n / overallCounts.n : null,
    newestResponseAt: newest[role],
    heardFrom: roleCounts[role].n > 0,
  }));

  let change: ChangeVsPrevious;
  if (previousRange === null) {
    change = { previousRange: null, previous: null, significance: noComparison('no_previous_period') };
  } else {
    const previousCounts = tallyByRole(applyCountingRule(inPrevious, rule, responseOf, keyOf)).overall;
    change = {
      previousRange,
      previous: summarizeCounts(previousCounts),
      significance: compareCounts(previousCounts, overallCounts, { minN: MIN_N_FOR_NPS }),
    };
  }

  const followUpRule = options.followUpRule ?? DEFAULT_FOLLOW_UP_RULE;
  const linked = actionsByResponse(records.actions);
  const followUpStateOf = (r: SurveyResponse) => followUpOf(r, linked.get(r.id) ?? [], followUpRule, now).state;
  // Newest first, sorted once: the comments keep that order.
  const newestFirst = [...counted].sort(byNewest);
  const commented = newestFirst.filter((e) => e.response.comment !== undefined && e.response.comment.trim() !== '');
  const recentComments: RecentComment[] = commented.map((e) => ({
    responseId: e.response.id,
    respondedAt: e.response.respondedAt,
    score: e.response.score,
    category: e.category,
    comment: (e.response.comment ?? '').trim(),
    role: e.role,
    respondentName: e.response.respondentName?.trim() || null,
    respondentEmail: e.response.respondentEmail?.trim() || null,
    channel: e.response.channel ?? null,
    insight: insightOf(e.response) ?? null,
    tags: e.response.tags ?? [],
    survey: e.response.survey?.trim() || null,
    followUp: followUpStateOf(e.response),
  }));
  const waiting: WaitingResponse[] = entries
    .filter((e) => !linked.has(e.response.id) && followUpStateOf(e.response) === 'waiting')
    .sort((a, b) => a.response.respondedAt - b.response.respondedAt || (a.response.id < b.response.id ? -1 : a.response.id > b.response.id ? 1 : 0))
    .map((e) => ({ response: e.response, role: e.role, category: e.category }));
  const doneActions = records.actions
    .filter((a) => a.status === 'done')
    .sort((a, b) => (closedAtOf(b) ?? 0) - (closedAtOf(a) ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  return {
    accountId: records.account.id,
    accountName: records.account.name,
    now,
    window,
    rule,
    range,
    overall,
    change,
    roles,
    history: buildHistoryFromResolved(entries, { now, rule, granularity: options.historyGranularity ?? 'quarter' }),
    distribution,
    responseRates: responseRatesFromResolved(
      inWindow,
      records.sends.filter((s) => isInRange(s.sentAt, range)),
      resolver,
    ),
    channels: channelSummariesFromResolved(counted),
    closeTheLoop: closeTheLoop(detractorsInWindow, records.actions),
    ...(options.withLastSurveyed ? { lastSurveyed: lastSurveyedFromKeyed(entries, records.sends, now) } : {}),
    recentComments,
    countedResponses: newestFirst.map(responseOf),
    openActions: openActions(records.actions, now),
    doneActions,
    waiting,
    loop: loopClosure(inWindow.map(responseOf), records.actions, followUpRule),
    followUpRule,
  };
}
