import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import type { SurveyResponse } from '../model';
import { openDB } from 'idb';
import { NpsStore, mergeAccount } from '.';
import { DB_NAME } from './db';
import { T0, account, failWrites, importRecord, importResponses, response } from './testing/store-fixtures';

let store: NpsStore;
beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  store = await NpsStore.open();
});
afterEach(() => store.close());

describe('imports are staged and committed whole', () => {
  test('staged rows are invisible until the import is committed', async () => {
    await importResponses(store, 'i1', [{ accounts: [account('A', 'Acme')], responses: [response('r1', 'A', 9), response('r2', 'A', 3)] }]);
    expect(await store.getAccountRecords('A')).toBeUndefined();
    const record = await store.commitImport('i1', { imported: 2, rejected: 0 });
    expect(record.state).toBe('committed');
    const records = await store.getAccountRecords('A');
    expect(records?.responses.map((r) => r.id).sort()).toEqual(['r1', 'r2']);
    expect(await store.counts()).toEqual({ accounts: 1, responses: 2, actions: 0, sends: 0 });
  });

  test('a cancelled import leaves the previous data exactly as it was', async () => {
    await importResponses(store, 'i1', [{ accounts: [account('A', 'Acme')], responses: [response('r1', 'A', 9)] }]);
    await store.commitImport('i1', { imported: 1, rejected: 0 });
    const before = await store.getAccountRecords('A');

    await importResponses(store, 'i2', [
      { accounts: [account('A', 'Acme Renamed')], responses: [response('r1', 'A', 0), response('r9', 'A', 0)] },
    ]);
    await store.cancelImport('i2');
    expect(await store.getAccountRecords('A')).toEqual(before);
    expect((await store.getImport('i2'))?.state).toBe('cancelled');
    await expect(
      store.stageBatch({ importId: 'i2', seq: 1, accounts: [], responses: [], actions: [], sends: [] }),
    ).rejects.toThrow(/not accepting rows/);
  });

  test('a commit cut off part-way resumes at start-up and applies every batch once', async () => {
    await importResponses(store, 'i1', [
      { accounts: [account('A', 'Acme')], responses: [response('r1', 'A', 9)] },
      { accounts: [account('A', 'Acme')], responses: [response('r2', 'A', 10)] },
      { accounts: [account('B', 'Beta')], responses: [response('r3', 'B', 2)] },
    ]);
    // Simulate a worker stopped after the first batch was applied.
    let calls = 0;
    await expect(
      store.commitImport('i1', { imported: 3, rejected: 0 }, () => {
        if (++calls === 1) throw new Error('worker stopped');
      }),
    ).rejects.toThrow('worker stopped');
    expect((await store.getImport('i1'))?.state).toBe('committing');
    // The commit is one transaction: nothing of it shows until it is done.
    expect(await store.counts()).toEqual({ accounts: 0, responses: 0, actions: 0, sends: 0 });
    await store.recoverImports(T0);
    expect((await store.getImport('i1'))?.state).toBe('committed');
    expect(await store.counts()).toEqual({ accounts: 2, responses: 3, actions: 0, sends: 0 });
  });

  test('an abandoned staging import is dropped at start-up; a recent one is kept', async () => {
    await importResponses(store, 'old', [{ accounts: [account('A', 'Acme')], responses: [response('r1', 'A', 9)] }]);
    const touched = (await store.getImport('old'))!.touchedAt;
    await store.recoverImports(touched + 60_000);
    expect((await store.getImport('old'))?.state).toBe('staging');
    await store.recoverImports(touched + 10 * 60_000);
    expect((await store.getImport('old'))?.state).toBe('failed');
    expect(await store.counts()).toEqual({ accounts: 0, responses: 0, actions: 0, sends: 0 });
  });

  test('re-importing a response id updates it instead of duplicating it', async () => {
    await importResponses(store, 'i1', [{ accounts: [account('A', 'Acme')], responses: [response('r1', 'A', 9)] }]);
    await store.commitImport('i1', { imported: 1, rejected: 0 });
    await importResponses(store, 'i2', [{ accounts: [account('A', 'Acme')], responses: [response('r1', 'A', 4)] }]);
    await store.commitImport('i2', { imported: 1, rejected: 0 });
    const records = await store.getAccountRecords('A');
    expect(records?.responses).toHaveLength(1);
    expect(records?.responses[0]?.score).toBe(4);
  });
});

