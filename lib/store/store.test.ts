import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import type { Account, SurveyResponse } from '../model';
import { NpsStore, mergeAccount, type ImportRecord } from '.';

const T0 = Date.UTC(2026, 0, 15);

function account(id: string, name: string, extra: Partial<Account> = {}): Account {
  return { id, name, domains: [], salesforceIds: [], zendeskOrganizationIds: [], hubspotCompanyIds: [], updatedAt: T0, ...extra };
}

function response(id: string, accountId: string, score: number, daysAgo = 1): SurveyResponse {
  return { id, accountId, score, respondedAt: T0 - daysAgo * 86_400_000, tags: [], excluded: false, updatedAt: T0 };
}

function importRecord(id: string): ImportRecord {
  return { id, fileName: `${id}.csv`, kind: 'responses', state: 'staging', startedAt: T0, touchedAt: T0, batches: 0, committedBatches: 0, imported: 0, rejected: 0 };
}

async function importResponses(store: NpsStore, id: string, batches: Array<{ accounts: Account[]; responses: SurveyResponse[] }>) {
  await store.beginImport(importRecord(id));
  for (const [seq, b] of batches.entries()) {
    await store.stageBatch({ importId: id, seq, accounts: b.accounts, responses: b.responses, actions: [], sends: [] });
  }
}

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
    const stored = account('A', 'Acme', { domains: ['acme.com'], salesforceIds: ['x'] });
    const merged = mergeAccount(stored, { id: 'A', domains: ['acme.io'], salesforceIds: ['x', 'y'], zendeskOrganizationIds: [], hubspotCompanyIds: [] }, T0 + 1);
    expect(merged).toMatchObject({ name: 'Acme', domains: ['acme.com', 'acme.io'], salesforceIds: ['x', 'y'], nameKey: 'acme' });
  });
});
