/**
 * The data-source engine against the reference server on loopback: stale-while-revalidate, shared
 * requests, the incremental sync resuming after the worker stops, and the outbox delivering exactly once
 * with conflicts left for the user.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { startReferenceServer, type ReferenceServer } from '../../server';
import { DEFAULT_DISPLAY, type EffectiveSettings, type SourceSettings } from '../settings';
import { DEFAULT_ROLE_MAPPING } from '../nps';
import type { Action } from '../model';
import type { PageContextInput } from '../model/page';
import type { ServiceEvent } from '../model/events';
import { NpsStore } from '../store';
import { OUTBOX_ALARM, SYNC_ALARM, SourceEngine, normaliseSourceUrl, outboxDelay } from './engine';
import { TOKEN_STORAGE_KEY, TokenVault, type TokenArea } from './token';

const TOKEN = 'test-token-0123456789';
const ACME_PAGE: PageContextInput = {
  crm: 'salesforce',
  kind: 'account',
  recordKey: 'salesforce:001Dn00000AcmeC',
  hints: { salesforceAccountId: '001Dn00000AcmeC', name: 'Acme Corporation' },
};

let server: ReferenceServer;
let store: NpsStore;
const engines: SourceEngine[] = [];

function mapArea(): TokenArea & { items: Map<string, unknown> } {
  const items = new Map<string, unknown>();
  return {
    items,
    get: async (key) => (items.has(key) ? { [key]: items.get(key) } : {}),
    set: async (values) => void Object.entries(values).forEach(([k, v]) => items.set(k, v)),
    remove: async (key) => void items.delete(key),
  };
}

interface Harness {
  engine: SourceEngine;
  events: ServiceEvent[];
  changed: () => number;
  alarms: Map<string, unknown>;
  clock: { now: number };
  area: ReturnType<typeof mapArea>;
  permission: { granted: boolean };
}

function settingsFor(source: SourceSettings): EffectiveSettings {
  return {
    display: DEFAULT_DISPLAY,
    roleMapping: DEFAULT_ROLE_MAPPING,
    sites: { disabledCrms: [] },
    source,
    locked: { defaultWindow: false, sourceUrl: false, sites: false },
  };
}

async function harness(options: { fetch?: typeof fetch; source?: Partial<SourceSettings>; area?: ReturnType<typeof mapArea> } = {}): Promise<Harness> {
  let settings = settingsFor({ kind: 'http', url: `${server.url}/`, name: 'Reference', ttlMinutes: 15, ...options.source });
  const events: ServiceEvent[] = [];
  let changed = 0;
  const alarms = new Map<string, unknown>();
  const clock = { now: Date.now() };
  const permission = { granted: true };
  const area = options.area ?? mapArea();
  const vault = new TokenVault(async () => store, area);
  if (!options.area) await vault.save(TOKEN);
  const engine = new SourceEngine({
    store: async () => store,
    now: () => clock.now,
    emit: (event) => events.push(event),
    dataChanged: () => changed++,
    loadSettings: async () => settings,
    saveSourceSettings: async (source) => {
      settings = settingsFor(source);
    },
    vault,
    permissions: { contains: async () => permission.granted },
    alarms: { create: (name, info) => void alarms.set(name, info), clear: (name) => void alarms.delete(name) },
    http: { random: () => 0.5, sleep: async () => undefined, retries: 1, timeoutMs: 3000, changesLimit: 500, ...(options.fetch ? { fetch: options.fetch } : {}) },
  });
  engines.push(engine);
  return { engine, events, changed: () => changed, alarms, clock, area, permission };
}

const count = (route: string) => server.requestCounts()[route] ?? 0;

/** Rows one uninterrupted pass over the server's changes feed delivers (what a sync must store, once each). */
function feedRows(): number {
  let rows = 0;
  for (let cursor: string | undefined; ; ) {
    const page = server.store.changes({ cursor, limit: 500 });
    rows += page.accounts.length + page.responses.length + page.actions.length + page.sends.length;
    cursor = page.nextCursor;
    if (!page.hasMore) return rows;
  }
}
const CONTEXT = 'GET /v1/accounts/{id}/context';

beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  store = await NpsStore.open();
  server = await startReferenceServer({ token: TOKEN, testHooks: true, sample: { seed: 11, accounts: 20 } });
});
afterEach(async () => {
  await Promise.all(engines.splice(0).map((engine) => engine.settle()));
  store.close();
  await server.close();
});

describe('reading: cache first, refreshed when stale', () => {
  test('a page never seen is looked up and fetched, then shown with the server’s records', async () => {
    const { engine } = await harness();
    const shown = await engine.panelRecords(ACME_PAGE);
    expect(shown.resolution).toMatchObject({ status: 'matched', accountId: 'acc-acme' });
    const context = server.store.context('acc-acme', 'all')!;
    expect(shown.records?.responses.map((r) => r.id).sort()).toEqual(context.responses.map((r) => r.id).sort());
    expect(shown.records?.actions).toHaveLength(context.actions.length);
    expect(shown.freshness).toMatchObject({ stale: false, refreshing: false, lastError: null });
    expect(shown.freshness.fetchedAt).not.toBeNull();
    expect(shown.sourceName).toBe('Reference');
  });

  test('twenty panels opening the same account make one lookup and one context request', async () => {
    const { engine } = await harness();
    const all = await Promise.all(Array.from({ length: 20 }, () => engine.panelRecords(ACME_PAGE)));
    expect(all.every((p) => p.records?.account.id === 'acc-acme')).toBe(true);
    expect(count(CONTEXT)).toBe(1);
    expect(count('GET /v1/accounts/lookup')).toBe(1);
    // And once cached, opening it again asks nothing while it is fresh.
    await engine.panelRecords(ACME_PAGE);
    expect(count(CONTEXT)).toBe(1);
  });

  test('stale data is shown at once and refreshed in the background; the pages are told when it lands', async () => {
    const h = await harness();
    await h.engine.panelRecords(ACME_PAGE);
    server.store.writeBatch({ accounts: [], responses: [{ id: 'new-r', accountId: 'acc-acme', score: 10, respondedAt: Date.now(), tags: [], excluded: false, updatedAt: Date.now() }] });
    h.clock.now += 16 * 60_000;
    const changedBefore = h.changed();
    const shown = await h.engine.panelRecords(ACME_PAGE);
    expect(shown.freshness).toMatchObject({ stale: true, refreshing: true });
    expect(shown.records?.responses.some((r) => r.id === 'new-r')).toBe(false);
    await h.engine.refresh('acc-acme');
    expect(h.changed()).toBeGreaterThan(changedBefore);
    const after = await h.engine.panelRecords(ACME_PAGE);
    expect(after.records?.responses.some((r) => r.id === 'new-r')).toBe(true);
    expect(after.freshness).toMatchObject({ stale: false, refreshing: false });
    expect(count(CONTEXT)).toBe(2);
  });

  test('a failed refresh keeps the last good data and says why; it is not retried on every view', async () => {
    const h = await harness();
    const good = await h.engine.panelRecords(ACME_PAGE);
    h.clock.now += 16 * 60_000;
    server.injectFault({ status: 503, count: 10 });
    await h.engine.refreshNow('acc-acme');
    const shown = await h.engine.panelRecords(ACME_PAGE);
    expect(shown.records?.responses).toHaveLength(good.records!.responses.length);
    expect(shown.freshness.lastError).toMatch(/503/);
    expect(shown.freshness).toMatchObject({ stale: true, refreshing: false, fetchedAt: good.freshness.fetchedAt });
    const before = count(CONTEXT);
    await h.engine.panelRecords(ACME_PAGE);
    expect(count(CONTEXT)).toBe(before);
  });

  test('a malformed response names the field, and the cache keeps its last good data', async () => {
    let corrupt = false;
    const corrupting: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (!corrupt || !String(input).includes('/context')) return response;
      const body = (await response.json()) as { responses: Array<{ score: unknown }> };
      body.responses[2]!.score = 'ten';
      return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
    };
    const h = await harness({ fetch: corrupting });
    const good = await h.engine.panelRecords(ACME_PAGE);
    corrupt = true;
    const freshness = await h.engine.refreshNow('acc-acme');
    expect(freshness.lastError).toMatch(/Invalid response from GET \/v1\/accounts\/acc-acme\/context: responses\.2\.score/);
    const records = await store.getAccountRecords('acc-acme');
    expect(records?.responses.map((r) => r.score).sort()).toEqual(good.records!.responses.map((r) => r.score).sort());
  });

  test('a CRM id the cache does not know wins over a weaker local match (the DOM lagging behind the URL)', async () => {
    const { engine } = await harness();
    await engine.panelRecords(ACME_PAGE);
    const globexUrlAcmeDom = { ...ACME_PAGE, recordKey: 'salesforce:globex', hints: { salesforceRecordId: '001Dn00000GlobX', name: 'Acme Corporation', domains: ['acme.com'] } };
    expect((await engine.panelRecords(globexUrlAcmeDom)).resolution).toMatchObject({ status: 'matched', accountId: 'acc-globex', via: 'crm_id' });
    // Known now: resolved from the cache, nothing asked.
    const before = server.requestCounts();
    expect((await engine.panelRecords(globexUrlAcmeDom)).resolution).toMatchObject({ accountId: 'acc-globex' });
    expect(server.requestCounts()).toEqual(before);
  });

  test('a page the source does not know is asked about once per TTL', async () => {
    const { engine } = await harness();
    const page = { ...ACME_PAGE, recordKey: 'x', hints: { domains: ['nobody.example'] } };
    expect((await engine.panelRecords(page)).resolution.status).toBe('none');
    expect((await engine.panelRecords(page)).resolution.status).toBe('none');
    expect(count('GET /v1/accounts/lookup')).toBe(1);
  });

  test('without the browser’s permission for the origin nothing is fetched', async () => {
    const h = await harness();
    await store.putSourceAccounts([server.store.getAccount('acc-acme')!]);
    h.permission.granted = false;
    const freshness = await h.engine.refreshNow('acc-acme');
    expect(freshness.lastError).toMatch(/has not allowed access to http:\/\/127\.0\.0\.1/);
    expect(count(CONTEXT)).toBe(0);
  });
});

