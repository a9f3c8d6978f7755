import { readFileSync } from 'node:fs';
import { to18 } from '../../lib/crm/salesforce/ids';
import { expect, extensionUrl, importCsv, panel, test } from './support/fixtures';

const DAY = 86_400_000;
const iso = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY).toISOString();

const ACME_15 = '001M000000qfPyS';
const ACME_18 = to18(ACME_15);
const GLOBEX_15 = '001M000000Glb01';
const UNKNOWN_15 = '001M000000Zz9Qq';

/**
 * Acme: in the trailing 365 days 5 promoters (10, 10, 9, 9, 9), 3 passives (8, 7, 7), 2 detractors (6, 3)
 * → NPS = 100 × (5 − 2) / 10 = +30 over N = 10. Two older detractors and one excluded detractor must
 * not count (with them the score would differ). Globex: 4 responses → withheld.
 */
function responsesCsv(): string {
  const rows = [
    'response_id,account_id,account_name,account_domain,salesforce_account_id,respondent_email,respondent_role,score,comment,responded_at,excluded',
    ...[10, 10, 9, 9, 9, 8, 7, 7, 6, 3].map(
      (score, i) => `acme-${i},A-1,Acme Corporation,acme.com,${ACME_15},person${i}@acme.com,${i % 2 ? 'User' : 'Exec'},${score},"Comment ${i}, with a comma",${iso(10 + i * 20)},`,
    ),
    `acme-old-1,A-1,Acme Corporation,acme.com,${ACME_15},old1@acme.com,User,0,Too old to count,${iso(400)},`,
    `acme-old-2,A-1,Acme Corporation,acme.com,${ACME_15},old2@acme.com,User,1,Too old to count,${iso(500)},`,
    `acme-excl,A-1,Acme Corporation,acme.com,${ACME_15},test@acme.com,User,0,Internal test answer,${iso(5)},true`,
    ...[9, 9, 6, 10].map(
      (score, i) => `globex-${i},G-1,Globex Corporation,globex.com,${GLOBEX_15},p${i}@globex.com,Decision Maker,${score},,${iso(30 + i)},`,
    ),
    `bad-1,A-1,Acme Corporation,acme.com,${ACME_15},x@acme.com,User,11,Score out of range,${iso(3)},`,
  ];
  return rows.join('\n') + '\n';
}

test.use({
  crmData: {
    salesforceAccounts: [
      { id: ACME_18, name: 'Acme Corporation', domain: 'acme.com' },
      { id: to18(GLOBEX_15), name: 'Globex Corporation', domain: 'globex.com' },
    ],
  },
});

test.describe.configure({ mode: 'serial' });

test('the options page imports a responses CSV and reports the rejected row', async ({ page, extension }) => {
  const summary = await importCsv(page, extension, 'responses.csv', responsesCsv());
  await expect(summary).toHaveAttribute('data-imported', '17');
  await expect(summary).toHaveAttribute('data-rejected', '1');
  const errors = page.getByTestId('import-error');
  await expect(errors).toHaveCount(1);
  await expect(errors.first()).toHaveText(/^Row 19: score/);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-errors-download').click()]);
  expect(download.suggestedFilename()).toBe('responses-rejected-rows.csv');
  const report = readFileSync((await download.path())!, 'utf8');
  expect(report.replace(/^\uFEFF/, '').split('\r\n')).toEqual(['row,column,value,reason', expect.stringMatching(/^19,score,11,/)]);
});

test('an Account page shows the panel with the NPS and N of the trailing 365 days', async ({ page }) => {
  await page.goto(`https://acme.lightning.force.com/lightning/r/Account/${ACME_18}/view`);
  const frame = panel(page);
  await expect(frame.getByTestId('nps-panel')).toHaveAttribute('data-state', 'ready');
  await expect(frame.getByTestId('panel-account-name')).toHaveText('Acme Corporation');
  await expect(frame.getByTestId('nps-score')).toHaveText('+30');
  await expect(frame.getByTestId('nps-n')).toHaveText('10');
  await expect(frame.getByTestId('nps-interval')).toBeVisible();
});

test('a 15-character id in the URL finds the same account', async ({ page }) => {
  await page.goto(`https://acme.lightning.force.com/lightning/r/Account/${ACME_15}/view`);
  await expect(panel(page).getByTestId('nps-score')).toHaveText('+30');
});

test('a small sample is withheld and shows its counts', async ({ page }) => {
  await page.goto(`https://acme.lightning.force.com/lightning/r/Account/${GLOBEX_15}/view`);
  const frame = panel(page);
  await expect(frame.getByTestId('panel-account-name')).toHaveText('Globex Corporation');
  await expect(frame.getByTestId('nps-score')).toHaveAttribute('data-withheld', 'true');
  await expect(frame.getByTestId('nps-score')).toHaveText('—');
  await expect(frame.getByTestId('nps-n')).toHaveText('4');
  await expect(frame.getByRole('region', { name: 'Net Promoter Score' })).toContainText('3 promoters, 0 passives, 1 detractor');
});

test('an account that is not in the data shows no-match with the account picker', async ({ page }) => {
  await page.goto(`https://acme.lightning.force.com/lightning/r/Account/${UNKNOWN_15}/view`);
  const frame = panel(page);
  await expect(frame.getByTestId('nps-panel')).toHaveAttribute('data-state', 'no-match');
  await expect(frame.getByTestId('account-picker')).toBeVisible();
});

test('a list view shows no panel', async ({ page }) => {
  await page.goto('https://acme.lightning.force.com/lightning/o/Account/list?filterName=Recent');
  await page.waitForTimeout(1500);
  await expect(page.getByTestId('nps-panel-frame')).toHaveCount(0);
});

test('navigating inside the app from an account to a list view hides the panel, and back shows it', async ({ page }) => {
  await page.goto(`https://acme.lightning.force.com/lightning/r/Account/${ACME_18}/view`);
  await expect(panel(page).getByTestId('nps-score')).toHaveText('+30');
  await page.evaluate(() => history.pushState({}, '', '/lightning/o/Account/list'));
  await expect(page.getByTestId('nps-panel-frame')).toBeHidden();
  await page.evaluate((id) => history.pushState({}, '', `/lightning/r/Account/${id}/view`), to18(GLOBEX_15));
  await expect(page.getByTestId('nps-panel-frame')).toBeVisible();
  await expect(panel(page).getByTestId('panel-account-name')).toHaveText('Globex Corporation');
});

test('the popup finds the account by name and shows its NPS', async ({ page, extension }) => {
  await page.goto(extensionUrl(extension, 'popup.html'));
  await page.getByTestId('popup-search').fill('acme');
  const result = page.getByTestId('popup-result');
  await expect(result).toHaveCount(1);
  await expect(result.getByTestId('panel-account-name')).toHaveText('Acme Corporation');
  await expect(result.getByTestId('nps-score')).toHaveText('+30');
});
