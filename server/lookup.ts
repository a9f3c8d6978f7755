/**
 * Which accounts a page's hints name (CRM ids, then work email domains, then domains, then the name;
 * two or more at one level is "ambiguous", narrowed by the name when it can), and the search box's
 * ranked matches. Reads over either storage's account keys, through `AccountIndex`.
 */
import type { Account } from '../lib/model';
import { normaliseAccountName } from '../lib/model/names';
import { normaliseSalesforceId } from '../lib/crm/salesforce/ids';
import type { LookupQuery, LookupResult } from '../lib/wire/schemas';
import { LOOKUP_VIA } from '../lib/wire/schemas';
import { normaliseDomain, workDomainOf } from './values';

type Via = (typeof LOOKUP_VIA)[number];
export type KeyKind = 'alias' | 'salesforce' | 'zendesk' | 'hubspot' | 'domain';

const MAX_CANDIDATES = 20;

/** What of a storage the look-ups read. */
export interface AccountIndex {
  idsByKey(kind: KeyKind, values: readonly string[]): Promise<string[]>;
  idsByNameKey(nameKey: string): Promise<string[]>;
  idsByRespondentDomain(domain: string): Promise<string[]>;
  accountsByIds(ids: Iterable<string>): Promise<Account[]>;
  /** Accounts ranked by `searchRankSql`, best first. */
  searchRanked(terms: SearchTerms, limit: number): Promise<Account[]>;
}

export interface SearchTerms {
  key: string;
  like: string;
  domain: string;
  id: string;
}

/**
 * The search ranks, in SQL both databases read (`$key`, `$like`, `$domain`, `$id` are replaced by each
 * backend's parameters): exact name first, then names starting with the query, then names with a word
 * starting with it, then domains starting with it, then names containing it, then the id.
 */
export function searchRankSql(param: (name: keyof SearchTerms) => string): string {
  const [key, like, domain, id] = (['key', 'like', 'domain', 'id'] as const).map(param);
  return `CASE
    WHEN a.name_key = ${key} THEN 0
    WHEN a.name_key LIKE ${like} || '%' ESCAPE '\\' THEN 1
    WHEN a.name_key LIKE '% ' || ${like} || '%' ESCAPE '\\' THEN 2
    WHEN EXISTS (SELECT 1 FROM account_keys k WHERE k.account_id = a.id AND k.kind = 'domain' AND k.value LIKE ${domain} || '%' ESCAPE '\\') THEN 3
    WHEN a.name_key LIKE '%' || ${like} || '%' ESCAPE '\\' THEN 4
    WHEN lower(a.name) LIKE '%' || ${domain} || '%' ESCAPE '\\' THEN 5
    WHEN a.id = ${id} THEN 6
  END`;
}

/**
 * Page hints → accounts, in order of trust (the extension's own resolution order): CRM ids; an email's
 * work domain as an account's domain, then as the domain its respondents write from; the domains;
 * the normalised name. The first level that finds anything decides; several accounts there are
 * `ambiguous` unless the name singles out one of them.
 */
export async function lookupAccounts(store: AccountIndex, query: LookupQuery): Promise<LookupResult> {
  const salesforce = normaliseSalesforceId(query.salesforceAccountId);
  const emailDomains = [...new Set((query.emails ?? []).map(workDomainOf))].filter((d): d is string => !!d);
  const domains = [...new Set((query.domains ?? []).map(normaliseDomain))].filter((d): d is string => !!d);
  const nameKey = query.name ? normaliseAccountName(query.name) : '';
  const byName = async () => (nameKey ? store.idsByNameKey(nameKey) : []);
  const levels: Array<{ via: Via; find: () => Promise<string[]> }> = [
    {
      via: 'crm_id',
      find: async () => [
        ...(salesforce ? await store.idsByKey('salesforce', [salesforce]) : []),
        ...(query.zendeskOrganizationId ? await store.idsByKey('zendesk', [query.zendeskOrganizationId]) : []),
        ...(query.hubspotCompanyId ? await store.idsByKey('hubspot', [query.hubspotCompanyId]) : []),
      ],
    },
    { via: 'email', find: () => store.idsByKey('domain', emailDomains) },
    {
      via: 'email',
      find: async () => (await Promise.all(emailDomains.map((d) => store.idsByRespondentDomain(d)))).flat(),
    },
    { via: 'domain', find: () => store.idsByKey('domain', domains) },
    { via: 'name', find: byName },
  ];
  for (const level of levels) {
    const ids = [...new Set(await level.find())];
    if (ids.length === 0) continue;
    if (ids.length > 1 && nameKey) {
      const named = new Set(await byName());
      const narrowed = ids.filter((id) => named.has(id));
      if (narrowed.length === 1) return { status: 'matched', via: level.via, matches: await store.accountsByIds(narrowed) };
    }
    const matches = await store.accountsByIds(ids.slice(0, MAX_CANDIDATES));
    return matches.length === 1
      ? { status: 'matched', via: level.via, matches }
      : { status: 'ambiguous', via: level.via, matches };
  }
  return { status: 'none', matches: [] };
}

/** Accounts whose name or domain matches the query, best first (`searchRankSql`). */
export function searchAccounts(store: AccountIndex, q: string, limit: number): Promise<Account[]> {
  const key = normaliseAccountName(q) || q.trim().toLowerCase();
  const like = key.replace(/[\\%_]/g, (c) => `\\${c}`);
  const domain = q.trim().toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
  return store.searchRanked({ key, like, domain, id: q.trim() }, limit);
}