describe('sync', () => {
  test('a full sync stores every row once; the next one fetches only what changed', async () => {
    const h = await harness();
    await (await h.engine.startSync()).done;
    expect(await store.counts()).toEqual(server.counts());
    const state = (await h.engine.status()).sync!;
    expect(state).toMatchObject({ state: 'idle', lastError: null });
    expect(state.rows).toBe(feedRows());
    expect(h.events.some((e) => e.event === 'syncProgress' && e.state === 'running')).toBe(true);

    server.store.writeBatch({ accounts: [], responses: [{ id: 'late', accountId: 'acc-globex', score: 2, respondedAt: Date.now(), tags: [], excluded: false, updatedAt: Date.now() }] });
    await (await h.engine.startSync()).done;
    expect((await h.engine.status()).sync).toMatchObject({ state: 'idle', rows: 1, pages: 1 });
    expect((await store.getAccountRecords('acc-globex'))?.responses.some((r) => r.id === 'late')).toBe(true);
  });

  test('a sync cut off by the worker stopping resumes from its stored cursor: nothing repeated, nothing missed', async () => {
    let calls = 0;
    // The first worker dies while waiting for its third page: that request never ends.
    const dying: typeof fetch = (input, init) => (String(input).includes('/v1/changes') && ++calls === 3 ? new Promise(() => undefined) : fetch(input, init));
    const first = await harness({ fetch: dying });
    engines.splice(engines.indexOf(first.engine), 1); // it never finishes: the worker is gone
    void first.engine.startSync();
    await vi.waitFor(async () => expect((await store.getSyncState(`${server.url}/`))?.pages).toBe(2), { timeout: 5000 });
    expect((await store.getSyncState(`${server.url}/`))?.state).toBe('running');

    // A new worker: a new engine over the same database, started as the background starts it.
    const second = await harness({ area: first.area });
    await second.engine.resume();
    await vi.waitFor(async () => expect((await store.getSyncState(`${server.url}/`))?.state).toBe('idle'), { timeout: 10_000 });
    const state = (await store.getSyncState(`${server.url}/`))!;
    expect(await store.counts()).toEqual(server.counts());
    // Every row was stored by exactly one page, and no page was asked for twice (the hung request never
    // reached the server).
    expect(state.rows).toBe(feedRows());
    expect(count('GET /v1/changes')).toBe(state.pages);
  });

  test('cancel stops after the page under way and keeps the cursor', async () => {
    const h = await harness();
    server.injectFault({ path: '/v1/changes', delayMs: 100, count: 100 });
    const { done } = await h.engine.startSync();
    await vi.waitFor(async () => expect((await store.getSyncState(`${server.url}/`))?.pages ?? 0).toBeGreaterThan(0));
    await h.engine.cancelSync();
    await done;
    const state = (await store.getSyncState(`${server.url}/`))!;
    expect(state.state).toBe('cancelled');
    expect(state.cursor).not.toBeNull();
  });
});

