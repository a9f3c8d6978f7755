/**
 * Firefox for the end-to-end tests: Debian's `firefox-esr` driven over WebDriver BiDi by puppeteer-core
 * (Playwright's patched Firefox is not available here), with the built `firefox-mv3` add-on installed
 * and its `moz-extension://` UUID fixed by a pref, so its pages have known URLs. CRM pages are served
 * on their real host names by request interception, from the same page generators as the Chromium suite.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import puppeteer, { type Browser, type Frame, type Page } from 'puppeteer-core';
import { salesforceAccountPage, zendeskTicketApiBody, zendeskTicketPage, type CrmFixtureData } from './crm-pages';

export const FIREFOX_BUILD = path.resolve(import.meta.dirname, '../../../.output/firefox-mv3');
const ADDON_ID = 'nps-context@example.org';
const UUID = '6f1c1a5e-1b7d-4b8e-9d6a-2f4e5c7a9b10';

/** The Firefox binary: `FIREFOX_PATH`, else Debian's `firefox-esr`, else `firefox`. */
export function firefoxPath(): string | undefined {
  return [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox'].find((p): p is string => !!p && existsSync(p));
}

export interface FirefoxExtension {
  browser: Browser;
  version: string;
  /** `moz-extension://<uuid>/<page>`. */
  url(page: string): string;
  close(): Promise<void>;
}

export async function launchFirefoxWithExtension(): Promise<FirefoxExtension> {
  const executablePath = firefoxPath();
  if (!executablePath) throw new Error('no Firefox: apt-get install firefox-esr, or set FIREFOX_PATH');
  if (!existsSync(path.join(FIREFOX_BUILD, 'manifest.json'))) throw new Error('no Firefox build: npm run build');
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: true,
    // Lets BiDi open the add-on's own pages (moz-extension://); without it the navigation is refused.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: UUID }),
      // An optional permission asked for (a source's origin) is granted as when the user accepts the
      // prompt, which automation cannot click.
      'extensions.webextOptionalPermissionPrompts': false,
    },
  });
  const installed = await browser.installExtension(FIREFOX_BUILD);
  if (installed !== ADDON_ID) throw new Error(`installed ${installed}, expected ${ADDON_ID}`);
  return {
    browser,
    version: await browser.version(),
    url: (page) => `moz-extension://${UUID}/${page}`,
    close: () => browser.close(),
  };
}

/**
 * Opens one of the add-on's pages. With system access the load event may never be reported, so the
 * navigation is not awaited: the page is ready when `readySelector` is there.
 */
export async function openExtensionPage(extension: FirefoxExtension, page: string, readySelector: string): Promise<Page> {
  const tab = await extension.browser.newPage();
  tab.goto(extension.url(page)).catch(() => undefined);
  await waitFor(tab.mainFrame(), readySelector);
  return tab;
}

/** Polls for a selector (a frame being replaced mid-query is retried, not fatal). */
export async function waitFor(frame: Frame, selector: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await frame.$(selector).then((handle) => !!handle, () => false);
    if (found) return;
    if (Date.now() > deadline) throw new Error(`${selector} did not appear in ${timeoutMs} ms on ${frame.url()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Polls `read` until it returns `expected` (compared as JSON), or fails naming the last value. */
export async function eventually<T>(read: () => Promise<T>, expected: T, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    last = await read().catch(() => undefined);
    if (JSON.stringify(last) === JSON.stringify(expected)) return;
    if (Date.now() > deadline) throw new Error(`expected ${JSON.stringify(expected)}, last read ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

/** Serves the fixture CRM pages (Salesforce accounts, Zendesk tickets and their API) on their real hosts. */
export async function serveCrm(page: Page, data: CrmFixtureData): Promise<void> {
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    const url = new URL(request.url());
    const html = (body: string) => void request.respond({ status: 200, contentType: 'text/html; charset=utf-8', body });
    if (url.hostname.endsWith('.lightning.force.com')) {
      const id = /^\/lightning\/r\/(?:Account\/)?(001[A-Za-z0-9]{12,15})\/view/.exec(url.pathname)?.[1];
      const account = data.salesforceAccounts.find((a) => id && a.id.slice(0, 15) === id.slice(0, 15));
      return account ? html(salesforceAccountPage(account)) : void request.respond({ status: 404, body: '' });
    }
    if (url.hostname.endsWith('.zendesk.com')) {
      const tickets = data.zendeskTickets ?? {};
      const api = /^\/api\/v2\/tickets\/(\d+)\.json$/.exec(url.pathname);
      if (api && tickets[api[1]!]) {
        return void request.respond({ status: 200, contentType: 'application/json', body: zendeskTicketApiBody(api[1]!, tickets[api[1]!]!) });
      }
      const ticket = /^\/agent\/tickets\/(\d+)/.exec(url.pathname)?.[1];
      if (ticket && tickets[ticket]) return html(zendeskTicketPage(ticket, tickets[ticket]));
      return void request.respond({ status: 404, body: '' });
    }
    void request.continue();
  });
}

