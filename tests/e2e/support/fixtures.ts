/**
 * Playwright fixtures: one Chromium with the built extension per test file (worker scope), CRM pages
 * served on their real host names, and helpers that drive the extension's pages as a person would.
 */
import { test as base, expect, type BrowserContext, type FrameLocator, type Page } from '@playwright/test';
import { launchWithExtension, type ExtensionBrowser } from './chromium';
import { serveCrmFixtures, type CrmFixtureData } from './crm-pages';

export interface ExtensionFixtures {
  extension: ExtensionBrowser;
  context: BrowserContext;
  extensionId: string;
}

export const test = base.extend<{ crmData: CrmFixtureData }, { extension: ExtensionBrowser }>({
  extension: [
    async ({}, use) => {
      const launched = await launchWithExtension();
      await use(launched);
      await launched.context.close();
    },
    { scope: 'worker' },
  ],
  crmData: [{ salesforceAccounts: [] }, { option: true }],
  context: async ({ extension, crmData }, use) => {
    await extension.context.unrouteAll({ behavior: 'ignoreErrors' });
    await serveCrmFixtures(extension.context, crmData);
    await use(extension.context);
  },
  page: async ({ context }, use) => {
    const page = await context.newPage();
    await use(page);
    await page.close();
  },
});

export { expect };

export function extensionUrl(extension: ExtensionBrowser, page: string): string {
  return `chrome-extension://${extension.extensionId}/${page}`;
}

/** Imports CSV text through the options page's file input, as a user would, and waits for the summary. */
export async function importCsv(page: Page, extension: ExtensionBrowser, name: string, csv: string) {
  await page.goto(extensionUrl(extension, 'options.html'));
  await page.getByTestId('import-file').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  const summary = page.getByTestId('import-summary');
  await expect(summary).toHaveAttribute('data-imported', /\d+/, { timeout: 30_000 });
  return summary;
}

export function panel(page: Page): FrameLocator {
  return page.frameLocator('[data-testid="nps-panel-frame"]');
}
