import type { Account } from '../model';
import { AccountSearch, searchKeyOf } from './search';

const base = { domains: [], salesforceIds: [], zendeskOrganizationIds: [], hubspotCompanyIds: [], updatedAt: 1 };
const ACCOUNTS: Account[] = [
  { ...base, id: 'acme', name: 'Acme Corporation', domains: ['acme.com'], salesforceIds: ['001M000000qfPySIAU'], zendeskOrganizationIds: ['360001'] },
  { ...base, id: 'acme-consulting', name: 'Acme Consulting GmbH', domains: ['acme-consulting.de'] },
  { ...base, id: 'globex-corp', name: 'Globex Corporation', domains: ['globex.com'] },
  { ...base, id: 'globex-log', name: 'Globex Logistics', domains: ['globexlogistics.com'] },
  { ...base, id: 'lumiere', name: 'Société Lumière S.A.', domains: ['lumiere.fr'] },
  { ...base, id: 'umbrella', name: 'Umbrella Health Inc.', domains: ['umbrella.com'] },
  { ...base, id: 'hooli', name: 'Hooli', hubspotCompanyIds: ['8123456789'] },
  { ...base, id: 'comcast-like', name: 'Comet Systems', domains: ['comet.io'] },
];

const search = new AccountSearch(ACCOUNTS);

test('a name is found by its start, whatever the case', () => {
  expect(search.search('ac')).toEqual(expect.arrayContaining(['acme', 'acme-consulting']));
  expect(search.search('GLOB')).toEqual(expect.arrayContaining(['globex-corp', 'globex-log']));
  expect(search.search('glob')).not.toContain('acme');
});

test('typos, missing accents and legal suffixes do not matter', () => {
  expect(search.search('umbrela')).toEqual(['umbrella']);
  expect(search.search('societe lumiere')).toEqual(['lumiere']);
  expect(search.search('Société Lumière SA')).toEqual(['lumiere']);
  expect(search.search('umbrella health inc')).toEqual(['umbrella']);
});

test('half-typed legal suffixes keep the account found at every keystroke', () => {
  for (const typed of ['acme', 'acme c', 'acme co', 'acme cor', 'acme corp', 'acme corpo', 'acme corporation']) {
    expect(search.search(typed), typed).toContain('acme');
  }
});

test('a short second word narrows by the next words of the name', () => {
  expect(search.search('globex l')).toEqual(['globex-log']);
  expect(search.search('globex lo')).toEqual(['globex-log']);
  expect(search.search('acme co')).toEqual(expect.arrayContaining(['acme', 'acme-consulting']));
  expect(search.search('acme con')).toEqual(['acme-consulting']);
  expect(search.search('acme c')).toEqual(expect.arrayContaining(['acme', 'acme-consulting']));
  expect(search.search('umbrella x')).toEqual([]);
});

test('two words must both match', () => {
  expect(search.search('globex logistics')).toEqual(['globex-log']);
  expect(search.search('acme consulting')).toEqual(['acme-consulting']);
});

test('domains, emails and URLs are found as keys, not as names', () => {
  expect(search.search('acme.com')).toEqual(['acme']);
  expect(search.search('jo@acme.com')).toEqual(['acme']);
  expect(search.search('https://www.globex.com/about')).toEqual(['globex-corp']);
  expect(search.search('globexlog')).toEqual(['globex-log']);
  // "com" is in every domain but is nobody's name.
  expect(search.search('com')).toEqual(['comcast-like']);
});

test('CRM ids and the account id are found, an exact id first', () => {
  expect(search.search('360001')).toEqual(['acme']);
  expect(search.search('001M000000qfPyS')).toEqual(['acme']);
  expect(search.search('001M000000qfPySIAU')).toEqual(['acme']);
  expect(search.search('8123456789')).toEqual(['hooli']);
  expect(search.search('globex-corp')[0]).toBe('globex-corp');
});

test('limits and empty queries', () => {
  expect(search.search('')).toEqual([]);
  expect(search.search('   ')).toEqual([]);
  expect(search.search('a', 1)).toHaveLength(1);
});

test('searchKeyOf reads domains out of what people paste', () => {
  expect(searchKeyOf('https://WWW.Acme.com/path?q=1')).toBe('acme.com');
  expect(searchKeyOf('Jo.Doe@Acme.com')).toBe('acme.com');
  expect(searchKeyOf('acme corp')).toBeNull();
  expect(searchKeyOf('360001')).toBe('360001');
});

test('built a slice at a time, the index answers as the one built at once, and handed the thread back between slices', async () => {
  let pauses = 0;
  let slice = 0;
  // A slice of three accounts, then the thread is handed back.
  const pause = () => (++slice % 3 === 0 ? (pauses++, Promise.resolve()) : undefined);
  const sliced = await AccountSearch.built(ACCOUNTS, pause);
  expect(pauses).toBe(Math.floor(ACCOUNTS.length / 3));
  for (const query of ['ac', 'acme c', 'umbrela', 'Société Lumière SA', 'acme.com', '360001', '001M000000qfPyS', '8123', 'glob']) {
    expect(sliced.search(query)).toEqual(search.search(query));
  }
  // The same accounts in pages as the store reads them: the same index.
  async function* pages() {
    for (let i = 0; i < ACCOUNTS.length; i += 2) yield ACCOUNTS.slice(i, i + 2);
  }
  const paged = await AccountSearch.built(pages(), () => undefined);
  for (const query of ['ac', 'acme c', 'umbrela', 'acme.com', '360001', 'glob']) expect(paged.search(query)).toEqual(search.search(query));
});

test('updated for a few accounts (renamed, new, gone), the index answers as one built from the accounts as they are now', () => {
  const index = new AccountSearch(ACCOUNTS);
  const renamed = { ...ACCOUNTS[2]!, name: 'Initech Systems', domains: ['initech.com'] };
  const added = { ...base, id: 'stark', name: 'Stark Industries', domains: ['stark.com'], zendeskOrganizationIds: ['360099'] };
  index.update([renamed, added], ['hooli']);
  const now = [...ACCOUNTS.filter((a) => a.id !== 'globex-corp' && a.id !== 'hooli'), renamed, added];
  const fresh = new AccountSearch(now);
  expect(index.size).toBe(now.length);
  for (const query of ['globex', 'glob', 'initech', 'init', 'stark ind', 'stark.com', '360099', 'hooli', '8123456789', 'acme', 'comet', 'globex.com', 'initech sys', 'in']) {
    expect([query, index.search(query)]).toEqual([query, fresh.search(query)]);
  }
  expect(index.search('initech')).toEqual(['globex-corp']);
  expect(index.search('globex.com')).toEqual([]);
  expect(index.search('hooli')).toEqual([]);
  // Updated again with the same account: still one entry of it.
  index.update([renamed]);
  expect(index.size).toBe(now.length);
  expect(index.search('initech')).toEqual(['globex-corp']);
});
