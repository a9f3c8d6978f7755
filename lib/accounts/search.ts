/**
 * Account search for the popup and the panel's account picker: over names (fuzzy, prefix, accents and
 * legal suffixes ignored) and over keys (domains, email domains typed whole, CRM ids and the account's
 * own id, by prefix).
 *
 * Where the time goes, and why it is shaped so (50,000 accounts, `npm run bench -- search`):
 * - Names are the only fuzzy field. Domains and ids indexed as MiniSearch words made every "com", "io"
 *   or "acc" a term shared by thousands of documents, so a second word's first letter ("acme c")
 *   expanded to all of them (85 ms). Keys live in a sorted array answered by binary search instead.
 * - A word of one or two letters after the first is not sent to MiniSearch (its prefix expansion is a
 *   large share of the index: "lo" is every "logistics", "lumen"…); the first words' results are
 *   filtered by it instead.
 * - A last word that is the start of a legal suffix ("acme corpo") is optional, since names are indexed
 *   without their suffix ("Acme Corporation" is "acme").
 * - Queries under three characters are a prefix of the name, answered by binary search.
 */
import MiniSearch from 'minisearch';
import type { Account } from '../model';
import { LEGAL_SUFFIXES, nameWords, normaliseAccountName } from '../model/names';
import { sortInSlices } from '../core/sliced-sort';

interface NameDoc {
  id: string;
  name: string;
}

/** Below this many characters a query is a plain prefix of the name: fuzzy search would match half the index. */
const MIN_FUZZY_QUERY = 3;
/** Keys (domains, ids) are looked up from this many characters. */
const MIN_KEY_QUERY = 3;

/** A Salesforce record id, lower case: 15 characters as shown in URLs, 18 as stored. */
const SALESFORCE_15 = /^[a-z0-9]{15}$/;
const SALESFORCE_18 = /^[a-z0-9]{18}$/;

const byFirst = (a: [string, string], b: [string, string]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

/** Index of the first entry whose key is ≥ `prefix` in a list sorted by key. */
function lowerBound(sorted: Array<[string, string]>, prefix: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]![0] < prefix) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function isLegalSuffixStart(word: string): boolean {
  for (const suffix of LEGAL_SUFFIXES) if (suffix.startsWith(word)) return true;
  return false;
}

/**
 * What a typed key means: `https://www.Acme.com/x` → `acme.com`, `jo@acme.com` → `acme.com`, an id as
 * typed (lower case). Null when the text cannot be a key (spaces inside).
 */
