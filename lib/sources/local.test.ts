import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import type { Action } from '../model';
import { NpsStore } from '../store';
import { LocalSource } from './local';
import { ActionConflictError } from './types';

let store: NpsStore;
let source: LocalSource;
beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  store = await NpsStore.open();
  source = new LocalSource(async () => store);
  await store.putSourceAccounts([
    { id: 'A', name: 'Acme Corporation', domains: ['acme.com'], salesforceIds: ['001Dn00000AcmeCIAR'], zendeskOrganizationIds: [], hubspotCompanyIds: [], updatedAt: 1 },
  ]);
});
afterEach(() => store.close());

const action: Action = { id: 'x1', accountId: 'A', title: 'Call', status: 'open', createdAt: 1, updatedAt: 5 };

describe('the local source (imported data)', () => {
  test('looks accounts up, searches and reads them from the store', async () => {
    expect(await source.lookupAccount({ domains: ['https://www.acme.com/'] }, 'r1')).toMatchObject({ status: 'matched', account: { id: 'A' }, via: 'domain' });
    expect(await source.lookupAccount({ name: 'Nobody Ltd' }, 'r2')).toEqual({ status: 'none' });
    expect((await source.searchAccounts('acme', 5)).map((a) => a.id)).toEqual(['A']);
    expect((await source.accountContext('A'))?.account).not.toHaveProperty('nameKey');
    expect(await source.changes(null)).toMatchObject({ hasMore: false, responses: [] });
  });

  test('writes actions at once, refusing one made on an older version', async () => {
    await source.createAction(action);
    await expect(source.updateAction({ ...action, status: 'done', updatedAt: 9 }, 4)).rejects.toBeInstanceOf(ActionConflictError);
    await source.updateAction({ ...action, status: 'done', updatedAt: 9 }, 5);
    expect((await store.getAction('x1'))?.status).toBe('done');
    await expect(source.createAction({ ...action, id: 'x2', accountId: 'nobody' })).rejects.toThrow(/No account/);
  });
});