/** The panel's frame on a CRM page (Firefox lists it as `about:blank`, but queries inside it work). */
export async function panelFrame(page: Page): Promise<Frame> {
  await waitFor(page.mainFrame(), '[data-testid="nps-panel-frame"]');
  const deadline = Date.now() + 20_000;
  for (;;) {
    for (const frame of page.frames()) {
      if (frame === page.mainFrame()) continue;
      if (await frame.$('[data-testid="nps-panel"]').then((h) => !!h, () => false)) return frame;
    }
    if (Date.now() > deadline) throw new Error('the panel did not render in its frame');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Stops the add-on's background (Firefox's event page) as about:debugging's "Terminate background
 * script" does, and resolves once the page has shown it stopped (the next event or message, often
 * within a fraction of a second, starts a new one: the status is watched, not polled).
 */
export async function terminateBackground(extension: FirefoxExtension): Promise<void> {
  const page = await extension.browser.newPage();
  try {
    page.goto('about:debugging#/runtime/this-firefox').catch(() => undefined);
    const button = '.qa-temporary-extension-terminate-bgscript-button';
    await waitFor(page.mainFrame(), button);
    await page.evaluate(() => {
      const seen = globalThis as unknown as { sawStopped?: boolean };
      seen.sawStopped = false;
      new MutationObserver(() => {
        if (document.querySelector('.extension-backgroundscript__status--stopped')) seen.sawStopped = true;
      }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    });
    await page.click(button);
    // (waitForFunction compiles a function, which system pages refuse: poll instead.)
    await eventually(() => page.evaluate(() => (globalThis as unknown as { sawStopped?: boolean }).sawStopped === true), true, 10_000);
  } finally {
    await page.close();
  }
}

/** Calls the background service from an add-on page, as the add-on's own pages do. */
export async function callService<T>(page: Page, method: string, input: unknown): Promise<T> {
  const reply = await page.evaluate(
    (m, i) =>
      (globalThis as unknown as { browser: { runtime: { sendMessage(message: unknown): Promise<{ ok: boolean; value?: unknown; error?: string }> } } }).browser.runtime.sendMessage({
        channel: 'nps-service', method: m, input: i,
      }),
    method,
    input,
  );
  if (!reply.ok) throw new Error(`${method}: ${reply.error}`);
  return reply.value as T;
}

/** Types into an input as a user would (its old value selected and replaced). */
export async function fill(page: Page, selector: string, text: string): Promise<void> {
  await page.click(selector, { count: 3 });
  await page.keyboard.press('Backspace');
  await page.type(selector, text);
}

/** An attribute or the text of the first element matching `selector` in `frame`. */
export function read(frame: Frame, selector: string, attribute?: string): Promise<string | null> {
  return frame.$eval(selector, (el, name) => (name ? el.getAttribute(name) : el.textContent), attribute);
}
