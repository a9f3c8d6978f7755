/**
 * Distribution (docs/nps-method.md, "Beyond the score"): how many counted responses gave each score 0–10.
 */
import { isValidScore } from './classify';

/** Counts per score; index = score (0–10), so it always has 11 entries. */
export type ScoreDistribution = number[];

/** Counts each score 0–10; throws a RangeError for an invalid score. */
export function scoreDistribution(scores: Iterable<number>): ScoreDistribution {
  const counts: number[] = new Array<number>(11).fill(0);
  for (const score of scores) {
    if (!isValidScore(score)) throw new RangeError(`invalid NPS score ${String(score)}: expected an integer 0–10`);
    counts[score] = (counts[score] ?? 0) + 1;
  }
  return counts;
}
