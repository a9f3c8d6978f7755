/**
 * Comment insights end to end (docs/insights.md): comments imported with the themes a reader would name
 * are read in the background after the import (an offscreen document holds the analysers), stored, and
 * the panel shows the top detractor theme with its count, filters the comments by it, and marks each
 * comment's themes and emotions. Comments in other languages are counted as not analysed.
 */
import { expect, importCsv, panel, test } from './support/fixtures';

const ACCOUNT_18 = '001M000000InSgTIAV';
const URL = `https://insight.lightning.force.com/lightning/r/Account/${ACCOUNT_18}/view`;
const DAY = 86_400_000;
const iso = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY).toISOString().slice(0, 10);

test.use({ crmData: { salesforceAccounts: [{ id: ACCOUNT_18, name: 'Insight Corp', domain: 'insight.example' }] } });

const ROWS: Array<[number, string]> = [
  [2, 'The app is painfully slow, every page takes ages to load.'],
  [3, 'So slow lately. Dashboards time out and we are stuck waiting.'],
  [1, 'Slowness everywhere, loading the reports takes minutes. Frustrating.'],
  [4, 'Performance got worse after the update, pages lag constantly.'],
  [5, 'Billing is confusing and the price went up again.'],
  [10, 'Support is fantastic, they answered within minutes. Thank you!'],
  [9, 'Great support team, always helpful and quick to respond.'],
  [10, 'Love the reporting, our exec dashboards are so easy now.'],
  [8, 'Decent product overall.'],
  [2, "L'application est très lente et le support ne répond pas."],
];

test('imported comments are read in the background; the panel shows the top detractor theme and filters by it', async ({ page, extension }) => {
  const csv = [
    'response_id,account_id,account_name,salesforce_account_id,respondent_email,score,comment,responded_at',
    ...ROWS.map(([score, comment], i) => `ins-${i},INS,Insight Corp,${ACCOUNT_18},p${i}@insight.example,${score},"${comment.replace(/"/g, '""')}",${iso(5 + i)}`),
  ].join('\n');
  const summary = await importCsv(page, extension, 'insights.csv', csv);
  await expect(summary).toHaveAttribute('data-imported', String(ROWS.length));

  await page.goto(URL);
  const frame = panel(page);
  await expect(frame.getByTestId('nps-panel')).toHaveAttribute('data-state', 'ready');
  // The background reads the comments a moment after the import; the panel follows when they are stored.
  const top = frame.locator('[data-testid="insight-theme"][data-group="detractors"]').first();
  await expect(top).toHaveAttribute('data-theme-id', 'performance', { timeout: 60_000 });
  await expect(top).toHaveAttribute('data-count', '4');
  await expect(frame.locator('[data-testid="insight-theme"][data-group="promoters"][data-theme-id="support"]')).toHaveAttribute('data-count', '2');
  await expect(frame.getByTestId('insight-coverage')).toHaveText(/From 10 comments of 10 responses; 1 not analysed \(French: 1\)\./);

  await top.click();
  const items = frame.getByTestId('comment-item');
  await expect(items).toHaveCount(4);
  await expect(frame.getByTestId('comment-filter-theme')).toHaveValue('performance');
  for (const item of await items.all()) await expect(item.locator('[data-testid="comment-theme"][data-theme-id="performance"]')).toHaveCount(1);
  await expect(frame.locator('[data-testid="comment-emotion"][data-emotion-id="frustration"]').first()).toBeVisible();

  // Back to every comment; the French one carries no theme (never guessed).
  await frame.getByTestId('comment-filter-theme').selectOption('all');
  await expect(items).toHaveCount(ROWS.length);
  await expect(items.filter({ hasText: "L'application" }).getByTestId('comment-theme')).toHaveCount(0);

  // Across all accounts: the portfolio page, opened from the popup.
  const portfolio = await page.context().newPage();
  await portfolio.goto(`chrome-extension://${extension.extensionId}/portfolio.html`);
  await expect(portfolio.locator('[data-testid="portfolio-theme"][data-group="detractors"]').first()).toHaveAttribute('data-theme-id', 'performance');
  await expect(portfolio.locator('[data-testid="portfolio-theme"][data-theme-id="performance"]')).toHaveAttribute('data-count', '4');
  await expect(portfolio.getByTestId('portfolio-coverage')).toContainText('10 comments of 10 responses');
  await portfolio.close();

  // The options page: rename a theme and add one; the panel follows (the new theme after a new reading).
  const options = await page.context().newPage();
  await options.goto(`chrome-extension://${extension.extensionId}/options.html#themes`);
  const editor = options.getByTestId('taxonomy-editor');
  const speed = editor.locator('[data-testid="taxonomy-theme"][data-theme-id="performance"]');
  await expect(speed.getByTestId('taxonomy-theme-count')).toHaveAttribute('data-count', '4', { timeout: 30_000 });
  await speed.getByTestId('taxonomy-theme-label').fill('Slowness');
  await editor.getByTestId('taxonomy-new-label').fill('Executive dashboards');
  await editor.getByTestId('taxonomy-add').click();
  await editor.locator('[data-testid="taxonomy-theme"][data-theme-id="executive_dashboards"] [data-testid="taxonomy-theme-words"]').fill('exec dashboards, executive dashboard');
  await expect(editor.locator('[data-testid="taxonomy-theme"][data-theme-id="executive_dashboards"] [data-testid="taxonomy-theme-count"]')).toHaveAttribute('data-count', '1');
  await editor.getByTestId('taxonomy-save').click();
  await expect(editor.getByRole('status').filter({ hasText: 'Themes saved' })).toBeVisible();

  await page.bringToFront();
  await expect(frame.locator('[data-testid="insight-theme"][data-theme-id="performance"]')).toHaveText(/^Slowness · 4$/);
  await expect(items.filter({ hasText: 'exec dashboards' }).locator('[data-testid="comment-theme"][data-theme-id="executive_dashboards"]')).toHaveCount(1, { timeout: 60_000 });
  await expect(options.getByTestId('analysis-status')).toHaveAttribute('data-state', 'idle', { timeout: 60_000 });
  await options.getByTestId('taxonomy-reset').click();
  await expect(items.filter({ hasText: 'exec dashboards' }).locator('[data-testid="comment-theme"][data-theme-id="executive_dashboards"]')).toHaveCount(0, { timeout: 60_000 });
  await options.close();
});
