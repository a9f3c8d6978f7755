/**
 * The panel's chrome on CRM pages (issue 6): docked at the right edge without covering the CRM's own
 * controls (app shells with fixed and absolute layouts included), collapsible to a slim tab, resizable
 * by pointer and keyboard, remembered per CRM, in the page's light or dark theme, and absent where the
 * user turned the CRM off.
 */
import type { CDPSession, Page, Worker } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ACME_SF } from '../fixtures/crm/accounts';
import { expect, test } from './support/fixtures';

test.use({ crmData: { salesforceAccounts: [{ id: ACME_SF, name: 'Acme Corp' }], fixturePages: true } });
test.describe.configure({ mode: 'serial' });
// The browser is shared with the files that follow: leave every CRM on and the panel's layout as it was.
test.afterAll(async ({ extension }) => {
  const page = await extension.context.newPage();
  try {
    await page.goto(`chrome-extension://${extension.extensionId}/options.html`);
    await page.evaluate(() =>
      (globalThis as unknown as { chrome: { storage: { local: { remove(keys: string[]): Promise<void> } } } }).chrome.storage.local.remove([
        'settings.sites',
        'panelPrefs:salesforce',
        'panelPrefs:zendesk',
      ]),
    );
  } finally {
    await page.close();
  }
});

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/crm');
const SF_SHELL = `https://shell.lightning.force.com/lightning/r/Account/${ACME_SF}/view`;
const ZD_SHELL = 'https://shell.zendesk.com/agent/tickets/101';
const SF_STORED = `https://acme.lightning.force.com/lightning/r/Account/${ACME_SF}/view`;
const SF_GENERATED = `https://generated.lightning.force.com/lightning/r/Account/${ACME_SF}/view`;

/** Serves the app-shell fixture pages at their URLs (ahead of the generic routes). */
async function serveShells(page: Page) {
  const serve = (url: string, file: string) =>
    page.route(url, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: readFileSync(path.join(FIXTURES, file), 'utf8') }));
  await serve(SF_SHELL, 'salesforce/account-app-shell.html');
  await serve(ZD_SHELL, 'zendesk/ticket-app-shell-dark.html');
}

/** Writes `storage.local` from one of the extension's own pages, as the options and panel pages do. */
async function setStorage(worker: Worker, items: Record<string, unknown>) {
  await worker.evaluate((i) => (globalThis as unknown as { chrome: ChromeApi }).chrome.storage.local.set(i), items);
}
async function getStorage(worker: Worker, key: string): Promise<unknown> {
  return worker.evaluate(async (k) => (await (globalThis as unknown as { chrome: ChromeApi }).chrome.storage.local.get(k))[k], key);
}
interface ChromeApi {
  storage: { local: { set(i: unknown): Promise<void>; get(k: string | null): Promise<Record<string, unknown>>; remove(k: string[]): Promise<void> }; session: { get(k: null): Promise<Record<string, unknown>> } };
  tabs: { query(q: { url: string }): Promise<Array<{ id?: number }>>; sendMessage(id: number, m: unknown, o: { frameId: number }): Promise<unknown> };
}

async function resetPrefs(worker: Worker) {
  await worker.evaluate(() =>
    (globalThis as unknown as { chrome: ChromeApi }).chrome.storage.local.remove(['panelPrefs:salesforce', 'panelPrefs:zendesk', 'settings.sites']),
  );
}

/** The frame's box, once it is shown. */
async function frameBox(page: Page) {
  const frame = page.getByTestId('nps-panel-frame');
  await expect(frame).toBeVisible();
  return (await frame.boundingBox())!;
}

/** Each control is left of `edge` and is what a click at its centre reaches. */
async function expectUncovered(page: Page, selectors: string[], edge: number) {
  for (const selector of selectors) {
    const box = (await page.locator(selector).boundingBox())!;
    expect(box, selector).not.toBeNull();
    expect(box.x + box.width, `${selector} ends left of the panel`).toBeLessThanOrEqual(edge + 0.5);
    const hit = await page.evaluate(([sel, x, y]) => {
      const target = document.querySelector(sel as string);
      const el = document.elementFromPoint(x as number, y as number);
      return !!target && !!el && (el === target || target.contains(el));
    }, [selector, box.x + box.width / 2, box.y + box.height / 2] as const);
    expect(hit, `${selector} is what its centre hits`).toBe(true);
  }
}

/** The accessibility tree's node with this role and name, seen through closed shadow roots. */
async function axNode(cdp: CDPSession, role: string, name: string) {
  const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
  const { nodes } = (await cdp.send('Accessibility.queryAXTree', { backendNodeId: root.backendNodeId, accessibleName: name, role })) as unknown as {
    nodes: Array<{ backendDOMNodeId?: number; properties?: Array<{ name: string; value: { value: unknown } }> }>;
  };
  return nodes[0];
}

