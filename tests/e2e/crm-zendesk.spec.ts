/**
 * Zendesk agent workspace pages (the stored fixture pages, served on their real hosts, with Zendesk's
 * same-origin API): the panel shows the organization of the ticket on screen, never an inactive pane's,
 * follows ticket tab switches, and finds an organization only Zendesk's API names.
 */
import { EXPECTED, ZENDESK_API } from '../fixtures/crm/accounts';
import { expectAccount, useCrmAccounts } from './support/crm-accounts';
import { expect, test } from './support/fixtures';

test.use({ crmData: { salesforceAccounts: [], fixturePages: true, zendeskApi: ZENDESK_API } });
useCrmAccounts();

test("a ticket with two panes open shows the active pane's organization, and follows a switch to the other tab", async ({ page }) => {
  const api: string[] = [];
  page.on('request', (r) => r.url().includes('/api/') && api.push(`${r.method()} ${new URL(r.url()).pathname}`));
  await page.goto('https://acme.zendesk.com/agent/tickets/101');
  await expectAccount(page, EXPECTED.acme);

  // The agent clicks ticket #102's tab: the URL changes first, the panes follow a moment later.
  await page.evaluate(() => {
    history.pushState({}, '', '/agent/tickets/102');
    setTimeout(() => {
      for (const tab of document.querySelectorAll('[data-test-id="header-tab"]')) {
        if (tab.getAttribute('data-entity-id') === '102') tab.setAttribute('aria-current', 'page');
        else tab.removeAttribute('aria-current');
      }
      for (const pane of document.querySelectorAll('.ticket-panes-grid-layout')) {
        pane.setAttribute('data-is-active', String(pane.closest('[data-ticket-id]')?.getAttribute('data-ticket-id') === '102'));
      }
    }, 150);
  });
  await expectAccount(page, EXPECTED.globex);
  // Read-only, and never a path the adapter did not name.
  expect(api.every((r) => /^GET \/api\/v2\/(tickets|users|organizations)\/\d+\.json$/.test(r))).toBe(true);
});

test('an organization page shows that organization', async ({ page }) => {
  await page.goto('https://acme.zendesk.com/agent/organizations/900001/tickets');
  await expectAccount(page, EXPECTED.acme);
});

test("a ticket whose organization only Zendesk's API names (the page shows neither its id nor its name)", async ({ page }) => {
  await page.goto('https://support.initech.zendesk.com/agent/#/tickets/205');
  await expectAccount(page, EXPECTED.initech);
});

test("a user page: the API's user, then the user's organization", async ({ page }) => {
  await page.goto('https://acme.zendesk.com/agent/users/3602/requested_tickets');
  await expectAccount(page, EXPECTED.globex);
});

test('a view shows no panel', async ({ page }) => {
  await page.goto('https://acme.zendesk.com/agent/filters/360000001');
  await page.waitForTimeout(1500);
  await expect(page.getByTestId('nps-panel-frame')).toHaveCount(0);
});
