/**
 * Survey tools' own exports dropped on the options page as they come: a Qualtrics file (three header
 * rows, the score only as `Q1`, no account column) and a SurveyMonkey file (two header rows, US 12-hour
 * dates) import with no mapping step, and the panel on the account's CRM page shows the NPS computed by
 * hand from the rows. Accounts come from the respondents' email domains, and a ticket's requester writing
 * from that domain finds its account.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { expect, extensionUrl, panel, test } from './support/fixtures';
import { clearExtensionData } from './support/crm-pages';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/exports');
const DAY = 86_400_000;

// Support tickets whose requesters answered the surveys: the requester's work email finds the account
// the export's email domain made.
test.use({
  crmData: {
    salesforceAccounts: [],
    zendeskTickets: {
      '7001': { organizationId: '7100001', organizationName: 'Acme Analytics', requesterEmail: 'person8@acme.com', requesterName: 'Pat Person' },
      '7002': { organizationId: '7100002', organizationName: 'Globex', requesterEmail: 'user0@globex.io', requesterName: 'Uma User' },
    },
  },
});
test.describe.configure({ mode: 'serial' });
// The browser is shared with the other spec files: each test starts from an empty store, and leaves one.
test.beforeEach(async ({ extension }) => clearExtensionData(extension));
test.afterAll(async ({ extension }) => clearExtensionData(extension));

/** The fixture's header rows, and data rows made from `rows` by `cells`. */
function withRows(fixture: string, headerRows: number, rows: string[][]): string {
  const parsed = Papa.parse<string[]>(readFileSync(path.join(FIXTURES, fixture), 'utf8'), { skipEmptyLines: true }).data;
  return Papa.unparse([...parsed.slice(0, headerRows), ...rows]);
}

const isoLocal = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY).toISOString().slice(0, 19).replace('T', ' ');
function usDate(daysAgo: number): string {
  const d = new Date(Date.now() - daysAgo * DAY);
  const pad = (n: number) => String(n).padStart(2, '0');
  const hour = d.getUTCHours() % 12 || 12;
  return `${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}/${d.getUTCFullYear()} ${pad(hour)}:${pad(d.getUTCMinutes())}:00 ${d.getUTCHours() < 12 ? 'AM' : 'PM'}`;
}

