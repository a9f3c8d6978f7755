import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { expect, extensionUrl, test } from './support/fixtures';
import type { Page } from '@playwright/test';
import type { ExtensionBrowser } from './support/chromium';

const DAY = 86_400_000;
const iso = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY).toISOString().slice(0, 10);

const GOOD = [
  'response_id,account_id,account_name,respondent_email,score,comment,responded_at',
  `r1,A-1,Acme Corporation,ann@acme.com,9,"=HYPERLINK(""http://evil.example"",""click"")",${iso(3)}`,
  `r2,A-1,Acme Corporation,bob@acme.com,3,"Slow, then ""fine""",${iso(4)}`,
  `r3,G-1,Globex Corporation,cy@globex.com,10,-great,${iso(5)}`,
].join('\n');
const WITH_BAD_ROW = `${GOOD}\nr4,G-1,Globex Corporation,dee@globex.com,12,too high,${iso(6)}\n`;

/** The options page, with the store emptied: the browser is shared with the other spec files. */
async function openOptions(page: Page, extension: ExtensionBrowser) {
  await page.goto(extensionUrl(extension, 'options.html'));
  await expect(page.getByTestId('data-counts')).toBeVisible();
  if (!(await page.getByTestId('data-counts').textContent())?.startsWith('0 accounts')) await clearData(page);
}

async function chooseFile(page: Page, name: string, csv: string) {
  await page.getByTestId('import-file').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
}

async function clearData(page: Page) {
  await page.getByRole('button', { name: 'Clear all data…' }).click();
  await page.getByRole('button', { name: 'Delete everything' }).click();
  await expect(page.getByTestId('data-counts')).toContainText('0 responses');
}

test.describe.configure({ mode: 'serial' });

test('with "All or nothing" on, one rejected row means nothing is imported, and the errors are listed', async ({ page, extension }) => {
  await openOptions(page, extension);
  const allOrNothing = page.getByRole('checkbox', { name: /All or nothing/ });
  await expect(allOrNothing).not.toBeChecked();
  await allOrNothing.check();

  await chooseFile(page, 'strict.csv', WITH_BAD_ROW);
  const summary = page.getByTestId('import-summary');
  await expect(summary).toHaveAttribute('data-rejected', '1');
  await expect(summary).toHaveAttribute('data-imported', '0');
  await expect(summary).toHaveAttribute('data-committed', 'false');
  await expect(summary).toContainText('nothing imported');
  await expect(summary).toContainText('none of the 3 valid rows were saved');
  await expect(page.getByTestId('import-error')).toHaveText([/^Row 5: score/]);
  await expect(page.getByTestId('data-counts')).toContainText('0 accounts · 0 responses');

  // The setting is kept: after a reload it is still on, and a clean file imports whole.
  await page.reload();
  await expect(page.getByRole('checkbox', { name: /All or nothing/ })).toBeChecked();
  await chooseFile(page, 'clean.csv', GOOD);
  await expect(summary).toHaveAttribute('data-imported', '3');
  await expect(summary).toHaveAttribute('data-committed', 'true');
  await expect(page.getByTestId('data-counts')).toContainText('3 responses');

  // Off again: the valid rows of the same file are imported and the bad one reported.
  await page.getByRole('checkbox', { name: /All or nothing/ }).uncheck();
  await clearData(page);
  await chooseFile(page, 'lenient.csv', WITH_BAD_ROW);
  await expect(summary).toHaveAttribute('data-imported', '3');
  await expect(summary).toHaveAttribute('data-rejected', '1');
  await expect(page.getByTestId('data-counts')).toContainText('3 responses');
  await clearData(page);
});

