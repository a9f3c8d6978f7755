/**
 * Closing the loop, per response (docs/nps-method.md, "Beyond the score"): which responses the team's rule
 * says need an answer, where each stands (waiting, in progress, closed), and how well the loop is closed
 * over a window: the share of those responses whose follow-up is closed, and the median days from the
 * answer to the closing of its action.
 *
 * A response's follow-up is the set of actions whose `responseId` is its id. Any open or in-progress
 * action makes it `in_progress`; all of them done makes it `closed` (at the latest close); none makes it
 * `waiting` when the rule applies to it, else `none`. Excluded responses are never waiting.
 */
import type { Action, SurveyResponse } from '../model';
import { DAY_MS } from './windows';

/** Which responses need an answer: a score at or below `maxScore`, answered in the last `days` days. */
export interface FollowUpRule {
  maxScore: number;
  days: number;
}

/** Detractors (0–6) of the last 90 days. */
export const DEFAULT_FOLLOW_UP_RULE: FollowUpRule = { maxScore: 6, days: 90 };

export type FollowUpState = 'waiting' | 'in_progress' | 'closed' | 'none';

export interface ResponseFollowUp {
  state: FollowUpState;
  /** The linked actions, newest first. */
  actions: Action[];
  /** When the follow-up was closed (the latest close among its actions), for `closed`. */
  closedAt: number | null;
  closedBy: string | null;
}

/** When an action was marked done: `closedAt`, or `updatedAt` for one stored before closes were stamped. */
export function closedAtOf(action: Action): number | null {
  if (action.status !== 'done') return null;
  return action.closedAt ?? action.updatedAt;
}

/** Whether the rule says this response needs an answer, now. */
export function needsFollowUp(response: SurveyResponse, rule: FollowUpRule, now: number): boolean {
  return !response.excluded && response.score <= rule.maxScore && response.respondedAt >= now - rule.days * DAY_MS && response.respondedAt <= now;
}

/** The actions of each response they follow up, newest first. */
export function actionsByResponse(actions: readonly Action[]): Map<string, Action[]> {
  const by = new Map<string, Action[]>();
  for (const a of actions) {
    if (a.responseId === undefined) continue;
    const list = by.get(a.responseId);
    if (list) list.push(a);
    else by.set(a.responseId, [a]);
  }
  for (const list of by.values()) list.sort((x, y) => y.createdAt - x.createdAt || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  return by;
}

/** Where one response's follow-up stands. */
export function followUpOf(response: SurveyResponse, linked: readonly Action[], rule: FollowUpRule, now: number): ResponseFollowUp {
  if (linked.length > 0) {
    if (linked.some((a) => a.status !== 'done')) return { state: 'in_progress', actions: [...linked], closedAt: null, closedBy: null };
    let closedAt = -Infinity;
    let closedBy: string | null = null;
    for (const a of linked) {
      const at = closedAtOf(a) ?? -Infinity;
      if (at > closedAt) {
        closedAt = at;
        closedBy = a.closedBy ?? a.updatedBy ?? null;
      }
    }
    return { state: 'closed', actions: [...linked], closedAt, closedBy };
  }
  return { state: needsFollowUp(response, rule, now) ? 'waiting' : 'none', actions: [], closedAt: null, closedBy: null };
}

/** Every response's follow-up, by response id. */
export function followUps(responses: readonly SurveyResponse[], actions: readonly Action[], rule: FollowUpRule, now: number): Map<string, ResponseFollowUp> {
  const linked = actionsByResponse(actions);
  const out = new Map<string, ResponseFollowUp>();
  for (const r of responses) out.set(r.id, followUpOf(r, linked.get(r.id) ?? [], rule, now));
  return out;
}

/** Responses waiting for a follow-up, oldest first (the longest wait leads). */
export function waitingResponses(responses: readonly SurveyResponse[], actions: readonly Action[], rule: FollowUpRule, now: number): SurveyResponse[] {
  const followed = new Set<string>();
  for (const a of actions) if (a.responseId !== undefined) followed.add(a.responseId);
  return responses
    .filter((r) => !followed.has(r.id) && needsFollowUp(r, rule, now))
    .sort((a, b) => a.respondedAt - b.respondedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export interface LoopClosure {
  /** Responses in the window the rule's score applies to (not excluded): the N of the rate. */
  n: number;
  closed: number;
  inProgress: number;
  /** Covered by the rule and no action at all. */
  withoutAction: number;
  /** closed ÷ n, or null when n is 0. */
  rate: number | null;
  /** Median days from the answer to the close of its follow-up, over the closed ones; null when none. */
  medianDaysToClose: number | null;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * How well the loop was closed for the responses of a window (already limited to it): of those whose score
 * the rule covers, how many have a closed follow-up, and the median days from answer to close. The rule's
 * `days` does not apply here: the window is the period asked about. A response still open counts in N.
 */
export function loopClosure(responsesInWindow: readonly SurveyResponse[], actions: readonly Action[], rule: FollowUpRule): LoopClosure {
  const linked = actionsByResponse(actions);
  let n = 0;
  let closed = 0;
  let inProgress = 0;
  const days: number[] = [];
  for (const r of responsesInWindow) {
    if (r.excluded || r.score > rule.maxScore) continue;
    n += 1;
    const mine = linked.get(r.id) ?? [];
    if (mine.length === 0) continue;
    if (mine.some((a) => a.status !== 'done')) {
      inProgress += 1;
      continue;
    }
    closed += 1;
    const at = Math.max(...mine.map((a) => closedAtOf(a) ?? -Infinity));
    days.push(Math.max(0, at - r.respondedAt) / DAY_MS);
  }
  return { n, closed, inProgress, withoutAction: n - closed - inProgress, rate: n > 0 ? closed / n : null, medianDaysToClose: median(days) };
}
