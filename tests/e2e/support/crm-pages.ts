/**
 * CRM-like pages for the end-to-end tests, the demo and the benchmarks, served on the CRMs' real host
 * names by routing, so the manifest's match patterns fire as they would in production. The markup
 * follows what `docs/crm-pages.md` records of the real pages (element names, data-test-ids, hidden tabs).
 */
import type { BrowserContext, Route } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CRM_FIXTURE_PAGES } from '../../fixtures/crm/pages';

const FIXTURE_DIR = path.resolve(import.meta.dirname, '../../fixtures/crm');

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export interface SalesforceAccountFixture {
  id: string;
  name: string;
  domain?: string;
  industry?: string;
}

export interface ZendeskFixture {
  organizationId: string;
  organizationName: string;
  requesterEmail: string;
  requesterName: string;
}

/** Records of Zendesk's REST API (`/api/v2/...`), by id, as Zendesk returns them. */
export interface ZendeskApiFixture {
  tickets?: Record<string, { requester_id: number | null; organization_id: number | null }>;
  users?: Record<string, { email: string | null; organization_id: number | null }>;
  organizations?: Record<string, { name: string; domain_names: string[] }>;
}

/** Everything the fixture CRM knows: which record ids exist, and what the pages show for them. */
export interface CrmFixtureData {
  salesforceAccounts: SalesforceAccountFixture[];
  zendeskTickets?: Record<string, ZendeskFixture>;
  /**
   * Serve the stored fixture pages (`tests/fixtures/crm`, listed in `CRM_FIXTURE_PAGES`) at the URLs they
   * stand for, ahead of the generated pages, on every CRM's hosts.
   */
  fixturePages?: boolean;
  /** Zendesk's API records, served on every Zendesk host (with `?include=users,organizations` side-loads). */
  zendeskApi?: ZendeskApiFixture;
}

const LIGHTNING_STYLE = `
  body { margin: 0; font: 13px/1.4 -apple-system, "Segoe UI", Roboto, sans-serif; background: #f3f3f3; color: #181818; }
  .slds-global-header { height: 48px; background: #fff; border-bottom: 1px solid #ddd; display: flex; align-items: center; padding: 0 16px; gap: 16px; }
  .slds-global-header .logo { width: 36px; height: 26px; border-radius: 6px; background: #0176d3; }
  .slds-global-header input { flex: 0 1 480px; height: 30px; border: 1px solid #c9c9c9; border-radius: 4px; padding: 0 10px; }
  .nav { height: 40px; background: #fff; border-bottom: 3px solid #0176d3; display: flex; gap: 20px; align-items: center; padding: 0 16px; font-weight: 600; }
  .windowViewMode-normal { display: none; }
  .windowViewMode-normal.active { display: block; padding: 12px; }
  records-highlights2 { display: block; background: #fff; border: 1px solid #ddd; border-radius: 4px; padding: 12px 16px; margin-bottom: 12px; }
  records-highlights2 h1 { margin: 4px 0 8px; font-size: 18px; }
  .entity { font-size: 12px; color: #555; }
  .slds-grid { display: flex; gap: 12px; }
  .card { flex: 1; background: #fff; border: 1px solid #ddd; border-radius: 4px; padding: 12px 16px; min-height: 420px; }
  records-record-layout-item { display: grid; grid-template-columns: 160px 1fr; padding: 6px 0; border-bottom: 1px solid #eee; }
  .test-id__field-label { color: #555; }
  .buttons { float: right; display: flex; gap: 6px; }
  .buttons button { border: 1px solid #c9c9c9; background: #fff; border-radius: 4px; padding: 4px 12px; color: #0176d3; }
`;