test('a Qualtrics export imports with no mapping step; its header rows are not responses; the panel shows the NPS', async ({ page, extension }) => {
  // acme.com: 6 promoters, 2 passives, 2 detractors → (6 − 2) / 10 = +40. A gmail.com respondent and
  // one from the anonymous link have no account; one respondent skipped the question.
  const scores = [10, 10, 9, 9, 10, 9, 8, 7, 3, 0];
  const row = (i: number, email: string, channel: string, score: string, comment: string) => [
    isoLocal(3 + i), isoLocal(3 + i), '0', '203.0.113.7', '100', '60', '1', isoLocal(3 + i), `R_e2e${i}`, 'Last', 'First', email, '', '', '',
    channel, 'EN', score, score === '' ? '' : Number(score) >= 9 ? '3' : Number(score) >= 7 ? '2' : '1', comment,
  ];
  const csv = withRows('qualtrics.csv', 3, [
    ...scores.map((score, i) => row(i, `person${i}@acme.com`, 'email', String(score), i === 8 ? 'Too slow, and "support" never called back' : '')),
    row(20, 'dan@gmail.com', 'email', '2', 'personal address'),
    row(21, '', 'anonymous', '9', 'anonymous link'),
    row(22, 'late@acme.com', 'email', '', ''),
  ]);

  await page.goto(extensionUrl(extension, 'options.html'));
  await page.getByTestId('import-file').setInputFiles({ name: 'qualtrics-export.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  const summary = page.getByTestId('import-summary');
  await expect(summary).toHaveAttribute('data-imported', '10', { timeout: 30_000 });
  await expect(summary).toHaveAttribute('data-rejected', '0');
  await expect(page.getByTestId('import-mapping')).toHaveCount(0);
  await expect(page.getByTestId('import-preview')).toHaveAttribute('data-vendor', 'qualtrics');
  await expect(page.getByTestId('import-header-rows')).toContainText('Row 2 (question text), Row 3 (export metadata)');
  await expect(page.getByTestId('import-unassigned')).toHaveAttribute('data-count', '2');
  await expect(page.getByTestId('import-unassigned')).toContainText('dan@gmail.com');
  await expect(page.getByTestId('import-account').first()).toHaveAttribute('data-nps', '40');

  await page.goto('https://acme.zendesk.com/agent/tickets/7001');
  const frame = panel(page);
  await expect(frame.getByTestId('nps-score')).toHaveText('+40');
  await expect(frame.getByTestId('nps-n')).toContainText('10');
  await expect(frame.getByTestId('comment-text').filter({ hasText: 'Too slow' })).toHaveText('Too slow, and "support" never called back');
});

test('a SurveyMonkey export with US 12-hour dates imports with no step', async ({ page, extension }) => {
  // globex.io: 5 promoters, 2 passives, 5 detractors → 0 of 12.
  const scores = [10, 9, 10, 9, 10, 8, 7, 6, 5, 2, 0, 4];
  const row = (i: number, email: string, score: number) => [String(900 + i), '431552', usDate(2 + i), usDate(2 + i), '198.51.100.4', email, 'F', 'L', '', String(score), i === 0 ? 'Très bien — merci 🙏' : ''];
  const csv = withRows('surveymonkey.csv', 2, scores.map((score, i) => row(i, `user${i}@globex.io`, score)));

  await page.goto(extensionUrl(extension, 'options.html'));
  await page.getByTestId('import-file').setInputFiles({ name: 'surveymonkey-export.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  const summary = page.getByTestId('import-summary');
  await expect(summary).toHaveAttribute('data-imported', '12', { timeout: 30_000 });
  await expect(page.getByTestId('import-preview')).toHaveAttribute('data-vendor', 'surveymonkey');
  await expect(page.getByTestId('import-header-rows')).toContainText('Row 2 (answer labels)');

  await page.goto('https://globex.zendesk.com/agent/tickets/7002');
  const frame = panel(page);
  await expect(frame.getByTestId('nps-score')).toHaveText('0');
  await expect(frame.getByTestId('nps-n')).toContainText('12');
  await expect(frame.getByTestId('comment-text').filter({ hasText: 'merci' })).toHaveText('Très bien — merci 🙏');
});

test('a score column guessed from its values waits on the preview for a click; a correction is remembered for its shape', async ({ page, extension }) => {
  await page.goto(extensionUrl(extension, 'options.html'));
  const choose = (name: string, csv: string) =>
    page.getByTestId('import-file').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  const day = (n: number) => isoLocal(n).slice(0, 10);

  // One column of 0–10 numbers and no header naming it: read, shown, and saved only on a click.
  await choose('guessed.csv', ['Reply,Date,Email,Q7', ...[9, 10, 3, 8, 9].map((v, i) => `g${i},${day(2 + i)},p${i}@initech.example,${v}`)].join('\n'));
  const review = page.getByTestId('import-review');
  await expect(review).toBeVisible({ timeout: 30_000 });
  await expect(review).toContainText('nothing is saved yet');
  await expect(review.getByTestId('import-account')).toHaveAttribute('data-nps', '40');
  await expect(page.getByTestId('data-counts')).not.toContainText('5 responses');
  await review.getByTestId('import-confirm').click();
  await expect(page.getByTestId('import-summary')).toHaveAttribute('data-imported', '5', { timeout: 30_000 });

  // Two such columns: not guessed — the person chooses, once.
  const header = 'Reply,Date,Email,Q7,Q8';
  const rows = Array.from({ length: 6 }, (_, i) => `r${i},${day(2 + i)},p${i}@initech.example,${[9, 10, 3, 8, 9, 10][i]},${[1, 2, 1, 3, 2, 1][i]}`);
  await choose('unnamed.csv', [header, ...rows].join('\n'));
  const mapping = page.getByTestId('import-mapping');
  await expect(mapping).toBeVisible({ timeout: 30_000 });
  await mapping.getByTestId('import-mapping-score').selectOption({ label: 'Q7 (e.g. 9)' });
  await mapping.getByTestId('import-mapping-submit').click();
  await expect(page.getByTestId('import-summary')).toHaveAttribute('data-imported', '6', { timeout: 30_000 });

  // The next file of the same shape imports with the same choice and no step.
  await choose('unnamed-2.csv', [header, `r9,${day(1)},p9@initech.example,0,2`].join('\n'));
  await expect(page.getByTestId('import-summary')).toHaveAttribute('data-imported', '1', { timeout: 30_000 });
  await expect(page.getByTestId('import-detected')).toContainText('columns you chose');
});
