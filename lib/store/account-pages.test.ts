import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { NpsStore } from '.';
import { account, importResponses, response } from './testing/store-fixtures';

let store: NpsStore;
beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  store = await NpsStore.open();
});
afterEach(() => store.close());

/** Every page from the first, `count` accounts each. */
async function allPages(count: number) {
  const pages = [];
  let after: string | null = null;
  do {
    const page = await store.accountRecordsPage(after, count);
    pages.push(page);
    after = page.next;
  } while (after !== null);
  return pages;
}

test('pages give every account once, in id order, with exactly the records read one account at a time', async () => {
  // Ids where one is the start of another ("acme", "acme-2"): their blocks' key ranges must not mix.
  const ids = ['acme', 'acme-2', 'b', 'globex', 'initech', 'z'];
  await importResponses(store, 'i1', [
    { accounts: ids.map((id) => account(id, id)), responses: ids.flatMap((id, i) => Array.from({ length: i + 1 }, (_, k) => response(`${id}-r${k}`, id, (k * 3) % 11, k))) },
  ]);
  await store.commitImport('i1', { imported: 21, rejected: 0 });
  await store.putAction({ id: 'a1', accountId: 'acme-2', title: 'Call', status: 'open', createdAt: 1, updatedAt: 1 });
  // A later import still staging: its rows are not the data yet.
  await importResponses(store, 'i2', [{ accounts: [account('globex', 'globex')], responses: [response('globex-staged', 'globex', 0)] }]);

  const oneByOne = await store.getManyAccountRecords(ids);
  for (const count of [1, 4, 6, 50]) {
    const pages = await allPages(count);
    expect(pages.flatMap((p) => p.records)).toEqual(oneByOne);
    expect(pages.slice(0, -1).every((p) => p.records.length === count)).toBe(true);
  }
  expect(oneByOne.find((r) => r?.account.id === 'acme-2')?.actions.map((a) => a.id)).toEqual(['a1']);
  expect(oneByOne.find((r) => r?.account.id === 'globex')?.responses.map((r) => r.id)).not.toContain('globex-staged');
});

test('an empty store is one empty page', async () => {
  expect(await store.accountRecordsPage(null, 10)).toEqual({ records: [], next: null });
});

test('respondents come a page of accounts at a time, each once', async () => {
  const ids = ['a', 'a-1', 'b', 'c', 'd'];
  const withEmail = (id: string, accountId: string, email: string) => ({ ...response(id, accountId, 8), respondentEmail: email, respondentTitle: 'CTO' });
  await importResponses(store, 'i1', [
    { accounts: ids.map((id) => account(id, id)), responses: ids.flatMap((id) => [withEmail(`${id}1`, id, `one@${id}.com`), withEmail(`${id}2`, id, `two@${id}.com`)]) },
  ]);
  await store.commitImport('i1', { imported: 10, rejected: 0 });
  const whole = await store.respondentsPage(null, 100);
  expect(whole.next).toBeNull();
  expect(whole.people).toHaveLength(10);
  const paged = [];
  let after: string | null = null;
  let pages = 0;
  do {
    const page: { people: unknown[]; next: string | null } = await store.respondentsPage(after, 2);
    paged.push(...page.people);
    after = page.next;
    pages++;
  } while (after !== null);
  expect(pages).toBe(3);
  expect(paged).toEqual(whole.people);
});
