import type { AccountFacts, Account } from './index';
import { decideStep, findAccountSync, matchSteps, mergeAccountFacts, type MatchStep } from './account-match';

const facts = (over: Partial<AccountFacts> & { id: string }): AccountFacts => ({
  name: undefined,
  domains: [],
  salesforceIds: [],
  zendeskOrganizationIds: [],
  hubspotCompanyIds: [],
  ...over,
});
const account = (over: Partial<Account> & { id: string; name: string }): Account => ({
  domains: [],
  salesforceIds: [],
  zendeskOrganizationIds: [],
  hubspotCompanyIds: [],
  updatedAt: 0,
  ...over,
});

/** A tiny store: accounts and aliases, looked up as both real stores do. */
function lookupIn(accounts: Account[], aliases: Record<string, string> = {}, nameKeys: Record<string, string> = {}) {
  return ({ kind, values }: MatchStep): string[] => {
    const has = (v: string, list: readonly string[]) => list.map((x) => x.toLowerCase()).includes(v.toLowerCase());
    switch (kind) {
      case 'id':
        return accounts.filter((a) => a.id === values[0]).map((a) => a.id);
      case 'alias':
        return aliases[values[0]!] ? [aliases[values[0]!]!] : [];
      case 'name':
        return Object.entries(nameKeys).filter(([, key]) => key === values[0]).map(([id]) => id);
      default: {
        const field = { salesforce: 'salesforceIds', zendesk: 'zendeskOrganizationIds', hubspot: 'hubspotCompanyIds', domain: 'domains' } as const;
        return accounts.filter((a) => values.some((v) => has(v, a[field[kind]]))).map((a) => a.id);
      }
    }
  };
}

const acme = account({ id: 'A-1', name: 'Acme Corporation', domains: ['acme.com'], salesforceIds: ['001A'] });
const acmeUs = account({ id: 'A-2', name: 'Acme US', domains: ['acme.com'] });
const globex = account({ id: 'G-1', name: 'Globex', domains: ['globex.com'], zendeskOrganizationIds: ['77'] });

test('the same key, then an alias, finds the account', () => {
  const find = (f: AccountFacts) => findAccountSync(f, lookupIn([acme, globex], { 'name:acme': 'A-1' }));
  expect(find(facts({ id: 'A-1' }))).toBe('A-1');
  expect(find(facts({ id: 'name:acme' }))).toBe('A-1');
});

test('a CRM id shared with exactly one account joins it; shared with two, with none', () => {
  const twoWithSf = account({ ...acmeUs, salesforceIds: ['001A'] });
  expect(findAccountSync(facts({ id: 'X', zendeskOrganizationIds: ['77'] }), lookupIn([acme, globex]))).toBe('G-1');
  expect(findAccountSync(facts({ id: 'X', salesforceIds: ['001A'] }), lookupIn([acme, twoWithSf]))).toBeUndefined();
});

test('a domain joins only a file without account ids, and only when one account has it', () => {
  // Two ids in the team's data are two accounts, whatever their domains.
  expect(findAccountSync(facts({ id: 'A-9', domains: ['globex.com'] }), lookupIn([acme, globex]))).toBeUndefined();
  expect(findAccountSync(facts({ id: 'name:globex inc', domains: ['GLOBEX.com'] }), lookupIn([acme, globex]))).toBe('G-1');
  // One domain, two companies: ambiguous, so the incoming account is kept apart.
  expect(findAccountSync(facts({ id: 'name:acme', domains: ['acme.com'] }), lookupIn([acme, acmeUs]))).toBeUndefined();
});

test('the normalised name is the last step, for name keys only', () => {
  const lookup = lookupIn([acme, globex], {}, { 'A-1': 'acme', 'G-1': 'globex' });
  expect(findAccountSync(facts({ id: 'name:acme' }), lookup)).toBe('A-1');
  expect(matchSteps(facts({ id: 'acme-7', name: 'Acme' })).map((s) => s.kind)).toEqual(['id', 'alias']);
  expect(matchSteps(facts({ id: 'name:acme', domains: ['acme.com'] })).map((s) => s.kind)).toEqual(['id', 'alias', 'domain', 'name']);
});

test('the first step that finds anything decides', () => {
  expect(decideStep([])).toBe('next');
  expect(decideStep(['a', 'a'])).toEqual({ match: 'a' });
  expect(decideStep(['a', 'b'])).toBe('none');
  // A CRM id that is ambiguous is not overruled by a unique domain further down.
  const twoWithSf = account({ ...acmeUs, salesforceIds: ['001A'] });
  expect(findAccountSync(facts({ id: 'name:x', salesforceIds: ['001A'], domains: ['globex.com'] }), lookupIn([acme, twoWithSf, globex]))).toBeUndefined();
});

test('ids and domains accumulate; the name changes only under the account’s own key, and is never erased', () => {
  const byOwnKey = mergeAccountFacts(acme, facts({ id: 'A-1', name: 'Acme Inc', domains: ['acme.io'], salesforceIds: ['001A', '001B'] }), 'A-1');
  expect(byOwnKey).toEqual({
    id: 'A-1', name: 'Acme Inc', domains: ['acme.com', 'acme.io'], salesforceIds: ['001A', '001B'], zendeskOrganizationIds: [], hubspotCompanyIds: [],
  });
  expect(mergeAccountFacts(acme, facts({ id: 'name:acme corp', name: 'ACME Corp' }), 'A-1').name).toBe('Acme Corporation');
  expect(mergeAccountFacts(acme, facts({ id: 'A-1' }), 'A-1').name).toBe('Acme Corporation');
  expect(mergeAccountFacts(undefined, facts({ id: 'N-1' }), 'N-1').name).toBe('N-1');
});
