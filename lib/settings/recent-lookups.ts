/**
 * The popup's recent look-ups: account ids, newest first. Apart from the other settings, and written
 * with zod's tree-shakable build, so the popup reads them without the settings' schemas (all of zod).
 */
import { storage } from 'wxt/utils/storage';
import { z } from 'zod/mini';

export const RecentLookupsSchema = z.array(z.string().check(z.minLength(1), z.maxLength(200))).check(z.maxLength(50));
export const MAX_RECENT_LOOKUPS = 8;
export const recentLookups = storage.defineItem<string[]>('local:popup.recentLookups', {
  fallback: [],
  version: 1,
});

/** The recent look-ups after opening `accountId`: it moves to the front, the list stays short. */
export function withRecentLookup(recent: readonly string[], accountId: string): string[] {
  return [accountId, ...recent.filter((id) => id !== accountId)].slice(0, MAX_RECENT_LOOKUPS);
}

/** Reads the recent look-ups; a damaged value is an empty list, not an error. */
export async function readRecentLookups(): Promise<string[]> {
  const parsed = RecentLookupsSchema.safeParse(await recentLookups.getValue());
  return parsed.success ? parsed.data : [];
}
