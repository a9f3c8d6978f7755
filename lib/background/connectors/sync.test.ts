/**
 * A connector's sync in the background, against the loopback vendor server: committed whole, its
 * cursor stored only with what it points past. A sync that fails part-way stores nothing and leaves the
 * cursor; the next one takes up from the last committed sync, so every answer is stored once.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { NpsStore } from '../../store';
import { MockVendors, type MockAnswer } from '../../sources/connectors/testing/mock-vendors';
import { loadStates, saveConfig } from './config';
import { syncConnector, vaultFor, type ConnectorDeps } from './sync';

const answers = (from: number, to: number): MockAnswer[] =>
  Array.from({ length: to - from }, (_, i) => ({
    id: `a${from + i}`, score: (from + i) % 11, at: new Date(Date.UTC(2026, 2, 1 + from + i)).toISOString(), email: `p${from + i}@acme.com`,
  }));

const mock = new MockVendors();
let baseUrl = '';
let store: NpsStore;
let deps: ConnectorDeps;
let changes = 0;
let named: ReadonlySet<string> | undefined;

beforeAll(async () => {
  baseUrl = await mock.start();
});
afterAll(() => mock.stop());

beforeEach(async () => {
  fakeBrowser.reset();
  globalThis.indexedDB = new IDBFactory();
  store = await NpsStore.open();
  changes = 0;
  deps = { store: async () => store, now: () => Date.UTC(2026, 5, 1), dataChanged: (accountIds) => {
    changes++;
    named = accountIds;
  } };
  // The user allowed the API's origin when connecting.
  fakeBrowser.permissions.contains = async () => true;
  mock.answers = answers(0, 5);
  mock.faults = { token: 'good-token', tooMany: 0 };
  mock.cutOffAfter(undefined);
  await vaultFor(deps, 'asknicely').save('good-token', new URL(baseUrl).origin);
  await saveConfig('asknicely', { baseUrl, selection: { surveyId: 'nps', npsQuestionId: 'answer' }, surveyName: 'NPS' });
});

const stored = async () => (await store.counts()).responses;

it('stores every answer of a sync at once, then only the new ones', async () => {
  expect(await syncConnector(deps, 'asknicely')).toMatchObject({ imported: 5, pages: 3 });
  expect(await stored()).toBe(5);
  expect(changes).toBe(1);
  // A small sync names the accounts its answers went to: only theirs are ranked and summarised again.
  const accounts = (await store.accountRecordsPage(null, 100)).records.map((r) => r.account.id);
  expect(accounts.length).toBeGreaterThan(0);
  expect([...(named ?? [])].sort()).toEqual(accounts.sort());
  mock.answers.push(...answers(5, 7));
  expect(await syncConnector(deps, 'asknicely')).toMatchObject({ imported: 2 });
  expect(await stored()).toBe(7);
});

it('a sync cut off part-way stores nothing and keeps the cursor; the next one stores every answer once', async () => {
  await syncConnector(deps, 'asknicely');
  const before = (await loadStates()).asknicely?.cursor;
  mock.answers.push(...answers(5, 11));
  mock.cutOffAfter(1);
  await expect(syncConnector(deps, 'asknicely')).rejects.toThrow();
  expect(await stored()).toBe(5);
  expect((await loadStates()).asknicely).toMatchObject({ cursor: before });
  expect((await loadStates()).asknicely?.lastError).toBeTruthy();
  mock.cutOffAfter(undefined);
  expect(await syncConnector(deps, 'asknicely')).toMatchObject({ imported: 6 });
  expect(await stored()).toBe(11);
});

it('a malformed page stops the sync naming the vendor and the field; nothing of it is stored', async () => {
  mock.faults.malformedAt = 'a3';
  await expect(syncConnector(deps, 'asknicely')).rejects.toThrow(/AskNicely: GET \/api\/v1\/responses\/.*answer/);
  expect(await stored()).toBe(0);
});
