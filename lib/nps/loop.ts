/**
 * Close-the-loop (docs/nps-method.md, "Beyond the score"): the share of detractor responses in the window
 * that got an action within 7 days, and the open actions, overdue first.
 *
 * An action follows a response when its `responseId` is that response's id. "Within 7 days" means
 * created no later than respondedAt + 7 × 24 h (inclusive); an action stamped slightly before the
 * response (clock skew between systems) counts as in time.
 */
import type { Action, SurveyResponse } from '../model';
import { classifyScore } from './classify';
import { DAY_MS } from './windows';

/** Days within which a detractor should get an action. */
export const LOOP_DAYS = 7;

export interface CloseTheLoop {
  /** Detractor responses considered (non-excluded, in the window). */
  detractors: number;
  /** Of those, how many got an action within 7 days. */
  followedUp: number;
  /** followedUp ÷ detractors, or null when there were no detractors. */
  share: number | null;
  /** Ids of detractor responses with no action within 7 days, newest first. */
  notFollowedUp: string[];
}

/** Share of detractor responses (from `responses`, already limited to the window) followed up within 7 days. */
export function closeTheLoop(responses: readonly SurveyResponse[], actions: readonly Action[]): CloseTheLoop {
  const firstAction = new Map<string, number>();
  for (const a of actions) {
    if (a.responseId === undefined) continue;
    const prev = firstAction.get(a.responseId);
    if (prev === undefined || a.createdAt < prev) firstAction.set(a.responseId, a.createdAt);
  }
  let detractors = 0;
  let followedUp = 0;
  const missed: SurveyResponse[] = [];
  for (const r of responses) {
    if (r.excluded || classifyScore(r.score) !== 'detractor') continue;
    detractors += 1;
    const created = firstAction.get(r.id);
    if (created !== undefined && created <= r.respondedAt + LOOP_DAYS * DAY_MS) followedUp += 1;
    else missed.push(r);
  }
  missed.sort((a, b) => b.respondedAt - a.respondedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { detractors, followedUp, share: detractors > 0 ? followedUp / detractors : null, notFollowedUp: missed.map((r) => r.id) };
}

/** The UTC calendar date of an instant as `YYYY-MM-DD` (how due dates are written). */
export function utcDate(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

export interface OpenAction {
  action: Action;
  /** Due date strictly before today's UTC date. */
  overdue: boolean;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Actions still open (status open or in_progress): overdue first, then by due date (none last),
 * then by creation, then id — a total order, so the list never depends on input order.
 */
export function openActions(actions: readonly Action[], now: number): OpenAction[] {
  const today = utcDate(now);
  const open = actions
    .filter((a) => a.status === 'open' || a.status === 'in_progress')
    .map((action) => ({ action, overdue: action.dueDate !== undefined && action.dueDate < today }));
  open.sort((x, y) => {
    if (x.overdue !== y.overdue) return x.overdue ? -1 : 1;
    const dx = x.action.dueDate;
    const dy = y.action.dueDate;
    if (dx !== dy) {
      if (dx === undefined) return 1;
      if (dy === undefined) return -1;
      return compareStrings(dx, dy);
    }
    return x.action.createdAt - y.action.createdAt || compareStrings(x.action.id, y.action.id);
  });
  return open;
}
