/**
 * Uncertainty (docs/nps-method.md, "Uncertainty"): the adjusted-Wald 95% interval, the plain standard
 * error used by the significance rule, and the small-sample rules (withhold under 5, show the
 * interval beside the number under 30).
 */
import type { NpsCounts } from './nps';

/** z for a two-sided 95% interval. */
export const Z_95 = 1.96;
/** Below this many responses no NPS is shown, only the counts. */
export const MIN_N_FOR_NPS = 5;
/** Below this many responses the interval is shown beside the number, not only on hover. */
export const MIN_N_INTERVAL_ON_HOVER = 30;

/** A 95% interval in NPS points; `low`/`high` are clipped to [−100, +100], `centre` and `se` are not. */
export interface NpsInterval {
  low: number;
  high: number;
  /** The adjusted centre 100 × (p₊ − p₋); the point shown is still the plain NPS. */
  centre: number;
  /** The adjusted standard error in NPS points. */
  se: number;
}

function clip(x: number): number {
  return Math.min(100, Math.max(-100, x));
}

function seFromProportions(pPlus: number, pMinus: number, n: number): number {
  // max(0, …) guards against a tiny negative from floating-point cancellation when all answers are alike.
  const variance = Math.max(0, pPlus + pMinus - (pPlus - pMinus) ** 2);
  return 100 * Math.sqrt(variance / n);
}

/** The adjusted standard error in NPS points: n′ = N + 3, P′ = P + ¾, D′ = D + ¾ (Rocks 2016). Defined even for N = 0. */
export function adjustedStandardError(counts: NpsCounts): number {
  const nAdj = counts.n + 3;
  return seFromProportions((counts.promoters + 0.75) / nAdj, (counts.detractors + 0.75) / nAdj, nAdj);
}

/** The plain (unadjusted) standard error of the NPS in points, or null when N = 0; 0 when all answers are alike. */
export function plainStandardError(counts: NpsCounts): number | null {
  if (counts.n <= 0) return null;
  return seFromProportions(counts.promoters / counts.n, counts.detractors / counts.n, counts.n);
}

/** The adjusted-Wald 95% interval of docs/nps-method.md: 100 × (centre ± 1.96 × SE), clipped to [−100, +100]. */
export function adjustedWaldInterval(counts: NpsCounts): NpsInterval {
  const nAdj = counts.n + 3;
  const pPlus = (counts.promoters + 0.75) / nAdj;
  const pMinus = (counts.detractors + 0.75) / nAdj;
  const centre = 100 * (pPlus - pMinus);
  const se = seFromProportions(pPlus, pMinus, nAdj);
  return { low: clip(centre - Z_95 * se), high: clip(centre + Z_95 * se), centre, se };
}

/** True when N is too small to show an NPS (N < 5): only the counts are shown. */
export function isWithheld(n: number): boolean {
  return n < MIN_N_FOR_NPS;
}

/** True when the interval must be shown beside the number (5 ≤ N < 30); above that it may sit on hover. */
export function shouldShowInterval(n: number): boolean {
  return !isWithheld(n) && n < MIN_N_INTERVAL_ON_HOVER;
}

/** The worst-case half-width ±196/√N points, for explaining what a sample size buys; null for N = 0. */
export function worstCaseHalfWidth(n: number): number | null {
  return n > 0 ? (100 * Z_95) / Math.sqrt(n) : null;
}
