/**
 * Score categories (docs/nps-method.md, "Categories and score"): promoter 9–10, passive 7–8,
 * detractor 0–6. A score is an integer 0–10; anything else is invalid input.
 */

export const NPS_CATEGORIES = ['promoter', 'passive', 'detractor'] as const;
export type NpsCategory = (typeof NPS_CATEGORIES)[number];

/** True when `score` is a valid answer: an integer from 0 to 10. */
export function isValidScore(score: number): boolean {
  return Number.isInteger(score) && score >= 0 && score <= 10;
}

/** The category of a score; throws a RangeError for invalid input so bad data is never silently counted. */
export function classifyScore(score: number): NpsCategory {
  if (!isValidScore(score)) {
    throw new RangeError(`invalid NPS score ${String(score)}: expected an integer 0–10`);
  }
  if (score >= 9) return 'promoter';
  if (score >= 7) return 'passive';
  return 'detractor';
}
