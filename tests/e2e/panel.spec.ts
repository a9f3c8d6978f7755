/**
 * The panel's content end to end: the figures shown against the data imported (worked out by hand in
 * support/panel-data.ts), every state, actions created and closed, comments that stay inert text,
 * the theme, the collapse button, and axe in both themes.
 */
import type { Frame, Page } from '@playwright/test';
import { expect, panel, test } from './support/fixtures';
import { answersInQuarter, importPanelData, INITECH_18, LONG_COMMENT, MARKUP_COMMENT, UNMATCHED_18 } from './support/panel-data';
import { stubPanelService } from './support/panel-stub';
import { panelViolations as seriousViolations } from './support/axe';

const INITECH_URL = `https://initech.lightning.force.com/lightning/r/Account/${INITECH_18}/view`;
const UNMATCHED_URL = `https://initech.lightning.force.com/lightning/r/Account/${UNMATCHED_18}/view`;

test.use({
  crmData: {
    salesforceAccounts: [
      { id: INITECH_18, name: 'Initech', domain: 'initech.com' },
      { id: UNMATCHED_18, name: 'Hooli XYZ', domain: 'hooli-xyz.example' },
    ],
  },
});

test.describe.configure({ mode: 'serial' });

/** The panel's frame as a Playwright Frame, for what a FrameLocator cannot do (evaluate). */
async function panelFrame(page: Page): Promise<Frame> {
  await expect(page.getByTestId('nps-panel-frame')).toBeVisible();
  let frame: Frame | undefined;
  await expect.poll(() => (frame = page.frames().find((f) => f.url().includes('/panel.html')))).toBeTruthy();
  return frame!;
}

/** The frame's `chrome.storage.local`, typed for the tests (evaluated inside the panel's frame). */
type LocalArea = {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
};
type WithChrome = { chrome: { storage: { local: LocalArea } } };

async function openInitech(page: Page) {
  await page.goto(INITECH_URL);
  const frame = panel(page);
  await expect(frame.getByTestId('nps-panel')).toHaveAttribute('data-state', 'ready');
  return frame;
}


test('imports responses, actions and survey sends', async ({ page, extension }) => {
  await importPanelData(page, extension);
});

test('the headline, roles, scores and rates match the imported data', async ({ page }) => {
  const frame = await openInitech(page);
  await expect(frame.getByTestId('panel-account-name')).toHaveText('Initech');
  await expect(frame.getByTestId('nps-score')).toHaveText('+20');
  await expect(frame.getByTestId('nps-score')).toHaveAttribute('data-withheld', 'false');
  await expect(frame.getByTestId('nps-n')).toHaveText('10');
  await expect(frame.getByTestId('nps-interval')).toHaveText('−30 to +61');
  await expect(frame.getByTestId('nps-change')).toHaveAttribute('data-direction', 'down');
  await expect(frame.getByTestId('nps-change')).toContainText('Down 80 points from +100');

  await expect(frame.getByTestId('panel-source')).toHaveText('Imported CSV');
  await expect(frame.getByTestId('panel-freshness')).toContainText('updated just now');

  const endUser = frame.getByTestId('role-row-end_user');
  await expect(endUser.getByTestId('role-nps')).toHaveText('+33');
  await expect(endUser.getByTestId('role-n')).toHaveText('6');
  await expect(endUser).toContainText('60%');
  const exec = frame.getByTestId('role-row-executive');
  await expect(exec.getByTestId('role-nps')).toHaveAttribute('data-withheld', 'true');
  await expect(exec.getByTestId('role-n')).toHaveText('2');
  await expect(exec).toContainText('2 promoters, 0 passives, 0 detractors');
  await expect(frame.getByTestId('role-row-decision_maker').getByTestId('role-n')).toHaveText('2');
  await expect(frame.getByTestId('role-row-influencer').getByTestId('role-silence')).toHaveText('No influencer has answered in 12 months');
  await expect(frame.getByTestId('role-row-influencer').getByTestId('role-n')).toHaveText('0');

  const expectedDistribution = [0, 0, 1, 1, 0, 0, 1, 1, 1, 3, 2];
  for (const [score, count] of expectedDistribution.entries()) {
    await expect(frame.getByTestId(`dist-${score}`)).toHaveAttribute('data-count', String(count));
  }
  await expect(frame.getByTestId('response-rate')).toContainText('17%');
  await expect(frame.getByTestId('response-rate')).toContainText('10 of 60');
  await expect(frame.getByTestId('low-rate-warning')).toBeVisible();
  const email = frame.getByTestId('channel-row-email');
  await expect(email.getByTestId('channel-n')).toHaveText('6');
  await expect(email).toContainText('10%');
  await expect(frame.getByTestId('channel-row-in_app').getByTestId('channel-n')).toHaveText('2');
});

