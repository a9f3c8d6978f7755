/**
 * Which responses count (docs/nps-method.md, "Which responses count"): the trailing windows and the two
 * counting rules. `now` is always passed in as epoch milliseconds; nothing here reads the clock.
 *
 * Edges, all in UTC epoch milliseconds:
 * - A trailing window of d days is the closed range [now − d × 86 400 000, now]: a response at
 *   exactly the start instant is inside, and so is one at exactly `now`. Responses after `now`
 *   (clock skew, future-dated imports) are outside every window, 'all' included.
 * - 'all' is (−∞, now].
 * - The previous window of the same length is [start − d × 86 400 000, start): half-open, so the
 *   boundary instant belongs to the current window only and no response is counted in both.
 * - Days are fixed 24-hour spans (UTC has no daylight saving), so a window across 29 February is
 *   still exactly d × 24 hours long.
 */
import type { CountingRule, SurveyResponse, WindowKey } from '../model';

export const DAY_MS = 86_400_000;

/** Length in days of each trailing window; 'all' has none. */
export const WINDOW_DAYS = { '90d': 90, '180d': 180, '365d': 365 } as const satisfies Record<Exclude<WindowKey, 'all'>, number>;

/** A range of instants. `start` is inclusive (null = unbounded); `endInclusive` says whether `end` itself is inside. */
export interface TimeRange {
  start: number | null;
  end: number;
  endInclusive: boolean;
}

function assertInstant(now: number): void {
  if (!Number.isFinite(now)) throw new RangeError(`now must be a finite epoch-ms instant, got ${String(now)}`);
}

/** Length of a window in milliseconds, or null for 'all'. */
export function windowLengthMs(window: WindowKey): number | null {
  return window === 'all' ? null : WINDOW_DAYS[window] * DAY_MS;
}

/** The current window: [now − d days, now], or (−∞, now] for 'all'. */
export function windowRange(window: WindowKey, now: number): TimeRange {
  assertInstant(now);
  const length = windowLengthMs(window);
  return { start: length === null ? null : now - length, end: now, endInclusive: true };
}

/** The previous window of the same length, [now − 2d, now − d), or null for 'all' (there is none). */
export function previousWindowRange(window: WindowKey, now: number): TimeRange | null {
  assertInstant(now);
  const length = windowLengthMs(window);
  if (length === null) return null;
  return { start: now - 2 * length, end: now - length, endInclusive: false };
}

/**
 * Until when (inclusive) every response stays on the same side of the window's edges as at `now`, so
 * that figures over the window and its previous one, computed at `now`, still hold: the first instant a
 * future-dated response enters the window, one leaves it for the previous window, or one leaves that.
 * Infinity when no response will ever move ('all' with nothing dated after `now`).
 */
export function windowsStableUntil(responses: ReadonlyArray<Pick<SurveyResponse, 'respondedAt'>>, window: WindowKey, now: number): number {
  assertInstant(now);
  const length = windowLengthMs(window);
  let until = Number.POSITIVE_INFINITY;
  for (const { respondedAt: t } of responses) {
    let moves: number;
    if (t > now) moves = t - 1; // enters the window (its end is inclusive) at t
    else if (length === null) continue;
    else if (t >= now - length) moves = t + length; // in the window until now − length passes it
    else if (t >= now - 2 * length) moves = t + 2 * length; // in the previous window until now − 2 × length passes it
    else continue;
    if (moves < until) until = moves;
  }
  return until;
}

/** True when instant `t` lies in `range` (see the edge rules at the top of this module). */
export function isInRange(t: number, range: TimeRange): boolean {
  if (range.start !== null && t < range.start) return false;
  return range.endInclusive ? t <= range.end : t < range.end;
}

/** True when a response at `t` is inside the window ending at `now`. */
export function isInWindow(t: number, window: WindowKey, now: number): boolean {
  return isInRange(t, windowRange(window, now));
}

/**
 * Who answered, for "latest answer per respondent": the lower-cased trimmed email, else the
 * lower-cased trimmed name, else the response is its own respondent (keyed by its id).
 */
export function respondentKey(response: Pick<SurveyResponse, 'id' | 'respondentEmail' | 'respondentName'>): string {
  const email = response.respondentEmail?.trim().toLowerCase();
  if (email) return `email:${email}`;
  const name = response.respondentName?.trim().toLowerCase();
  if (name) return `name:${name}`;
  return `response:${response.id}`;
}

/**
 * True when `a` is newer than `b` for the latest-per-respondent rule: later `respondedAt`, then later
 * `updatedAt`, then the larger id, then the larger score, so the choice never depends on input order.
 */
export function isNewerResponse(
  a: Pick<SurveyResponse, 'respondedAt' | 'updatedAt' | 'id' | 'score'>,
  b: Pick<SurveyResponse, 'respondedAt' | 'updatedAt' | 'id' | 'score'>,
): boolean {
  if (a.respondedAt !== b.respondedAt) return a.respondedAt > b.respondedAt;
  if (a.updatedAt !== b.updatedAt) return a.updatedAt > b.updatedAt;
  if (a.id !== b.id) return a.id > b.id;
  return a.score > b.score;
}

/**
 * Applies a counting rule to items already restricted to one window: 'all' keeps them all,
 * 'latest_per_respondent' keeps each respondent's newest. The input order is kept. O(n).
 */
export function applyCountingRule<T>(
  items: readonly T[],
  rule: CountingRule,
  responseOf: (item: T) => SurveyResponse,
  keyOf?: (item: T) => string | number,
): T[] {
  if (rule === 'all') return items.slice();
  const key = keyOf ?? ((item: T) => respondentKey(responseOf(item)));
  const newest = new Map<string | number, T>();
  for (const item of items) {
    const k = key(item);
    const current = newest.get(k);
    if (current === undefined || isNewerResponse(responseOf(item), responseOf(current))) newest.set(k, item);
  }
  return items.filter((item) => newest.get(key(item)) === item);
}

/** The responses that count in a range under a rule: not excluded, inside the range, then the rule applied. */
export function selectCountedInRange(responses: readonly SurveyResponse[], range: TimeRange, rule: CountingRule): SurveyResponse[] {
  const inRange = responses.filter((r) => !r.excluded && isInRange(r.respondedAt, range));
  return applyCountingRule(inRange, rule, (r) => r);
}

/** The responses that count for a window ending at `now` (docs/nps-method.md: excluded responses never count). */
export function selectCounted(responses: readonly SurveyResponse[], options: { window: WindowKey; rule: CountingRule; now: number }): SurveyResponse[] {
  return selectCountedInRange(responses, windowRange(options.window, options.now), options.rule);
}
