/**
 * "Up" or "down" only when the change is significant (docs/nps-method.md, "Change over time"):
 * z = (b − a) / √(SEa² + SEb²) with plain standard errors in NPS points; |z| ≥ 1.96 is significant.
 * When either plain SE is 0 (all answers alike) both sides use the adjusted SE instead, so the two
 * periods are measured the same way; the numerator stays the plain NPS difference.
 */
import { adjustedStandardError, plainStandardError, Z_95 } from './interval';
import { npsFromCounts, type NpsCounts } from './nps';

export type ChangeDirection = 'up' | 'down' | 'none';

export type SignificanceReason =
  /** |z| ≥ 1.96. */
  | 'significant'
  /** Both sides have answers but |z| < 1.96. */
  | 'not_significant'
  /** At least one side has no answers (N = 0). */
  | 'no_responses'
  /** At least one side has fewer answers than `minN` (its NPS is withheld). */
  | 'too_few_responses'
  /** There is nothing to compare with (window 'all'). */
  | 'no_previous_period';

export interface Significance {
  direction: ChangeDirection;
  /** The z statistic, or null when it was not computed. */
  z: number | null;
  /** b − a in NPS points (full precision), or null when it was not computed. */
  delta: number | null;
  reason: SignificanceReason;
  /** Which standard errors were used; null when no z was computed. */
  standardError: 'plain' | 'adjusted' | null;
}

/** The result for "nothing to compare". */
export function noComparison(reason: Exclude<SignificanceReason, 'significant' | 'not_significant'>): Significance {
  return { direction: 'none', z: null, delta: null, reason, standardError: null };
}

/**
 * Compares period `a` (earlier) with period `b` (later). N = 0 on either side → 'none' with reason
 * 'no_responses'; N below `minN` (default 1, i.e. no extra rule) → 'too_few_responses'.
 */
export function compareCounts(a: NpsCounts, b: NpsCounts, options: { minN?: number } = {}): Significance {
  const npsA = npsFromCounts(a);
  const npsB = npsFromCounts(b);
  if (npsA === null || npsB === null) return noComparison('no_responses');
  const minN = options.minN ?? 1;
  if (a.n < minN || b.n < minN) return noComparison('too_few_responses');
  const delta = npsB - npsA;
  let seA = plainStandardError(a) ?? 0;
  let seB = plainStandardError(b) ?? 0;
  let standardError: 'plain' | 'adjusted' = 'plain';
  if (seA === 0 || seB === 0) {
    seA = adjustedStandardError(a);
    seB = adjustedStandardError(b);
    standardError = 'adjusted';
  }
  const z = delta / Math.sqrt(seA * seA + seB * seB);
  const significant = Math.abs(z) >= Z_95;
  return {
    direction: significant ? (z > 0 ? 'up' : 'down') : 'none',
    z,
    delta,
    reason: significant ? 'significant' : 'not_significant',
    standardError,
  };
}