describe('write-back', () => {
  async function cachedAcme(h: Harness) {
    await h.engine.panelRecords(ACME_PAGE);
  }
  const newAction = (id: string): Action => ({ id, accountId: 'acc-acme', title: 'Call the CFO about renewal', status: 'open', createdAt: Date.now(), updatedAt: Date.now() });

  test('an action created while the source fails is queued, then delivered exactly once', async () => {
    const h = await harness();
    await cachedAcme(h);
    server.injectFault({ path: '/v1/actions', method: 'POST', status: 503, retryAfter: 120, count: 50 });
    await h.engine.writeAction(newAction('act-offline'), 'create');
    await h.engine.deliverOutbox();
    const [queued] = await store.listOutbox();
    expect(queued).toMatchObject({ state: 'pending', attempts: 1, actionId: 'act-offline' });
    expect(queued!.nextAttemptAt - h.clock.now).toBe(120_000);
    expect(h.alarms.get(OUTBOX_ALARM)).toEqual({ when: queued!.nextAttemptAt });
    expect(server.store.getAction('act-offline')).toBeUndefined();
    // The local view shows it meanwhile.
    expect((await store.getAction('act-offline'))?.title).toBe('Call the CFO about renewal');

    server.clearFaults();
    h.clock.now += 121_000;
    await h.engine.onAlarm(OUTBOX_ALARM);
    expect(await store.listOutbox()).toEqual([]);
    expect(server.store.getAction('act-offline')?.title).toBe('Call the CFO about renewal');
    expect(server.counts().actions).toBe(server.store.context('acc-acme', 'all') ? server.counts().actions : 0);
  });

  test('a write whose answer was lost is sent again with the same key and applied once', async () => {
    const keys: string[] = [];
    let lose = true;
    const losing: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (init?.method === 'POST') {
        keys.push(new Headers(init.headers).get('idempotency-key')!);
        if (lose) {
          lose = false;
          throw new TypeError('network connection lost');
        }
      }
      return response;
    };
    const h = await harness({ fetch: losing });
    await cachedAcme(h);
    const before = server.counts().actions;
    await h.engine.writeAction(newAction('act-once'), 'create');
    await h.engine.deliverOutbox();
    // The fetcher retried at once with the same key; the server replayed its first answer.
    expect(keys).toHaveLength(2);
    expect(new Set(keys).size).toBe(1);
    expect(server.counts().actions).toBe(before + 1);
    expect(await store.listOutbox()).toEqual([]);
  });

  test('an update queued behind its create builds on the created version', async () => {
    const h = await harness();
    await cachedAcme(h);
    server.injectFault({ path: '/v1/actions', status: 503, count: 2 });
    await h.engine.writeAction(newAction('act-chain'), 'create');
    await h.engine.deliverOutbox();
    await h.engine.writeAction({ ...newAction('act-chain'), status: 'done' }, 'update');
    server.clearFaults();
    h.clock.now += 60 * 60_000;
    await h.engine.deliverOutbox();
    expect(await store.listOutbox()).toEqual([]);
    expect(server.store.getAction('act-chain')?.status).toBe('done');
  });

  test('a change made on the server too is a conflict the user resolves; nothing is dropped', async () => {
    const h = await harness();
    await cachedAcme(h);
    const action = (await store.getAccountRecords('acc-acme'))!.actions[0]!;
    server.injectFault({ path: '/v1/actions', status: 503, count: 2 });
    await h.engine.writeAction({ ...action, title: 'Mine: schedule QBR' }, 'update');
    await h.engine.deliverOutbox();
    server.store.changeAction(server.store.getAction(action.id)!, { title: 'Theirs: QBR moved' });
    server.clearFaults();
    h.clock.now += 60 * 60_000;
    await h.engine.deliverOutbox();

    const [conflict] = await h.engine.listConflicts();
    expect(conflict).toMatchObject({ kind: 'conflict', mine: { title: 'Mine: schedule QBR' }, theirs: { title: 'Theirs: QBR moved' } });
    // A refresh meanwhile does not overwrite the user's version.
    await h.engine.refresh('acc-acme');
    expect((await store.getAction(action.id))?.title).toBe('Mine: schedule QBR');

    await h.engine.resolveConflict(conflict!.seq, 'mine');
    await h.engine.deliverOutbox();
    expect(await h.engine.listConflicts()).toEqual([]);
    expect(server.store.getAction(action.id)?.title).toBe('Mine: schedule QBR');
  });

  test('“take theirs” stores the server’s version and drops the queued change', async () => {
    const h = await harness();
    await cachedAcme(h);
    const action = (await store.getAccountRecords('acc-acme'))!.actions[0]!;
    server.store.changeAction(server.store.getAction(action.id)!, { title: 'Theirs: renewal call done' });
    await h.engine.writeAction({ ...action, title: 'Mine' }, 'update');
    await h.engine.deliverOutbox();
    const [conflict] = await h.engine.listConflicts();
    await h.engine.resolveConflict(conflict!.seq, 'theirs');
    expect(await store.listOutbox()).toEqual([]);
    expect(await store.getAction(action.id)).toEqual(server.store.getAction(action.id));
  });

  test('backoff doubles from 30 s up to an hour, jittered', () => {
    expect(outboxDelay(1, () => 0)).toBe(15_000);
    expect(outboxDelay(2, () => 1)).toBe(60_000);
    expect(outboxDelay(20, () => 1)).toBe(3_600_000);
  });
});

