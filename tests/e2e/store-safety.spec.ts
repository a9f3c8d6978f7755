/**
 * Nothing stored is lost, on Chromium's own IndexedDB: a disk that fills up (a quota forced small through
 * the DevTools protocol, with comments a store cannot compress) while an import is staged or committed,
 * and a new version whose migration fails. Every stored record is compared before and after.
 */
import { openHarness } from './support/browser-bundle';
import { expect, test } from './support/fixtures';

type Harness = typeof import('./support/store-safety-harness');
type Page = import('@playwright/test').Page;

/** Runs one of the harness's functions in the page, with the database name first. */
function harness<K extends keyof Harness>(page: Page, method: K, ...args: Parameters<Harness[K]>): Promise<Awaited<ReturnType<Harness[K]>>> {
  return page.evaluate(
    ({ method, args }) => {
      const h = (window as unknown as { harness: Record<string, (...a: unknown[]) => unknown> }).harness;
      return h[method]!(...args);
    },
    { method, args: args as unknown[] },
  ) as Promise<Awaited<ReturnType<Harness[K]>>>;
}

test.describe.configure({ mode: 'serial' });

/**
 * A page of the harness on an origin of its own whose quota is forced to `quotaSize` bytes before it
 * stores anything (Chromium applies an override to an origin's IndexedDB only from its first use on).
 */
async function originWithQuota(page: Page, quotaSize: number): Promise<string> {
  const origin = `http://quota-${Date.now()}-${Math.floor(Math.random() * 1e6)}.localhost:47391`;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize });
  await openHarness(page, 'tests/e2e/support/store-safety-harness.ts', origin);
  return origin;
}

test('a disk that fills up while an import is staged changes nothing stored, and the import can be discarded', async ({ page }) => {
  // Room for the stored data (about 0.5 MB), not for 6 MB of comments more.
  await originWithQuota(page, 3_000_000);
  const name = 'nps-context';
  expect(await harness(page, 'importRows', name, 'base', 1500, 200)).toEqual({ ok: true });
  const before = await harness(page, 'snapshot', name);
  const staged = await harness(page, 'importRows', name, 'too-big', 6000, 1000);
  expect(staged).toMatchObject({ ok: false, code: 'storage_full' });
  expect(await harness(page, 'snapshot', name)).toEqual(before);
  await harness(page, 'discard', name, 'too-big');
  expect(await harness(page, 'importState', name, 'too-big')).toMatchObject({ staged: 0 });
  // The room it took is free again: a small import goes in.
  expect(await harness(page, 'importRows', name, 'after', 100, 50)).toEqual({ ok: true });
});

test('a disk that fills up while an import is committed changes nothing stored, fails the import and frees its staged rows', async ({ page }) => {
  // Room for the stored data (about 0.5 MB), not for 4 MB of rows written when the commit begins: spread
  // over 40 accounts, none fills a block while the file is read, so all of them wait until then.
  await originWithQuota(page, 3_000_000);
  const name = 'nps-context';
  expect(await harness(page, 'importRows', name, 'base', 1500, 200)).toEqual({ ok: true });
  const before = await harness(page, 'snapshot', name);
  expect(await harness(page, 'importRows', name, 'late', 4000, 1000, { commit: false, accounts: 40 })).toEqual({ ok: true });
  const committed = await harness(page, 'commit', name, 'late', 4000);
  expect(committed).toMatchObject({ ok: false, code: 'storage_full' });
  expect(await harness(page, 'snapshot', name)).toEqual(before);
  expect(await harness(page, 'importState', name, 'late')).toMatchObject({ state: 'failed', staged: 0 });
  expect(await harness(page, 'importRows', name, 'after', 100, 50)).toEqual({ ok: true });
});

test("a new version's migration that fails leaves the database at its version with every record, and the rescue export reads it all", async ({ page }) => {
  await openHarness(page, 'tests/e2e/support/store-safety-harness.ts');
  const name = `safety-migration-${Date.now()}`;
  try {
    expect(await harness(page, 'importRows', name, 'base', 1200, 100)).toEqual({ ok: true });
    const before = await harness(page, 'snapshot', name);
    const upgrade = await harness(page, 'failingUpgrade', name);
    expect(upgrade.message).toMatch(/could not be upgraded.*the next version’s migration failed.*Nothing was changed/);
    expect(upgrade.version).toBe(upgrade.current);
    expect(await harness(page, 'snapshot', name)).toEqual(before);
    const { head, byStore } = await harness(page, 'rescue', name);
    expect(head).toMatchObject({ database: name, version: upgrade.current });
    for (const [store, records] of Object.entries(before)) expect(byStore[store] ?? [], store).toEqual(records);
  } finally {
    await page.evaluate((n) => new Promise((resolve) => Object.assign(indexedDB.deleteDatabase(n), { onsuccess: resolve, onerror: resolve })), name);
  }
});