export function searchKeyOf(query: string): string | null {
  let key = query.trim().toLowerCase();
  if (key === '' || /\s/.test(key)) return null;
  key = key.replace(/^[a-z][a-z0-9+.-]*:\/\//, '');
  const at = key.lastIndexOf('@');
  if (at >= 0) key = key.slice(at + 1);
  key = key.replace(/^www\./, '').replace(/[/?#].*$/, '');
  return key === '' ? null : key;
}

export class AccountSearch {
  private readonly names = new MiniSearch<NameDoc>({
    fields: ['name'],
    storeFields: [],
    // Names arrive normalised (lower case, accents folded, punctuation gone): words are split by spaces.
    tokenize: (text) => text.split(' '),
    processTerm: (term) => (term === '' ? null : term),
    searchOptions: {
      prefix: true,
      fuzzy: (term) => (term.length >= 5 ? 1 : 0),
      combineWith: 'AND',
    },
  });

  /** [normalised name, id], sorted by name: short queries are answered by a binary search here. */
  private readonly byName: Array<[string, string]> = [];
  /** [lower-case key, id], sorted: domains and ids by prefix. */
  private readonly byKey: Array<[string, string]> = [];
  /**
   * Each account's name as given, for filtering by a short last word; its words are folded when first
   * asked for (`wordsOf`), not for each of 50,000 accounts when the index is built.
   */
  private readonly nameOf = new Map<string, string>();
  private readonly foldedWords = new Map<string, string[]>();

  constructor(accounts: Iterable<Account> = []) {
    for (const account of accounts) this.add(account);
    this.finish();
  }

  /**
   * The same index built a slice at a time (`pause` between accounts: `lib/core/yield.ts`): 50,000
   * accounts take most of a second, which the worker's thread would otherwise give to nothing else. The
   * accounts may come in pages as they are read (`NpsStore.accountPages`).
   */
  static async built(accounts: Iterable<Account> | AsyncIterable<readonly Account[]>, pause: () => Promise<void> | undefined): Promise<AccountSearch> {
    const search = new AccountSearch();
    const add = async (account: Account) => {
      search.add(account);
      await pause();
    };
    if (Symbol.asyncIterator in accounts) {
      for await (const page of accounts) for (const account of page) await add(account);
    } else for (const account of accounts) await add(account);
    await sortInSlices(search.byName, byFirst, pause);
    await sortInSlices(search.byKey, byFirst, pause);
    return search;
  }

  /**
   * These accounts indexed again as they are now (or for the first time), and `gone` taken out: what a
   * change naming a few accounts needs. Rebuilding the whole index instead (50,000 accounts read and
   * indexed, seconds of the worker's thread) followed every change, however small, and slowed the popup
   * opened after it.
   */
  update(accounts: readonly Account[], gone: Iterable<string> = []): void {
    const ids = new Set<string>([...accounts.map((a) => a.id), ...gone]);
    if (ids.size === 0) return;
    for (const id of ids) {
      if (this.names.has(id)) this.names.discard(id);
      this.nameOf.delete(id);
      this.foldedWords.delete(id);
    }
    for (const list of [this.byName, this.byKey]) {
      let kept = 0;
      for (const entry of list) if (!ids.has(entry[1])) list[kept++] = entry;
      list.length = kept;
    }
    for (const account of accounts) this.add(account);
    // Sorted runs with a few entries after them: the sort merges rather than sorting 50,000 again.
    this.finish();
  }

  /** How many accounts the index holds. */
  get size(): number {
    return this.byName.length;
  }

  private add(a: Account): void {
    const name = normaliseAccountName(a.name) || a.name.toLowerCase();
    this.names.add({ id: a.id, name });
    this.byName.push([name, a.id]);
    this.nameOf.set(a.id, a.name);
    // Each key once per account, pushed as found: a set spread from five arrays per account was a
    // sixth of the build's time in the worker (with the garbage it left).
    const from = this.byKey.length;
    const push = (key: string) => {
      for (let i = from; i < this.byKey.length; i++) if (this.byKey[i]![0] === key) return;
      this.byKey.push([key, a.id]);
    };
    push(a.id.toLowerCase());
    for (const d of a.domains) push(d.toLowerCase());
    // A Salesforce id once, in its 18-character form: the 15-character form typed is its start (found by
    // prefix, and taken as exact in `prefixOf`), not a key of its own (18% of the keys to sort in the
    // bench's accounts).
    for (const s of a.salesforceIds) push(s.toLowerCase());
    for (const z of a.zendeskOrganizationIds) push(z);
    for (const h of a.hubspotCompanyIds) push(h);
  }

  private finish(): void {
    this.byName.sort(byFirst);
    this.byKey.sort(byFirst);
  }

  /**
   * Ids of the keys that start with `prefix` (`exactOnly`: that are it, or, for a 15-character Salesforce
   * id, whose 18-character form starts with it), in key order.
   */
  private prefixOf(sorted: Array<[string, string]>, prefix: string, limit: number, exactOnly = false): string[] {
    const ids: string[] = [];
    const salesforce15 = exactOnly && SALESFORCE_15.test(prefix);
    for (let i = lowerBound(sorted, prefix); i < sorted.length && ids.length < limit; i++) {
      const [key, id] = sorted[i]!;
      if (!key.startsWith(prefix)) break;
      if (exactOnly && key !== prefix && !(salesforce15 && SALESFORCE_18.test(key))) {
        // Keys equal to the prefix sort before the longer ones; past them only an 18-character id can follow.
        if (salesforce15) continue;
        break;
      }
      ids.push(id);
    }
    return ids;
  }

  private searchNames(q: string, limit: number): string[] {
    if (q.length < MIN_FUZZY_QUERY) return this.prefixOf(this.byName, q, limit);
    const words = q.split(' ');
    let filterBy: string | null = null;
    if (words.length > 1) {
      const last = words[words.length - 1]!;
      if (last.length < MIN_FUZZY_QUERY) {
        words.pop();
        filterBy = last;
      } else if (isLegalSuffixStart(last)) words.pop();
    }
    const rest = words.join(' ');
    // What is left may be short again ("ab c"): the name prefix answers it.
    if (rest.length < MIN_FUZZY_QUERY && words.length === 1) {
      const ids = this.prefixOf(this.byName, rest, filterBy ? limit * 20 : limit);
      return filterBy ? ids.filter((id) => this.laterWordStarts(id, filterBy)).slice(0, limit) : ids;
    }
    const ids: string[] = [];
    for (const result of this.names.search(rest)) {
      const id = String(result.id);
      if (filterBy !== null && !this.laterWordStarts(id, filterBy)) continue;
      ids.push(id);
      if (ids.length >= limit) break;
    }
    return ids;
  }

  /** The account's name's words (`nameWords`), folded when first asked for. */
  private wordsOf(id: string): string[] {
    let words = this.foldedWords.get(id);
    if (!words) this.foldedWords.set(id, (words = nameWords(this.nameOf.get(id) ?? '')));
    return words;
  }

  /** True when a word of the account's name after its first starts with `start` ("acme c" → "Acme Consulting"). */
  private laterWordStarts(id: string, start: string): boolean {
    const words = this.wordsOf(id);
    for (let i = 1; i < words.length; i++) if (words[i]!.startsWith(start)) return true;
    return false;
  }

  /** Account ids, best first: an exact key (domain or id), then names, then keys that start with the query. */
  search(query: string, limit = 20): string[] {
    const q = normaliseAccountName(query) || query.trim().toLowerCase();
    const key = searchKeyOf(query);
    if (!q && !key) return [];
    const seen = new Set<string>();
    const out: string[] = [];
    const add = (ids: string[]) => {
      for (const id of ids) {
        if (out.length >= limit) return;
        if (!seen.has(id)) {
          seen.add(id);
          out.push(id);
        }
      }
    };
    if (key && key.length >= MIN_KEY_QUERY) add(this.prefixOf(this.byKey, key, limit, true));
    // A domain or an email is a key, not a name: "acme.com" must not fuzzily match "Acmecom".
    const looksLikeKey = key !== null && /[.@/:]/.test(query);
    if (q && !looksLikeKey) add(this.searchNames(q, limit));
    if (key && key.length >= MIN_KEY_QUERY) add(this.prefixOf(this.byKey, key, limit));
    return out;
  }
}
