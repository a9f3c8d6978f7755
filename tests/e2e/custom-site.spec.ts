/**
 * A CRM on a host of the customer's own (issue 5): a Zendesk host-mapped domain. The content script is
 * registered there, detects the ticket and reports it, but mounts no frame (Chromium would refuse
 * panel.html there); the side panel page shows the account for that tab and follows its navigation.
 *
 * Two things a person does in browser UI that Playwright cannot: granting the host's permission in the
 * prompt, and opening the browser's side panel (`sidePanel.open` needs a user gesture). So this file
 * runs a copy of the built extension whose manifest already holds the host's permission (what the
 * user's "Allow" gives), and opens the side panel's page in a tab, naming the CRM tab in its URL as
 * the side panel itself does for the active tab (`sidepanel.html?tabId=…`).
 */
import { test as base, type Page, type Worker } from '@playwright/test';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EXPECTED, crmAccountsCsv } from '../fixtures/crm/accounts';
import { EXTENSION_DIR, launchWithExtension, type ExtensionBrowser } from './support/chromium';
import { clearExtensionData, switchZendeskTicket } from './support/crm-pages';
import { expect, extensionUrl, importCsv } from './support/fixtures';

const HOST = 'support.acme-corp.test';
const TICKET_URL = `https://${HOST}/agent/tickets/101`;
const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/crm');

const test = base.extend<{ page: Page }, { extension: ExtensionBrowser }>({
  extension: [
    async ({}, use) => {
      const dir = path.join(mkdtempSync(path.join(tmpdir(), 'nps-context-custom-')), 'ext');
      cpSync(EXTENSION_DIR, dir, { recursive: true });
      const manifestPath = path.join(dir, 'manifest.json');
      const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { host_permissions: string[] };
      manifest.host_permissions.push(`https://${HOST}/*`);
      writeFileSync(manifestPath, JSON.stringify(manifest));
      const launched = await launchWithExtension({ extensionDir: dir });
      await use(launched);
      await launched.context.close();
    },
    { scope: 'worker' },
  ],
  page: async ({ extension }, use) => {
    const page = await extension.context.newPage();
    await use(page);
    await page.close();
  },
});
test.describe.configure({ mode: 'serial' });

/** Calls the background's service from the options page, as the options page's own code does. */
async function service(page: Page, extension: ExtensionBrowser, method: string, input: unknown) {
  await page.goto(extensionUrl(extension, 'options.html'));
  const reply = await page.evaluate(
    ([m, i]) =>
      (globalThis as unknown as { chrome: { runtime: { sendMessage(x: unknown): Promise<{ ok: boolean; error?: string }> } } }).chrome.runtime.sendMessage({
        channel: 'nps-service',
        method: m,
        input: i,
      }),
    [method, input] as const,
  );
  expect(reply.ok, reply.error).toBe(true);
}

async function tabIdOf(worker: Worker, url: string): Promise<number> {
  return worker.evaluate(async (u) => {
    const chrome = (globalThis as unknown as { chrome: { tabs: { query(q: { url: string }): Promise<Array<{ id?: number }>> } } }).chrome;
    return (await chrome.tabs.query({ url: u }))[0]!.id!;
  }, url);
}

test.beforeAll(async ({ extension }) => {
  await clearExtensionData(extension);
  const page = await extension.context.newPage();
  await expect(await importCsv(page, extension, 'crm-accounts.csv', crmAccountsCsv())).toHaveAttribute('data-imported', '21');
  await service(page, extension, 'addCustomSite', { host: HOST, crm: 'zendesk' });
  await page.close();
  await extension.context.route(`https://${HOST}/**`, (route) => {
    const url = new URL(route.request().url());
    if (url.pathname.startsWith('/agent/tickets/')) {
      return route.fulfill({ contentType: 'text/html; charset=utf-8', body: readFileSync(path.join(FIXTURES, 'zendesk/ticket-two-panes.html'), 'utf8') });
    }
    return route.fulfill({ status: 404, contentType: 'application/json', body: '{"error":"RecordNotFound"}' });
  });
});
test.afterAll(async ({ extension }) => clearExtensionData(extension));

test('a custom host: the ticket is reported without a frame, and the side panel shows its account and follows it', async ({ page, extension }) => {
  await page.goto(TICKET_URL);
  const tabId = await tabIdOf(extension.serviceWorker, TICKET_URL);
  await expect
    .poll(() =>
      extension.serviceWorker.evaluate(async (id) => {
        const chrome = (globalThis as unknown as { chrome: { storage: { session: { get(k: string): Promise<Record<string, { recordKey?: string }>> } } } }).chrome;
        return (await chrome.storage.session.get(`page:${id}`))[`page:${id}`]?.recordKey;
      }, tabId),
    )
    .toBe(`zendesk:${HOST}:ticket:101`);
  // No frame, no room made, no chrome injected: Chromium would refuse panel.html on this host.
  await expect(page.getByTestId('nps-panel-frame')).toHaveCount(0);
  expect(await page.evaluate(() => document.documentElement.getAttribute('style'))).toBeNull();

  const side = await extension.context.newPage();
  await side.goto(extensionUrl(extension, `sidepanel.html?tabId=${tabId}`));
  await expect(side.getByTestId('panel-account-name')).toHaveText(EXPECTED.acme.name);
  await expect(side.getByTestId('nps-score')).toHaveText(EXPECTED.acme.nps);

  // The agent switches to ticket #102 in the CRM tab: the side panel follows.
  await page.evaluate(switchZendeskTicket, '102');
  await expect(side.getByTestId('panel-account-name')).toHaveText(EXPECTED.globex.name);
  await side.close();
});

test('getPanelData names its tab: an extension page gets that tab, and a tab id that is not a number is refused', async ({ page, extension }) => {
  await page.goto(TICKET_URL);
  const tabId = await tabIdOf(extension.serviceWorker, TICKET_URL);
  const options = await extension.context.newPage();
  await options.goto(extensionUrl(extension, 'options.html'));
  const ask = (input: unknown) =>
    options.evaluate(
      (i) =>
        (globalThis as unknown as { chrome: { runtime: { sendMessage(x: unknown): Promise<{ ok: boolean; value?: { tabId: number; page: { recordKey: string } | null }; error?: string }> } } }).chrome.runtime.sendMessage({
          channel: 'nps-service',
          method: 'getPanelData',
          input: i,
        }),
      input,
    );
  await expect.poll(async () => (await ask({ tabId })).value?.page?.recordKey).toBe(`zendesk:${HOST}:ticket:101`);
  expect((await ask({ tabId })).value?.tabId).toBe(tabId);
  // Without a tab (the options page is in no CRM tab): no page.
  expect((await ask({})).value?.page).toBeNull();
  const bad = await ask({ tabId: 'x' });
  expect(bad.ok).toBe(false);
  expect(bad.error).toMatch(/tabId/);
  await options.close();
});
