/**
 * The setup every CRM spec shares: the accounts the stored fixture pages show are imported once per
 * file into a clean extension, and cleared again after, so no file's data leaks into another's.
 */
import type { Page } from '@playwright/test';
import { crmAccountsCsv } from '../../fixtures/crm/accounts';
import { clearExtensionData } from './crm-pages';
import { expect, importCsv, panel, test } from './fixtures';

export function useCrmAccounts(): void {
  test.describe.configure({ mode: 'serial' });
  test.beforeAll(async ({ extension }) => {
    await clearExtensionData(extension);
    const page = await extension.context.newPage();
    await expect(await importCsv(page, extension, 'crm-accounts.csv', crmAccountsCsv())).toHaveAttribute('data-imported', '21');
    await page.close();
  });
  test.afterAll(async ({ extension }) => clearExtensionData(extension));
}

/** The panel on `page` shows this account and its headline score. */
export async function expectAccount(page: Page, account: { name: string; nps: string }): Promise<void> {
  const frame = panel(page);
  await expect(frame.getByTestId('panel-account-name')).toHaveText(account.name);
  await expect(frame.getByTestId('nps-score')).toHaveText(account.nps);
}
