/**
 * The store's data-source part: the v3 migration from v1 and v2 with data in place, pages of
 * changes applied whole with their cursor, a fetched context replacing what was cached, and the outbox.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { openDB } from 'idb';
import type { Account, Action, SurveyResponse } from '../model';
import { DB_NAME, DB_VERSION, MIGRATIONS } from './db';
import { NpsStore, type SyncState } from '.';

const T0 = Date.UTC(2026, 0, 15);
const account = (id: string, name: string, extra: Partial<Account> = {}): Account => ({
  id, name, domains: [], salesforceIds: [], zendeskOrganizationIds: [], hubspotCompanyIds: [], updatedAt: T0, ...extra,
});
const response = (id: string, accountId: string, score: number, extra: Partial<SurveyResponse> = {}): SurveyResponse => ({
  id, accountId, score, respondedAt: T0 - 86_400_000, tags: [], excluded: false, updatedAt: T0, ...extra,
});
const action = (id: string, accountId: string, extra: Partial<Action> = {}): Action => ({
  id, accountId, title: `Follow up ${id}`, status: 'open', createdAt: T0, updatedAt: T0, ...extra,
});
const syncState = (extra: Partial<SyncState> = {}): SyncState => ({
  sourceKey: 'https://nps.example.com/', cursor: null, state: 'running', startedAt: T0,
  finishedAt: null, pages: 0, rows: 0, lastError: null, lastSuccessAt: null, ...extra,
});

async function openAt(version: number) {
  return openDB(DB_NAME, version, {
    async upgrade(db, oldVersion, _new, tx) {
      for (let v = oldVersion; v < version; v++) await MIGRATIONS[v]!(db as never, tx as never);
    },
  });
}

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

describe('migration from before v3', () => {
  test.each([1, 2])('version %i with data upgrades, keeping every record, with empty source stores', async (from) => {
    const old = await openAt(from);
    await old.put('accounts', { ...account('A', 'Acme', { domains: ['acme.com'] }), nameKey: 'acme', ...(from >= 2 ? { aliases: [], emailDomains: [] } : {}) });
    await old.put('responses', response('r1', 'A', 9, { respondentEmail: 'ann@acme.io' }));
    await old.put('actions', action('x1', 'A'));
    await old.put('links', { recordKey: 'salesforce:x', accountId: 'A', createdAt: 1 });
    old.close();

    expect(DB_VERSION).toBeGreaterThanOrEqual(3);
    const store = await NpsStore.open();
    try {
      expect((await store.getAccountRecords('A'))?.responses.map((r) => r.id)).toEqual(['r1']);
      expect((await store.getAction('x1'))?.title).toBe('Follow up x1');
      expect((await store.getLink('salesforce:x'))?.accountId).toBe('A');
      expect(await store.counts()).toEqual({ accounts: 1, responses: 1, actions: 1, sends: 0 });
      expect(await store.listOutbox()).toEqual([]);
      expect(await store.getSyncState('https://nps.example.com/')).toBeUndefined();
      expect(await store.getFetchMeta('A')).toBeUndefined();
      // The imported data stays findable as before.
      expect((await store.accountsByDomain('acme.com')).map((a) => a.id)).toEqual(['A']);
    } finally {
      store.close();
    }
  });
});

describe('source rows', () => {
  let store: NpsStore;
  beforeEach(async () => {
    store = await NpsStore.open();
  });
  afterEach(() => store.close());

  test('a page of changes and the cursor after it are stored together', async () => {
    await store.applyChangesPage(
      { accounts: [account('A', 'Acme')], responses: [response('r1', 'A', 10, { respondentEmail: 'bo@acme.io' })], actions: [], sends: [] },
      syncState({ cursor: 'c-1', pages: 1, rows: 2 }),
    );
    expect((await store.getSyncState('https://nps.example.com/'))?.cursor).toBe('c-1');
    expect((await store.getAccountRecords('A'))?.responses).toHaveLength(1);
    expect((await store.accountsByEmailDomain('acme.io')).map((a) => a.id)).toEqual(['A']);
  });

  test('a page that cannot be stored leaves rows and cursor as they were', async () => {
    await store.putSyncState(syncState({ cursor: 'c-1' }));
    const bad = { ...response('r2', 'A', 5), id: undefined as unknown as string };
    await expect(
      store.applyChangesPage({ accounts: [account('A', 'Acme')], responses: [response('r1', 'A', 1), bad], actions: [], sends: [] }, syncState({ cursor: 'c-2' })),
    ).rejects.toThrow();
    expect((await store.getSyncState('https://nps.example.com/'))?.cursor).toBe('c-1');
    expect(await store.counts()).toEqual({ accounts: 0, responses: 0, actions: 0, sends: 0 });
  });

  test('a fetched context replaces the cached one, but keeps actions with writes waiting', async () => {
    await store.applyAccountContext(
      { account: account('A', 'Acme'), responses: [response('r1', 'A', 9), response('r2', 'A', 3)], actions: [action('x1', 'A'), action('x2', 'A')], sends: [] },
      { accountId: 'A', sourceKey: 's', fetchedAt: 1, lastError: null, lastErrorAt: null },
    );
    await store.enqueueActionWrite({ ...action('x2', 'A'), title: 'Mine' }, 'update', 'k1', 2);
    await store.applyAccountContext(
      { account: account('A', 'Acme Corp'), responses: [response('r2', 'A', 4)], actions: [action('x2', 'A', { title: 'Theirs' })], sends: [] },
      { accountId: 'A', sourceKey: 's', fetchedAt: 3, lastError: null, lastErrorAt: null },
    );
    const records = (await store.getAccountRecords('A'))!;
    expect(records.account.name).toBe('Acme Corp');
    expect(records.responses.map((r) => [r.id, r.score])).toEqual([['r2', 4]]);
    expect(records.actions.map((a) => [a.id, a.title])).toEqual([['x2', 'Mine']]);
    expect((await store.getFetchMeta('A'))?.fetchedAt).toBe(3);
  });

  test('a page names the accounts it changed: an action moved counts for both accounts, an unchanged account for none', async () => {
    await store.applyChangesPage({ accounts: [account('A', 'Acme'), account('B', 'Beta'), account('C', 'Cee')], responses: [], actions: [action('x1', 'A')], sends: [] }, syncState());
    const touched = await store.applyChangesPage({ accounts: [], responses: [], actions: [action('x1', 'B')], sends: [] }, syncState({ cursor: 'c-2' }));
    expect([...touched].sort()).toEqual(['A', 'B']);
  });

  test('a response the source moved to another account replaces the stored one', async () => {
    await store.applyChangesPage(
      { accounts: [account('A', 'Acme'), account('B', 'Beta')], responses: [response('r1', 'A', 9), response('r2', 'A', 3)], actions: [], sends: [{ id: 's1', accountId: 'A', sentAt: 5 }] },
      syncState({ cursor: 'c-1' }),
    );
    // The accounts the page changed include the one a row left.
    const touched = await store.applyChangesPage(
      { accounts: [], responses: [{ ...response('r1', 'B', 8), respondedAt: 123 }], actions: [], sends: [{ id: 's1', accountId: 'B', sentAt: 5 }] },
      syncState({ cursor: 'c-2' }),
    );
    expect([...touched].sort()).toEqual(['A', 'B']);
    expect((await store.getAccountRecords('A'))?.responses.map((r) => r.id)).toEqual(['r2']);
    expect((await store.getAccountRecords('B'))?.responses.map((r) => [r.id, r.score])).toEqual([['r1', 8]]);
    expect((await store.getAccountRecords('B'))?.sends.map((x) => x.id)).toEqual(['s1']);
    // A fetched context that names a response stored under another account takes it over.
    const taken = await store.applyAccountContext(
      { account: account('A', 'Acme'), responses: [response('r1', 'A', 1)], actions: [], sends: [] },
      { accountId: 'A', sourceKey: 's', fetchedAt: 1, lastError: null, lastErrorAt: null },
    );
    expect([...taken].sort()).toEqual(['A', 'B']);
    expect((await store.getAccountRecords('A'))?.responses.map((r) => [r.id, r.score])).toEqual([['r1', 1]]);
    expect((await store.getAccountRecords('B'))?.responses).toEqual([]);
    expect(await store.counts()).toMatchObject({ responses: 1, sends: 1 });
  });
});

describe('outbox', () => {
  let store: NpsStore;
  beforeEach(async () => {
    store = await NpsStore.open();
  });
  afterEach(() => store.close());

  test('an update made on the stored version records it as its base; one behind a create waits for it', async () => {
    await store.putAction(action('x1', 'A', { updatedAt: 100 }));
    const update = await store.enqueueActionWrite({ ...action('x1', 'A'), status: 'done', updatedAt: 200 }, 'update', 'k1', 1);
    expect(update).toMatchObject({ op: 'update', base: 100, state: 'pending' });

    const create = await store.enqueueActionWrite(action('x2', 'A'), 'create', 'k2', 2);
    const chained = await store.enqueueActionWrite({ ...action('x2', 'A'), title: 'Changed' }, 'update', 'k3', 3);
    expect(chained.base).toBeNull();
    await store.outboxDelivered(create.seq!, action('x2', 'A', { updatedAt: 555 }));
    const left = await store.listOutbox();
    expect(left.map((e) => [e.idempotencyKey, e.base])).toEqual([['k1', 100], ['k3', 555]]);
    // The user's latest version stays shown until its own write is delivered.
    expect((await store.getAction('x2'))?.title).toBe('Changed');
  });

  test('delivering the last write stores the source’s version', async () => {
    const entry = await store.enqueueActionWrite(action('x3', 'A'), 'create', 'k', 1);
    await store.outboxDelivered(entry.seq!, action('x3', 'A', { updatedAt: 999 }));
    expect(await store.listOutbox()).toEqual([]);
    expect((await store.getAction('x3'))?.updatedAt).toBe(999);
  });
});
