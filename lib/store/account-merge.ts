/**
 * How an import's account facts join and merge into the stored accounts.
 */
import type { IDBPObjectStore, StoreNames } from 'idb';
import type { Account, AccountFacts } from '../model';
import { normaliseAccountName } from '../model/names';
import type { NpsDB, StoredAccount } from './db';

const union = (a: readonly string[], b: readonly string[]): string[] => [...new Set([...a, ...b])];

/**
 * Merges what an import says about an account into what is stored: ids and domains accumulate, a
 * newer name replaces an older one, and a file without names never erases one.
 */
export function mergeAccount(stored: StoredAccount | undefined, incoming: AccountFacts, now: number): StoredAccount {
  const id = stored?.id ?? incoming.id;
  const merged: Account = {
    id,
    name: incoming.name || stored?.name || incoming.id,
    domains: union(stored?.domains ?? [], incoming.domains),
    salesforceIds: union(stored?.salesforceIds ?? [], incoming.salesforceIds),
    zendeskOrganizationIds: union(stored?.zendeskOrganizationIds ?? [], incoming.zendeskOrganizationIds),
    hubspotCompanyIds: union(stored?.hubspotCompanyIds ?? [], incoming.hubspotCompanyIds),
    updatedAt: incoming.updatedAt ?? now,
  };
  return {
    ...merged,
    // Normalising a name is the costly part of a merge, and most merges repeat the stored name.
    nameKey: stored && stored.name === merged.name ? stored.nameKey : normaliseAccountName(merged.name),
    aliases: union(stored?.aliases ?? [], incoming.id === id ? [] : [incoming.id]),
    emailDomains: stored?.emailDomains ?? [],
  };
}

export type AccountsStore = IDBPObjectStore<NpsDB, ArrayLike<StoreNames<NpsDB>>, 'accounts', 'readwrite'>;

/**
 * The stored account an import's account facts belong to: the same key, a key merged into it before,
 * or else exactly one account with the same CRM id or domain. Never a guess: two candidates → none.
 */
export async function findStoredAccount(accounts: AccountsStore, facts: AccountFacts): Promise<StoredAccount | undefined> {
  const byKey = (await accounts.get(facts.id)) ?? (await accounts.index('byAlias').get(facts.id));
  if (byKey) return byKey;
  const lookups: Array<[Parameters<AccountsStore['index']>[0], string[]]> = [
    ['bySalesforceId', facts.salesforceIds],
    ['byZendeskOrganizationId', facts.zendeskOrganizationIds],
    ['byHubspotCompanyId', facts.hubspotCompanyIds],
    ['byDomain', facts.domains],
  ];
  for (const [index, keys] of lookups) {
    const found = new Map<string, StoredAccount>();
    for (const key of keys) for (const a of await accounts.index(index).getAll(key)) found.set(a.id, a);
    if (found.size === 1) return [...found.values()][0];
    if (found.size > 1) return undefined;
  }
  return undefined;
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
