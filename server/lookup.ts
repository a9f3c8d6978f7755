/**
 * Which accounts a page's hints name (CRM ids, then work email domains, then domains, then the name;
 * two or more at one level is "ambiguous", narrowed by the name when it can), and the search box's
 * ranked matches. Pure reads over the store's account keys.
 */
import type { Database as SqliteDatabase } from 'better-sqlite3';
import type { Account } from '../lib/model';
import { normaliseAccountName } from '../lib/model/names';
import { normaliseSalesforceId } from '../lib/crm/salesforce/ids';
import type { LookupQuery, LookupResult } from '../lib/wire/schemas';
import { LOOKUP_VIA } from '../lib/wire/schemas';
import { decodeRow, type DataRow, type Statements } from './sql';
import { normaliseDomain, workDomainOf } from './values';

type Via = (typeof LOOKUP_VIA)[number];
export type KeyKind = 'alias' | 'salesforce' | 'zendesk' | 'hubspot' | 'domain';

const MAX_CANDIDATES = 20;

/** What of the store the look-ups read. */
export interface AccountIndex {
  readonly db: SqliteDatabase;
  readonly statements: Statements;
  idsByKey(kind: KeyKind, values: readonly string[]): string[];
  accountsByIds(ids: Iterable<string>): Account[];
}

/**
 * Page hints → accounts, in order of trust (the extension's own resolution order): CRM ids; an email's
 * work domain as an account's domain, then as the domain its respondents write from; the domains;
 * the normalised name. The first level that finds anything decides; several accounts there are
 * `ambiguous` unless the name singles out one of them.
 */
export function lookupAccounts(store: AccountIndex, query: LookupQuery): LookupResult {
  const salesforce = normaliseSalesforceId(query.salesforceAccountId);
  const emailDomains = [...new Set((query.emails ?? []).map(workDomainOf))].filter((d): d is string => !!d);
  const domains = [...new Set((query.domains ?? []).map(normaliseDomain))].filter((d): d is string => !!d);
  const nameKey = query.name ? normaliseAccountName(query.name) : '';
  const byName = () => (nameKey ? store.statements.accountIdsByNameKey.all(nameKey).map((r) => r.account_id) : []);
  const levels: Array<{ via: Via; find: () => string[] }> = [
    {
      via: 'crm_id',
      find: () => [
        ...(salesforce ? store.idsByKey('salesforce', [salesforce]) : []),
        ...(query.zendeskOrganizationId ? store.idsByKey('zendesk', [query.zendeskOrganizationId]) : []),
        ...(query.hubspotCompanyId ? store.idsByKey('hubspot', [query.hubspotCompanyId]) : []),
      ],
    },
    { via: 'email', find: () => store.idsByKey('domain', emailDomains) },
    {
      via: 'email',
      find: () => emailDomains.flatMap((d) => store.statements.accountIdsByRespondentDomain.all(d).map((r) => r.account_id)),
    },
    { via: 'domain', find: () => store.idsByKey('domain', domains) },
    { via: 'name', find: byName },
  ];
  for (const level of levels) {
    const ids = [...new Set(level.find())];
    if (ids.length === 0) continue;
    if (ids.length > 1 && nameKey) {
      const named = new Set(byName());
      const narrowed = ids.filter((id) => named.has(id));
      if (narrowed.length === 1) return { status: 'matched', via: level.via, matches: store.accountsByIds(narrowed) };
    }
    const matches = store.accountsByIds(ids.slice(0, MAX_CANDIDATES));
    return matches.length === 1
      ? { status: 'matched', via: level.via, matches }
      : { status: 'ambiguous', via: level.via, matches };
  }
  return { status: 'none', matches: [] };
}

/**
 * Accounts whose name or domain matches the query: exact name first, then names starting with it,
 * then names with a word starting with it, then domains starting with it, then names containing it.
 */
export function searchAccounts(store: AccountIndex, q: string, limit: number): Account[] {
  const key = normaliseAccountName(q) || q.trim().toLowerCase();
  const like = key.replace(/[\\%_]/g, (c) => `\\${c}`);
  const domain = q.trim().toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
  const rows = store.db
    .prepare<[{ key: string; like: string; domain: string; id: string; limit: number }], DataRow & { rank: number }>(
      `SELECT data, updated_at, seq, rank FROM (
         SELECT a.data, a.updated_at, a.seq, a.name, a.id, CASE
           WHEN a.name_key = @key THEN 0
           WHEN a.name_key LIKE @like || '%' ESCAPE '\\' THEN 1
           WHEN a.name_key LIKE '% ' || @like || '%' ESCAPE '\\' THEN 2
           WHEN EXISTS (SELECT 1 FROM account_keys k WHERE k.account_id = a.id AND k.kind = 'domain' AND k.value LIKE @domain || '%' ESCAPE '\\') THEN 3
           WHEN a.name_key LIKE '%' || @like || '%' ESCAPE '\\' THEN 4
           WHEN lower(a.name) LIKE '%' || @domain || '%' ESCAPE '\\' THEN 5
           WHEN a.id = @id THEN 6
         END AS rank FROM accounts a
       ) WHERE rank IS NOT NULL ORDER BY rank, name, id LIMIT @limit`,
    )
    .all({ key, like, domain, id: q.trim(), limit });
  return rows.map((row) => decodeRow.account(row));
}
