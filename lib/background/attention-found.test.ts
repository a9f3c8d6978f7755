/** The kept list of every account needing attention: stored in buckets, a change rewriting only its own. */
import { ATTENTION_FOUND_KEY, foundEntries, readFound } from './attention-found';
import type { AccountAttention } from '../nps/attention';

function memoryStorage() {
  const items = new Map<string, unknown>();
  const writes: string[][] = [];
  return {
    items,
    writes,
    async get(keys: string | string[]) {
      return Object.fromEntries((Array.isArray(keys) ? keys : [keys]).filter((k) => items.has(k)).map((k) => [k, structuredClone(items.get(k))]));
    },
    async set(entries: Record<string, unknown>) {
      writes.push(Object.keys(entries));
      for (const [k, v] of Object.entries(entries)) items.set(k, structuredClone(v));
    },
  };
}

const item = (accountId: string, waiting = 1): AccountAttention => ({
  accountId,
  accountName: accountId.toUpperCase(),
  overdue: 0,
  waiting,
  oldestWaitingAt: 1,
  drop: false,
  reason: 'waiting',
  reasons: ['waiting'],
});

test('a list of more accounts than the old cap is kept whole and read back by a new worker', async () => {
  const storage = memoryStorage();
  const found = new Map(Array.from({ length: 25_000 }, (_, i) => [`acc-${i}`, item(`acc-${i}`)] as const));
  await storage.set(foundEntries(found, 1000, null));
  expect(storage.writes[0]!.length).toBe(65);
  const read = await readFound(storage, 1000, 25_000);
  expect(read?.size).toBe(25_000);
  expect(read?.get('acc-24999')).toEqual(item('acc-24999'));
});

test('a change rewrites the buckets of the accounts it named, and the list read back has the change', async () => {
  const storage = memoryStorage();
  const found = new Map<string, AccountAttention>(Array.from({ length: 3_000 }, (_, i) => [`acc-${i}`, item(`acc-${i}`)]));
  await storage.set(foundEntries(found, 1000, null));
  found.set('acc-7', item('acc-7', 5));
  found.delete('acc-8');
  found.set('new-1', item('new-1'));
  await storage.set(foundEntries(found, 1000, ['acc-7', 'acc-8', 'new-1']));
  expect(storage.writes[1]!.length).toBeLessThanOrEqual(4);
  const read = await readFound(storage, 1000, 3_000);
  expect(read?.get('acc-7')?.waiting).toBe(5);
  expect(read?.has('acc-8')).toBe(false);
  expect(read?.has('new-1')).toBe(true);
  expect(read?.size).toBe(3_000);
});

test('a list that is not the kept index’s, or has lost a bucket, is not used', async () => {
  const storage = memoryStorage();
  const found = new Map(Array.from({ length: 500 }, (_, i) => [`acc-${i}`, item(`acc-${i}`)] as const));
  await storage.set(foundEntries(found, 1000, null));
  expect(await readFound(storage, 2000, 500)).toBeNull();
  expect(await readFound(storage, 1000, 499)).toBeNull();
  storage.items.delete(`${ATTENTION_FOUND_KEY}.3`);
  expect(await readFound(storage, 1000, 500)).toBeNull();
  // The list as an earlier version kept it (one array) reads as none: the next change ranks every account.
  await storage.set({ [ATTENTION_FOUND_KEY]: { computedAt: 1000, items: [...found.values()] } });
  expect(await readFound(storage, 1000, 500)).toBeNull();
});