test('the window selector recomputes every figure for its window', async ({ page }) => {
  const frame = await openInitech(page);
  const select = frame.getByTestId('window-select');
  await select.selectOption('90d');
  await expect(frame.getByTestId('nps-score')).toHaveAttribute('data-withheld', 'true');
  await expect(frame.getByTestId('nps-n')).toHaveText('4');
  await expect(frame.getByRole('region', { name: 'Net Promoter Score' })).toContainText('2 promoters, 0 passives, 2 detractors');
  await expect(frame.getByTestId('role-row-executive').getByTestId('role-n')).toHaveText('1');
  await expect(frame.getByTestId('role-row-influencer')).toContainText('No influencer has answered in 90 days');

  await select.selectOption('180d');
  await expect(frame.getByTestId('nps-score')).toHaveText('−17');
  await expect(frame.getByTestId('nps-n')).toHaveText('6');

  await select.selectOption('all');
  await expect(frame.getByTestId('nps-score')).toHaveText('+47');
  await expect(frame.getByTestId('nps-n')).toHaveText('15');
  await expect(frame.getByTestId('nps-change')).toHaveCount(0);
});

test('the history chart reads each period by keyboard and toggles role lines', async ({ page }) => {
  const frame = await openInitech(page);
  const chart = frame.getByRole('group', { name: /NPS for the last 8 quarters/ });
  await chart.focus();
  const readout = frame.getByTestId('history-readout');
  // Each period's N, as counted from the data: the newest quarter (End), the oldest (Home), one step right.
  const expectPeriod = async (back: number) => {
    const { label, n } = answersInQuarter(Date.now(), back);
    await expect(readout).toContainText(label);
    await expect(readout).toContainText(n === 0 ? 'overall no answers' : n < 5 ? `N ${n}, too few for a score` : `N ${n}`);
  };
  await page.keyboard.press('End');
  await expectPeriod(0);
  await page.keyboard.press('Home');
  await expectPeriod(7);
  await page.keyboard.press('ArrowRight');
  await expectPeriod(6);

  await expect(frame.getByTestId('history-line-end_user')).toHaveCount(0);
  const toggle = frame.getByRole('button', { name: 'End user' });
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect(frame.getByTestId('history-line-end_user')).toHaveCount(1);
  await frame.getByRole('button', { name: 'Months' }).click();
  await expect(frame.getByRole('heading', { name: 'History by month' })).toBeVisible();
  await expect(frame.getByRole('group', { name: /NPS for the last 8 months/ })).toBeVisible();
});

test('comments are newest first, filterable, and markup in them stays inert text', async ({ page }) => {
  const frame = await openInitech(page);
  const items = frame.getByTestId('comment-item');
  // Seven answers in the window have a comment.
  await expect(items).toHaveCount(7);
  await expect(items.first().getByTestId('comment-text')).toHaveText('A great partner this year.');
  await expect(items.first().getByTestId('comment-score')).toHaveText('10');
  await expect(items.first().getByTestId('comment-role')).toHaveText('Executive');
  await expect(items.first()).toContainText('Bill Lumbergh');
  await expect(items.first()).toContainText('Email');

  const markup = items.filter({ hasText: 'onerror' });
  await expect(markup.getByTestId('comment-text')).toHaveText(MARKUP_COMMENT);
  await expect(markup).toContainText('buyer@initech.com');
  const inside = await panelFrame(page);
  expect(
    await inside.evaluate(() => ({
      pwned: (window as unknown as { __npsPwned?: number }).__npsPwned ?? null,
      elements: document.querySelectorAll('.comments img, .comments script, .comments b').length,
    })),
  ).toEqual({ pwned: null, elements: 0 });

  const long = items.filter({ hasText: 'Onboarding took far too long' });
  await expect(long.getByTestId('comment-text')).not.toHaveText(LONG_COMMENT);
  await long.getByRole('button', { name: 'Show more' }).click();
  await expect(long.getByTestId('comment-text')).toHaveText(LONG_COMMENT);

  await frame.getByTestId('comment-filter-category').selectOption('detractor');
  await expect(items).toHaveCount(3);
  await frame.getByTestId('comment-filter-role').selectOption('end_user');
  await expect(items).toHaveCount(1);
  await expect(items.getByTestId('comment-text')).toHaveText('Slow, and my stapler is gone.');
  await frame.getByTestId('comment-filter-category').selectOption('all');
  await frame.getByTestId('comment-filter-role').selectOption('all');
  await frame.getByTestId('comment-filter-channel').selectOption('phone');
  await expect(items).toHaveCount(1);
  await frame.getByTestId('comment-filter-channel').selectOption('all');
  await frame.getByTestId('comment-search').fill('PEOPLE skills');
  await expect(items).toHaveCount(1);
  await expect(items.getByTestId('comment-role')).toHaveText('End user');
});