describe('configuration', () => {
  test('the token is stored encrypted and never reported', async () => {
    const h = await harness({ source: { kind: 'local', url: '' } });
    await h.engine.configure({ kind: 'http', url: `${server.url}`, name: 'Ref', ttlMinutes: 5, token: 'a-very-secret-token' });
    const stored = JSON.stringify(h.area.items.get(TOKEN_STORAGE_KEY));
    expect(stored).not.toContain('a-very-secret-token');
    const status = await h.engine.status();
    expect(JSON.stringify(status)).not.toContain('a-very-secret-token');
    expect(status).toMatchObject({ kind: 'http', url: `${server.url}/`, hasToken: true, ttlMinutes: 5 });
    expect(h.alarms.get(SYNC_ALARM)).toEqual({ periodInMinutes: 5, delayInMinutes: 5 });
  });

  test('the connection test says what is wrong', async () => {
    const h = await harness();
    await expect(h.engine.test({ url: server.url, token: 'wrong' })).rejects.toThrow(/refused the token \(401/);
    await expect(h.engine.test({ url: server.url })).resolves.toMatchObject({ capabilities: expect.arrayContaining(['changes']) });
  });

  test('URLs: https, or http to this computer only; never credentials', () => {
    expect(normaliseSourceUrl('https://nps.example.com/api')).toBe('https://nps.example.com/api/');
    expect(() => normaliseSourceUrl('http://nps.example.com')).toThrow(/https/);
    expect(() => normaliseSourceUrl('https://user:pw@nps.example.com')).toThrow(/Token field/);
    expect(() => normaliseSourceUrl('ftp://x')).toThrow(/https/);
  });

  test('changing source is refused while writes wait for the old one', async () => {
    const h = await harness();
    await cachedAcme(h);
    server.injectFault({ path: '/v1/actions', status: 503, count: 10 });
    await h.engine.writeAction({ id: 'a-wait', accountId: 'acc-acme', title: 'Waiting', status: 'open', createdAt: 1, updatedAt: 1 }, 'create');
    await h.engine.deliverOutbox();
    await expect(h.engine.configure({ kind: 'local', url: '', name: '', ttlMinutes: 15 })).rejects.toThrow(/have not reached/);
  });

  async function cachedAcme(h: Harness) {
    await h.engine.panelRecords(ACME_PAGE);
  }
});