test('a file whose score column no header names: the one 0–10 column is proposed, and saved only on a click', async ({ page, extension }) => {
  await openOptions(page, extension);
  const csv = ['Client,How happy (0-10)?,When,Thoughts', `Acme Corporation,9,${iso(2)},Great`, `Globex,4,${iso(3)},Slow`, `Initech,,${iso(4)},No score`].join('\n');
  await chooseFile(page, 'tool-export.csv', csv);

  // Read and staged, nothing saved: the preview says which column was taken for the score, and why.
  const review = page.getByTestId('import-review');
  await expect(review).toBeVisible();
  await expect(review).toContainText('Score: column “How happy (0-10)?”, found as the only column of whole numbers 0–10');
  await expect(page.getByTestId('data-counts')).toContainText('0 responses');
  await review.getByTestId('import-confirm').click();
  const summary = page.getByTestId('import-summary');
  await expect(summary).toHaveAttribute('data-imported', '2');
  await expect(summary).toHaveAttribute('data-rejected', '1');
  await expect(page.getByTestId('import-error')).toHaveText([/^Row 4: How happy \(0-10\)\? — is empty/]);
  await expect(summary).toContainText('Columns ignored: Thoughts');
  await clearData(page);

  // "Correct the columns…" opens the mapping step instead, and nothing is saved.
  await chooseFile(page, 'tool-export.csv', csv);
  await page.getByTestId('import-correct').click();
  const mapping = page.getByTestId('import-mapping');
  await expect(mapping).toBeVisible();
  await page.getByLabel(/Score \(0–10\)/).selectOption({ label: 'How happy (0-10)? (e.g. 9)' });
  await page.getByLabel(/Date of the response/).selectOption({ index: 3 });
  await page.getByLabel(/Account name/).selectOption({ index: 1 });
  await page.getByRole('button', { name: 'Import with these columns' }).click();
  await expect(summary).toHaveAttribute('data-imported', '2');
  await clearData(page);
});

test('a missing date column is mapped by hand; the detected kind is kept', async ({ page, extension }) => {
  await openOptions(page, extension);
  await chooseFile(page, 'no-date.csv', ['account_name,score,Submitted On', `Acme Corporation,10,${iso(1)}`].join('\n'));
  await expect(page.getByTestId('import-mapping')).toBeVisible();
  await expect(page.getByLabel('The file holds')).toHaveCount(0);
  await page.getByLabel(/Date of the response/).selectOption({ label: `Submitted On (e.g. ${iso(1)})` });
  await page.getByRole('button', { name: 'Import with these columns' }).click();
  await expect(page.getByTestId('import-summary')).toHaveAttribute('data-imported', '1');
  await clearData(page);
});

test('responses export to a CSV with formulas made inert, and the file imports again as the same data', async ({ page, extension }) => {
  await openOptions(page, extension);
  await chooseFile(page, 'responses.csv', GOOD);
  await expect(page.getByTestId('import-summary')).toHaveAttribute('data-imported', '3');

  const exportOnce = async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-responses').click()]);
    await expect(page.getByTestId('export-done')).toHaveAttribute('data-rows', '3');
    expect(download.suggestedFilename()).toMatch(/^nps-responses-\d{4}-\d{2}-\d{2}\.csv$/);
    return readFileSync((await download.path())!, 'utf8');
  };
  const first = await exportOnce();
  const rows = Papa.parse<Record<string, string>>(first.replace(/^\uFEFF/, '').trim(), { header: true }).data;
  expect(rows.map((r) => r.response_id).sort()).toEqual(['r1', 'r2', 'r3']);
  expect(rows.find((r) => r.response_id === 'r1')?.comment).toBe(`'=HYPERLINK("http://evil.example","click")`);
  expect(rows.find((r) => r.response_id === 'r3')?.comment).toBe(`'-great`);

  await clearData(page);
  await chooseFile(page, 'exported.csv', first);
  await expect(page.getByTestId('import-summary')).toHaveAttribute('data-imported', '3');
  expect(await exportOnce()).toBe(first);
  await clearData(page);
});

test('a large export shows its progress and can be cancelled', async ({ page, extension }) => {
  await openOptions(page, extension);
  const lines = ['response_id,account_id,score,responded_at'];
  for (let i = 0; i < 60_000; i++) lines.push(`big-${i},acc-${i % 50},${i % 11},${iso(1 + (i % 300))}`);
  await chooseFile(page, 'big.csv', lines.join('\n'));
  await expect(page.getByTestId('import-summary')).toHaveAttribute('data-imported', '60000', { timeout: 60_000 });

  await page.getByTestId('export-responses').click();
  await expect(page.getByTestId('export-progress')).toContainText(/of 60,000 responses/);
  await page.getByTestId('export-cancel').click();
  await expect(page.getByText('Export of responses cancelled; no file was saved.')).toBeVisible();

  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId('export-responses').click()]);
  await expect(page.getByTestId('export-done')).toHaveAttribute('data-rows', '60000', { timeout: 60_000 });
  const text = readFileSync((await download.path())!, 'utf8');
  expect(text.trim().split('\r\n')).toHaveLength(60_001);
  await clearData(page);
});
