/**
 * Closing the loop end to end (issue: from a detractor's comment to a follow-up that gets done): a detractor
 * waits, is followed up from the waiting list, the action is edited and annotated, closed (it moves to Done
 * and the response reads as followed up), and reopened. On a Zendesk ticket, the requester's own answers
 * come first, and a requester who never answered is said to have never answered.
 */
import { clearExtensionData } from './support/crm-pages';
import { expect, importCsv, panel, test } from './support/fixtures';

const ACCOUNT_18 = '001M000000LoOpAIAV';
const URL = `https://loop.lightning.force.com/lightning/r/Account/${ACCOUNT_18}/view`;
const DAY = 86_400_000;
const iso = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY).toISOString().slice(0, 10);

test.use({
  crmData: {
    salesforceAccounts: [{ id: ACCOUNT_18, name: 'Loop Corp', domain: 'loop.example' }],
    zendeskTickets: {
      '501': { organizationId: '777001', organizationName: 'Loop Corp', requesterEmail: 'Dana@loop.example', requesterName: 'Dana Diaz' },
      '502': { organizationId: '777001', organizationName: 'Loop Corp', requesterEmail: 'newbie@loop.example', requesterName: 'Nat New' },
    },
  },
});

/** The parts of the extension API the tests call in the service worker. */
interface Chrome {
  action: { getBadgeText(details: object): Promise<string> };
  notifications: { getAll(): Promise<Record<string, boolean>>; clear(id: string): Promise<boolean> };
  storage: { local: { get(key: string): Promise<Record<string, unknown>> } };
}

test.beforeEach(async ({ extension }) => clearExtensionData(extension));
// The browser is shared with the next spec file of this worker: leave it empty.
test.afterAll(async ({ extension }) => clearExtensionData(extension));

const CSV = [
  'response_id,account_id,account_name,salesforce_account_id,zendesk_organization_id,respondent_email,respondent_name,score,comment,responded_at',
  `l1,LOOP,Loop Corp,${ACCOUNT_18},777001,dana@loop.example,Dana Diaz,2,"Exports keep timing out, we lose hours.",${iso(30)}`,
  `l2,LOOP,Loop Corp,${ACCOUNT_18},777001,eli@loop.example,Eli Ek,4,"Billing is confusing.",${iso(12)}`,
  `l3,LOOP,Loop Corp,${ACCOUNT_18},777001,dana@loop.example,Dana Diaz,9,"Much better since the fix.",${iso(3)}`,
  `l4,LOOP,Loop Corp,${ACCOUNT_18},777001,fay@loop.example,Fay Fu,10,"Love it.",${iso(5)}`,
  `l5,LOOP,Loop Corp,${ACCOUNT_18},777001,old@loop.example,Old Oz,1,"Ancient complaint.",${iso(200)}`,
].join('\n');

test('a detractor waiting is followed up, edited, annotated, closed into Done and reopened', async ({ page, extension }) => {
  await expect(await importCsv(page, extension, 'loop.csv', CSV)).toHaveAttribute('data-imported', '5');
  await page.goto(URL);
  const frame = panel(page);
  await expect(frame.getByTestId('nps-panel')).toHaveAttribute('data-state', 'ready');

  // Detractors of the last 90 days with no action, oldest first; the 200-day-old one is past the rule.
  const waiting = frame.getByTestId('followup-waiting');
  await expect(waiting).toHaveAttribute('data-count', '2');
  await expect(frame.getByTestId('followup-item')).toHaveCount(2);
  await expect(frame.getByTestId('followup-item').first()).toHaveAttribute('data-response-id', 'l1');
  const comment = (id: string) => frame.locator(`[data-testid="comment-item"][data-response-id="${id}"] [data-testid="comment-followup"]`);
  await expect(comment('l1')).toHaveAttribute('data-state', 'waiting');
  await expect(comment('l4')).toHaveAttribute('data-state', 'none');

  // One click drafts the action from the response.
  await frame.getByTestId('followup-item').first().getByTestId('followup-start').click();
  await expect(frame.getByTestId('action-form-title')).toHaveValue('Follow up with Dana Diaz (score 2)');
  await frame.getByTestId('action-form-save').click();
  await expect(waiting).toHaveAttribute('data-count', '1');
  await expect(comment('l1')).toHaveAttribute('data-state', 'in_progress');

  // Edit its owner and due date, add a note.
  const item = frame.getByTestId('action-item').filter({ hasText: 'Dana Diaz' });
  await item.getByTestId('action-edit').click();
  await item.getByTestId('action-edit-owner').fill('Alice Owner');
  await item.getByTestId('action-edit-due').fill(iso(-7));
  await item.getByTestId('action-edit-save').click();
  await expect(item.getByTestId('action-owner')).toHaveText('Alice Owner');
  await expect(item.getByTestId('action-due')).toHaveText(`due ${iso(-7)}`);
  await item.getByTestId('action-edit').click();
  await item.getByTestId('action-note-input').fill('Called Dana; the export fix ships Friday.');
  await item.getByTestId('action-note-add').click();
  await expect(item.getByTestId('action-note-text')).toHaveText('Called Dana; the export fix ships Friday.');

  // Close it: it moves to Done with when it was closed; the response reads as followed up; the loop rate counts it.
  await item.getByTestId('action-set-done').click();
  const done = frame.getByTestId('actions-done');
  await expect(done.getByTestId('action-item')).toHaveCount(1);
  await expect(done.getByTestId('action-closed')).toHaveText(/^closed, (this minute|now|\d+ (seconds?|minutes?) ago)$/);
  await expect(comment('l1')).toHaveAttribute('data-state', 'closed');
  await expect(frame.getByTestId('loop-rate')).toHaveAttribute('data-closed', '1');
  await expect(frame.getByTestId('loop-rate')).toHaveAttribute('data-n', '3');
  await expect(waiting).toHaveAttribute('data-count', '1');

  // Reopen: back among the open ones, with its note.
  await done.getByTestId('action-set-open').click();
  await expect(frame.getByTestId('actions-done')).toHaveCount(0);
  await expect(comment('l1')).toHaveAttribute('data-state', 'in_progress');
  const reopened = frame.getByTestId('action-item').filter({ hasText: 'Dana Diaz' });
  await reopened.getByTestId('action-edit').click();
  await expect(reopened.getByTestId('action-note')).toHaveCount(1);
});

