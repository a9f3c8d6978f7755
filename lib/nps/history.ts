/**
 * Change over time (docs/nps-method.md, "Change over time"): calendar quarters (or months) in UTC, the
 * last 8 ending with the period containing `now`, overall and per role. Empty periods are gaps
 * (n = 0, nps null), never zeros. A period is [start, end) in epoch ms; responses after `now` are
 * left out, as in the windows. The counting rule applies within each period.
 */
import { ROLES } from '../model/constants';
import type { CountingRule, Role, SurveyResponse } from '../model';
import type { NpsCounts } from './nps';
import { resolveResponses, tallyByRole, type ResolvedResponse } from './resolved';
import type { RoleMapping } from './roles';
import { summarizeCounts, type NpsSummary } from './summary';
import { applyCountingRule } from './windows';

export type HistoryGranularity = 'quarter' | 'month';

/** The number of periods shown by default. */
export const HISTORY_PERIODS = 8;

/** A calendar period in UTC: `start` inclusive, `end` exclusive. */
export interface Period {
  /** `2026 Q3` for quarters, `2026-07` for months. */
  label: string;
  start: number;
  end: number;
}

/** One point of a history line: the period and its summary; `gap` when no response fell in it. */
export interface HistoryPoint extends Period, NpsSummary {
  gap: boolean;
}

export interface History {
  granularity: HistoryGranularity;
  overall: HistoryPoint[];
  byRole: Record<Role, HistoryPoint[]>;
}

/** A running index of UTC periods (months or quarters since year 0) so periods compare by subtraction. */
function periodOrdinal(t: number, granularity: HistoryGranularity): number {
  const d = new Date(t);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth();
  return granularity === 'month' ? year * 12 + month : year * 4 + Math.floor(month / 3);
}

function periodFromOrdinal(ordinal: number, granularity: HistoryGranularity): Period {
  if (granularity === 'month') {
    const year = Math.floor(ordinal / 12);
    const month = ordinal - year * 12;
    return {
      label: `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}`,
      start: Date.UTC(year, month, 1),
      end: Date.UTC(year, month + 1, 1),
    };
  }
  const year = Math.floor(ordinal / 4);
  const quarter = ordinal - year * 4;
  return {
    label: `${String(year).padStart(4, '0')} Q${quarter + 1}`,
    start: Date.UTC(year, quarter * 3, 1),
    end: Date.UTC(year, quarter * 3 + 3, 1),
  };
}

/** The UTC calendar quarter or month containing instant `t`. */
export function periodContaining(t: number, granularity: HistoryGranularity = 'quarter'): Period {
  if (!Number.isFinite(t)) throw new RangeError(`invalid instant ${String(t)}`);
  return periodFromOrdinal(periodOrdinal(t, granularity), granularity);
}

/** The last `count` periods, oldest first, ending with the one containing `now`. */
export function lastPeriods(now: number, granularity: HistoryGranularity = 'quarter', count = HISTORY_PERIODS): Period[] {
  if (!Number.isFinite(now)) throw new RangeError(`invalid instant ${String(now)}`);
  const last = periodOrdinal(now, granularity);
  const out: Period[] = [];
  for (let i = count - 1; i >= 0; i--) out.push(periodFromOrdinal(last - i, granularity));
  return out;
}

function point(period: Period, counts: NpsCounts): HistoryPoint {
  // Written out, not spread: spreading two objects into one took a quarter of an account's figures.
  const summary = summarizeCounts(counts);
  return {
    label: period.label, start: period.start, end: period.end,
    n: summary.n, promoters: summary.promoters, passives: summary.passives, detractors: summary.detractors,
    nps: summary.nps, withheld: summary.withheld, interval: summary.interval, showInterval: summary.showInterval,
    gap: counts.n === 0,
  };
}

/** History from responses already resolved (see `resolveResponses`); O(n) plus the periods. */
export function buildHistoryFromResolved(
  entries: readonly ResolvedResponse[],
  options: { now: number; rule: CountingRule; granularity?: HistoryGranularity; periods?: number },
): History {
  const granularity = options.granularity ?? 'quarter';
  const count = options.periods ?? HISTORY_PERIODS;
  const periods = lastPeriods(options.now, granularity, count);
  const buckets: ResolvedResponse[][] = periods.map(() => []);
  const first = periods[0]?.start ?? Infinity;
  for (const e of entries) {
    const t = e.response.respondedAt;
    if (t > options.now || t < first) continue;
    // Periods are sorted and contiguous: scan back from the newest (at most `count` steps, no Date objects).
    for (let i = periods.length - 1; i >= 0; i--) {
      const p = periods[i];
      if (p && t >= p.start) {
        buckets[i]?.push(e);
        break;
      }
    }
  }
  const overall: HistoryPoint[] = [];
  const byRole = {} as Record<Role, HistoryPoint[]>;
  for (const role of ROLES) byRole[role] = [];
  periods.forEach((period, i) => {
    const counted = applyCountingRule(buckets[i] ?? [], options.rule, (e) => e.response, (e) => e.respondent);
    const tally = tallyByRole(counted);
    overall.push(point(period, tally.overall));
    for (const role of ROLES) byRole[role].push(point(period, tally.byRole[role]));
  });
  return { granularity, overall, byRole };
}

/** The last 8 quarters (or months) of NPS overall and per role, with gaps for empty periods. */
export function buildHistory(
  responses: readonly SurveyResponse[],
  options: { now: number; rule: CountingRule; granularity?: HistoryGranularity; periods?: number; roleMapping?: RoleMapping },
): History {
  return buildHistoryFromResolved(resolveResponses(responses, options.roleMapping), options);
}
