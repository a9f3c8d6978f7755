/**
 * The data-source engine against the reference server on loopback, reading: stale-while-revalidate,
 * shared requests, and the incremental sync resuming after the worker stops.
 */
import 'fake-indexeddb/auto';
import { ACME_PAGE, CONTEXT, engineFixture } from './testing/engine-fixture';

const { env, harness, count, feedRows, abandon } = engineFixture();

describe('reading: cache first, refreshed when stale', () => {
  test('a page never seen is looked up and fetched, then shown with the server’s records', async () => {
    const { engine } = await harness();
    const shown = await engine.panelRecords(ACME_PAGE);
    expect(shown.resolution).toMatchObject({ status: 'matched', accountId: 'acc-acme' });
    const context = env.server.store.context('acc-acme', 'all')!;
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
    env.server.store.writeBatch({ accounts: [], responses: [{ id: 'new-r', accountId: 'acc-acme', score: 10, respondedAt: Date.now(), tags: [], excluded: false, updatedAt: Date.now() }] });
    h.clock.now += 16 * 60_000;
    const changedBefore = h.changed();
    const shown = await h.engine.panelRecords(ACME_PAGE);
    expect(shown.freshness).toMatchObject({ stale: true, refreshing: true });
    expect(shown.records?.responses.some((r) => r.id === 'new-r')).toBe(false);
    await h.engine.refresh('acc-acme');
    expect(h.changed()).toBeGreaterThan(changedBefore);
    // Only Acme's records changed: only its figures are worked out again.
    expect(h.named.at(-1)).toEqual(['acc-acme']);
    const after = await h.engine.panelRecords(ACME_PAGE);
    expect(after.records?.responses.some((r) => r.id === 'new-r')).toBe(true);
    expect(after.freshness).toMatchObject({ stale: false, refreshing: false });
    expect(count(CONTEXT)).toBe(2);
  });

  test('a failed refresh keeps the last good data and says why; it is not retried on every view', async () => {
    const h = await harness();
    const good = await h.engine.panelRecords(ACME_PAGE);
    h.clock.now += 16 * 60_000;
    env.server.injectFault({ status: 503, count: 10 });
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
    const records = await env.store.getAccountRecords('acc-acme');
    expect(records?.responses.map((r) => r.score).sort()).toEqual(good.records!.responses.map((r) => r.score).sort());
  });

  test('a CRM id the cache does not know wins over a weaker local match (the DOM lagging behind the URL)', async () => {
    const { engine } = await harness();
    await engine.panelRecords(ACME_PAGE);
    const globexUrlAcmeDom = { ...ACME_PAGE, recordKey: 'salesforce:globex', hints: { salesforceRecordId: '001Dn00000GlobX', name: 'Acme Corporation', domains: ['acme.com'] } };
    expect((await engine.panelRecords(globexUrlAcmeDom)).resolution).toMatchObject({ status: 'matched', accountId: 'acc-globex', via: 'crm_id' });
    // Known now: resolved from the cache, nothing asked.
    const before = env.server.requestCounts();
    expect((await engine.panelRecords(globexUrlAcmeDom)).resolution).toMatchObject({ accountId: 'acc-globex' });
    expect(env.server.requestCounts()).toEqual(before);
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
    await env.store.putSourceAccounts([env.server.store.getAccount('acc-acme')!]);
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
    expect(await env.store.counts()).toEqual(env.server.counts());
    const state = (await h.engine.status()).sync!;
    expect(state).toMatchObject({ state: 'idle', lastError: null });
    expect(state.rows).toBe(feedRows());
    expect(h.events.some((e) => e.event === 'syncProgress' && e.state === 'running')).toBe(true);

    env.server.store.writeBatch({ accounts: [], responses: [{ id: 'late', accountId: 'acc-globex', score: 2, respondedAt: Date.now(), tags: [], excluded: false, updatedAt: Date.now() }] });
    await (await h.engine.startSync()).done;
    expect((await h.engine.status()).sync).toMatchObject({ state: 'idle', rows: 1, pages: 1 });
    expect((await env.store.getAccountRecords('acc-globex'))?.responses.some((r) => r.id === 'late')).toBe(true);
    // The second sync changed Globex alone, and says so.
    expect(h.named.at(-1)).toEqual(['acc-globex']);
  });

  test('a sync cut off by the worker stopping resumes from its stored cursor: nothing repeated, nothing missed', async () => {
    let calls = 0;
    // The first worker dies while waiting for its third page: that request never ends.
    const dying: typeof fetch = (input, init) => (String(input).includes('/v1/changes') && ++calls === 3 ? new Promise(() => undefined) : fetch(input, init));
    const first = await harness({ fetch: dying });
    abandon(first.engine); // it never finishes: the worker is gone
    void first.engine.startSync();
    await vi.waitFor(async () => expect((await env.store.getSyncState(`${env.server.url}/`))?.pages).toBe(2), { timeout: 5000 });
    expect((await env.store.getSyncState(`${env.server.url}/`))?.state).toBe('running');

    // A new worker: a new engine over the same database, started as the background starts it.
    const second = await harness({ area: first.area });
    await second.engine.resume();
    await vi.waitFor(async () => expect((await env.store.getSyncState(`${env.server.url}/`))?.state).toBe('idle'), { timeout: 10_000 });
    const state = (await env.store.getSyncState(`${env.server.url}/`))!;
    expect(await env.store.counts()).toEqual(env.server.counts());
    // Every row was stored by exactly one page, and no page was asked for twice (the hung request never
    // reached the server).
    expect(state.rows).toBe(feedRows());
    expect(count('GET /v1/changes')).toBe(state.pages);
  });

  test('cancel stops after the page under way and keeps the cursor', async () => {
    const h = await harness();
    env.server.injectFault({ path: '/v1/changes', delayMs: 100, count: 100 });
    const { done } = await h.engine.startSync();
    await vi.waitFor(async () => expect((await env.store.getSyncState(`${env.server.url}/`))?.pages ?? 0).toBeGreaterThan(0));
    await h.engine.cancelSync();
    await done;
    const state = (await env.store.getSyncState(`${env.server.url}/`))!;
    expect(state.state).toBe('cancelled');
    expect(state.cursor).not.toBeNull();
  });
});

