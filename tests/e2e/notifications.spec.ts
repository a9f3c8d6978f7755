/**
 * Follow-up notifications in Chromium: turned on from the options page, an action that becomes overdue
 * raises one notification, and only one: not again after the service worker was stopped and started.
 *
 * Automation cannot click the browser's permission prompt, so this test runs a copy of the built extension
 * whose manifest already holds `notifications` (as it would once the user accepted the prompt); the
 * options page's `permissions.request` then resolves at once. The shipped manifest keeps it optional.
 */
import { expect, test as base, type Page } from '@playwright/test';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EXTENSION_DIR, launchWithExtension, type ExtensionBrowser } from './support/chromium';
import { extensionUrl, importCsv } from './support/fixtures';

interface Chrome {
  notifications: { getAll(): Promise<Record<string, boolean>>; clear(id: string): Promise<boolean> };
  storage: { local: { get(key: string): Promise<Record<string, unknown>>; set(items: Record<string, unknown>): Promise<void> } };
  alarms: { get(name: string): Promise<{ periodInMinutes?: number } | undefined> };
}

const test = base.extend<{ extension: ExtensionBrowser }>({
  extension: async ({}, use) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'nps-context-granted-'));
    cpSync(EXTENSION_DIR, dir, { recursive: true });
    const manifestPath = path.join(dir, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { permissions: string[]; optional_permissions?: string[] };
    expect(manifest.optional_permissions).toContain('notifications');
    manifest.permissions.push('notifications');
    manifest.optional_permissions = manifest.optional_permissions!.filter((p) => p !== 'notifications');
    writeFileSync(manifestPath, JSON.stringify(manifest));
    const extension = await launchWithExtension({ extensionDir: dir });
    await use(extension);
    await extension.context.close();
    rmSync(dir, { recursive: true, force: true });
  },
});

const DAY = 86_400_000;
const iso = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY).toISOString().slice(0, 10);
/** Runs `fn` with the extension API in one of the extension's own pages (it outlives the worker). */
const inExtension = <T>(page: Page, fn: (chrome: Chrome) => Promise<T>) =>
  page.evaluate(async (source) => {
    const chrome = (globalThis as unknown as { chrome: Chrome }).chrome;
    return (new Function('chrome', `return (${source})(chrome)`) as (c: Chrome) => Promise<T>)(chrome);
  }, fn.toString());

test('an action that becomes overdue raises one notification, once, even after the service worker was stopped and started', async ({ extension }) => {
  const page = await extension.context.newPage();
  await expect(await importCsv(page, extension, 'base.csv', ['response_id,account_id,account_name,score,responded_at', `b1,OVR,Overdue Co,9,${iso(5)}`].join('\n'))).toHaveAttribute('data-imported', '1');

  // Turned on: what is already true is the baseline, announced to nobody.
  await page.goto(extensionUrl(extension, 'options.html#follow-up'));
  await page.getByTestId('followup-notifications').click();
  await expect(page.getByTestId('followup-notifications')).toBeChecked();
  await expect(page.getByTestId('followup-message')).toContainText('You will be notified');
  await expect.poll(() => inExtension(page, async (c) => (await c.storage.local.get('notify.state'))['notify.state'] !== undefined), { timeout: 20_000 }).toBe(true);
  expect(await inExtension(page, (c) => c.alarms.get('attention-refresh'))).toMatchObject({ periodInMinutes: 60 });

  // An action that is overdue arrives: one notification.
  const actions = ['action_id,account_id,account_name,title,status,due_date', `late-1,OVR,Overdue Co,Send the roadmap,open,${iso(2)}`].join('\n');
  await expect(await importCsv(page, extension, 'late.csv', actions)).toHaveAttribute('data-imported', '1');
  await expect.poll(() => inExtension(page, (c) => c.notifications.getAll()), { timeout: 20_000 }).toEqual({ 'overdue:late-1': true });
  await inExtension(page, (c) => c.notifications.clear('overdue:late-1'));
  const before = (await inExtension(page, async (c) => (await c.storage.local.get('attention.index'))['attention.index'])) as { computedAt: number };

  // The worker stops (as the browser stops an idle one) with a change left unranked (the mark a change
  // leaves until a pass has ranked it), and starts again: its pass runs, and says nothing new. (A worker
  // that wakes to a fresh index and nothing unranked runs no pass: the unit tests show that.)
  await inExtension(page, (c) => c.storage.local.set({ 'attention.pending': true }));
  const cdp = await extension.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await page.goto(extensionUrl(extension, 'popup.html'));
  await expect
    .poll(async () => ((await inExtension(page, async (c) => (await c.storage.local.get('attention.index'))['attention.index'])) as { computedAt: number }).computedAt, { timeout: 30_000 })
    .toBeGreaterThan(before.computedAt);
  expect(await inExtension(page, (c) => c.notifications.getAll())).toEqual({});
  const state = (await inExtension(page, async (c) => (await c.storage.local.get('notify.state'))['notify.state'])) as { sent: string[] };
  expect(state.sent.filter((k) => k === 'overdue:late-1')).toHaveLength(1);
});
