import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import type { Account } from '../model';
import { NpsStore } from '../store';
import type { PageContextInput } from '../model/page';
import { resolveAccount } from './resolve';

const base = { domains: [], salesforceIds: [], zendeskOrganizationIds: [], hubspotCompanyIds: [], updatedAt: 1 };
const ACCOUNTS: Account[] = [
  { ...base, id: 'acme', name: 'Acme Corporation', domains: ['acme.com'], salesforceIds: ['001M000000qfPySIAU'], zendeskOrganizationIds: ['360001'] },
  { ...base, id: 'globex-corp', name: 'Globex Corporation', domains: ['globex.com'] },
  { ...base, id: 'globex-log', name: 'Globex Logistics', domains: ['globexlogistics.com'] },
  { ...base, id: 'initech-1', name: 'Initech GmbH' },
  { ...base, id: 'initech-2', name: 'Initech Inc.' },
  { ...base, id: 'hub', name: 'Hooli', domains: ['hooli.com'], hubspotCompanyIds: ['8123456789'] },
  { ...base, id: 'umbrella-eu', name: 'Umbrella Europe', domains: ['umbrella.com'] },
  { ...base, id: 'umbrella-us', name: 'Umbrella Americas', domains: ['umbrella.com'] },
];

const page = (hints: PageContextInput['hints'], recordKey = 'test:record'): PageContextInput => ({ crm: 'salesforce', kind: 'account', recordKey, hints });

let store: NpsStore;
beforeAll(async () => {
  globalThis.indexedDB = new IDBFactory();
  store = await NpsStore.open();
  await store.beginImport({ id: 'i', fileName: 'f', kind: 'responses', state: 'staging', startedAt: 0, touchedAt: 0, batches: 0, committedBatches: 0, imported: 0, rejected: 0 });
  // Hooli's respondents write from hooli-mail.net, a domain the account itself does not list.
  const responses = [{ id: 'r1', accountId: 'hub', score: 9, respondedAt: 1, respondentEmail: 'gavin@hooli-mail.net', tags: [], excluded: false, updatedAt: 1 }];
  await store.stageBatch({ importId: 'i', seq: 0, accounts: ACCOUNTS, responses, actions: [], sends: [] });
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

describe('every hint the adapters produce, where the data can match it', () => {
  const dataOf = (crm: string, kind: string, hints: PageContextInput['hints']): PageContextInput => ({ crm, kind, recordKey: `${crm}:x`, hints });

  test('a 15-character Salesforce id, or an Account id given as the record, finds the account', async () => {
    expect(await resolveAccount(store, page({ salesforceAccountId: '001M000000qfPyS' }))).toMatchObject({ accountId: 'acme', via: 'crm_id' });
    expect(await resolveAccount(store, page({ salesforceRecordId: '001M000000qfPySIAU' }))).toMatchObject({ accountId: 'acme', via: 'crm_id' });
  });

  test("a Contact's own id cannot match an account; its Account lookup, email or name do", async () => {
    const contact = '003M000000JnDoeIAF';
    expect(await resolveAccount(store, page({ salesforceRecordId: contact }))).toEqual({ status: 'none' });
    expect(await resolveAccount(store, page({ salesforceRecordId: contact, emails: ['jane@acme.com'] }))).toMatchObject({ accountId: 'acme', via: 'email' });
    expect(await resolveAccount(store, page({ salesforceRecordId: contact, name: 'Globex Logistics' }))).toMatchObject({ accountId: 'globex-log', via: 'name' });
  });

  test('a HubSpot company id is a CRM id; a HubSpot contact id is not', async () => {
    expect(await resolveAccount(store, page({ hubspotCompanyId: '8123456789' }))).toMatchObject({ accountId: 'hub', via: 'crm_id' });
    expect(await resolveAccount(store, page({ hubspotRecordId: '8123456789' }))).toEqual({ status: 'none' });
  });

  test('Freshdesk, Dynamics and Intercom ids cannot match imported data: their pages fall back to emails, domains and name', async () => {
    expect(await resolveAccount(store, dataOf('freshdesk', 'ticket', { freshdeskCompanyId: '3001', name: 'Acme Corp' }))).toMatchObject({ accountId: 'acme', via: 'name' });
    expect(
      await resolveAccount(store, dataOf('dynamics', 'account', { dynamicsAccountId: '6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d', domains: ['https://www.globex.com/'] })),
    ).toMatchObject({ accountId: 'globex-corp', via: 'domain' });
    expect(await resolveAccount(store, dataOf('intercom', 'conversation', { intercomConversationId: '215467390412345' }))).toEqual({ status: 'none' });
    expect(await resolveAccount(store, dataOf('intercom', 'user', { intercomUserId: '42', emails: ['pat@globexlogistics.com'] }))).toMatchObject({ accountId: 'globex-log', via: 'email' });
  });

  test('Zendesk user and ticket ids cannot match; the organization id, domains and requester email can', async () => {
    expect(await resolveAccount(store, dataOf('zendesk', 'ticket', { zendeskTicketId: '101', zendeskUserId: '3601' }))).toEqual({ status: 'none' });
    expect(
      await resolveAccount(store, dataOf('zendesk', 'ticket', { zendeskTicketId: '101', zendeskUserId: '3601', domains: ['globexlogistics.com'] })),
    ).toMatchObject({ accountId: 'globex-log', via: 'domain' });
  });

  test('the order holds: a CRM id beats an email, an email beats a domain, a domain beats a name', async () => {
    expect(await resolveAccount(store, page({ zendeskOrganizationId: '360001', emails: ['a@globex.com'] }))).toMatchObject({ accountId: 'acme' });
    expect(await resolveAccount(store, page({ emails: ['a@globex.com'], domains: ['acme.com'] }))).toMatchObject({ accountId: 'globex-corp', via: 'email' });
    expect(await resolveAccount(store, page({ domains: ['acme.com'], name: 'Globex Corporation' }))).toMatchObject({ accountId: 'acme', via: 'domain' });
  });

  test("an email's domain finds the account its respondents write from, after the accounts' own domains", async () => {
    expect(await resolveAccount(store, page({ emails: ['richard@hooli-mail.net'] }))).toMatchObject({ accountId: 'hub', via: 'email' });
    expect(await resolveAccount(store, page({ emails: ['richard@gmail.com'] }))).toEqual({ status: 'none' });
  });

  test('a CRM id that matches nothing falls through to the next level', async () => {
    expect(await resolveAccount(store, page({ salesforceAccountId: '001M000000Zz9Qq', name: 'Globex Corp' }))).toMatchObject({ accountId: 'globex-corp', via: 'name' });
  });

  test('two accounts on one domain are ambiguous, unless the page name singles one out', async () => {
    const shared = await resolveAccount(store, page({ emails: ['ops@umbrella.com'] }));
    expect(shared.status === 'ambiguous' && shared.candidates.map((a) => a.id).sort()).toEqual(['umbrella-eu', 'umbrella-us']);
    expect(await resolveAccount(store, page({ emails: ['ops@umbrella.com'], name: 'Umbrella Europe' }))).toMatchObject({ accountId: 'umbrella-eu', via: 'email' });
  });

  test('"Globex Logistics" never matches "Globex Corporation", at any level', async () => {
    expect(await resolveAccount(store, page({ name: 'Globex Logistics' }))).toMatchObject({ accountId: 'globex-log' });
    expect(await resolveAccount(store, page({ name: 'Globex Corporation' }))).toMatchObject({ accountId: 'globex-corp' });
  });
});