test.beforeEach(async ({ extension }) => resetPrefs(extension.serviceWorker));

test("docked at the right edge, the panel covers none of the CRM's controls on app shells and plain pages", async ({ page }) => {
  await serveShells(page);
  const viewport = page.viewportSize()!;
  const cases: Array<[string, string[]]> = [
    [SF_SHELL, ['#setup', '#avatar', '#delete', '#edit', 'records-highlights2 h1', '#notes']],
    [ZD_SHELL, ['#submit', '#customer-context', '#apps', 'input[data-test-id="omni-header-subject"]']],
    [SF_STORED, ['.active records-highlights2 h1']],
    [SF_GENERATED, ['.active .buttons button:last-child', '.active records-highlights2 h1', '.slds-global-header input']],
  ];
  for (const [url, controls] of cases) {
    await page.goto(url);
    const box = await frameBox(page);
    expect(Math.round(box.x + box.width), url).toBe(viewport.width);
    expect(box.width).toBe(380);
    expect(box.height).toBe(viewport.height);
    await expectUncovered(page, controls, box.x);
  }
  // A list view (no record) gives the page its whole width back.
  await page.goto('https://acme.lightning.force.com/lightning/o/Account/list');
  await page.waitForTimeout(800);
  expect(await page.evaluate(() => document.documentElement.getBoundingClientRect().width)).toBe(viewport.width);
});

test('collapses to a slim tab that a keyboard can reach, expands from it, and remembers it per CRM', async ({ page, extension }) => {
  await serveShells(page);
  const worker = extension.serviceWorker;
  await page.goto(SF_SHELL);
  await frameBox(page);
  // The panel page's collapse button writes the preference; the content script follows it.
  await setStorage(worker, { 'panelPrefs:salesforce': { collapsed: true, width: 380 } });
  await expect(page.getByTestId('nps-panel-frame')).toBeHidden();
  const tab = page.getByTestId('nps-panel-tab');
  await expect(tab).toBeVisible();
  const tabBox = (await tab.boundingBox())!;
  expect(Math.round(tabBox.x + tabBox.width)).toBe(page.viewportSize()!.width);
  expect(tabBox.width).toBeLessThanOrEqual(32);
  await expectUncovered(page, ['#setup', '#avatar', '#delete', '#notes'], tabBox.x);

  // Held across a reload; another CRM's panel is not collapsed by it.
  await page.reload();
  await expect(tab).toBeVisible();
  await expect(page.getByTestId('nps-panel-frame')).toHaveCount(0);
  await page.goto(ZD_SHELL);
  await frameBox(page);
  await page.goto(SF_SHELL);
  await expect(tab).toBeVisible();

  // A button with a name, reached and pressed from the keyboard, inside a closed shadow root.
  const cdp = await page.context().newCDPSession(page);
  const button = await axNode(cdp, 'button', 'Show the NPS panel');
  expect(button?.properties?.find((p) => p.name === 'focusable')?.value.value).toBe(true);
  await cdp.send('DOM.focus', { backendNodeId: button!.backendDOMNodeId! });
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('nps-panel-frame')).toBeVisible();
  await expect(tab).toBeHidden();
  await expect.poll(() => getStorage(worker, 'panelPrefs:salesforce')).toEqual({ collapsed: false, width: 380 });
});

test('the keyboard command collapses and expands the panel', async ({ page, extension }) => {
  await serveShells(page);
  await page.goto(SF_SHELL);
  await frameBox(page);
  const toggle = () =>
    extension.serviceWorker.evaluate(async (url) => {
      const chrome = (globalThis as unknown as { chrome: ChromeApi }).chrome;
      const [t] = await chrome.tabs.query({ url });
      await chrome.tabs.sendMessage(t!.id!, { channel: 'nps-panel-command', command: 'toggle-panel' }, { frameId: 0 });
    }, SF_SHELL);
  await toggle();
  await expect(page.getByTestId('nps-panel-tab')).toBeVisible();
  await expect(page.getByTestId('nps-panel-frame')).toBeHidden();
  await toggle();
  await expect(page.getByTestId('nps-panel-frame')).toBeVisible();
  await expect(page.getByTestId('nps-panel-tab')).toBeHidden();
});

