/**
 * What a file says about each account, merged as its rows are read, and the accounts of the batch being
 * filled. A batch carries, for each of its accounts, everything the file said of it so far: the commit
 * merges batches in order, so its result is the same as from each batch's own facts, and a later batch
 * that adds nothing new says exactly what the one before said (the background stages it no more).
 *
 * Row facts are shared, frozen objects (one per spelling of an account's cells), and so are the merged
 * ones: a spelling is merged once per file, not once per row or per batch, and a merge that adds
 * nothing keeps the object it had. This was a copy of every account's facts per batch, and a merge per
 * row whose spelling differed from the last.
 */
import type { AccountFacts } from '../model';

/** Accounts remembered across batches at most; past it, the memory starts again at the next batch. */
const MAX_ACCOUNTS_REMEMBERED = 100_000;
const LISTS = ['domains', 'salesforceIds', 'zendeskOrganizationIds', 'hubspotCompanyIds'] as const;

/** `known` with what `facts` adds (the same object when it adds nothing). */
function merged(known: AccountFacts, facts: AccountFacts): AccountFacts {
  let next: AccountFacts | null = null;
  if (facts.name !== undefined && facts.name !== known.name) next = { ...known, name: facts.name };
  for (const list of LISTS) {
    for (const value of facts[list]) {
      const current = (next ?? known)[list];
      if (current.includes(value)) continue;
      next ??= { ...known };
      next[list] = [...current, value];
    }
  }
  if (!next) return known;
  for (const list of LISTS) Object.freeze(next[list]);
  return Object.freeze(next);
}

export class BatchAccounts {
  /** Per account, all the file said of it so far. */
  private readonly soFar = new Map<string, AccountFacts>();
  /** The row facts already merged into `soFar`. */
  private readonly seen = new Set<AccountFacts>();
  private batch = new Set<string>();

  /** A row's account facts (shared and frozen, as the row reader returns them). */
  add(facts: AccountFacts): void {
    this.batch.add(facts.id);
    if (this.seen.has(facts)) return;
    this.seen.add(facts);
    const known = this.soFar.get(facts.id);
    this.soFar.set(facts.id, known ? merged(known, facts) : facts);
  }

  /** The batch's accounts, and a new batch begun. */
  take(): AccountFacts[] {
    const accounts: AccountFacts[] = [];
    for (const id of this.batch) accounts.push(this.soFar.get(id)!);
    this.batch = new Set();
    if (this.soFar.size > MAX_ACCOUNTS_REMEMBERED || this.seen.size > MAX_ACCOUNTS_REMEMBERED) {
      this.soFar.clear();
      this.seen.clear();
    }
    return accounts;
  }
}