test('a big account’s waiting list shows its first 50 with the total, and every one after “Show all”', async ({ page, extension }) => {
  const rows = Array.from({ length: 64 }, (_, i) => `w${i},LOOP,Loop Corp,${ACCOUNT_18},777001,p${i}@loop.example,Person ${i},${i % 7},,${iso(1 + (i % 60))}`);
  const csv = [CSV.split('\n')[0], ...rows].join('\n');
  await expect(await importCsv(page, extension, 'many.csv', csv)).toHaveAttribute('data-imported', '64');
  await page.goto(URL);
  const frame = panel(page);
  const waiting = frame.getByTestId('followup-waiting');
  await expect(waiting).toHaveAttribute('data-count', '64');
  await expect(waiting.getByRole('heading')).toContainText('64');
  await expect(frame.getByTestId('followup-item')).toHaveCount(50);
  const showAll = waiting.getByTestId('list-show-all');
  await expect(showAll).toHaveText('Show all (64)');
  await showAll.focus();
  await page.keyboard.press('Enter');
  await expect(frame.getByTestId('followup-item')).toHaveCount(64);
  await expect(showAll).toHaveCount(0);
  // The oldest waits first, the newest last.
  await expect(frame.getByTestId('followup-item').last()).toHaveAttribute('data-response-id', /^w/);
});

test("a Zendesk ticket shows its requester's own answers first; a requester who never answered is said so", async ({ page, extension }) => {
  await expect(await importCsv(page, extension, 'loop.csv', CSV)).toHaveAttribute('data-imported', '5');
  await page.goto('https://loop.zendesk.com/agent/tickets/501');
  const frame = panel(page);
  await expect(frame.getByTestId('panel-account-name')).toHaveText('Loop Corp');
  const answers = frame.getByTestId('person-answers');
  await expect(answers).toHaveAttribute('data-email', 'dana@loop.example');
  await expect(answers.getByTestId('person-answer')).toHaveCount(2);
  await expect(answers.getByTestId('person-answer').first()).toHaveAttribute('data-response-id', 'l3');
  await expect(answers.getByTestId('person-answer').nth(1)).toHaveAttribute('data-followup', 'waiting');
  await expect(answers).toContainText('Exports keep timing out');

  await page.goto('https://loop.zendesk.com/agent/tickets/502');
  await expect(frame.getByTestId('person-none')).toHaveAttribute('data-email', 'newbie@loop.example');
  await expect(frame.getByTestId('person-none')).toContainText('never answered');
  await expect(frame.getByTestId('person-answers')).toHaveCount(0);
});

test('the popup lists what needs attention, most urgent first, opening the compact view; the badge counts overdue actions and waiting responses', async ({ page, extension }) => {
  const responses = [
    'response_id,account_id,account_name,score,comment,responded_at',
    `w1,WAIT,Waiting Co,2,"Nobody called back.",${iso(20)}`,
    `w2,WAIT,Waiting Co,5,"Meh.",${iso(8)}`,
    `o1,LATE,Late Ltd,9,"Fine.",${iso(8)}`,
    `f1,FINE,Fine Inc,10,"Great.",${iso(8)}`,
    `f2,FINE,Fine Inc,3,"Old news.",${iso(300)}`,
  ].join('\n');
  const actions = ['action_id,account_id,account_name,title,status,due_date', `late-1,LATE,Late Ltd,Send the roadmap,open,${iso(3)}`].join('\n');
  await expect(await importCsv(page, extension, 'attention.csv', responses)).toHaveAttribute('data-imported', '5');
  await expect(await importCsv(page, extension, 'attention-actions.csv', actions)).toHaveAttribute('data-imported', '1');

  // The popup follows the background's pass (it ranks again a moment after each change).
  await page.goto(`chrome-extension://${extension.extensionId}/popup.html`);
  const items = page.getByTestId('attention-item');
  await expect(items).toHaveCount(2, { timeout: 20_000 });
  const badge = () => extension.serviceWorker.evaluate(() => (globalThis as unknown as { chrome: Chrome }).chrome.action.getBadgeText({}));
  await expect.poll(badge, { timeout: 20_000 }).toBe('3');
  await expect(items.nth(0)).toHaveAttribute('data-account-id', 'LATE');
  await expect(items.nth(0)).toHaveAttribute('data-reason', 'overdue');
  await expect(items.nth(1)).toHaveAttribute('data-account-id', 'WAIT');
  await expect(items.nth(1)).toHaveAttribute('data-reason', 'waiting');
  await expect(items.nth(1)).toContainText('2 waiting for follow-up');
  await items.nth(1).getByRole('button').click();
  await expect(page.getByTestId('nps-score')).toBeVisible();
  await expect(page.getByText('Waiting Co')).toBeVisible();

  // The badge can be turned off.
  const options = await page.context().newPage();
  await options.goto(`chrome-extension://${extension.extensionId}/options.html`);
  await options.getByTestId('followup-badge').click();
  await expect(options.getByTestId('followup-badge')).not.toBeChecked();
  await expect.poll(badge, { timeout: 20_000 }).toBe('');
  await options.close();
});
