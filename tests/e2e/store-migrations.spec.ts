import { DB_VERSION } from '../../lib/store/db';
import { openHarness } from './support/browser-bundle';
import { expect, test } from './support/fixtures';

type Harness = typeof import('./support/store-migrations-harness');

// The same check as lib/store/migration-check.test.ts (fake-indexeddb), here on Chromium's own
// IndexedDB: every older version of the database, with data in it, is opened by the store's code.
test('every older database version upgrades to the current one in Chromium, its data intact', async ({ page }) => {
  await openHarness(page, 'tests/e2e/support/store-migrations-harness.ts');
  const { userAgent, version, results } = await page.evaluate(async () => {
    const harness = (window as unknown as { harness: Harness }).harness;
    return {
      userAgent: navigator.userAgent,
      version: harness.DB_VERSION,
      results: await harness.checkMigrations({ prefix: `e2e-${Date.now()}` }),
    };
  });
  expect(userAgent).toMatch(/Chrome\//);
  expect(version).toBe(DB_VERSION);
  expect(results.map((r) => r.from)).toEqual(Array.from({ length: DB_VERSION - 1 }, (_, i) => i + 1));
  for (const result of results) expect(result.problems, `from version ${result.from} to ${result.to}`).toEqual([]);
  const left = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
  expect(left).toEqual([]);
});
