/**
 * Account search for the popup and the panel's account picker: fuzzy, prefix and accent-tolerant
 * over names, domains and CRM ids, with legal suffixes ignored.
 */
import MiniSearch from 'minisearch';
import type { Account } from '../model';
import { normaliseAccountName } from '../import/names';

interface Doc {
  id: string;
  name: string;
  domains: string;
  ids: string;
}

export class AccountSearch {
  private readonly index = new MiniSearch<Doc>({
    fields: ['name', 'domains', 'ids'],
    storeFields: [],
    processTerm: (term) => term.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase(),
    searchOptions: { boost: { name: 3 }, prefix: true, fuzzy: (term) => (term.length > 3 ? 0.2 : 0), combineWith: 'AND' },
  });

  constructor(accounts: Iterable<Account>) {
    const docs: Doc[] = [];
    for (const a of accounts) {
      docs.push({
        id: a.id,
        name: normaliseAccountName(a.name) || a.name,
        domains: a.domains.join(' '),
        ids: [a.id, ...a.salesforceIds, ...a.salesforceIds.map((s) => s.slice(0, 15)), ...a.zendeskOrganizationIds, ...a.hubspotCompanyIds].join(' '),
      });
    }
    this.index.addAll(docs);
  }

  /** Account ids, best first. */
  search(query: string, limit = 20): string[] {
    const q = normaliseAccountName(query) || query.trim();
    if (!q) return [];
    return this.index.search(q).slice(0, limit).map((r) => String(r.id));
  }
}
