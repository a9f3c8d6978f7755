/**
 * Panel latency in a real Chromium with the built extension: from an in-app URL change on a Salesforce
 * page to the panel showing the new account from the local cache (median of 20).
 */
import type { BenchFigure } from '../../../lib/nps/bench';
import { generateSample } from '../../../lib/sample';
import { launchWithExtension } from './chromium';
import { serveCrmFixtures } from './crm-pages';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function benchPanel(): Promise<BenchFigure[]> {
  const sample = generateSample({ seed: 5, accounts: 60, now: Date.now() });
  const accounts = sample.accounts.filter((a) => a.salesforceIds.length > 0).slice(0, 21);
  const { context, extensionId } = await launchWithExtension();
  try {
    await serveCrmFixtures(context, {
      salesforceAccounts: accounts.map((a) => ({ id: a.salesforceIds[0]!, name: a.name, domain: a.domains[0] })),
    });
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/options.html`);
    await page.getByTestId('import-file').setInputFiles({ name: 'r.csv', mimeType: 'text/csv', buffer: Buffer.from(sample.responsesCsv) });
    await page.getByTestId('import-summary').waitFor({ timeout: 60_000 });

    await page.goto(`https://bench.lightning.force.com/lightning/r/Account/${accounts[0]!.salesforceIds[0]}/view`);
    const frame = page.frameLocator('[data-testid="nps-panel-frame"]');
    await frame.getByTestId('panel-account-name').waitFor();
    const times: number[] = [];
    for (const account of accounts.slice(1)) {
      const start = performance.now();
      await page.evaluate((id) => history.pushState({}, '', `/lightning/r/Account/${id}/view`), account.salesforceIds[0]!);
      await frame.getByTestId('panel-account-name').filter({ hasText: account.name }).waitFor();
      times.push(performance.now() - start);
    }
    return [{ name: 'panel.ready-after-navigation.median', value: median(times), unit: 'ms', budget: 150 }];
  } finally {
    await context.close();
  }
}
