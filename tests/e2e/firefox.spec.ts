/**
 * The built Firefox add-on (`firefox-mv3`) in a real Firefox (Debian's firefox-esr over WebDriver BiDi):
 * a CSV imported on the options page, the panel with the hand-computed NPS on a Salesforce account page
 * and on a Zendesk ticket (served on their real host names), and the popup's search (its page opened as
 * a tab); a CRM on a host of its own added on the options page, its ticket shown by the sidebar's page
 * (opened in a tab, naming the CRM tab as the sidebar does) and followed; an HTTP source configured on the options page (its origin granted as an accepted prompt is)
 * syncs and the panel shows the server's numbers; a sync cut off by the background (Firefox's event
 * page) being stopped from about:debugging resumes with every row once. Without Firefox the file is skipped with the reason, except in CI, where it must run.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import type { ElementHandle } from 'puppeteer-core';
import { DEMO_ACCOUNTS } from '../../lib/sample';
import { EXPECTED, crmAccountsCsv } from '../fixtures/crm/accounts';
import { buildAccountContext, formatNps } from '../../lib/nps';
import { switchZendeskTicket } from './support/crm-pages';
import { SOURCE_TOKEN, startSourceHarness, type SourceHarness } from './support/source-server';
import {
  callService,
  eventually,
  fill,
  firefoxPath,
  launchFirefoxWithExtension,
  openExtensionPage,
  panelFrame,
  read,
  serveCrm,
  terminateBackground,
  waitFor,
  type FirefoxExtension,
} from './support/firefox';

test.describe.configure({ mode: 'serial' });
const NO_FIREFOX = firefoxPath() ? undefined : 'no Firefox (firefox-esr) on this machine: apt-get install firefox-esr';
test.skip(!!NO_FIREFOX && !process.env.CI, NO_FIREFOX);

const ACME = { id: 'acc-ff-acme', name: 'Acme Firefox Ltd', domain: 'acme-ff.example', salesforceId: '001Dn00000FfAcm', zendeskOrg: '9900001' };
/** 12 answers: 6 promoters, 3 passives, 3 detractors → NPS +25. */
const SCORES = [10, 9, 10, 9, 10, 9, 8, 7, 8, 3, 6, 0];
const CSV = [
  'response_id,account_id,account_name,account_domain,salesforce_account_id,zendesk_organization_id,respondent_email,respondent_role,score,comment,responded_at',
  ...SCORES.map((score, i) =>
    [`ff-${i}`, ACME.id, ACME.name, ACME.domain, ACME.salesforceId, ACME.zendeskOrg, `person${i}@${ACME.domain}`, i % 2 ? 'User' : 'Decision maker', score,
      i === 9 ? '"Setup was slow, ""really"" slow — 遅い 😞"' : '', `2026-${String(1 + (i % 9)).padStart(2, '0')}-15T10:00:00Z`].join(','),
  ),
].join('\n');

const CUSTOM_HOST = 'support.acme-corp.test';
const CRM_FIXTURES = path.resolve(import.meta.dirname, '../fixtures/crm');

let firefox: FirefoxExtension;
let dir: string;
let source: SourceHarness | undefined;

test.beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'nps-firefox-'));
  firefox = await launchFirefoxWithExtension();
  console.log(`Firefox suite on ${firefox.version}`);
});

test.afterAll(async () => {
  await firefox?.close();
  await source?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the options page imports a CSV', async () => {
  const options = await openExtensionPage(firefox, 'options.html', '[data-testid="import-file"]');
  const file = path.join(dir, 'responses.csv');
  writeFileSync(file, CSV);
  const input = (await options.$('[data-testid="import-file"]')) as ElementHandle<HTMLInputElement>;
  await input.uploadFile(file);
  await eventually(() => read(options.mainFrame(), '[data-testid="import-summary"]', 'data-imported'), String(SCORES.length), 30_000);
  await options.close();
});

test('the panel on a Salesforce account page shows the account’s NPS', async () => {
  const page = await firefox.browser.newPage();
  await serveCrm(page, { salesforceAccounts: [{ id: ACME.salesforceId, name: ACME.name, domain: ACME.domain }] });
  await page.goto(`https://ff.lightning.force.com/lightning/r/Account/${ACME.salesforceId}/view`);
  const frame = await panelFrame(page);
  await eventually(() => read(frame, '[data-testid="nps-panel"]', 'data-state'), 'ready');
  expect(await read(frame, '[data-testid="panel-account-name"]')).toBe(ACME.name);
  expect(await read(frame, '[data-testid="nps-n"]')).toBe(String(SCORES.length));
  expect(await read(frame, '[data-testid="nps-score"]')).toBe('+25');
  await page.close();
});

