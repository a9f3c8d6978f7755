/**
 * The HTTP source in a real Chromium with the built extension (issue 8): from an in-app URL change on a
 * Salesforce page to the panel ready with that account, cold (looked up and fetched from the loopback
 * reference server) and warm (from the IndexedDB cache, fresh), medians of 20 accounts each.
 */
import type { BenchFigure } from '../../../scripts/bench/nps';
import { generateSample } from '../../../lib/sample';
import { launchWithExtension } from './chromium';
import { serveCrmFixtures } from './crm-pages';
import { SOURCE_TOKEN, callService, configureSourceInOptions, grantOrigin, startSourceHarness } from './source-server';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function benchSource(): Promise<BenchFigure[]> {
  const now = Date.now();
  const seed = 8;
  const sample = generateSample({ seed, accounts: 80, now });
  const accounts = sample.accounts.filter((a) => a.salesforceIds.length > 0).slice(0, 21);
  const source = await startSourceHarness({ seed, accounts: 80, now });
  const { context, extensionId } = await launchWithExtension();
  try {
    await serveCrmFixtures(context, {
      salesforceAccounts: accounts.map((a) => ({ id: a.salesforceIds[0]!, name: a.name, domain: a.domains[0] })),
    });
    await grantOrigin(context, extensionId, 'http://127.0.0.1/*');
    const options = await context.newPage();
    await configureSourceInOptions(options, extensionId, { url: source.url, token: SOURCE_TOKEN });
    // Let the first sync finish, then forget everything: each account must come from the server.
    await options.getByTestId('source-sync-status').and(options.locator('[data-state="idle"]')).waitFor({ timeout: 60_000 });
    await callService(options, 'clearData', {});

    const page = await context.newPage();
    await page.goto(`https://bench.lightning.force.com/lightning/r/Account/${accounts[0]!.salesforceIds[0]}/view`);
    const frame = page.frameLocator('[data-testid="nps-panel-frame"]');
    await frame.getByTestId('panel-account-name').waitFor({ timeout: 30_000 });

    const visit = async (account: (typeof accounts)[number]) => {
      const start = performance.now();
      await page.evaluate((id) => history.pushState({}, '', `/lightning/r/Account/${id}/view`), account.salesforceIds[0]!);
      await frame.locator('[data-testid="nps-panel"][data-state="ready"]').getByTestId('panel-account-name').filter({ hasText: account.name }).waitFor();
      return performance.now() - start;
    };
    source.server.resetRequestCounts();
    const cold: number[] = [];
    for (const account of accounts.slice(1)) cold.push(await visit(account));
    const contextRequests = source.server.requestCounts()['GET /v1/accounts/{id}/context'] ?? 0;
    const warm: number[] = [];
    for (const account of accounts.slice(1)) warm.push(await visit(account));
    const warmRequests = (source.server.requestCounts()['GET /v1/accounts/{id}/context'] ?? 0) - contextRequests;
    if (contextRequests !== cold.length || warmRequests !== 0) {
      throw new Error(`expected ${cold.length} context requests cold and none warm, saw ${contextRequests} and ${warmRequests}`);
    }
    return [
      { name: 'source.cold-context-to-panel-ready.median', value: median(cold), unit: 'ms', budget: 300 },
      { name: 'source.warm-cache-to-panel-ready.median', value: median(warm), unit: 'ms', budget: 150 },
    ];
  } finally {
    await context.close();
    await source.close();
  }
}
