import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import type { Account } from '../model';
import { NpsStore } from '../store';
import type { PageContextInput } from './protocol';
import { resolveAccount } from './resolve';

const base = { domains: [], salesforceIds: [], zendeskOrganizationIds: [], hubspotCompanyIds: [], updatedAt: 1 };
const ACCOUNTS: Account[] = [
  { ...base, id: 'acme', name: 'Acme Corporation', domains: ['acme.com'], salesforceIds: ['001M000000qfPySIAU'], zendeskOrganizationIds: ['360001'] },
  { ...base, id: 'globex-corp', name: 'Globex Corporation', domains: ['globex.com'] },
  { ...base, id: 'globex-log', name: 'Globex Logistics', domains: ['globexlogistics.com'] },
  { ...base, id: 'initech-1', name: 'Initech GmbH' },
  { ...base, id: 'initech-2', name: 'Initech Inc.' },
];

const page = (hints: PageContextInput['hints'], recordKey = 'test:record'): PageContextInput => ({ crm: 'salesforce', kind: 'account', recordKey, hints });

let store: NpsStore;
beforeAll(async () => {
  globalThis.indexedDB = new IDBFactory();
  store = await NpsStore.open();
  await store.beginImport({ id: 'i', fileName: 'f', kind: 'responses', state: 'staging', startedAt: 0, touchedAt: 0, batches: 0, committedBatches: 0, imported: 0, rejected: 0 });
  await store.stageBatch({ importId: 'i', seq: 0, accounts: ACCOUNTS, responses: [], actions: [], sends: [] });
  await store.commitImport('i', { imported: 0, rejected: 0 });
});

test('a CRM id wins over a name that points elsewhere', async () => {
  expect(await resolveAccount(store, page({ salesforceAccountId: '001M000000qfPySIAU', name: 'Globex Corporation' }))).toEqual({
    status: 'matched',
    accountId: 'acme',
    via: 'crm_id',
  });
  expect(await resolveAccount(store, page({ zendeskOrganizationId: '360001' }))).toMatchObject({ accountId: 'acme' });
});

test("an email's domain finds the account; a public mail provider's does not", async () => {
  expect(await resolveAccount(store, page({ emails: ['jane@acme.com'] }))).toMatchObject({ status: 'matched', accountId: 'acme', via: 'email' });
  expect(await resolveAccount(store, page({ emails: ['jane@gmail.com'] }))).toEqual({ status: 'none' });
});

test('names match only when they are the same company: "Globex Logistics" is not "Globex Corporation"', async () => {
  expect(await resolveAccount(store, page({ name: 'GLOBEX CORP.' }))).toMatchObject({ accountId: 'globex-corp', via: 'name' });
  // Legal suffixes are ignored, other words are not.
  expect(await resolveAccount(store, page({ name: 'Globex' }))).toMatchObject({ accountId: 'globex-corp' });
  expect(await resolveAccount(store, page({ name: 'Globex Logistics Ltd' }))).toMatchObject({ accountId: 'globex-log' });
  expect(await resolveAccount(store, page({ name: 'Globex Shipping' }))).toEqual({ status: 'none' });
});

test('two accounts with the same normalised name are ambiguous, never a guess', async () => {
  const result = await resolveAccount(store, page({ name: 'Initech' }));
  expect(result.status).toBe('ambiguous');
  expect(result.status === 'ambiguous' && result.candidates.map((a) => a.id).sort()).toEqual(['initech-1', 'initech-2']);
});

test('a link made by hand wins over every automatic match, and is per record', async () => {
  await store.setLink({ recordKey: 'salesforce:001M000000qfPySIAU', accountId: 'globex-log', createdAt: 1 });
  const hints = { salesforceAccountId: '001M000000qfPySIAU' };
  expect(await resolveAccount(store, page(hints, 'salesforce:001M000000qfPySIAU'))).toEqual({ status: 'matched', accountId: 'globex-log', via: 'link' });
  expect(await resolveAccount(store, page(hints, 'salesforce:other'))).toMatchObject({ accountId: 'acme' });
});