describe('lookups', () => {
  test('every account a page at a time, in id order, none twice or left out; the first account', async () => {
    const pagesOf = async (count: number) => {
      const pages: string[][] = [];
      for await (const page of store.accountPages(count)) pages.push(page.map((a) => a.id));
      return pages;
    };
    expect(await pagesOf(2)).toEqual([]);
    expect(await store.firstAccount()).toBeUndefined();
    await store.putSourceAccounts(['E', 'B', 'D', 'A', 'C'].map((id) => account(id, `Account ${id}`)));
    expect(await pagesOf(2)).toEqual([['A', 'B'], ['C', 'D'], ['E']]);
    expect(await pagesOf(5)).toEqual([['A', 'B', 'C', 'D', 'E']]);
    expect((await store.firstAccount())?.id).toBe('A');
    // The next page is read ahead of the caller: one who stops early leaves that read to end unheard,
    // and accounts added between pages are in the pages read after.
    const seen: string[] = [];
    for await (const page of store.accountPages(2)) {
      seen.push(...page.map((a) => a.id));
      if (seen.length === 2) await store.putSourceAccounts([account('F', 'Account F')]);
      if (seen.length === 4) break;
    }
    expect(seen).toEqual(['A', 'B', 'C', 'D']);
    expect(await pagesOf(3)).toEqual([['A', 'B', 'C'], ['D', 'E', 'F']]);
  });

  test('accounts are found by CRM id, domain and normalised name', async () => {
    await importResponses(store, 'i1', [
      {
        accounts: [
          account('A', 'Acme Corporation', { domains: ['acme.com'], salesforceIds: ['001M000000qfPySIAU'], zendeskOrganizationIds: ['42'] }),
          account('G', 'Globex Logistics'),
        ],
        responses: [],
      },
    ]);
    await store.commitImport('i1', { imported: 0, rejected: 0 });
    expect((await store.accountsBySalesforceId('001M000000qfPySIAU')).map((a) => a.id)).toEqual(['A']);
    expect((await store.accountsByZendeskOrganization('42')).map((a) => a.id)).toEqual(['A']);
    expect((await store.accountsByDomain('ACME.com')).map((a) => a.id)).toEqual(['A']);
    expect((await store.accountsByName('ACME Corp.')).map((a) => a.id)).toEqual(['A']);
    expect(await store.accountsByName('Globex Corporation')).toEqual([]);
  });
});

describe('mergeAccount', () => {
  test('ids and domains accumulate; a file without a name keeps the stored one', () => {
    const stored = { ...account('A', 'Acme', { domains: ['acme.com'], salesforceIds: ['x'] }), nameKey: 'acme', aliases: [], emailDomains: [] };
    const merged = mergeAccount(stored, { id: 'A', domains: ['acme.io'], salesforceIds: ['x', 'y'], zendeskOrganizationIds: [], hubspotCompanyIds: [] }, T0 + 1);
    expect(merged).toMatchObject({ name: 'Acme', domains: ['acme.com', 'acme.io'], salesforceIds: ['x', 'y'], nameKey: 'acme' });
  });
});

