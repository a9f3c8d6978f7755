/**
 * The NPS each account will have from a file's responses, tallied as the import reads it, for the
 * import's preview: which accounts the file fills and with what, before anything is saved.
 */
import type { AccountFacts, SurveyResponse } from '../model';
import { addScore, emptyCounts, npsFromCounts, type NpsCounts } from '../nps/nps';

export interface AccountPreview {
  accountId: string;
  /** The account's name in the file (the domain, when accounts come from email domains). */
  name: string;
  counts: NpsCounts;
  /** NPS of this file's counted (not excluded) responses; null when there are none. */
  nps: number | null;
}

/** Accounts tallied at most (a file of a million respondents' companies stays bounded). */
const MAX_ACCOUNTS = 100_000;

export class AccountTally {
  private readonly accounts = new Map<string, { name: string; counts: NpsCounts }>();
  /** Responses of accounts beyond the bound, not tallied per account. */
  overflow = 0;

  add(facts: AccountFacts, response: SurveyResponse): void {
    let entry = this.accounts.get(facts.id);
    if (!entry) {
      if (this.accounts.size >= MAX_ACCOUNTS) {
        this.overflow++;
        return;
      }
      entry = { name: facts.name ?? facts.id, counts: emptyCounts() };
      this.accounts.set(facts.id, entry);
    }
    if (!response.excluded) addScore(entry.counts, response.score);
  }

  get size(): number {
    return this.accounts.size;
  }

  /** The accounts with the most responses first. */
  top(limit: number): AccountPreview[] {
    return [...this.accounts]
      .sort((a, b) => b[1].counts.n - a[1].counts.n || a[0].localeCompare(b[0]))
      .slice(0, limit)
      .map(([accountId, { name, counts }]) => ({ accountId, name, counts: { ...counts }, nps: npsFromCounts(counts) }));
  }
}