test('resized by dragging its edge or with arrow keys, clamped, the page following, and remembered', async ({ page, extension }) => {
  await serveShells(page);
  const worker = extension.serviceWorker;
  await page.goto(SF_SHELL);
  const before = await frameBox(page);
  const handle = (await page.getByTestId('nps-panel-resize').boundingBox())!;
  const y = handle.y + handle.height / 2;
  await page.mouse.move(handle.x + handle.width / 2, y);
  await page.mouse.down();
  await page.mouse.move(handle.x - 60, y, { steps: 4 });
  await page.mouse.move(handle.x - 100, y, { steps: 4 });
  await page.mouse.up();
  const wider = await frameBox(page);
  expect(wider.width).toBeGreaterThanOrEqual(before.width + 95);
  expect(wider.width).toBeLessThanOrEqual(before.width + 105);
  await expect.poll(async () => ((await getStorage(worker, 'panelPrefs:salesforce')) as { width: number }).width).toBe(wider.width);
  await expectUncovered(page, ['#setup', '#avatar', '#delete'], wider.x);

  // Far past the limit: clamped.
  await page.mouse.move(wider.x + 4, y);
  await page.mouse.down();
  await page.mouse.move(10, y, { steps: 5 });
  await page.mouse.up();
  expect((await frameBox(page)).width).toBe(720);

  // Keyboard: the focused handle, arrow right narrows by 16 px.
  const cdp = await page.context().newCDPSession(page);
  const separator = await axNode(cdp, 'separator', 'Resize the NPS panel');
  await cdp.send('DOM.focus', { backendNodeId: separator!.backendDOMNodeId! });
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  expect((await frameBox(page)).width).toBe(688);
  await page.keyboard.press('Home');
  expect((await frameBox(page)).width).toBe(300);

  await page.reload();
  expect((await frameBox(page)).width).toBe(300);
});

test("the panel is told the page's theme in its URL, and follows it after a navigation", async ({ page }) => {
  await serveShells(page);
  const frame = page.getByTestId('nps-panel-frame');
  await page.goto(ZD_SHELL);
  await expect(frame).toHaveAttribute('src', /#theme=dark$/);
  await page.goto(SF_SHELL);
  await expect(frame).toHaveAttribute('src', /#theme=light$/);
  // The CRM switches to its dark theme, then the user opens another record.
  await page.evaluate(() => {
    document.body.style.background = '#16191d';
    for (const el of document.querySelectorAll<HTMLElement>('.viewport, records-highlights2')) el.style.background = '#16191d';
    history.pushState({}, '', '/lightning/r/Account/001M000000GlbXaIAJ/view');
  });
  await expect(frame).toHaveAttribute('src', /#theme=dark$/);
  await expect(page.frameLocator('[data-testid="nps-panel-frame"]').getByTestId('nps-panel')).toBeAttached();
});

test("what the page can read of the frame's URL names no stable extension id (the session's dynamic id only)", async ({ page, extension }) => {
  // The frame stays in the page's light DOM, where the `nps-panel-frame` hook finds it; its URL, which any
  // script of the page can read, carries the per-session id the browser gives web-accessible resources.
  await serveShells(page);
  await page.goto(SF_SHELL);
  await expect(page.getByTestId('nps-panel-frame')).toHaveAttribute('src', /panel\.html/);
  const src = await page.evaluate(() => document.querySelector<HTMLIFrameElement>('iframe[data-testid="nps-panel-frame"]')?.src ?? '');
  expect(new URL(src).protocol).toBe('chrome-extension:');
  expect(new URL(src).host).not.toBe(extension.extensionId);
  expect(src).not.toContain(extension.extensionId);
});

test('a CRM turned off in the settings gets no frame and no report, and comes back when turned on', async ({ page, extension }) => {
  await serveShells(page);
  const worker = extension.serviceWorker;
  await setStorage(worker, { 'settings.sites': { disabledCrms: ['salesforce'] } });
  await page.goto(SF_SHELL);
  const tabId = await worker.evaluate(async (url) => (await (globalThis as unknown as { chrome: ChromeApi }).chrome.tabs.query({ url }))[0]?.id, SF_SHELL);
  const reported = () =>
    worker.evaluate(async (id) => `page:${id}` in (await (globalThis as unknown as { chrome: ChromeApi }).chrome.storage.session.get(null)), tabId);
  await page.waitForTimeout(1200);
  await expect(page.getByTestId('nps-panel-frame')).toHaveCount(0);
  expect(await reported()).toBe(false);
  expect(await page.evaluate(() => document.documentElement.getAttribute('style'))).toBeNull();

  // Turned on in the options page: the open page shows the panel without a reload.
  await setStorage(worker, { 'settings.sites': { disabledCrms: [] } });
  await frameBox(page);
  expect(await reported()).toBe(true);

  // Off again: the panel goes, the page gets its width back, and the tab's page is withdrawn.
  await setStorage(worker, { 'settings.sites': { disabledCrms: ['zendesk', 'salesforce'] } });
  await expect(page.getByTestId('nps-panel-frame')).toBeHidden();
  await expect.poll(() => page.evaluate(() => document.documentElement.getBoundingClientRect().width)).toBe(page.viewportSize()!.width);
  await expect.poll(reported).toBe(false);
});
