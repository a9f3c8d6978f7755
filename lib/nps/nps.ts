/**
 * Counts, the NPS itself, and how it is rounded and written (docs/nps-method.md, "Categories and score").
 */
import { classifyScore, type NpsCategory } from './classify';

/** How many responses fall in each category; `n` is their total. */
export interface NpsCounts {
  n: number;
  promoters: number;
  passives: number;
  detractors: number;
}

/** A fresh all-zero tally. */
export function emptyCounts(): NpsCounts {
  return { n: 0, promoters: 0, passives: 0, detractors: 0 };
}

/** Adds one response of a known category to a tally in place (the one-pass building block). */
export function addCategory(counts: NpsCounts, category: NpsCategory): void {
  counts.n += 1;
  if (category === 'promoter') counts.promoters += 1;
  else if (category === 'passive') counts.passives += 1;
  else counts.detractors += 1;
}

/** Adds one score to a tally in place; throws a RangeError for an invalid score. */
export function addScore(counts: NpsCounts, score: number): void {
  addCategory(counts, classifyScore(score));
}

/** Tallies a list of scores into promoter/passive/detractor counts. */
export function countScores(scores: Iterable<number>): NpsCounts {
  const counts = emptyCounts();
  for (const score of scores) addScore(counts, score);
  return counts;
}

/**
 * NPS = 100 × (P − D) / N in full precision, or null when N = 0 (no answers is not a zero).
 * Computed as (100 × (P − D)) / N so that exact halves such as 32.5 stay exact.
 */
export function npsFromCounts(counts: NpsCounts): number | null {
  if (counts.n <= 0) return null;
  return (100 * (counts.promoters - counts.detractors)) / counts.n;
}

/** Rounds to `decimals` places with halves away from zero (docs/nps-method.md); never returns −0. */
export function roundHalfAwayFromZero(x: number, decimals = 0): number {
  if (!Number.isFinite(x)) throw new RangeError(`cannot round ${String(x)}`);
  const factor = 10 ** decimals;
  const rounded = (Math.sign(x) * Math.round(Math.abs(x) * factor)) / factor;
  return rounded === 0 ? 0 : rounded;
}

/** The Unicode minus sign (U+2212) used for negative figures. */
export const MINUS_SIGN = '\u2212';

/** Writes a number with an explicit sign (`+17.6`, `0`, `−5`), rounded half away from zero. */
export function formatSigned(x: number, decimals = 0): string {
  const rounded = roundHalfAwayFromZero(x, decimals);
  if (rounded === 0) return (0).toFixed(decimals);
  const body = Math.abs(rounded).toFixed(decimals);
  return rounded > 0 ? `+${body}` : `${MINUS_SIGN}${body}`;
}

/** Writes an NPS as shown in the panel: nearest integer, halves away from zero, explicit sign (`+32`, `0`, `−5`). */
export function formatNps(x: number): string {
  return formatSigned(x, 0);
}
