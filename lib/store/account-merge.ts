/**
 * How an import's account facts join and merge into the stored accounts.
 */
import type { IDBPObjectStore, StoreNames } from 'idb';
import type { Account, AccountFacts } from '../model';
import { normaliseAccountName } from '../model/names';
import { findAccount, mergeAccountFacts, type AccountKeyKind } from '../model/account-match';
import type { NpsDB, StoredAccount } from './db';

const union = (a: readonly string[], b: readonly string[]): string[] => [...new Set([...a, ...b])];

/**
 * Merges what an import says about an account into what is stored, by the one rule
 * (`lib/model/account-match.ts`), keeping the store's lookup fields.
 */
export function mergeAccount(stored: StoredAccount | undefined, incoming: AccountFacts, now: number): StoredAccount {
  const id = stored?.id ?? incoming.id;
  const merged: Account = { ...mergeAccountFacts(stored, incoming, id), updatedAt: incoming.updatedAt ?? now };
  return {
    ...merged,
    // Normalising a name is the costly part of a merge, and most merges repeat the stored name.
    nameKey: stored && stored.name === merged.name ? stored.nameKey : normaliseAccountName(merged.name),
    aliases: union(stored?.aliases ?? [], incoming.id === id ? [] : [incoming.id]),
    emailDomains: stored?.emailDomains ?? [],
  };
}

export type AccountsStore = IDBPObjectStore<NpsDB, ArrayLike<StoreNames<NpsDB>>, 'accounts', 'readwrite'>;

const INDEX_OF: Record<Exclude<AccountKeyKind, 'id'>, Parameters<AccountsStore['index']>[0]> = {
  alias: 'byAlias',
  salesforce: 'bySalesforceId',
  zendesk: 'byZendeskOrganizationId',
  hubspot: 'byHubspotCompanyId',
  domain: 'byDomain',
  name: 'byNameKey',
};

/**
 * The stored account an import's account facts belong to, by the one rule
 * (`lib/model/account-match.ts`): never a guess, two candidates → none.
 */
export async function findStoredAccount(accounts: AccountsStore, facts: AccountFacts): Promise<StoredAccount | undefined> {
  const id = await findAccount(facts, async ({ kind, values }) => {
    if (kind === 'id') return (await accounts.get(values[0]!)) ? [values[0]!] : [];
    const found: string[] = [];
    for (const value of values) for (const key of await accounts.index(INDEX_OF[kind]).getAllKeys(value)) found.push(key);
    return found;
  });
  return id === undefined ? undefined : accounts.get(id);
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

export function sameAccount(a: StoredAccount, b: StoredAccount): boolean {
  return (
    a.id === b.id && a.name === b.name && a.nameKey === b.nameKey && a.updatedAt === b.updatedAt &&
    sameList(a.domains, b.domains) && sameList(a.salesforceIds, b.salesforceIds) &&
    sameList(a.zendeskOrganizationIds, b.zendeskOrganizationIds) && sameList(a.hubspotCompanyIds, b.hubspotCompanyIds) &&
    sameList(a.aliases, b.aliases) && sameList(a.emailDomains, b.emailDomains)
  );
}

export function sameFacts(a: AccountFacts, b: AccountFacts): boolean {
  return (
    a.id === b.id && a.name === b.name && a.updatedAt === b.updatedAt && sameList(a.domains, b.domains) &&
    sameList(a.salesforceIds, b.salesforceIds) && sameList(a.zendeskOrganizationIds, b.zendeskOrganizationIds) &&
    sameList(a.hubspotCompanyIds, b.hubspotCompanyIds)
  );
}

/** An account as the rest of the extension sees it, without the store's lookup fields. */
export function plainAccount(account: StoredAccount): Account {
  const { nameKey: _nameKey, aliases: _aliases, emailDomains: _emailDomains, ...plain } = account;
  return plain;
}