describe('accounts are merged by id, CRM id or domain, never duplicated', () => {
  test('a file without account ids joins the account that has the same Salesforce id, and stays joined', async () => {
    await importResponses(store, 'i1', [
      { accounts: [account('A-1', 'Acme Corporation', { salesforceIds: ['001M000000qfPySIAU'] })], responses: [response('r1', 'A-1', 9)] },
    ]);
    await store.commitImport('i1', { imported: 1, rejected: 0 });
    // A survey tool's export: no account_id, the name spelled differently, the same CRM id.
    await importResponses(store, 'i2', [
      { accounts: [account('name:acme', 'ACME Corp', { salesforceIds: ['001M000000qfPySIAU'] })], responses: [response('r2', 'name:acme', 3)] },
    ]);
    await store.commitImport('i2', { imported: 1, rejected: 0 });
    // A later file with only the derived key (say, actions by account name) finds it through the alias.
    await importResponses(store, 'i3', [{ accounts: [account('name:acme', 'ACME Corp')], responses: [response('r3', 'name:acme', 10)] }]);
    await store.commitImport('i3', { imported: 1, rejected: 0 });

    expect((await store.counts()).accounts).toBe(1);
    const records = await store.getAccountRecords('A-1');
    expect(records?.responses.map((r) => r.id).sort()).toEqual(['r1', 'r2', 'r3']);
    // The one account rule (lib/model/account-match.ts): a file that found the account by another key keeps its name.
    expect(records?.account.name).toBe('Acme Corporation');
  });

  test('two accounts sharing a domain are not merged into either', async () => {
    await importResponses(store, 'i1', [
      { accounts: [account('A', 'Acme EU', { domains: ['acme.com'] }), account('B', 'Acme US', { domains: ['acme.com'] })], responses: [] },
    ]);
    await store.commitImport('i1', { imported: 0, rejected: 0 });
    await importResponses(store, 'i2', [{ accounts: [account('name:acme', 'Acme', { domains: ['acme.com'] })], responses: [] }]);
    await store.commitImport('i2', { imported: 0, rejected: 0 });
    expect((await store.counts()).accounts).toBe(3);
  });

  test('respondents are remembered with their latest answer; work email domains find the account', async () => {
    await importResponses(store, 'i1', [
      {
        accounts: [account('A', 'Acme')],
        responses: [
          { ...response('r1', 'A', 9, 30), respondentEmail: 'Jo@Acme.io', respondentRole: 'User' },
          { ...response('r2', 'A', 4, 2), respondentEmail: 'jo@acme.io', respondentRole: 'Champion' },
          { ...response('r3', 'A', 7, 5), respondentEmail: 'someone@gmail.com' },
        ],
      },
    ]);
    await store.commitImport('i1', { imported: 3, rejected: 0 });
    const people = await store.respondentsOf('A');
    expect(people.map((p) => [p.key, p.role])).toEqual([
      ['jo@acme.io', 'Champion'],
      ['someone@gmail.com', undefined],
    ]);
    expect((await store.accountsByEmailDomain('acme.io')).map((a) => a.id)).toEqual(['A']);
    expect(await store.accountsByEmailDomain('gmail.com')).toEqual([]);
  });
});

describe('a commit of many batches', () => {
  test('accounts, aliases, respondents and email domains come out as if each batch were committed alone', async () => {
    await importResponses(store, 'i0', [
      { accounts: [account('A', 'Acme', { salesforceIds: ['001M000000qfPySIAU'] })], responses: [{ ...response('r0', 'A', 9, 50), respondentEmail: 'ann@acme.io' }] },
    ]);
    await store.commitImport('i0', { imported: 1, rejected: 0 });
    await importResponses(store, 'i1', [
      { accounts: [account('A', 'Acme')], responses: [{ ...response('r1', 'A', 10, 2), respondentEmail: 'ann@acme.io', respondentRole: 'Exec' }] },
      // A key never seen, with A's Salesforce id: merged into A, remembered as an alias.
      { accounts: [account('name:acme', 'ACME Corp', { salesforceIds: ['001M000000qfPySIAU'] })], responses: [{ ...response('r2', 'name:acme', 3, 30), respondentEmail: 'ann@acme.io', respondentRole: 'User' }] },
      { accounts: [account('A', 'ACME Corp'), account('B', 'Beta')], responses: [{ ...response('r3', 'A', 7, 9), respondentEmail: 'bo@acme.dev' }, response('r4', 'B', 1)] },
    ]);
    await store.commitImport('i1', { imported: 4, rejected: 0 });

    expect((await store.counts()).accounts).toBe(2);
    const a = await store.getAccountRecords('A');
    expect(a?.responses.map((r) => r.id).sort()).toEqual(['r0', 'r1', 'r2', 'r3']);
    expect((await store.accountsByName('ACME Corp')).map((x) => x.id)).toEqual(['A']);
    expect((await store.getAccount('A'))?.aliases).toEqual(['name:acme']);
    // Ann's newest answer (batch 1) wins over her older one (batch 2).
    expect((await store.respondentsOf('A')).map((p) => [p.key, p.role])).toEqual([
      ['ann@acme.io', 'Exec'],
      ['bo@acme.dev', undefined],
    ]);
    expect((await store.accountsByEmailDomain('acme.dev')).map((x) => x.id)).toEqual(['A']);
    expect((await store.accountsByEmailDomain('acme.io')).map((x) => x.id)).toEqual(['A']);
  });
});