test('the panel on a Zendesk ticket finds the account by the ticket’s organization', async () => {
  const page = await firefox.browser.newPage();
  await serveCrm(page, {
    salesforceAccounts: [],
    zendeskTickets: { '4242': { organizationId: ACME.zendeskOrg, organizationName: ACME.name, requesterEmail: `person9@${ACME.domain}`, requesterName: 'Pat Lee' } },
  });
  await page.goto('https://ff.zendesk.com/agent/tickets/4242');
  const frame = await panelFrame(page);
  await eventually(() => read(frame, '[data-testid="nps-panel"]', 'data-state'), 'ready');
  expect(await read(frame, '[data-testid="panel-account-name"]')).toBe(ACME.name);
  expect(await read(frame, '[data-testid="nps-score"]')).toBe('+25');
  // The comment keeps its quotes, non-Latin text and emoji, rendered as text.
  await waitFor(frame, '[data-testid="comment-text"]');
  const comments = await frame.$$eval('[data-testid="comment-text"]', (els) => els.map((el) => el.textContent ?? ''));
  expect(comments.some((text) => text.includes('Setup was slow, "really" slow — 遅い 😞'))).toBe(true);
  await page.close();
});

test('the popup finds the account as the user types', async () => {
  const popup = await openExtensionPage(firefox, 'popup.html', '[data-testid="popup-search"]');
  await popup.type('[data-testid="popup-search"]', 'acme fire');
  await eventually(
    () => popup.$$eval('[data-testid="popup-result"] [data-testid="panel-account-name"]', (els) => els.map((el) => el.textContent)),
    [ACME.name],
  );
  await popup.close();
});

test('a CRM on a host of its own: added on the options page, its ticket shown by the sidebar’s page, which follows it', async () => {
  const options = await openExtensionPage(firefox, 'options.html', '[data-testid="site-host"]');
  const file = path.join(dir, 'crm-accounts.csv');
  writeFileSync(file, crmAccountsCsv());
  const input = (await options.$('[data-testid="import-file"]')) as ElementHandle<HTMLInputElement>;
  await input.uploadFile(file);
  await eventually(() => read(options.mainFrame(), '[data-testid="import-summary"]', 'data-imported'), '21', 30_000);
  // The host's permission is asked for in the click (granted as an accepted prompt is).
  await fill(options, '[data-testid="site-host"]', CUSTOM_HOST);
  await options.select('[data-testid="site-crm"]', 'zendesk');
  await options.click('[data-testid="site-add"]');
  await eventually(async () => /^Added/.test((await read(options.mainFrame(), '[data-testid="site-message"]')) ?? ''), true);

  const ticket = await firefox.browser.newPage();
  await ticket.setRequestInterception(true);
  ticket.on('request', (request) => {
    const url = new URL(request.url());
    if (url.hostname !== CUSTOM_HOST) return void request.continue();
    if (url.pathname.startsWith('/agent/tickets/')) {
      return void request.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: readFileSync(path.join(CRM_FIXTURES, 'zendesk/ticket-two-panes.html'), 'utf8') });
    }
    return void request.respond({ status: 404, contentType: 'application/json', body: '{"error":"RecordNotFound"}' });
  });
  const ticketUrl = `https://${CUSTOM_HOST}/agent/tickets/101`;
  await ticket.goto(ticketUrl);
  const tabId = await options.evaluate(
    async (u) => (await (globalThis as unknown as { browser: { tabs: { query(q: { url: string }): Promise<Array<{ id?: number }>> } } }).browser.tabs.query({ url: u }))[0]?.id,
    ticketUrl,
  );
  expect(typeof tabId).toBe('number');
  const side = await openExtensionPage(firefox, `sidepanel.html?tabId=${tabId}`, '[data-testid="nps-panel"]');
  await eventually(() => read(side.mainFrame(), '[data-testid="panel-account-name"]'), EXPECTED.acme.name);
  expect(await read(side.mainFrame(), '[data-testid="nps-score"]')).toBe(EXPECTED.acme.nps);

  // The agent switches to ticket #102 in the CRM tab: the sidebar's page follows.
  await ticket.evaluate(switchZendeskTicket, '102');
  await eventually(() => read(side.mainFrame(), '[data-testid="panel-account-name"]'), EXPECTED.globex.name);
  await Promise.all([side.close(), ticket.close(), options.close()]);
});

