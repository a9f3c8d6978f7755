import type { Page } from '@playwright/test';
import { expectAccessible } from './support/axe';
import { clearExtensionData } from './support/crm-pages';
import { expect, extensionUrl, importCsv, panel, test } from './support/fixtures';
import { ACME_SF_15, ACME_SF_18, ACME_ZENDESK_ORG, GLOBEX_LOGISTICS_SF_18, popupActionsCsv, popupResponsesCsv } from './support/popup-data';

test.use({
  crmData: {
    salesforceAccounts: [
      { id: ACME_SF_18, name: 'Acme Corporation', domain: 'acme.com' },
      { id: GLOBEX_LOGISTICS_SF_18, name: 'Globex Logistics', domain: 'globexlogistics.com' },
    ],
  },
});
test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ extension }) => {
  await clearExtensionData(extension);
  const page = await extension.context.newPage();
  await expect(await importCsv(page, extension, 'responses.csv', popupResponsesCsv())).toHaveAttribute('data-imported', '37');
  await expect(await importCsv(page, extension, 'actions.csv', popupActionsCsv())).toHaveAttribute('data-imported', '3');
  await page.close();
});
test.afterAll(async ({ extension }) => clearExtensionData(extension));

const results = (page: Page) => page.getByTestId('popup-result');
const names = (page: Page) => results(page).getByTestId('panel-account-name');

test('opens with the cursor in the search field', async ({ page, extension }) => {
  await page.goto(extensionUrl(extension, 'popup.html'));
  await expect(page.getByTestId('popup-search')).toBeFocused();
  await expect(page.locator('main')).toHaveAttribute('data-ready', 'true');
});

test('finds accounts by name despite typos, accents and legal suffixes, by domain and by CRM id', async ({ page, extension }) => {
  await page.goto(extensionUrl(extension, 'popup.html'));
  const search = page.getByTestId('popup-search');
  const cases: Array<[string, string]> = [
    ['acme', 'Acme Corporation'],
    ['Acme Corp.', 'Acme Corporation'],
    ['globex logstics', 'Globex Logistics'],
    ['societe lumiere', 'Société Lumière SA'],
    ['acme.com', 'Acme Corporation'],
    ['someone@globexlogistics.com', 'Globex Logistics'],
    [ACME_ZENDESK_ORG, 'Acme Corporation'],
    [ACME_SF_15, 'Acme Corporation'],
  ];
  for (const [query, expected] of cases) {
    await search.fill(query);
    await expect(names(page).first(), query).toHaveText(expected);
  }
  await search.fill('no such company');
  await expect(page.getByTestId('popup-empty')).toContainText('No account matches');
  await expect(results(page)).toHaveCount(0);
});

test('each result shows the NPS with its N, the significant change and the open actions', async ({ page, extension }) => {
  await page.goto(extensionUrl(extension, 'popup.html'));
  await page.getByTestId('popup-search').fill('acme');
  const acme = results(page).first();
  await expect(acme.getByTestId('panel-account-name')).toHaveText('Acme Corporation');
  await expect(acme.getByTestId('nps-score')).toHaveText('+100');
  await expect(acme.getByTestId('popup-n')).toHaveText('12');
  await expect(acme.getByTestId('popup-change')).toHaveAttribute('data-direction', 'up');
  await expect(acme.getByTestId('popup-change')).toHaveAccessibleName(/Significantly up/);
  await expect(acme.getByTestId('popup-open-actions')).toHaveText('2');

  await page.getByTestId('popup-search').fill('lumiere');
  const lumiere = results(page).first();
  await expect(lumiere.getByTestId('nps-score')).toHaveAttribute('data-withheld', 'true');
  await expect(lumiere.getByTestId('popup-change')).toHaveCount(0);
  await expect(lumiere.getByTestId('popup-open-actions')).toHaveCount(0);
});

