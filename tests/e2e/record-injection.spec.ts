/**
 * Content scripts on record pages only (issue 5): a CRM page opened on a list view or a view gets no
 * content script at all (no world of ours exists in it); when the app then navigates in place into a
 * record, the background injects that CRM's script and the panel shows the record's account. A
 * second copy of a script (declared and injected) does nothing and leaves the first one running.
 */
import type { CDPSession, Page, Worker } from '@playwright/test';
import { ACME_SF, EXPECTED, GLOBEX_SF, ZENDESK_API } from '../fixtures/crm/accounts';
import { expectAccount, useCrmAccounts } from './support/crm-accounts';
import { expect, panel, test } from './support/fixtures';

test.use({ crmData: { salesforceAccounts: [], fixturePages: true, zendeskApi: ZENDESK_API } });
useCrmAccounts();

const SF = 'https://acme.lightning.force.com';
const ZD = 'https://acme.zendesk.com';

/** The JavaScript worlds of the extension in the page's top frame, as DevTools lists them. */
async function extensionWorlds(page: Page, extensionId: string): Promise<number> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const origins: string[] = [];
  cdp.on('Runtime.executionContextCreated', (event) => origins.push(event.context.origin));
  await cdp.send('Runtime.enable');
  await cdp.detach();
  return origins.filter((origin) => origin === `chrome-extension://${extensionId}`).length;
}

/** What the app does on a link click: the URL changes in place, then the record's page is rendered. */
async function navigateInApp(page: Page, path: string) {
  await page.evaluate(async (to) => {
    const html = await (await fetch(to)).text();
    const next = new DOMParser().parseFromString(html, 'text/html');
    history.pushState({}, '', to);
    document.title = next.title;
    document.body.replaceWith(document.adoptNode(next.body));
  }, path);
}

async function tabIdOf(worker: Worker, url: string): Promise<number> {
  return worker.evaluate(async (u) => {
    const chrome = (globalThis as unknown as { chrome: { tabs: { query(q: { url: string }): Promise<Array<{ id?: number }>> } } }).chrome;
    return (await chrome.tabs.query({ url: u }))[0]!.id!;
  }, url);
}

test('Salesforce: a list view has no script; an in-app navigation to an Account gets one, the panel, and back to the list hides it', async ({ page, extension }) => {
  await page.goto(`${SF}/lightning/o/Account/list?filterName=Recent`);
  await page.waitForTimeout(1000);
  expect(await extensionWorlds(page, extension.extensionId)).toBe(0);

  await navigateInApp(page, `/lightning/r/Account/${ACME_SF}/view`);
  await expectAccount(page, EXPECTED.acme);
  expect(await extensionWorlds(page, extension.extensionId)).toBe(1);

  // The script now follows the app itself: back to the list, then into another record.
  await navigateInApp(page, '/lightning/o/Account/list?filterName=Recent');
  await expect(page.getByTestId('nps-panel-frame')).toBeHidden();
  await navigateInApp(page, `/lightning/r/Account/${GLOBEX_SF}/view`);
  await expectAccount(page, EXPECTED.globex);
  // One copy of the script, one frame.
  await expect(page.getByTestId('nps-panel-frame')).toHaveCount(1);
});

test('Zendesk: a view has no script; an in-app navigation to a ticket gets one and shows its organization', async ({ page, extension }) => {
  await page.goto(`${ZD}/agent/filters/360000001`);
  await page.waitForTimeout(1000);
  expect(await extensionWorlds(page, extension.extensionId)).toBe(0);

  await navigateInApp(page, '/agent/tickets/101');
  await expectAccount(page, EXPECTED.acme);
  await expect(page.getByTestId('nps-panel-frame')).toHaveCount(1);
});

test('a second copy of the script in a page (declared, then injected again) does nothing, and the first keeps following the app', async ({ page, extension }) => {
  const url = `${SF}/lightning/r/Account/${ACME_SF}/view`;
  await page.goto(url);
  await expectAccount(page, EXPECTED.acme);
  const tabId = await tabIdOf(extension.serviceWorker, url);
  // Marks the first copy's frame: a copy that took over would remove it and make its own.
  await page.getByTestId('nps-panel-frame').evaluate((frame) => frame.setAttribute('data-first-copy', ''));
  await extension.serviceWorker.evaluate(async (id) => {
    const chrome = (globalThis as unknown as { chrome: { scripting: { executeScript(i: unknown): Promise<unknown> } } }).chrome;
    await chrome.scripting.executeScript({ target: { tabId: id, frameIds: [0] }, files: ['content-scripts/salesforce.js'] });
    await chrome.scripting.executeScript({ target: { tabId: id, frameIds: [0] }, files: ['content-scripts/salesforce.js'] });
  }, tabId);
  await page.waitForTimeout(300);
  await expect(page.getByTestId('nps-panel-frame')).toHaveCount(1);
  await expect(page.getByTestId('nps-panel-frame')).toBeVisible();

  await navigateInApp(page, `/lightning/r/Account/${GLOBEX_SF}/view`);
  await expectAccount(page, EXPECTED.globex);
  await expect(page.getByTestId('nps-panel-frame')).toHaveCount(1);
  await expect(page.getByTestId('nps-panel-frame')).toHaveAttribute('data-first-copy', '');
});

/** Makes the background store pages slowly (`storage.session.set`), or as usual again; counts writes under way. */
async function slowPageWrites(worker: Worker, ms: number | null): Promise<void> {
  await worker.evaluate((delay) => {
    const g = globalThis as unknown as { chrome: { storage: { session: Record<string, unknown> } }; __writes?: number; __set?: unknown };
    const session = g.chrome.storage.session;
    g.__set ??= session.set;
    if (delay === null) {
      // The original back (it may be the object's own property: deleting the stand-in would leave none).
      session.set = g.__set;
      return;
    }
    const set = (g.__set as (items: unknown) => Promise<void>).bind(session);
    g.__writes = 0;
    session.set = async (items: unknown) => {
      g.__writes!++;
      try {
        await new Promise((resolve) => setTimeout(resolve, delay));
        await set(items);
      } finally {
        g.__writes!--;
      }
    };
  }, ms);
}

const writesUnderWay = (worker: Worker) => worker.evaluate(() => (globalThis as unknown as { __writes?: number }).__writes ?? 0);

test('from a list view the frame loads while the page report is still being stored; its panel waits for that report, never showing the page before', async ({ page, extension }) => {
  // The tab's last reported page is Acme's; the list view reports nothing (it has no script).
  await page.goto(`${SF}/lightning/r/Account/${ACME_SF}/view`);
  await expectAccount(page, EXPECTED.acme);
  await page.goto(`${SF}/lightning/o/Account/list?filterName=Recent`);
  await slowPageWrites(extension.serviceWorker, 3000);
  try {
    await navigateInApp(page, `/lightning/r/Account/${GLOBEX_SF}/view`);
    // The frame does not wait for the report to be stored…
    await expect(page.getByTestId('nps-panel-frame')).toBeAttached({ timeout: 2500 });
    expect(await writesUnderWay(extension.serviceWorker)).toBeGreaterThan(0);
    // …and its panel waits for it: loading meanwhile, never Acme.
    await expect(panel(page).getByTestId('nps-panel')).toHaveAttribute('data-state', 'loading', { timeout: 2500 });
    await expect(panel(page).getByTestId('panel-account-name')).toHaveCount(0);
    expect(await writesUnderWay(extension.serviceWorker)).toBeGreaterThan(0);
    await expectAccount(page, EXPECTED.globex);
  } finally {
    await slowPageWrites(extension.serviceWorker, null);
  }
});