describe('storage full', () => {
  test('a QuotaExceededError while staging fails the import and leaves the stored data as it was', async () => {
    await importResponses(store, 'i1', [{ accounts: [account('A', 'Acme')], responses: [response('r1', 'A', 9)] }]);
    await store.commitImport('i1', { imported: 1, rejected: 0 });
    const before = await store.getAccountRecords('A');

    await store.beginImport(importRecord('i2'));
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (this.name === 'staging') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    };
    try {
      await expect(
        store.stageBatch({ importId: 'i2', seq: 0, accounts: [account('A', 'Renamed')], responses: [response('r1', 'A', 0)], actions: [], sends: [] }),
      ).rejects.toThrow(/storage is full/i);
    } finally {
      IDBObjectStore.prototype.put = put;
    }
    await store.cancelImport('i2', 'failed');
    expect(await store.getAccountRecords('A')).toEqual(before);
  });
});

describe('storage full while committing', () => {
  test('a QuotaExceededError in a later batch of the commit leaves every stored record as it was', async () => {
    await importResponses(store, 'i1', [
      {
        accounts: [account('A', 'Acme', { domains: ['acme.com'] })],
        responses: [{ ...response('r1', 'A', 9), respondentEmail: 'ann@acme.io' }, response('r2', 'A', 8)],
      },
    ]);
    await store.commitImport('i1', { imported: 2, rejected: 0 });
    const before = { records: await store.getAccountRecords('A'), people: await store.respondentsOf('A'), counts: await store.counts() };

    // The second import overwrites r1, renames A, adds B, and fails writing its second block (B's).
    await importResponses(store, 'i2', [
      { accounts: [account('A', 'Acme Renamed', { domains: ['acme.io'] })], responses: [{ ...response('r1', 'A', 0), respondentEmail: 'ann@acme.io' }] },
      { accounts: [account('B', 'Beta')], responses: [response('r3', 'B', 2)] },
      { accounts: [account('B', 'Beta')], responses: [response('r4', 'B', 3)] },
    ]);
    // Its second write of a block fails (the rows still in memory are written when the file ends).
    const restore = failWrites('responseBlocks', () => new DOMException('The quota has been exceeded.', 'QuotaExceededError'), 1);
    try {
      await expect(store.commitImport('i2', { imported: 3, rejected: 0 })).rejects.toThrow(/storage is full.*nothing from this import was saved/i);
    } finally {
      restore();
    }
    expect(await store.getAccountRecords('A')).toEqual(before.records);
    expect(await store.respondentsOf('A')).toEqual(before.people);
    expect(await store.getAccountRecords('B')).toBeUndefined();
    expect(await store.counts()).toEqual(before.counts);
    expect(await store.accountsByDomain('acme.io')).toEqual([]);
    // The import is failed with the reason, and its staged rows are gone (their room is free again).
    const failed = await store.getImport('i2');
    expect(failed).toMatchObject({ state: 'failed', error: expect.stringMatching(/storage is full/i) });
    const raw = await openDB(DB_NAME);
    expect(await raw.count('staging')).toBe(0);
    raw.close();
    await store.recoverImports(T0 + 86_400_000);
    expect(await store.counts()).toEqual(before.counts);

    // With room again, the same rows import whole.
    await importResponses(store, 'i3', [{ accounts: [account('B', 'Beta')], responses: [response('r3', 'B', 2)] }]);
    await store.commitImport('i3', { imported: 1, rejected: 0 });
    expect((await store.counts()).responses).toBe(3);
  });
});

describe('migrations', () => {
  test('version 1 with data upgrades to the current version, keeping every record and filling the new ones', async () => {
    globalThis.indexedDB = new IDBFactory();
    const { openDB } = await import('idb');
    const { MIGRATIONS, DB_NAME } = await import('./db');
    const v1 = await openDB(DB_NAME, 1, { upgrade: (db, _o, _n, tx) => void MIGRATIONS[0]!(db as never, tx as never) });
    await v1.put('accounts', { ...account('A', 'Acme'), nameKey: 'acme' });
    await v1.put('responses', { ...response('r1', 'A', 9), respondentEmail: 'ann@acme.io', respondentRole: 'Exec' });
    await v1.put('links', { recordKey: 'salesforce:x', accountId: 'A', createdAt: 1 });
    v1.close();

    const upgraded = await NpsStore.open();
    try {
      expect((await upgraded.getAccountRecords('A'))?.responses.map((r) => r.id)).toEqual(['r1']);
      expect((await upgraded.getLink('salesforce:x'))?.accountId).toBe('A');
      expect((await upgraded.respondentsOf('A')).map((p) => p.key)).toEqual(['ann@acme.io']);
      expect((await upgraded.accountsByEmailDomain('acme.io')).map((a) => a.id)).toEqual(['A']);
    } finally {
      upgraded.close();
    }
  });
});

