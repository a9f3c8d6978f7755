/**
 * HubSpot, Freshdesk, Dynamics 365 and Intercom pages (the stored fixture pages, on their real hosts):
 * each finds its account through what it offers — a CRM id where the data has one, else the name — and
 * a page that offers nothing to match shows no-match with the account picker.
 */
import { CRM_FIXTURE_PAGES } from '../fixtures/crm/pages';
import { EXPECTED } from '../fixtures/crm/accounts';
import { expectAccount, useCrmAccounts } from './support/crm-accounts';
import { expect, panel, test } from './support/fixtures';

test.use({ crmData: { salesforceAccounts: [], fixturePages: true } });
useCrmAccounts();

const urlOf = (file: string) => CRM_FIXTURE_PAGES.find((p) => p.file === file)!.url;

test('HubSpot: a company record, by its company id', async ({ page }) => {
  await page.goto(urlOf('hubspot/company-standard.html'));
  await expectAccount(page, EXPECTED.acme);
});

test("Freshdesk: a ticket, by its company's name (Freshdesk ids are not in the data)", async ({ page }) => {
  await page.goto(urlOf('freshdesk/ticket-company-link.html'));
  await expectAccount(page, EXPECTED.acme);
});

test('Dynamics 365: an account form, by its name (Dynamics ids are not in the data)', async ({ page }) => {
  await page.goto(urlOf('dynamics/account-standard.html'));
  await expectAccount(page, EXPECTED.acme);
});

test('Intercom: a conversation offers nothing to match; the picker links it by hand, and the link holds', async ({ page }) => {
  await page.goto(urlOf('intercom/conversation-standard.html'));
  const frame = panel(page);
  await expect(frame.getByTestId('nps-panel')).toHaveAttribute('data-state', 'no-match');
  const picker = frame.getByTestId('account-picker');
  await expect(picker).toBeVisible();
  await picker.getByRole('searchbox').fill('Initech');
  await picker.getByRole('button', { name: /Initech Holdings/ }).click();
  await expectAccount(page, EXPECTED.initech);
  await page.reload();
  await expectAccount(page, EXPECTED.initech);
});
