/**
 * The one rule for which stored account an incoming account is, and how the two merge. The
 * extension's store (an import's accounts, `lib/store/account-merge.ts`) and the reference source
 * (`server/store.ts`) both follow it; each looks the candidates up in its own database.
 *
 * Which account: the same key, or a key merged into one before (an alias); else, in order, the
 * accounts sharing a Salesforce, Zendesk or HubSpot id; and, only for a file that names the account
 * without an id of its own (a `name:` key), the accounts sharing a domain, then the one with the same
 * normalised name. The first step that finds anything decides: exactly one account is a match; two or
 * more is ambiguous, and the incoming account is kept apart under its own key rather than joined to a
 * guess. Domains never join two accounts that both have ids: one domain can be two companies (a
 * subsidiary, a reseller), and two ids in the team's data are two accounts.
 *
 * How they merge: ids and domains accumulate; the incoming name replaces the stored one only when it
 * comes under the account's own key. A file that found the account another way (a survey tool's
 * export keyed by a company name as respondents typed it, joined by a CRM id) keeps the account's
 * name; a file without a name never erases one.
 */
import type { Account, AccountFacts } from './index';

const NAME_KEY_PREFIX = 'name:';

/** The kinds of key an account is looked up by, each to be looked up in the store's own index. */
export type AccountKeyKind = 'id' | 'alias' | 'salesforce' | 'zendesk' | 'hubspot' | 'domain' | 'name';

export interface MatchStep {
  kind: AccountKeyKind;
  values: readonly string[];
}

/** Whether the account's key was derived from its name (`name:acme`): the file had no account id. */
export function isNameKey(id: string): boolean {
  return id.startsWith(NAME_KEY_PREFIX);
}

/** The look-ups that may find the stored account for `facts`, in the order they are tried. */
export function matchSteps(facts: AccountFacts): MatchStep[] {
  const byName = isNameKey(facts.id);
  const steps: MatchStep[] = [
    { kind: 'id', values: [facts.id] },
    { kind: 'alias', values: [facts.id] },
    { kind: 'salesforce', values: facts.salesforceIds },
    { kind: 'zendesk', values: facts.zendeskOrganizationIds },
    { kind: 'hubspot', values: facts.hubspotCompanyIds },
  ];
  if (byName) {
    steps.push({ kind: 'domain', values: facts.domains.map((d) => d.toLowerCase()) });
    steps.push({ kind: 'name', values: [facts.id.slice(NAME_KEY_PREFIX.length)] });
  }
  return steps.filter((step) => step.values.length > 0);
}

/** What one step's findings decide: the account, that no account is the match, or to try the next step. */
export type StepDecision = { match: string } | 'none' | 'next';

export function decideStep(found: Iterable<string>): StepDecision {
  const ids = new Set(found);
  if (ids.size === 0) return 'next';
  if (ids.size === 1) return { match: [...ids][0]! };
  return 'none';
}

/** Runs the steps with a synchronous look-up (the reference source's SQLite). */
export function findAccountSync(facts: AccountFacts, lookup: (step: MatchStep) => Iterable<string>): string | undefined {
  for (const step of matchSteps(facts)) {
    const decision = decideStep(lookup(step));
    if (decision === 'none') return undefined;
    if (decision !== 'next') return decision.match;
  }
  return undefined;
}

/** Runs the steps with an asynchronous look-up (the extension's IndexedDB). */
export async function findAccount(facts: AccountFacts, lookup: (step: MatchStep) => Promise<Iterable<string>>): Promise<string | undefined> {
  for (const step of matchSteps(facts)) {
    const decision = decideStep(await lookup(step));
    if (decision === 'none') return undefined;
    if (decision !== 'next') return decision.match;
  }
  return undefined;
}

const union = (a: readonly string[], b: readonly string[]): string[] => [...new Set([...a, ...b])];

/** The stored account `id` (or a new one) after `incoming` merged into it; `updatedAt` is the caller's. */
export function mergeAccountFacts(stored: Account | undefined, incoming: AccountFacts, id: string): Omit<Account, 'updatedAt'> {
  const ownKey = incoming.id === id;
  return {
    id,
    name: (stored && !ownKey ? stored.name : incoming.name) || stored?.name || incoming.name || incoming.id,
    domains: union(stored?.domains ?? [], incoming.domains),
    salesforceIds: union(stored?.salesforceIds ?? [], incoming.salesforceIds),
    zendeskOrganizationIds: union(stored?.zendeskOrganizationIds ?? [], incoming.zendeskOrganizationIds),
    hubspotCompanyIds: union(stored?.hubspotCompanyIds ?? [], incoming.hubspotCompanyIds),
  };
}
