/**
 * Every account that needs attention, as the last pass over every account found it and later changes
 * updated it, kept in `storage.local`: a worker woken for a change (the browser stops an idle worker)
 * ranks only the accounts the change names over this list, instead of every account again (seconds with
 * a million responses). Kept in buckets by account id, so that a change rewrites the buckets of the
 * accounts it named, not the whole list (tens of thousands of accounts, several MB). The list was not
 * kept at all above 20,000 accounts before, which sent every change at that scale to a full pass.
 */
import { hashLanes } from '../core/hash';
import type { AccountAttention } from '../nps/attention';

export const ATTENTION_FOUND_KEY = 'attention.found';
const BUCKETS = 64;
const bucketKey = (bucket: number) => `${ATTENTION_FOUND_KEY}.${bucket}`;
const bucketOf = (accountId: string) => hashLanes(accountId)[0] % BUCKETS;

/** What the list was made from: the pass's time (the kept index's), and how many accounts it holds. */
interface FoundMeta {
  computedAt: number;
  buckets: number;
  accounts: number;
}

type Storage = { get(key: string | string[]): Promise<Record<string, unknown>> };

/**
 * The entries to store with the index (in the same write): the list's description and its buckets,
 * every bucket after a pass over every account (`named` null), else those of the accounts named.
 */
export function foundEntries(found: ReadonlyMap<string, AccountAttention>, computedAt: number, named: Iterable<string> | null): Record<string, unknown> {
  const written = named === null ? Array.from({ length: BUCKETS }, (_, i) => i) : [...new Set([...named].map(bucketOf))];
  const lists = new Map<number, AccountAttention[]>(written.map((bucket) => [bucket, []]));
  for (const item of found.values()) lists.get(bucketOf(item.accountId))?.push(item);
  const meta: FoundMeta = { computedAt, buckets: BUCKETS, accounts: found.size };
  return { [ATTENTION_FOUND_KEY]: meta, ...Object.fromEntries([...lists].map(([bucket, items]) => [bucketKey(bucket), items])) };
}

/**
 * The kept list, if it is the one the kept index (made at `computedAt`, counting `accounts`) was made
 * from and every bucket is there; null otherwise (the next change ranks every account).
 */
export async function readFound(storage: Storage, computedAt: number, accounts: number): Promise<Map<string, AccountAttention> | null> {
  const meta = (await storage.get(ATTENTION_FOUND_KEY))[ATTENTION_FOUND_KEY] as Partial<FoundMeta> | undefined;
  if (!meta || meta.computedAt !== computedAt || meta.buckets !== BUCKETS || meta.accounts !== accounts) return null;
  const stored = await storage.get(Array.from({ length: BUCKETS }, (_, i) => bucketKey(i)));
  const found = new Map<string, AccountAttention>();
  for (let bucket = 0; bucket < BUCKETS; bucket++) {
    const items = stored[bucketKey(bucket)];
    if (!Array.isArray(items)) return null;
    for (const item of items as AccountAttention[]) found.set(item.accountId, item);
  }
  return found.size === accounts ? found : null;
}
