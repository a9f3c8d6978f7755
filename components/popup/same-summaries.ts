/**
 * Each answer from the background is a new set of objects, even when a keystroke finds the same accounts
 * with the same figures. Keeping the object already shown for a summary that did not change lets the
 * memoised rows skip it: most keystrokes of a name narrow a list that stays the same.
 */
import type { AccountSummary } from '../../lib/messaging/protocol';

export interface SameSummaries {
  /** The summaries, each replaced by the one kept for its account when equal to it. */
  (summaries: AccountSummary[]): AccountSummary[];
}

export function sameSummaries(): SameSummaries {
  let kept = new Map<string, { text: string; summary: AccountSummary }>();
  return (summaries) => {
    const next = new Map<string, { text: string; summary: AccountSummary }>();
    const out = summaries.map((summary) => {
      const text = JSON.stringify(summary);
      const before = kept.get(summary.account.id);
      const same = before?.text === text ? before.summary : summary;
      next.set(summary.account.id, { text, summary: same });
      return same;
    });
    // Only what the last answer held: the map never grows past one list.
    kept = next;
    return out;
  };
}
