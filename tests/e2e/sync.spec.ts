/**
 * The HTTP data source end to end (issue 8): the reference server on loopback, the built extension in
 * Chromium, configured through its options page. The panel shows the server's numbers; a sync cut off
 * by the service worker stopping resumes with every row once; twenty panels make one request; an action
 * written while the server fails arrives once, and a change made on both sides is shown as a conflict;
 * a malformed answer is named and the last good data stays.
 *
 * This file runs its own browser (it stops the service worker, which would disturb other files), once
 * against the reference server on SQLite and once on Postgres.
 */
import { test, expect, type Page } from '@playwright/test';
import { DEMO_ACCOUNTS } from '../../lib/sample';
import { buildAccountContext, formatNps } from '../../lib/nps';
import type { Action } from '../../lib/model';
import type { Freshness } from '../../lib/model/page';
import type { StoreCounts } from '../../lib/store';
import { postgresBinDir, startCluster } from '../../server/testing/postgres-cluster';
import { launchWithExtension, type ExtensionBrowser } from './support/chromium';
import { serveCrmFixtures } from './support/crm-pages';
import {
  SOURCE_TOKEN,
  callService,
  configureSourceInOptions,
  grantOrigin,
  startSourceHarness,
  stopServiceWorkers,
  type SourceHarness,
} from './support/source-server';

test.describe.configure({ mode: 'serial' });

const [ACME, GLOBEX, INITECH] = DEMO_ACCOUNTS as [(typeof DEMO_ACCOUNTS)[number], (typeof DEMO_ACCOUNTS)[number], (typeof DEMO_ACCOUNTS)[number]];
const accountUrl = (sf: string) => `https://e2e.lightning.force.com/lightning/r/Account/${sf}/view`;

let browser: ExtensionBrowser;
let source: SourceHarness;
let options: Page;
let cluster: { url: string; stop(): Promise<void> } | undefined;

/**
 * Against the reference server on SQLite, then on Postgres (a throwaway cluster; without Postgres the
 * second half is skipped with the reason, except in CI, where it must run).
 */
const BACKENDS = ['sqlite', 'postgres'] as const;
const NO_POSTGRES = postgresBinDir() ? undefined : 'no Postgres (initdb and postgres) on this machine: apt-get install postgresql';

/** What the panel must show for an account, computed from the server's own records. */
async function expectedHeadline(accountId: string) {
  const context = (await source.server.storage.context(accountId, 'all'))!;
  const { overall } = buildAccountContext(
    { account: context.account, responses: context.responses, actions: context.actions, sends: context.sends },
    { now: Date.now(), window: '365d', rule: 'all' },
  );
  return { n: String(overall.n), score: overall.withheld || overall.nps === null ? '—' : formatNps(overall.nps) };
}

async function expectPanelShows(page: Page, account: { id: string; name: string }) {
  const frame = page.frameLocator('[data-testid="nps-panel-frame"]');
  await expect(frame.getByTestId('nps-panel')).toHaveAttribute('data-state', 'ready', { timeout: 15_000 });
  await expect(frame.getByTestId('panel-account-name')).toHaveText(account.name);
  const expected = await expectedHeadline(account.id);
  await expect(frame.getByTestId('nps-n')).toHaveText(expected.n);
  await expect(frame.getByTestId('nps-score')).toHaveText(expected.score);
}

const routeCount = (route: string) => source.server.requestCounts()[route] ?? 0;
const CONTEXT = 'GET /v1/accounts/{id}/context';

async function syncState(page: Page) {
  const status = page.getByTestId('source-sync-status');
  return {
    state: await status.getAttribute('data-state'),
    pages: Number(await status.getAttribute('data-pages')),
    rows: Number(await status.getAttribute('data-rows')),
  };
}