test('arrow keys move through the results and Enter opens the compact view; Escape comes back', async ({ page, extension }) => {
  await page.goto(extensionUrl(extension, 'popup.html'));
  const search = page.getByTestId('popup-search');
  await search.fill('globex');
  await expect(results(page)).toHaveCount(2);
  await expect(results(page).nth(0)).toHaveAttribute('aria-selected', 'true');
  await search.press('ArrowDown');
  await expect(results(page).nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(results(page).nth(0)).toHaveAttribute('aria-selected', 'false');
  const second = (await names(page).nth(1).textContent())!;
  await search.press('ArrowDown'); // wraps to the first
  await expect(results(page).nth(0)).toHaveAttribute('aria-selected', 'true');
  await search.press('ArrowUp'); // and back round to the last
  await expect(search).toHaveAttribute('aria-activedescendant', (await results(page).nth(1).getAttribute('id'))!);
  await search.press('Enter');

  const view = page.getByTestId('popup-account-view');
  await expect(view.getByTestId('panel-account-name')).toHaveText(second);
  await expect(view.getByTestId('panel-account-name')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(view).toHaveCount(0);
  await expect(page.getByTestId('popup-search')).toBeFocused();
  await expect(page.getByTestId('popup-search')).toHaveValue('globex');

  // Escape in the field clears the query.
  await page.getByTestId('popup-search').press('Escape');
  await expect(page.getByTestId('popup-search')).toHaveValue('');
});

test('the compact view shows the panel’s headline, roles and open actions', async ({ page, extension }) => {
  await page.goto(extensionUrl(extension, 'popup.html'));
  await page.getByTestId('popup-search').fill('acme');
  await results(page).first().click();
  const view = page.getByTestId('popup-account-view');
  await expect(view.getByTestId('nps-score')).toHaveText('+100');
  await expect(view.getByTestId('nps-n')).toHaveText('12');
  // In the window: 6 "Exec" and 4 "Sponsor" CTOs are executives; 2 "Sponsor" analysts are end users.
  await expect(view.getByTestId('role-row-executive').getByTestId('role-n')).toHaveText('10');
  await expect(view.getByTestId('role-row-end_user').getByTestId('role-n')).toHaveText('2');
  await expect(view.getByTestId('action-item')).toHaveCount(2);
  await expect(view.getByTestId('action-title').first()).toHaveText('Call the CTO about the outage');
  // No CRM has been visited in this browser yet: no link.
  await expect(view.getByTestId('popup-record-link')).toHaveCount(0);
  await view.getByTestId('popup-back').click();
  await expect(page.getByTestId('popup-search')).toBeFocused();
});

test('on a recognised account’s page, that account comes first, and the view links to its record', async ({ context, page, extension }) => {
  await page.goto(`https://acme.lightning.force.com/lightning/r/Account/${GLOBEX_LOGISTICS_SF_18}/view`);
  await expect(panel(page).getByTestId('nps-panel')).toHaveAttribute('data-state', 'ready');

  // The popup is opened in a tab here; the CRM tab is brought back to the front, as it is when the
  // toolbar button is clicked over it.
  const popup = await context.newPage();
  await page.bringToFront();
  await popup.goto(extensionUrl(extension, 'popup.html'));
  await expect(results(popup).first()).toHaveAttribute('data-origin', 'active-tab');
  await expect(names(popup).first()).toHaveText('Globex Logistics');

  // Among search results too: "globex" ranks Globex Corporation first (the shorter name), yet the page's account leads.
  await popup.getByTestId('popup-search').fill('globex');
  await expect(results(popup)).toHaveCount(2);
  await expect(names(popup)).toHaveText(['Globex Logistics', 'Globex Corporation']);

  await popup.getByTestId('popup-search').press('Enter');
  const link = popup.getByTestId('popup-record-link');
  await expect(link).toHaveText('Open in Salesforce');
  await expect(link).toHaveAttribute('href', `https://acme.lightning.force.com/lightning/r/Account/${GLOBEX_LOGISTICS_SF_18}/view`);
  await popup.close();
});

test('a tab that left the CRM for another site has no account of its own in the popup', async ({ context, page, extension }) => {
  await page.goto(`https://acme.lightning.force.com/lightning/r/Account/${GLOBEX_LOGISTICS_SF_18}/view`);
  await expect(panel(page).getByTestId('nps-panel')).toHaveAttribute('data-state', 'ready');
  // A site the extension has no access to: no script there reports a page, the record's report stays the tab's last.
  await context.route('https://elsewhere.example/**', (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>Elsewhere</title><h1>Elsewhere</h1>' }));
  await page.goto('https://elsewhere.example/');
  const popup = await context.newPage();
  await page.bringToFront();
  await popup.goto(extensionUrl(extension, 'popup.html'));
  await expect(popup.getByTestId('popup-search')).toBeFocused();
  await expect(popup.locator('[data-testid="attention-item"], [data-testid="attention-none"]').first()).toBeVisible();
  await expect(popup.locator('[data-origin="active-tab"]')).toHaveCount(0);

  // Back on the record, it leads again.
  await page.goto(`https://acme.lightning.force.com/lightning/r/Account/${GLOBEX_LOGISTICS_SF_18}/view`);
  await expect(panel(page).getByTestId('nps-panel')).toHaveAttribute('data-state', 'ready');
  await popup.reload();
  await expect(results(popup).first()).toHaveAttribute('data-origin', 'active-tab');
  await popup.close();
});

test('accounts opened are remembered as recent look-ups, newest first', async ({ page, extension }) => {
  await page.goto(extensionUrl(extension, 'popup.html'));
  for (const query of ['lumiere', 'globex log']) {
    await page.getByTestId('popup-search').fill(query);
    await expect(results(page)).toHaveCount(1);
    await page.getByTestId('popup-search').press('Enter');
    await expect(page.getByTestId('popup-account-view')).toBeVisible();
    await page.getByTestId('popup-back').click();
  }
  await page.reload();
  await page.getByTestId('popup-search').fill('');
  const recent = page.locator('[data-testid="popup-result"][data-origin="recent"]');
  await expect(recent.first().getByTestId('panel-account-name')).toHaveText('Globex Logistics');
  await expect(recent.nth(1).getByTestId('panel-account-name')).toHaveText('Société Lumière SA');
});

test('the options link opens the options page', async ({ context, page, extension }) => {
  await page.goto(extensionUrl(extension, 'popup.html'));
  const [options] = await Promise.all([context.waitForEvent('page'), page.getByTestId('popup-options').click()]);
  await expect(options).toHaveURL(/options\.html/);
  await options.close();
});

test('the popup passes axe in light and dark, searching and in the compact view', async ({ page, extension }) => {
  await page.goto(extensionUrl(extension, 'popup.html'));
  await page.getByTestId('popup-search').fill('globex');
  await expect(results(page)).toHaveCount(2);
  await expectAccessible(page, 'popup with results');
  await page.getByTestId('popup-search').press('Enter');
  await expect(page.getByTestId('popup-account-view').getByTestId('nps-score')).toBeVisible();
  await expectAccessible(page, 'compact account view');
});

test('results shown follow an import made while the popup is open', async ({ context, page, extension }) => {
  await page.goto(extensionUrl(extension, 'popup.html'));
  await page.getByTestId('popup-search').fill('globex');
  await expect(names(page)).toHaveText(['Globex Corporation', 'Globex Logistics'], { useInnerText: true });
  const options = await context.newPage();
  const csv = 'response_id,account_id,account_name,account_domain,respondent_email,score,responded_at\n' +
    `gx-1,G-3,Globex Robotics,globexrobotics.com,r@globexrobotics.com,9,${new Date().toISOString()}\n`;
  await expect(await importCsv(options, extension, 'robotics.csv', csv)).toHaveAttribute('data-imported', '1');
  await options.close();
  // Not typed again: the search is asked again when the data, then the index, changed.
  await expect(names(page)).toHaveCount(3);
  await expect(names(page).filter({ hasText: 'Globex Robotics' })).toHaveCount(1);
});