test('open actions come overdue first; one made from a comment is linked, and closing it moves it to Done', async ({ page }) => {
  const frame = await openInitech(page);
  const actions = frame.getByTestId('actions-open').getByTestId('action-item');
  await expect(actions).toHaveCount(2);
  await expect(actions.nth(0).getByTestId('action-title')).toHaveText('Call Milton about the outage');
  await expect(actions.nth(0).getByTestId('action-due')).toContainText('overdue since');
  await expect(actions.nth(0).getByTestId('action-status')).toHaveText('Open');
  await expect(actions.nth(1).getByTestId('action-title')).toHaveText('Send the Q3 roadmap');
  await expect(actions.nth(1).getByTestId('action-status')).toHaveText('In progress');
  await expect(frame.getByTestId('close-the-loop')).toHaveText(/0 of 3 detractors/);

  // From a comment: the title is prefilled and the response linked.
  const milton = frame.getByTestId('comment-item').filter({ hasText: 'my stapler is gone' });
  await milton.getByTestId('comment-follow-up').click();
  const title = frame.getByTestId('action-form-title');
  await expect(title).toHaveValue('Follow up with Milton Waddams (score 2)');
  await expect(title).toBeFocused();
  await frame.getByTestId('action-form-owner').fill('Peter');
  await frame.getByTestId('action-form-save').click();
  const created = actions.filter({ hasText: 'Follow up with Milton Waddams (score 2)' });
  await expect(created).toHaveCount(1);
  await expect(created.getByTestId('action-status')).toHaveText('Open');
  await expect(created.getByTestId('action-due')).toHaveText('no due date');
  await expect(created).toContainText('Peter');
  await expect(frame.getByTestId('action-form')).toHaveCount(0);
  // Stored through the background, linked to the response it follows up.
  const inside = await panelFrame(page);
  const stored = await inside.evaluate(async () => {
    const runtime = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime;
    const reply = (await runtime.sendMessage({ channel: 'nps-service', method: 'getAccountRecords', input: { accountId: 'I-1' } })) as {
      value: { actions: Array<{ title: string; responseId?: string; owner?: string; status: string }> };
    };
    return reply.value.actions.find((a) => a.title.startsWith('Follow up with Milton'));
  });
  expect(stored).toMatchObject({ responseId: 'ini-2', owner: 'Peter', status: 'open' });

  // From scratch, with a due date; an empty title is refused with the field's name.
  await frame.getByTestId('action-new').click();
  await frame.getByTestId('action-form-title').fill('   ');
  await frame.getByTestId('action-form-save').click();
  await expect(frame.getByTestId('action-form').getByRole('alert')).toHaveText(/^Title:/);
  await frame.getByTestId('action-form-title').fill('Plan the renewal call');
  await frame.getByTestId('action-form-due').fill('2099-01-31');
  await frame.getByTestId('action-form-save').click();
  await expect(actions).toHaveCount(4);
  // Overdue first, then by due date, undated last.
  await expect(actions.getByTestId('action-title')).toHaveText([
    'Call Milton about the outage',
    'Send the Q3 roadmap',
    'Plan the renewal call',
    'Follow up with Milton Waddams (score 2)',
  ]);
  await expect(actions.nth(2).getByTestId('action-due')).toHaveText('due 2099-01-31');

  // Start, then close: a closed action leaves the open list for Done, and stays closed after a reload.
  await created.getByTestId('action-set-in_progress').click();
  await expect(created.getByTestId('action-status')).toHaveText('In progress');
  await created.getByTestId('action-set-done').click();
  await expect(created).toHaveCount(0);
  await expect(actions).toHaveCount(3);
  await expect(frame.getByTestId('actions-done').getByTestId('action-item').filter({ hasText: 'Milton Waddams' })).toHaveCount(1);
  await page.reload();
  const reloaded = panel(page);
  await expect(reloaded.getByTestId('nps-panel')).toHaveAttribute('data-state', 'ready');
  await expect(reloaded.getByTestId('actions-open').getByTestId('action-item')).toHaveCount(3);
  await expect(reloaded.getByTestId('actions-open').getByTestId('action-item').filter({ hasText: 'Milton Waddams' })).toHaveCount(0);
  await expect(reloaded.getByTestId('actions-done').getByTestId('action-item').filter({ hasText: 'Milton Waddams' })).toHaveCount(1);
});

