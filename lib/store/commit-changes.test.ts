/**
 * A small import's commit names the accounts it changed (`ChangedAccounts`): those its rows, facts and
 * actions went to, and those a re-imported id or action left. A big one names none: everything changed.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import type { Action } from '../model';
import { NpsStore } from '.';
import { NAMED_COMMIT_ACCOUNTS, NAMED_COMMIT_ROWS } from './imports';
import { T0, account, importRecord, importResponses, response } from './testing/store-fixtures';

let store: NpsStore;

const action = (id: string, accountId: string): Action => ({ id, accountId, title: `Call ${accountId}`, status: 'open', createdAt: T0, updatedAt: T0 });

async function importActions(id: string, actions: Action[]) {
  await store.beginImport({ ...importRecord(id), kind: 'actions' });
  await store.stageBatch({ importId: id, seq: 0, accounts: [], responses: [], actions, sends: [] });
}

/** Commits the import and returns what it said it changed (null: it was not told). */
async function commit(id: string, imported: number): Promise<string[] | undefined | null> {
  let said: ReadonlySet<string> | undefined | null = null;
  await store.commitImport(id, { imported, rejected: 0 }, undefined, (ids) => (said = ids));
  const named = said as ReadonlySet<string> | undefined | null;
  return named ? [...named].sort() : named;
}

beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  store = await NpsStore.open();
  await importResponses(store, 'base', [
    {
      accounts: [account('A', 'Acme', { salesforceIds: ['001A'] }), account('B', 'Beta'), account('C', 'Cyan')],
      responses: [response('r1', 'A', 9), response('r2', 'B', 3), response('r3', 'C', 7)],
    },
  ]);
  await store.commitImport('base', { imported: 3, rejected: 0 });
  await importActions('base-actions', [action('act-1', 'B')]);
  await store.commitImport('base-actions', { imported: 1, rejected: 0 });
});
afterEach(() => store.close());

test('new rows name their account; a re-imported id names the account it left too', async () => {
  await importResponses(store, 'small', [{ accounts: [account('A', 'Acme')], responses: [response('n1', 'A', 10), response('r2', 'A', 4)] }]);
  expect(await commit('small', 2)).toEqual(['A', 'B']);
  expect((await store.getAccountRecords('B'))?.responses).toEqual([]);
});

test('rows under a key merged into a stored account name that account, not the key', async () => {
  await importResponses(store, 'merged', [{ accounts: [account('acme-from-crm', 'Acme Inc', { salesforceIds: ['001A'] })], responses: [response('n2', 'acme-from-crm', 8)] }]);
  expect(await commit('merged', 1)).toEqual(['A']);
  expect((await store.getAccountRecords('A'))?.responses.map((r) => r.id).sort()).toEqual(['n2', 'r1']);
});

test('facts alone name their account; an action given under another account names both', async () => {
  await importResponses(store, 'renamed', [{ accounts: [account('C', 'Cyan Labs', { domains: ['cyan.io'] })], responses: [] }]);
  expect(await commit('renamed', 0)).toEqual(['C']);

  await importActions('moved', [action('act-1', 'C'), action('act-2', 'A')]);
  expect(await commit('moved', 2)).toEqual(['A', 'B', 'C']);
  expect((await store.getAccountRecords('B'))?.actions).toEqual([]);
});

test('a big import names none: every account is then taken as changed', async () => {
  const rows = Array.from({ length: NAMED_COMMIT_ROWS + 1 }, (_, i) => response(`big-${i}`, 'A', i % 11));
  await importResponses(store, 'big', [{ accounts: [account('A', 'Acme')], responses: rows }]);
  expect(await commit('big', rows.length)).toBeUndefined();

  const wide = Array.from({ length: NAMED_COMMIT_ACCOUNTS + 1 }, (_, i) => account(`w${i}`, `Wide ${i}`));
  await importResponses(store, 'wide', [{ accounts: wide, responses: wide.map((a, i) => response(`wide-${i}`, a.id, 9)) }]);
  expect(await commit('wide', wide.length)).toBeUndefined();
});

test('a commit that does not land says nothing', async () => {
  await importResponses(store, 'twice', [{ accounts: [account('B', 'Beta')], responses: [response('n3', 'B', 6)] }]);
  expect(await commit('twice', 1)).toEqual(['B']);
  // Committed already: nothing is applied again, and nothing is said.
  expect(await commit('twice', 1)).toBeNull();
});
