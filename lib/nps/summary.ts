/**
 * The summary every score in the panel carries: counts, NPS, its interval and the small-sample flags.
 */
import { countScores, npsFromCounts, type NpsCounts } from './nps';
import { adjustedWaldInterval, isWithheld, shouldShowInterval, type NpsInterval } from './interval';

/** A score as shown: the counts always, the NPS and its interval only from N = 5 (docs/nps-method.md, "Small samples"). */
export interface NpsSummary extends NpsCounts {
  /** Plain NPS in full precision; null when withheld (N < 5, including N = 0). */
  nps: number | null;
  /** True when N < 5: show the counts, not a score. */
  withheld: boolean;
  /** The adjusted-Wald 95% interval; null when withheld. */
  interval: NpsInterval | null;
  /** True when the interval goes beside the number (5 ≤ N < 30), not only on hover. */
  showInterval: boolean;
}

/** Turns a tally into the summary shown, applying the withholding and interval-display rules. */
export function summarizeCounts(counts: NpsCounts): NpsSummary {
  const withheld = isWithheld(counts.n);
  return {
    n: counts.n,
    promoters: counts.promoters,
    passives: counts.passives,
    detractors: counts.detractors,
    nps: withheld ? null : npsFromCounts(counts),
    withheld,
    interval: withheld ? null : adjustedWaldInterval(counts),
    showInterval: shouldShowInterval(counts.n),
  };
}

/** Summarises a list of scores (convenience over `countScores` + `summarizeCounts`). */
export function summarizeScores(scores: Iterable<number>): NpsSummary {
  return summarizeCounts(countScores(scores));
}