describe('responses keyed by account (v4)', () => {
  const sendOf = (id: string, accountId: string, daysAgo: number) => ({ id, accountId, sentAt: T0 - daysAgo * 86_400_000 });

  test('a response re-imported under another account or date moves; it is never stored twice', async () => {
    await importResponses(store, 'i1', [{ accounts: [account('A', 'Acme'), account('B', 'Beta')], responses: [response('r1', 'A', 9, 5), response('r2', 'A', 7, 3)] }]);
    await store.commitImport('i1', { imported: 2, rejected: 0 });
    await importResponses(store, 'i2', [
      { accounts: [account('B', 'Beta')], responses: [response('r1', 'B', 2, 5)] },
      // The same id again in a later batch, with a new date: the later row wins.
      { accounts: [account('A', 'Acme')], responses: [response('r2', 'A', 6, 40), response('r2', 'A', 5, 2)] },
    ]);
    await store.commitImport('i2', { imported: 3, rejected: 0 });
    expect(await store.counts()).toMatchObject({ responses: 2 });
    expect((await store.getAccountRecords('A'))?.responses.map((r) => [r.id, r.score, r.respondedAt])).toEqual([['r2', 5, T0 - 2 * 86_400_000]]);
    expect((await store.getAccountRecords('B'))?.responses.map((r) => [r.id, r.score])).toEqual([['r1', 2]]);
    expect(await store.getResponse('r1')).toMatchObject({ accountId: 'B', score: 2 });
    expect(await store.getResponse('nope')).toBeUndefined();
  });

  test('a send re-imported under another account moves too', async () => {
    await store.beginImport(importRecord('s1'));
    await store.stageBatch({ importId: 's1', seq: 0, accounts: [account('A', 'Acme'), account('B', 'Beta')], responses: [], actions: [], sends: [sendOf('s1', 'A', 3), sendOf('s2', 'A', 4)] });
    await store.stageBatch({ importId: 's1', seq: 1, accounts: [], responses: [], actions: [], sends: [sendOf('s1', 'B', 9)] });
    await store.commitImport('s1', { imported: 3, rejected: 0 });
    expect(await store.counts()).toMatchObject({ sends: 2 });
    expect((await store.getAccountRecords('A'))?.sends.map((x) => x.id)).toEqual(['s2']);
    expect((await store.getAccountRecords('B'))?.sends.map((x) => x.id)).toEqual(['s1']);
  });

  test("an account's records come back in date order, and only that account's", async () => {
    await importResponses(store, 'i1', [
      { accounts: [account('A', 'Acme'), account('AB', 'Prefix of A'), account('B', 'Beta')], responses: [response('r1', 'A', 9, 1), response('r2', 'AB', 9, 2), response('r3', 'A', 3, 30), response('r4', 'B', 5, 9), response('r0', 'A', 4, 30)] },
    ]);
    await store.commitImport('i1', { imported: 5, rejected: 0 });
    expect((await store.getAccountRecords('A'))?.responses.map((r) => r.id)).toEqual(['r0', 'r3', 'r1']);
    expect((await store.getAccountRecords('AB'))?.responses.map((r) => r.id)).toEqual(['r2']);
  });

  test('export pages walk the responses account by account, each once, across page and block ends', async () => {
    const responses = Array.from({ length: 623 }, (_, i) => response(`r${String(i).padStart(3, '0')}`, i % 3 === 0 ? 'A' : 'B', i % 11, 1 + (i % 5)));
    await importResponses(store, 'i1', [{ accounts: [account('A', 'Acme'), account('B', 'Beta')], responses }]);
    await store.commitImport('i1', { imported: responses.length, rejected: 0 });
    const seen: SurveyResponse[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page = await store.exportPage('responses', after, 50);
      if (page.kind !== 'responses') throw new Error('wrong kind');
      expect(page.records.length).toBeLessThanOrEqual(50);
      seen.push(...page.records);
      after = page.next;
      pages++;
    } while (after !== null && pages < 30);
    expect(pages).toBe(13);
    // B's 415 responses fill more than one block (256 rows each at most).
    expect(seen.map((r) => r.id).sort()).toEqual(responses.map((r) => r.id).sort());
    expect(seen.map((r) => r.accountId)).toEqual([...responses.map((r) => r.accountId)].sort());
    expect(seen).toEqual(expect.arrayContaining(responses));
    await expect(store.exportPage('responses', 'r05', 5)).rejects.toThrow(/not a position this export gave/);
  });
});