test('loading shows a skeleton, then the data', async ({ page }) => {
  await stubPanelService(page, { delayMs: 1500 });
  await page.goto(INITECH_URL);
  const frame = panel(page);
  await expect(frame.getByTestId('nps-panel')).toHaveAttribute('data-state', 'loading');
  await expect(frame.getByRole('status', { name: 'Loading NPS context' })).toBeVisible();
  await expect(frame.getByTestId('nps-panel')).toHaveAttribute('data-state', 'ready');
  await expect(frame.getByTestId('nps-score')).toHaveText('+20');
});

test('an error shows its reason, and Retry loads the data', async ({ page }) => {
  await stubPanelService(page, { failFirst: 1, failMessage: 'The store could not be opened' });
  await page.goto(INITECH_URL);
  const frame = panel(page);
  await expect(frame.getByTestId('nps-panel')).toHaveAttribute('data-state', 'error');
  await expect(frame.getByTestId('panel-error-reason')).toHaveText('The store could not be opened');
  expect(await seriousViolations(page)).toEqual([]);
  await frame.getByRole('button', { name: 'Retry' }).click();
  await expect(frame.getByTestId('nps-panel')).toHaveAttribute('data-state', 'ready');
  await expect(frame.getByTestId('nps-score')).toHaveText('+20');
});

test('stale data is shown with its age and the reason the refresh failed', async ({ page }) => {
  await stubPanelService(page, {
    sourceName: 'Initech NPS warehouse',
    freshness: { fetchedAgoMs: 3 * 3_600_000 + 60_000, stale: true, refreshing: false, lastError: 'HTTP 503 from the source' },
  });
  const frame = await openInitech(page);
  await expect(frame.getByTestId('nps-score')).toHaveText('+20');
  const freshness = frame.getByTestId('panel-freshness');
  await expect(freshness).toHaveAttribute('data-stale', 'true');
  await expect(freshness).toContainText('Initech NPS warehouse');
  await expect(freshness).toContainText('updated 3 h ago');
  await expect(freshness).toContainText('stale');
  await expect(frame.getByTestId('panel-refresh-error')).toContainText('HTTP 503 from the source');
  await expect(freshness.getByRole('button', { name: 'Refresh' })).toBeVisible();
});