for (const backend of BACKENDS) test.describe(`on ${backend}`, () => {
  test.skip(backend === 'postgres' && !!NO_POSTGRES && !process.env.CI, NO_POSTGRES);

  test.beforeAll(async () => {
    let dbPath: string | undefined;
    if (backend === 'postgres') {
      cluster = await startCluster();
      dbPath = cluster.url;
    }
    source = await startSourceHarness({ accounts: 60, dbPath });
    browser = await launchWithExtension();
    await serveCrmFixtures(browser.context, {
      salesforceAccounts: [ACME, GLOBEX, INITECH].map((a) => ({ id: a.salesforceIds[0]!, name: a.name, domain: a.domains[0] })),
    });
    // What the browser's prompt does when the user accepts it (automation cannot click it).
    await grantOrigin(browser.context, browser.extensionId, 'http://127.0.0.1/*');
    options = await browser.context.newPage();
  });

  test.afterAll(async () => {
    await browser?.context.close();
    await source?.close();
    await cluster?.stop();
    cluster = undefined;
  });

  test('configured in the options page, the panel shows the server’s numbers', async () => {
    await configureSourceInOptions(options, browser.extensionId, { url: source.url, token: SOURCE_TOKEN, name: 'Reference source' });
    // The token never comes back to a page.
    const status = await callService<Record<string, unknown>>(options, 'getSourceStatus', {});
    expect(JSON.stringify(status)).not.toContain(SOURCE_TOKEN);
    expect(status).toMatchObject({ kind: 'http', hasToken: true, permissionGranted: true });

    const page = await browser.context.newPage();
    await page.goto(accountUrl(ACME.salesforceIds[0]!));
    await expectPanelShows(page, ACME);
    await page.close();

    // The first sync, started by Save, completes and stores what the server has.
    await expect(options.getByTestId('source-sync-status')).toHaveAttribute('data-state', 'idle', { timeout: 30_000 });
    expect(await callService<StoreCounts>(options, 'getStats', {})).toEqual((await source.server.storage.counts()));
  });

  test('a sync cut off by the service worker stopping resumes: every changed row stored once, none missed', async () => {
    // New data on the server, delivered slowly so the sync is still under way when the worker stops.
    const since = source.server.storage.now();
    const now = Date.now();
    await source.server.storage.writeBatch({
      accounts: [],
      responses: Array.from({ length: 2400 }, (_, i) => ({
        id: `late-${i}`,
        accountId: [ACME, GLOBEX, INITECH][i % 3]!.id,
        score: i % 11,
        respondedAt: now - i * 60_000,
        tags: [],
        excluded: false,
        updatedAt: now,
      })),
    });
    let changedRows = 0;
    for (let cursor: string | undefined, first = true; ; first = false) {
      const page = await source.server.storage.changes(first ? { updatedSince: since, limit: 500 } : { cursor, limit: 500 });
      changedRows += page.accounts.length + page.responses.length + page.actions.length + page.sends.length;
      cursor = page.nextCursor;
      if (!page.hasMore) break;
    }
    source.server.resetRequestCounts();
    source.server.injectFault({ path: '/v1/changes', delayMs: 800, count: 100 });

    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.getByTestId('source-sync').click();
    // The status of the sync before this one may still be on screen: wait for this one, two pages in.
    await expect
      .poll(async () => {
        const state = await syncState(options);
        return state.state === 'running' && state.pages >= 2;
      }, { timeout: 20_000 })
      .toBe(true);
    const before = await syncState(options);
    expect(before.state).toBe('running');

    // Resolves once the browser reports the worker stopped (nothing of the sync is left running in memory).
    await stopServiceWorkers(options);
    const cutOff = await syncState(options);
    // The extension's next message wakes a new worker, which resumes from the cursor IndexedDB holds.
    await options.reload();
    await expect(options.getByTestId('source-sync-status')).toHaveAttribute('data-state', 'idle', { timeout: 30_000 });
    source.server.clearFaults();

    const after = await syncState(options);
    expect(await callService<StoreCounts>(options, 'getStats', {})).toEqual((await source.server.storage.counts()));
    // Each changed row was stored by exactly one page: nothing applied twice, nothing skipped.
    expect(after.rows).toBe(changedRows);
    // Only the page in flight when the worker stopped was asked for twice.
    expect(routeCount('GET /v1/changes')).toBeLessThanOrEqual(after.pages + 1);
    expect(after.pages).toBeGreaterThan(Math.max(before.pages, cutOff.pages));
  });

  test('twenty panels opening the same account make one context request', async () => {
    // Forget everything so the account must come from the server.
    await callService(options, 'clearData', {});
    source.server.resetRequestCounts();
    const pages = await Promise.all(Array.from({ length: 20 }, () => browser.context.newPage()));
    try {
      await Promise.all(pages.map((page) => page.goto(accountUrl(GLOBEX.salesforceIds[0]!))));
      for (const page of pages) await expectPanelShows(page, GLOBEX);
      expect(routeCount(CONTEXT)).toBe(1);
      expect(routeCount('GET /v1/accounts/lookup')).toBe(1);
    } finally {
      await Promise.all(pages.map((page) => page.close()));
    }
  });

  test('an action written while the server fails arrives once; a change on both sides is a visible conflict', async () => {
    const page = await browser.context.newPage();
    await page.goto(accountUrl(GLOBEX.salesforceIds[0]!));
    await expectPanelShows(page, GLOBEX);
    await page.close();

    source.server.injectFault({ path: '/v1/actions', status: 503, count: 1000 });
    const actionsBefore = (await source.server.storage.counts()).actions;
    const action: Action = {
      id: 'e2e-offline-action',
      accountId: GLOBEX.id,
      title: 'Call Globex’s CFO about the renewal',
      status: 'open',
      createdAt: Date.now(),
      updatedAt: Date.now(),
    };
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await callService(options, 'saveAction', action);
    await expect(options.getByTestId('source-outbox')).toHaveAttribute('data-pending', '1');
    expect((await source.server.storage.getAction(action.id))).toBeUndefined();

    // The source answers again: the queued write is delivered (Sync now also sends what is queued).
    source.server.clearFaults();
    await options.getByTestId('source-sync').click();
    await expect(options.getByTestId('source-outbox')).toHaveAttribute('data-pending', '0', { timeout: 15_000 });
    expect((await source.server.storage.getAction(action.id))?.title).toBe(action.title);
    expect((await source.server.storage.counts()).actions).toBe(actionsBefore + 1);

    // Someone changes it on the server; the user changes it here before seeing that.
    await source.server.storage.changeAction(action.id, { title: 'Globex renewal: CFO call moved to Q3' });
    await callService(options, 'setActionStatus', { actionId: action.id, status: 'done' });
    const conflict = options.getByTestId('source-conflict');
    await expect(conflict).toHaveCount(1, { timeout: 15_000 });
    await expect(conflict.getByTestId('conflict-theirs')).toHaveText('Globex renewal: CFO call moved to Q3');
    await expect(conflict.getByTestId('conflict-mine')).toHaveText(action.title);

    await conflict.getByTestId('conflict-keep-mine').click();
    await expect(conflict).toHaveCount(0, { timeout: 15_000 });
    await expect.poll(async () => (await source.server.storage.getAction(action.id))?.status).toBe('done');
    expect((await source.server.storage.counts()).actions).toBe(actionsBefore + 1);
  });

  test('a follow-up edited and annotated in the panel while the server fails arrives once, with its note; a change on both sides is a visible conflict', async () => {
    const page = await browser.context.newPage();
    await page.goto(accountUrl(INITECH.salesforceIds[0]!));
    await expectPanelShows(page, INITECH);
    const action: Action = { id: 'e2e-edit-offline', accountId: INITECH.id, title: 'Call Initech about the outage', status: 'open', createdAt: Date.now(), updatedAt: Date.now() };
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await callService(options, 'saveAction', action);
    await options.getByTestId('source-sync').click();
    await expect(options.getByTestId('source-outbox')).toHaveAttribute('data-pending', '0', { timeout: 15_000 });
    const actionsBefore = (await source.server.storage.counts()).actions;
    const frame = page.frameLocator('[data-testid="nps-panel-frame"]');
    const item = frame.getByTestId('actions-open').locator(`[data-testid="action-item"][data-action-id="${action.id}"]`);

    // Offline: the owner, the due date and a note, each kept here and queued.
    source.server.injectFault({ path: '/v1/actions', status: 503, count: 1000 });
    await item.getByTestId('action-edit').click();
    await item.getByTestId('action-edit-owner').fill('Alice');
    await item.getByTestId('action-edit-due').fill('2099-02-01');
    await item.getByTestId('action-edit-save').click();
    await expect(item.getByTestId('action-owner')).toHaveText('Alice');
    await item.getByTestId('action-edit').click();
    await item.getByTestId('action-note-input').fill('Spoke to Bill; patch next week.');
    await item.getByTestId('action-note-add').click();
    await expect(item.getByTestId('action-note-text')).toHaveText('Spoke to Bill; patch next week.');
    await item.getByTestId('action-edit-cancel').click();
    expect((await source.server.storage.getAction(action.id))?.owner).toBeUndefined();

    // Back online: delivered once, note and all.
    source.server.clearFaults();
    await options.getByTestId('source-sync').click();
    await expect(options.getByTestId('source-outbox')).toHaveAttribute('data-pending', '0', { timeout: 15_000 });
    await expect.poll(async () => (await source.server.storage.getAction(action.id))?.notes?.map((n) => n.text)).toEqual(['Spoke to Bill; patch next week.']);
    expect((await source.server.storage.getAction(action.id))).toMatchObject({ owner: 'Alice', dueDate: '2099-02-01' });
    expect((await source.server.storage.counts()).actions).toBe(actionsBefore);

    // Someone renames it on the server; the user moves its due date here before seeing that (no read of the
    // server's data reaches this browser meanwhile): a conflict to decide.
    source.server.injectFault({ path: '/v1/accounts', status: 503, count: 1000 });
    source.server.injectFault({ path: '/v1/changes', status: 503, count: 1000 });
    await source.server.storage.changeAction(action.id, { title: 'Initech outage: call moved to Monday' });
    await item.getByTestId('action-edit').click();
    await item.getByTestId('action-edit-due').fill('2099-03-01');
    await item.getByTestId('action-edit-save').click();
    const conflict = options.getByTestId('source-conflict');
    await expect(conflict).toHaveCount(1, { timeout: 15_000 });
    await expect(conflict.getByTestId('conflict-theirs')).toHaveText('Initech outage: call moved to Monday');
    source.server.clearFaults();
    await conflict.getByTestId('conflict-take-theirs').click();
    await expect(conflict).toHaveCount(0, { timeout: 15_000 });
    expect((await source.server.storage.getAction(action.id))).toMatchObject({ title: 'Initech outage: call moved to Monday', dueDate: '2099-02-01' });
    await page.close();
  });

  test('a malformed answer is named, and the panel keeps the last good data', async () => {
    const page = await browser.context.newPage();
    await page.goto(accountUrl(INITECH.salesforceIds[0]!));
    await expectPanelShows(page, INITECH);

    source.spoil = (path, body) => {
      if (!path.endsWith('/context')) return body;
      const spoiled = body as { responses: Array<{ score: unknown }> };
      spoiled.responses[0]!.score = 'ten';
      return spoiled;
    };
    try {
      const freshness = await callService<Freshness>(options, 'refreshAccount', { accountId: INITECH.id });
      expect(freshness.lastError).toMatch(/Invalid response from GET \/v1\/accounts\/acc-initech\/context: responses\.0\.score/);
      await page.reload();
      await expectPanelShows(page, INITECH);
    } finally {
      source.spoil = null;
      await page.close();
    }
  });
});
