/**
 * A survey tool connected directly: in the options page the user picks Typeform, gives the API's address
 * (a loopback server answering as Typeform's API documents) and a token, chooses the form and its NPS
 * question with a preview of the first answers, saves; the sync stores them and the panel on the
 * account's ticket shows the NPS computed by hand. No real vendor is contacted.
 */
import { MockVendors, type MockAnswer } from '../../lib/sources/connectors/testing/mock-vendors';
import { grantOrigin } from './support/source-server';
import { expect, extensionUrl, panel, test } from './support/fixtures';
import { clearExtensionData } from './support/crm-pages';

const DAY = 86_400_000;
const at = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY).toISOString().replace(/\.\d{3}Z$/, 'Z');

// Acme: 10, 10, 9, 8, 3, 10 → 4 promoters, 1 passive, 1 detractor of 6 → (4 − 1) / 6 = +50.
const ANSWERS: MockAnswer[] = [10, 10, 9, 8, 3, 10].map((score, i) => ({
  id: `tf-${i}`, score, at: at(10 - i), email: `person${i}@acme.com`, company: 'Acme', ...(i === 4 ? { comment: 'Exports time out, "every" Monday' } : {}),
}));

const mock = new MockVendors();
let apiUrl = '';

test.use({
  crmData: {
    salesforceAccounts: [],
    zendeskTickets: { '8101': { organizationId: '8100001', organizationName: 'Acme', requesterEmail: 'person4@acme.com', requesterName: 'Pat' } },
  },
});
test.describe.configure({ mode: 'serial' });
// The browser is shared with the other spec files: each test starts from an empty store, and leaves one.
test.beforeEach(async ({ extension }) => clearExtensionData(extension));
test.afterAll(async ({ extension }) => clearExtensionData(extension));

test.beforeAll(async () => {
  apiUrl = await mock.start();
  mock.answers = ANSWERS;
});
test.afterAll(() => mock.stop());

test('a Typeform connector set up in the options page syncs, and the panel shows its answers', async ({ page, extension }) => {
  // What the browser's prompt does when the user accepts the API's origin (automation cannot click it).
  await grantOrigin(extension.context, extension.extensionId, 'http://127.0.0.1/*');
  await page.goto(extensionUrl(extension, 'options.html'));
  const section = page.getByTestId('connectors');
  await section.getByTestId('connector-vendor').selectOption('typeform');
  await section.getByTestId('connector-base-url').fill(apiUrl);
  await section.getByTestId('connector-token').fill('wrong-token');
  await section.getByTestId('connector-connect').click();
  // A refused token is said so, naming the vendor.
  await expect(section.getByTestId('connector-message')).toContainText('Typeform');

  await section.getByTestId('connector-token').fill('good-token');
  await section.getByTestId('connector-connect').click();
  await expect(section.getByTestId('connector-message')).toContainText('Connected: 1 survey');
  await section.getByTestId('connector-survey').selectOption('tfAbc');
  await expect(section.getByTestId('connector-nps-question')).toHaveValue('nps_field');
  await expect(section.getByTestId('connector-comment-question')).toHaveValue('why_field');
  await expect(section.getByTestId('connector-account-field')).toHaveValue('hidden:company');
  await section.getByTestId('connector-preview-button').click();
  await expect(section.getByTestId('connector-preview')).toHaveAttribute('data-responses', '2');

  await section.getByTestId('connector-save').click();
  await expect(section.locator('[data-testid="connector-status"][data-id="typeform"]')).toHaveAttribute('data-last-imported', '6', { timeout: 30_000 });
  // The token never comes back to a page.
  const stored = await page.evaluate(() => (globalThis as unknown as { chrome: { storage: { local: { get(keys: null): Promise<unknown> } } } }).chrome.storage.local.get(null));
  expect(JSON.stringify(stored)).not.toContain('good-token');

  await page.goto('https://acme.zendesk.com/agent/tickets/8101');
  const frame = panel(page);
  await expect(frame.getByTestId('nps-score')).toHaveText('+50');
  await expect(frame.getByTestId('comment-text').filter({ hasText: 'Exports' })).toHaveText('Exports time out, "every" Monday');

  // New answers arrive on the next sync, and only they.
  mock.answers.push({ id: 'tf-new', score: 0, at: at(1), email: 'new@acme.com', company: 'Acme' });
  await page.goto(extensionUrl(extension, 'options.html'));
  await page.locator('[data-testid="connector-status"][data-id="typeform"]').getByTestId('connector-sync-now').click();
  await expect(page.locator('[data-testid="connector-status"][data-id="typeform"]')).toHaveAttribute('data-last-imported', '1', { timeout: 30_000 });

  // Removed: its settings, token and cursor are forgotten; what it stored stays.
  await page.locator('[data-testid="connector-status"][data-id="typeform"]').getByTestId('connector-remove').click();
  await expect(page.locator('[data-testid="connector-status"]')).toHaveCount(0);
});