function lightningShell(title: string, main: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>${LIGHTNING_STYLE}</style></head>
<body class="desktop sfdcBody">
<div class="slds-global-header"><div class="logo"></div><input placeholder="Search..." aria-label="Search"></div>
<div class="nav"><span>Sales</span><span>Home</span><span>Accounts</span><span>Contacts</span><span>Opportunities</span></div>
<div class="slds-template__container"><div class="lafSinglePaneWindowManager">${main}</div></div>
</body></html>`;
}

export function salesforceAccountPage(account: SalesforceAccountFixture, hiddenTab?: SalesforceAccountFixture): string {
  const tab = (a: SalesforceAccountFixture, active: boolean) => `
<div class="windowViewMode-normal oneContent${active ? ' active' : ''}">
  <one-record-home-flexipage2>
    <records-highlights2>
      <div class="buttons"><button>Follow</button><button>Edit</button><button>New Contact</button></div>
      <div class="entity">Account</div>
      <h1><lightning-formatted-text slot="primaryField">${esc(a.name)}</lightning-formatted-text></h1>
    </records-highlights2>
    <div class="slds-grid">
      <div class="card">
        <records-record-layout-item><span class="test-id__field-label">Account Name</span><span class="test-id__field-value">${esc(a.name)}</span></records-record-layout-item>
        <records-record-layout-item><span class="test-id__field-label">Website</span><span class="test-id__field-value">${esc(a.domain ?? '')}</span></records-record-layout-item>
        <records-record-layout-item><span class="test-id__field-label">Industry</span><span class="test-id__field-value">${esc(a.industry ?? 'Technology')}</span></records-record-layout-item>
        <records-record-layout-item><span class="test-id__field-label">Type</span><span class="test-id__field-value">Customer</span></records-record-layout-item>
      </div>
      <div class="card"><b>Activity</b><p>No activities to show.</p></div>
    </div>
  </one-record-home-flexipage2>
</div>`;
  return lightningShell(`${account.name} | Account | Salesforce`, (hiddenTab ? tab(hiddenTab, false) : '') + tab(account, true));
}

export function salesforceListPage(): string {
  return lightningShell(
    'Recently Viewed | Accounts | Salesforce',
    `<div class="windowViewMode-normal active"><div class="card"><h2>Accounts — Recently Viewed</h2><table><tr><td>Acme Corporation</td></tr></table></div></div>`,
  );
}

const ZENDESK_STYLE = `
  body { margin: 0; font: 14px/1.45 -apple-system, "Segoe UI", Roboto, sans-serif; background: #fff; color: #2f3941; display: flex; height: 100vh; }
  nav { width: 60px; background: #03363d; }
  main { flex: 1; display: flex; flex-direction: column; }
  header { height: 44px; border-bottom: 1px solid #d8dcde; display: flex; align-items: end; gap: 2px; padding: 0 12px; }
  [data-test-id="header-tab"] { padding: 8px 14px; border: 1px solid #d8dcde; border-bottom: none; border-radius: 4px 4px 0 0; background: #f8f9f9; }
  [data-test-id="header-tab"][aria-current="page"] { background: #fff; font-weight: 600; }
  .ticket-panes-grid-layout { display: none; flex: 1; }
  .ticket-panes-grid-layout[data-is-active="true"] { display: grid; grid-template-columns: 280px 1fr; }
  .props { border-right: 1px solid #d8dcde; padding: 16px; }
  .props label { display: block; color: #68737d; font-size: 12px; margin-top: 12px; }
  .conversation { padding: 16px 24px; }
  input[data-test-id="omni-header-subject"] { width: 100%; font-size: 18px; border: none; font-weight: 600; }
  [data-test-id="omni-log-comment-item"] { border-bottom: 1px solid #eee; padding: 12px 0; }
`;

export function zendeskTicketPage(ticketId: string, ticket: ZendeskFixture, otherTicket?: { id: string; ticket: ZendeskFixture }): string {
  const pane = (id: string, t: ZendeskFixture, active: boolean) => `
<div class="ticket-panes-grid-layout" data-ticket-id="${esc(id)}" data-is-active="${active}">
  <section class="props">
    <label>Requester</label>
    <div data-test-id="ticket-system-field-requester-select"><span title="${esc(t.requesterEmail)}">${esc(t.requesterName)}</span></div>
    <label>Organization</label>
    <a data-test-id="tabs-nav-item-organizations" href="/agent/organizations/${esc(t.organizationId)}">${esc(t.organizationName)}</a>
    <label>Assignee</label><div>Support / Alex Agent</div>
  </section>
  <section class="conversation">
    <input data-test-id="omni-header-subject" value="Export to CSV times out" aria-label="Subject">
    <div data-test-id="omni-log-comment-item"><b>${esc(t.requesterName)}</b><p>Since yesterday the export of our monthly report times out after a minute.</p></div>
  </section>
</div>`;
  const tabs = [otherTicket && { id: otherTicket.id, active: false }, { id: ticketId, active: true }]
    .filter((t): t is { id: string; active: boolean } => !!t)
    .map((t) => `<div data-test-id="header-tab" data-entity-id="${esc(t.id)}"${t.active ? ' aria-current="page"' : ''}>#${esc(t.id)}</div>`)
    .join('');
  const body = (otherTicket ? pane(otherTicket.id, otherTicket.ticket, false) : '') + pane(ticketId, ticket, true);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Ticket #${esc(ticketId)} – Zendesk</title>
<style>${ZENDESK_STYLE}</style></head><body><nav></nav><main><header>${tabs}</header>${body}</main></body></html>`;
}

/**
 * The page with a script that rebuilds a subtree every 50 ms, as Lightning re-renders its components
 * (`?rerender` on any Salesforce URL): for measuring what the extension adds to a busy page.
 */
export function withRerendering(html: string): string {
  const script = `<script>
  (() => {
    const host = document.createElement('div');
    host.className = 'card';
    host.setAttribute('aria-hidden', 'true');
    (document.querySelector('.active') ?? document.body).append(host);
    let tick = 0;
    setInterval(() => {
      tick++;
      const rows = [];
      for (let i = 0; i < 200; i++) {
        const row = document.createElement('records-record-layout-item');
        row.innerHTML = '<span class="test-id__field-label">Field ' + i + '</span><span class="test-id__field-value">' + (tick * i) + '</span>';
        rows.push(row);
      }
      host.replaceChildren(...rows);
    }, 50);
  })();
</script>`;
  return html.replace('</body>', `${script}</body>`);
}

function fulfilHtml(route: Route, html: string, status = 200) {
  return route.fulfill({ status, contentType: 'text/html; charset=utf-8', body: html });
}

/**
 * Serves fixture CRM pages for every request to the CRMs' hosts in this browser context. Zendesk's
 * same-origin API is served too, from the same fixture data.
 */
/** Zendesk's `GET /api/v2/tickets/{id}.json` (with its requester and organization) for a fixture ticket. */
export function zendeskTicketApiBody(ticketId: string, t: ZendeskFixture): string {
  return JSON.stringify({
    ticket: { id: Number(ticketId), requester_id: 9001, organization_id: Number(t.organizationId) },
    users: [{ id: 9001, name: t.requesterName, email: t.requesterEmail, organization_id: Number(t.organizationId) }],
    organizations: [{ id: Number(t.organizationId), name: t.organizationName, domain_names: [] }],
  });
}

export async function serveCrmFixtures(context: BrowserContext, data: CrmFixtureData): Promise<void> {
  await context.route(/^https:\/\/[^/]+\.lightning\.force\.com\//, (route) => {
    const url = new URL(route.request().url());
    const record = /^\/lightning\/r\/(?:Account\/)?(001[A-Za-z0-9]{12}(?:[A-Za-z0-9]{3})?)\/view/.exec(url.pathname);
    if (record) {
      const id = record[1]!;
      const account =
        data.salesforceAccounts.find((a) => a.id === id || a.id.slice(0, 15) === id.slice(0, 15)) ??
        ({ id, name: 'Unknown Prospect Ltd', domain: 'unknown-prospect.example' } satisfies SalesforceAccountFixture);
      const html = salesforceAccountPage(account);
      return fulfilHtml(route, url.searchParams.has('rerender') ? withRerendering(html) : html);
    }
    if (url.pathname.startsWith('/lightning/')) {
      return fulfilHtml(route, url.searchParams.has('rerender') ? withRerendering(salesforceListPage()) : salesforceListPage());
    }
    return route.fulfill({ status: 404, body: '' });
  });
  await context.route(/^https:\/\/[^/]+\.zendesk\.com\//, (route) => {
    const url = new URL(route.request().url());
    const tickets = data.zendeskTickets ?? {};
    if (data.zendeskApi && url.pathname.startsWith('/api/')) return fulfilZendeskApi(route, url, data.zendeskApi);
    const api = /^\/api\/v2\/tickets\/(\d+)\.json$/.exec(url.pathname);
    if (api) {
      const t = tickets[api[1]!];
      if (!t) return route.fulfill({ status: 404, contentType: 'application/json', body: '{"error":"RecordNotFound"}' });
      return route.fulfill({
        contentType: 'application/json',
        body: zendeskTicketApiBody(api[1]!, t),
      });
    }
    const ticket = /^\/agent\/tickets\/(\d+)/.exec(url.pathname);
    if (ticket && tickets[ticket[1]!]) return fulfilHtml(route, zendeskTicketPage(ticket[1]!, tickets[ticket[1]!]!));
    return fulfilHtml(route, `<!doctype html><title>Zendesk</title><body>Views</body>`);
  });
  if (data.fixturePages) await serveFixturePages(context);
}

/**
 * What Zendesk's agent workspace does when the agent switches to another open ticket: the URL changes
 * (history API) and that ticket's tab and pane become the active ones. Runs in the page
 * (`page.evaluate(switchZendeskTicket, '102')`, in Playwright or Puppeteer alike).
 */
export function switchZendeskTicket(ticketId: string): void {
  history.pushState({}, '', `/agent/tickets/${ticketId}`);
  for (const tab of document.querySelectorAll('[data-test-id="header-tab"]')) {
    if (tab.getAttribute('data-entity-id') === ticketId) tab.setAttribute('aria-current', 'page');
    else tab.removeAttribute('aria-current');
  }
  for (const pane of document.querySelectorAll('[data-ticket-id]')) {
    const active = pane.getAttribute('data-ticket-id') === ticketId;
    pane.querySelector('.ticket-panes-grid-layout')?.setAttribute('data-is-active', String(active));
    if (pane.classList.contains('ticket-panes-grid-layout')) pane.setAttribute('data-is-active', String(active));
  }
}

/** The stored fixture page that stands for `url` (the hash never reaches a server), or undefined. */
export function fixturePageFor(url: URL): string | undefined {
  const key = (u: URL) => `${u.origin}${u.pathname}${u.search}`;
  const page = CRM_FIXTURE_PAGES.find((p) => key(new URL(p.url)) === key(url));
  return page && readFileSync(path.join(FIXTURE_DIR, page.file), 'utf8');
}

/** The other CRMs' hosts, and Salesforce Classic and Lightning behind a proxy: only stored fixture pages exist there. */
const OTHER_CRM_HOSTS = /^https:\/\/(?:[^/]+\.my\.salesforce\.com|[^/]+\.lightning\.force\.com\.mcas\.ms|app(?:-[a-z0-9]+)?\.hubspot\.com|[^/]+\.freshdesk\.com|[^/]+\.dynamics\.com|app(?:\.[a-z]{2})?\.intercom\.com)\//;

/** Zendesk's read-only API over `ZendeskApiFixture`: GET only, 404 for unknown records, as Zendesk does. */
function fulfilZendeskApi(route: Route, url: URL, api: ZendeskApiFixture) {
  const json = (status: number, body: unknown) => route.fulfill({ status, contentType: 'application/json; charset=utf-8', body: JSON.stringify(body) });
  if (route.request().method() !== 'GET') return json(403, { error: 'Forbidden' });
  const match = /^\/api\/v2\/(tickets|users|organizations)\/(\d+)\.json$/.exec(url.pathname);
  const include = new Set((url.searchParams.get('include') ?? '').split(',').filter(Boolean));
  const user = (id: number | null) => (id != null && api.users?.[id] ? [{ id, ...api.users[id] }] : []);
  const organization = (id: number | null) => (id != null && api.organizations?.[id] ? [{ id, ...api.organizations[id] }] : []);
  const [, kind, rawId] = match ?? [];
  const id = Number(rawId);
  if (kind === 'tickets' && api.tickets?.[id]) {
    const ticket = { id, subject: 'Fixture ticket', ...api.tickets[id] };
    return json(200, {
      ticket,
      ...(include.has('users') ? { users: user(ticket.requester_id) } : {}),
      ...(include.has('organizations') ? { organizations: organization(ticket.organization_id) } : {}),
    });
  }
  if (kind === 'users' && api.users?.[id]) {
    const found = { id, name: 'Fixture user', ...api.users[id] };
    return json(200, { user: found, ...(include.has('organizations') ? { organizations: organization(found.organization_id) } : {}) });
  }
  if (kind === 'organizations' && api.organizations?.[id]) return json(200, { organization: { id, ...api.organizations[id] } });
  return json(404, { error: 'RecordNotFound', description: 'Not found' });
}

/**
 * Serves the stored fixture pages at their URLs. Registered after the generated pages' routes, so it
 * is asked first (Playwright runs the newest matching route first) and falls back to them otherwise.
 */
async function serveFixturePages(context: BrowserContext): Promise<void> {
  await context.route(OTHER_CRM_HOSTS, (route) => {
    const html = fixturePageFor(new URL(route.request().url()));
    return html ? fulfilHtml(route, html) : route.fulfill({ status: 404, body: '' });
  });
  await context.route(/^https:\/\/[^/]+\.(?:lightning\.force\.com|zendesk\.com)\//, (route) => {
    const html = fixturePageFor(new URL(route.request().url()));
    return html ? fulfilHtml(route, html) : route.fallback();
  });
}

/** The part of the extension launcher these helpers use. */
interface ExtensionHandle {
  context: BrowserContext;
  extensionId: string;
}

/**
 * Deletes every account, response and link the extension stores, through its own service from its
 * options page. The browser is shared by the test files a worker runs: a file that imports data
 * clears it before and after, so no other file sees it.
 */
export async function clearExtensionData(extension: ExtensionHandle): Promise<void> {
  const page = await extension.context.newPage();
  try {
    await page.goto(`chrome-extension://${extension.extensionId}/options.html`);
    const reply = await page.evaluate(() =>
      (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; error?: string }> } } }).chrome.runtime.sendMessage({
        channel: 'nps-service',
        method: 'clearData',
        input: {},
      }),
    );
    if (!reply.ok) throw new Error(`clearData: ${reply.error}`);
  } finally {
    await page.close();
  }
}
