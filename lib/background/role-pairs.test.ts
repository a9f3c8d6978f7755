import { expect, test } from 'vitest';
import type { NpsStore, Respondent } from '../store';
import { createRolePairs } from './role-pairs';

/** A store of `accounts` accounts with the given people each; `reads` counts the pages read, `gate` holds a read back. */
function storeOf(people: (accountIndex: number) => Array<Pick<Respondent, 'role' | 'title'>>, accounts: number) {
  const ids = Array.from({ length: accounts }, (_, i) => `acc-${String(i).padStart(5, '0')}`);
  const state = { reads: 0, gate: undefined as Promise<void> | undefined, people };
  const store = {
    async respondentsPage(after: string | null, count: number) {
      state.reads++;
      if (state.gate) await state.gate;
      const from = after === null ? 0 : ids.indexOf(after) + 1;
      const page = ids.slice(from, from + count);
      return {
        people: page.flatMap((accountId) => state.people(ids.indexOf(accountId)).map((p, k) => ({ accountId, key: `p${k}`, lastRespondedAt: 0, ...p }))),
        next: page.length === count ? page[page.length - 1]! : null,
      };
    },
  } as unknown as NpsStore;
  return { store, state };
}

const sorted = (pairs: Array<{ role?: string; title?: string; respondents: number }>) =>
  [...pairs].sort((a, b) => `${a.role}/${a.title}`.localeCompare(`${b.role}/${b.title}`));

test('counts every respondent of every account by their (role, title) pair, over many pages', async () => {
  const { store } = storeOf((i) => [{ role: 'Exec', title: 'CEO' }, { title: i % 2 ? 'Director' : undefined }, {}], 250);
  const pairs = await createRolePairs(async () => store, async () => true).get();
  expect(sorted(pairs)).toEqual([
    { role: 'Exec', title: 'CEO', respondents: 250 },
    { title: 'Director', respondents: 125 },
    { respondents: 375 },
  ].sort((a, b) => `${a.role}/${a.title}`.localeCompare(`${b.role}/${b.title}`)));
});

test('callers meanwhile share one walk, and later ones are answered without reading again until a change', async () => {
  const { store, state } = storeOf(() => [{ role: 'Exec' }], 250);
  const pairs = createRolePairs(async () => store, async () => true);
  const [a, b] = await Promise.all([pairs.get(), pairs.get()]);
  expect(a).toEqual(b);
  const readsOfOneWalk = state.reads;
  expect(readsOfOneWalk).toBe(3);
  await pairs.get();
  expect(state.reads).toBe(readsOfOneWalk);
  pairs.drop();
  state.people = () => [{ role: 'Sponsor' }];
  expect(await pairs.get()).toEqual([{ role: 'Sponsor', respondents: 250 }]);
  expect(state.reads).toBe(2 * readsOfOneWalk);
});

test('a change during a walk stops it, and its callers are answered from the data as changed', async () => {
  const { store, state } = storeOf(() => [{ role: 'Exec' }], 250);
  const pairs = createRolePairs(async () => store, async () => true);
  let release!: () => void;
  state.gate = new Promise((resolve) => (release = resolve));
  const asked = pairs.get();
  await new Promise((resolve) => setTimeout(resolve, 0));
  expect(state.reads).toBe(1);
  pairs.drop();
  state.people = () => [{ role: 'Sponsor' }];
  state.gate = undefined;
  release();
  expect(await asked).toEqual([{ role: 'Sponsor', respondents: 250 }]);
  // The stopped walk read no page after the one it was waiting for when the data changed.
  expect(state.reads).toBe(1 + 3);
});

test('a failed walk is not kept: the next call walks again', async () => {
  const { store, state } = storeOf(() => [{ role: 'Exec' }], 10);
  let fail = true;
  const pairs = createRolePairs(async () => {
    if (fail) throw new Error('store closed');
    return store;
  }, async () => true);
  await expect(pairs.get()).rejects.toThrow('store closed');
  fail = false;
  expect(await pairs.get()).toEqual([{ role: 'Exec', respondents: 10 }]);
  expect(state.reads).toBe(1);
});

test('a walk stops once nobody is left to answer (no options page open), and the next call walks again', async () => {
  const { store, state } = storeOf(() => [{ role: 'Exec' }], 250);
  let open = false;
  const pairs = createRolePairs(async () => store, async () => open);
  await expect(pairs.get()).rejects.toThrow(/no options page is open/);
  expect(state.reads).toBe(1);
  open = true;
  expect(await pairs.get()).toEqual([{ role: 'Exec', respondents: 250 }]);
  expect(state.reads).toBe(1 + 3);
});