test('no-match offers the picker; linking an account without responses shows no-data', async ({ page }) => {
  await page.goto(UNMATCHED_URL);
  const frame = panel(page);
  await expect(frame.getByTestId('nps-panel')).toHaveAttribute('data-state', 'no-match');
  const picker = frame.getByTestId('account-picker');
  await picker.getByRole('searchbox').fill('Hooli');
  await expect(picker.getByRole('button', { name: /Hooli/ })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await picker.getByRole('button', { name: /Hooli/ }).click();
  await expect(frame.getByTestId('nps-panel')).toHaveAttribute('data-state', 'no-data');
  await expect(frame.getByTestId('panel-account-name')).toHaveText('Hooli');
  await expect(frame.getByTestId('panel-no-data')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await expect(frame.getByTestId('action-item')).toHaveCount(1);
  await expect(frame.getByTestId('action-title')).toHaveText('Introduce the new CSM');

  // Re-linked by hand to another account from the header.
  await frame.getByTestId('panel-relink').click();
  await frame.getByTestId('account-picker').getByRole('searchbox').fill('Initech');
  await frame.getByTestId('account-picker').getByRole('button', { name: /Initech/ }).click();
  await expect(frame.getByTestId('panel-account-name')).toHaveText('Initech');
  await expect(frame.getByTestId('nps-panel')).toHaveAttribute('data-state', 'ready');
});

test('the collapse button stores the collapsed state for this CRM', async ({ page }) => {
  const frame = await openInitech(page);
  const inside = await panelFrame(page);
  const read = () =>
    inside.evaluate(async () => (await (globalThis as unknown as WithChrome).chrome.storage.local.get('panelPrefs:salesforce'))['panelPrefs:salesforce'] ?? null);
  await frame.getByTestId('panel-collapse').click();
  await expect.poll(read).toEqual({ collapsed: true, width: 380 });
  // Leave the panel open for the tests that follow.
  await inside.evaluate(() => (globalThis as unknown as WithChrome).chrome.storage.local.set({ 'panelPrefs:salesforce': { collapsed: false, width: 380 } }));
});

test('the settings decide the default window and the roles, and changes apply at once', async ({ page }) => {
  const frame = await openInitech(page);
  const inside = await panelFrame(page);
  const setLocal = (items: Record<string, unknown>) =>
    inside.evaluate((i) => (globalThis as unknown as WithChrome).chrome.storage.local.set(i), items);
  await setLocal({ 'settings.display': { defaultWindow: '180d', countingRule: 'all' } });
  await expect(frame.getByTestId('window-select')).toHaveValue('180d');
  await expect(frame.getByTestId('nps-score')).toHaveText('−17');
  await expect(frame.getByTestId('nps-n')).toHaveText('6');

  // "User" read as influencer: the end users' three answers of the 180 days move to the influencer row.
  const synonyms = { user: 'influencer', exec: 'executive', buyer: 'decision_maker', 'decision maker': 'decision_maker' };
  await setLocal({ 'settings.roleMapping': { synonyms, titleRules: [] } });
  await expect(frame.getByTestId('role-row-influencer').getByTestId('role-n')).toHaveText('3');
  await expect(frame.getByTestId('role-row-end_user').getByTestId('role-silence')).toHaveText('No end user has answered in 180 days');

  await inside.evaluate(() => (globalThis as unknown as WithChrome).chrome.storage.local.remove(['settings.display', 'settings.roleMapping']));
  await expect(frame.getByTestId('window-select')).toHaveValue('365d');
  await expect(frame.getByTestId('nps-score')).toHaveText('+20');
  await expect(frame.getByTestId('role-row-end_user').getByTestId('role-n')).toHaveText('6');
});

test('the theme follows the frame URL hash, else the system; axe finds nothing serious in either', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await openInitech(page);
  // Through a locator, so it follows the frame if a new URL reloads it.
  const background = () => panel(page).locator('body').evaluate((body) => getComputedStyle(body).backgroundColor);
  await expect.poll(background).toBe('rgb(255, 255, 255)');
  expect(await seriousViolations(page)).toEqual([]);

  const setHash = (hash: string) =>
    page.evaluate((h) => {
      const frame = document.querySelector<HTMLIFrameElement>('[data-testid="nps-panel-frame"]')!;
      frame.src = frame.src.split('#')[0] + h;
    }, hash);
  await setHash('#theme=dark');
  await expect.poll(background).toBe('rgb(22, 25, 29)');
  await expect(panel(page).getByTestId('nps-panel')).toHaveAttribute('data-state', 'ready');
  // Expand the panel's optional parts, so they are checked too.
  await panel(page).getByRole('button', { name: 'End user' }).click();
  await panel(page).getByTestId('action-new').click();
  expect(await seriousViolations(page)).toEqual([]);

  // Only the two known values count: anything else falls back to the system's preference (light here).
  await setHash('#theme=<b>');
  await expect.poll(background).toBe('rgb(255, 255, 255)');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(background).toBe('rgb(22, 25, 29)');
  await setHash('#theme=light');
  await expect.poll(background).toBe('rgb(255, 255, 255)');
});