test('an HTTP source configured on the options page syncs, and the panel shows the server’s numbers', async () => {
  {
    source = await startSourceHarness({ accounts: 30 });
    const options = await openExtensionPage(firefox, 'options.html', '[data-testid="source-section"]');
    await options.click('[data-testid="source-kind-http"]');
    await fill(options, '[data-testid="source-url"]', source.url);
    await fill(options, '[data-testid="source-name"]', 'Reference source');
    await fill(options, '[data-testid="source-token"]', SOURCE_TOKEN);
    await options.click('[data-testid="source-save"]');
    await eventually(async () => /Saved/.test((await read(options.mainFrame(), '[data-testid="source-message"]')) ?? ''), true);
    await eventually(() => read(options.mainFrame(), '[data-testid="source-sync-status"]', 'data-state'), 'idle', 30_000);
    await options.close();

    const acme = DEMO_ACCOUNTS[0]!;
    const context = (await source.server.storage.context(acme.id, 'all'))!;
    const { overall } = buildAccountContext(
      { account: context.account, responses: context.responses, actions: context.actions, sends: context.sends },
      { now: Date.now(), window: '365d', rule: 'all' },
    );
    const page = await firefox.browser.newPage();
    await serveCrm(page, { salesforceAccounts: [{ id: acme.salesforceIds[0]!, name: acme.name, domain: acme.domains[0] }] });
    await page.goto(`https://ff.lightning.force.com/lightning/r/Account/${acme.salesforceIds[0]!}/view`);
    const frame = await panelFrame(page);
    await eventually(() => read(frame, '[data-testid="nps-panel"]', 'data-state'), 'ready');
    expect(await read(frame, '[data-testid="panel-account-name"]')).toBe(acme.name);
    expect(await read(frame, '[data-testid="nps-n"]')).toBe(String(overall.n));
    expect(await read(frame, '[data-testid="nps-score"]')).toBe(overall.withheld || overall.nps === null ? '—' : formatNps(overall.nps));
    await page.close();
  }
});

test('a sync cut off by the background being stopped resumes: every changed row stored once, none missed', async () => {
  const server = source!.server;
  const since = server.storage.now();
  const now = Date.now();
  const accounts = DEMO_ACCOUNTS.map((a) => a.id);
  await server.storage.writeBatch({
    accounts: [],
    responses: Array.from({ length: 2400 }, (_, i) => ({
      id: `ff-late-${i}`, accountId: accounts[i % accounts.length]!, score: i % 11, respondedAt: now - i * 60_000, tags: [], excluded: false, updatedAt: now,
    })),
  });
  let changedRows = 0;
  for (let cursor: string | undefined, first = true; ; first = false) {
    const page = await server.storage.changes(first ? { updatedSince: since, limit: 500 } : { cursor, limit: 500 });
    changedRows += page.accounts.length + page.responses.length + page.actions.length + page.sends.length;
    cursor = page.nextCursor;
    if (!page.hasMore) break;
  }
  server.resetRequestCounts();
  server.injectFault({ path: '/v1/changes', delayMs: 800, count: 100 });

  let options = await openExtensionPage(firefox, 'options.html', '[data-testid="source-sync"]');
  const status = async () => {
    const frame = options.mainFrame();
    return {
      state: await read(frame, '[data-testid="source-sync-status"]', 'data-state'),
      pages: Number(await read(frame, '[data-testid="source-sync-status"]', 'data-pages')),
      rows: Number(await read(frame, '[data-testid="source-sync-status"]', 'data-rows')),
    };
  };
  await options.click('[data-testid="source-sync"]');
  await eventually(async () => {
    const s = await status();
    return s.state === 'running' && s.pages >= 2;
  }, true);
  const before = await status();

  await terminateBackground(firefox);
  // A new background (started by the next event, or this page's next message) resumes from the cursor
  // IndexedDB holds. A fresh options page reads its status (a reload's load event is not reported here).
  await options.close();
  options = await openExtensionPage(firefox, 'options.html', '[data-testid="source-sync-status"]');
  await eventually(async () => (await status()).state, 'idle', 30_000);
  server.clearFaults();

  const after = await status();
  expect(await callService(options, 'getStats', {})).toEqual(await server.storage.counts());
  expect(after.rows).toBe(changedRows);
  expect(server.requestCounts()['GET /v1/changes'] ?? 0).toBeLessThanOrEqual(after.pages + 1);
  expect(after.pages).toBeGreaterThan(before.pages);
  await options.close();
});
