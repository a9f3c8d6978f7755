/**
 * Salesforce Lightning pages (the stored fixture pages, served on their real hosts): the panel shows
 * the account the visible tab belongs to, never a hidden tab's, follows console tab switches, stays
 * away from list views, and the keyboard command collapses it to its tab and back.
 */
import type { Worker } from '@playwright/test';
import { ACME_SF, EXPECTED, GLOBEX_SF } from '../fixtures/crm/accounts';
import { expectAccount, useCrmAccounts } from './support/crm-accounts';
import { expect, test } from './support/fixtures';

test.use({ crmData: { salesforceAccounts: [], fixturePages: true } });
useCrmAccounts();

test('an Account page shows its account, not the account of a tab kept hidden in the DOM', async ({ page }) => {
  await page.goto(`https://acme.lightning.force.com/lightning/r/Account/${ACME_SF}/view`);
  await expectAccount(page, EXPECTED.acme);
});

test("a Contact page shows the account of its Account lookup", async ({ page }) => {
  await page.goto('https://acme.lightning.force.com/lightning/r/Contact/003M000000JnDoeIAF/view');
  await expectAccount(page, EXPECTED.acme);
});

test('a console app shows the focused primary tab, and follows a switch to another tab', async ({ page }) => {
  await page.goto(`https://acme--uat.sandbox.lightning.force.com/lightning/r/Account/${ACME_SF.slice(0, 15)}/view`);
  await expectAccount(page, EXPECTED.acme);
  // The agent clicks the Globex primary tab: Lightning changes the URL, then swaps which tab is active.
  await page.evaluate((id) => {
    history.pushState({}, '', `/lightning/r/Account/${id}/view`);
    const [globex, acme] = document.querySelectorAll('section.oneConsoleTab');
    setTimeout(() => {
      for (const [section, active] of [[globex, true], [acme, false]] as const) {
        section?.classList.toggle('active', active);
        section?.querySelector('.lafPageHost')?.classList.toggle('active', active);
        if (active) section?.removeAttribute('aria-hidden');
        else section?.setAttribute('aria-hidden', 'true');
      }
    }, 100);
  }, GLOBEX_SF);
  await expectAccount(page, EXPECTED.globex);
});

test('Classic on My Domain: an Account page and a Contact page show their account', async ({ page }) => {
  await page.goto('https://acme.my.salesforce.com/001M000000qfPyS');
  await expectAccount(page, EXPECTED.acme);
  await page.goto('https://acme--uat.sandbox.my.salesforce.com/003M000000JnDoe');
  await expectAccount(page, EXPECTED.acme);
});

test('Lightning behind Microsoft Defender for Cloud Apps shows the account', async ({ page }) => {
  await page.goto(`https://acme.lightning.force.com.mcas.ms/lightning/r/Account/${ACME_SF}/view`);
  await expectAccount(page, EXPECTED.acme);
});

test('a list view shows no panel', async ({ page }) => {
  await page.goto('https://acme.lightning.force.com/lightning/o/Account/list?filterName=Recent');
  await page.waitForTimeout(1500);
  await expect(page.getByTestId('nps-panel-frame')).toHaveCount(0);
});

/** The background's side of the keyboard command (the shortcut itself is browser UI Playwright cannot press). */
async function sendToggle(worker: Worker, url: string) {
  await worker.evaluate(async (tabUrl) => {
    const chrome = (globalThis as unknown as { chrome: ChromeTabs }).chrome;
    const [tab] = await chrome.tabs.query({ url: tabUrl });
    await chrome.tabs.sendMessage(tab!.id!, { channel: 'nps-panel-command', command: 'toggle-panel' }, { frameId: 0 });
  }, url);
}
interface ChromeTabs {
  tabs: {
    query(q: { url: string }): Promise<Array<{ id?: number }>>;
    sendMessage(tabId: number, message: unknown, options: { frameId: number }): Promise<unknown>;
  };
}

test('the keyboard command collapses the panel, the choice holds across records and reloads, and a page cannot fake it', async ({ page, extension }) => {
  const worker = extension.serviceWorker;
  await page.goto(`https://acme.lightning.force.com/lightning/r/Account/${ACME_SF}/view`);
  await expectAccount(page, EXPECTED.acme);
  const frame = page.getByTestId('nps-panel-frame');

  // A page posting lookalike messages changes nothing.
  await page.evaluate(() => window.postMessage({ channel: 'nps-panel-command', command: 'toggle-panel' }, '*'));
  await page.waitForTimeout(300);
  await expect(frame).toBeVisible();

  await sendToggle(worker, 'https://acme.lightning.force.com/*');
  await expect(frame).toBeHidden();
  await page.evaluate((id) => history.pushState({}, '', `/lightning/r/Account/${id}/view`), GLOBEX_SF);
  await page.waitForTimeout(500);
  await expect(frame).toBeHidden();
  await page.reload();
  await page.waitForTimeout(1000);
  await expect(frame).toBeHidden();

  await sendToggle(worker, 'https://acme.lightning.force.com/*');
  await expect(frame).toBeVisible();
  await expectAccount(page, EXPECTED.globex);
});
