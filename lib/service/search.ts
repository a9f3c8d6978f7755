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

/** Below this many characters a query is a plain prefix of the name: fuzzy search would match half the index. */
const MIN_FUZZY_QUERY = 3;

export class AccountSearch {
  private readonly index = new MiniSearch<Doc>({
    fields: ['name', 'domains', 'ids'],
    storeFields: [],
    processTerm: (term) => term.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase(),
    searchOptions: { boost: { name: 3 }, prefix: true, fuzzy: (term) => (term.length >= 5 ? 1 : 0), combineWith: 'AND' },
  });

  /** [normalised name, id], sorted by name: short queries are answered by a binary search here. */
  private readonly byName: Array<[string, string]> = [];

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
    for (const d of docs) this.byName.push([d.name, d.id]);
    this.byName.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  }

  private prefixOfName(prefix: string, limit: number): string[] {
    let lo = 0;
    let hi = this.byName.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.byName[mid]![0] < prefix) lo = mid + 1;
      else hi = mid;
    }
    const ids: string[] = [];
    for (let i = lo; i < this.byName.length && ids.length < limit && this.byName[i]![0].startsWith(prefix); i++) ids.push(this.byName[i]![1]);
    return ids;
  }

  /** Account ids, best first. */
  search(query: string, limit = 20): string[] {
    const q = normaliseAccountName(query) || query.trim();
    if (!q) return [];
    if (q.length < MIN_FUZZY_QUERY) return this.prefixOfName(q, limit);
    return this.index.search(q).slice(0, limit).map((r) => String(r.id));
  }
}
