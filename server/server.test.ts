/**
 * The reference source over real HTTP on loopback: auth, every route, validation naming the field,
 * idempotent writes, conflicts, the changes feed, CSV loading, faults.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AccountContextSchema, ActionBodySchema, ChangesPageSchema, ConflictBodySchema, ErrorBodySchema, LookupResultSchema,
  SearchResultSchema, SourceInfoSchema, changesParams, contextParams, lookupParams, paths, searchParams, apiUrl,
  type ChangesPage,
} from '../lib/wire/schemas';
import { startReferenceServer, type ReferenceServer } from './index';

const TOKEN = 'test-token-0123456789';
const T0 = Date.UTC(2026, 0, 15, 12);
const DAY = 86_400_000;

let server: ReferenceServer;
/** The server's clock: frozen unless a test moves it, so many rows share one timestamp. */
let now = T0;

async function call(
  path: string,
  init: { method?: string; query?: URLSearchParams; body?: unknown; headers?: Record<string, string>; token?: string | null } = {},
) {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token !== null) headers.Authorization = `Bearer ${init.token ?? TOKEN}`;
  if (init.body !== undefined && !headers['Content-Type']) headers['Content-Type'] = 'application/json';
  const [pathname, search] = path.split('?') as [string, string | undefined];
  const res = await fetch(apiUrl(server.url, pathname, init.query ?? new URLSearchParams(search)), {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? (JSON.parse(text) as unknown) : undefined };
}

function errorOf(json: unknown) {
  return ErrorBodySchema.parse(json).error;
}

async function hook(path: string, body?: unknown) {
  const res = await fetch(`${server.url}/__test${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

const dir = mkdtempSync(join(tmpdir(), 'nps-source-test-'));

/** Two accounts sharing a domain (a parent and its subsidiary), one whose people write from another domain. */
const EXTRA_RESPONSES = [
  'response_id,account_id,account_name,account_domain,respondent_email,score,responded_at',
  'x-1,acc-umbrella,Umbrella Corporation,umbrella.example,ana@umbrella.example,9,2025-12-01',
  'x-2,acc-umbrella-labs,Umbrella Labs,umbrella.example,bo@umbrella.example,3,2025-12-02',
  'x-3,acc-hooli,Hooli,hooli.example,cy@hooli-mail.example,7,2025-12-03',
  'x-4,acc-hooli,Hooli,hooli.example,cy@hooli-mail.example,11,2025-12-04',
].join('\n');

beforeAll(async () => {
  writeFileSync(join(dir, 'extra.csv'), EXTRA_RESPONSES);
  // A survey tool's export without account ids: the domain ties the row to Acme.
  writeFileSync(join(dir, 'by-name.csv'), 'Company;Domain;Email;Score;Date\nACME Corp.;acme.com;dee@acme.com;8;2025-12-05\n');
  server = await startReferenceServer({
    token: TOKEN,
    testHooks: true,
    sample: { seed: 11, accounts: 25 },
    load: [join(dir, 'extra.csv'), join(dir, 'by-name.csv')],
    clock: () => now,
  });
}, 60_000);

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('auth', () => {
  it('refuses a missing or wrong token with 401 and accepts the right one', async () => {
    const missing = await call(paths.source(), { token: null });
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toBe('Bearer');
    expect(errorOf(missing.json).code).toBe('unauthorized');
    expect((await call(paths.source(), { token: `${TOKEN}x` })).status).toBe(401);
    expect((await call(paths.source(), { token: TOKEN.slice(0, -1) })).status).toBe(401);
    expect((await call(paths.source(), { headers: { Authorization: `Basic ${TOKEN}` }, token: null })).status).toBe(401);
    const ok = await call(paths.source());
    expect(ok.status).toBe(200);
    expect(SourceInfoSchema.parse(ok.json)).toMatchObject({ apiVersion: 'v1', serverTime: now });
    expect(ok.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers 401 before revealing whether a path exists, then 404 and 405', async () => {
    expect((await call('/v1/nothing', { token: null })).status).toBe(401);
    expect(errorOf((await call('/v1/nothing')).json).code).toBe('not_found');
    const wrongMethod = await call(paths.changes(), { method: 'POST', body: {} });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('GET');
  });
});

describe('GET /v1/accounts/lookup', () => {
  const lookup = async (query: Parameters<typeof lookupParams>[0]) => {
    const res = await call(paths.lookup(), { query: lookupParams(query) });
    expect(res.status).toBe(200);
    return LookupResultSchema.parse(res.json);
  };

  it('finds an account by each CRM id (Salesforce in 15 or 18 characters)', async () => {
    for (const query of [
      { salesforceAccountId: '001Dn00000AcmeC' },
      { zendeskOrganizationId: '360001' },
      { hubspotCompanyId: '7001' },
    ]) {
      const result = await lookup(query);
      expect(result).toMatchObject({ status: 'matched', via: 'crm_id' });
      expect(result.matches[0]!.id).toBe('acc-acme');
    }
    const id18 = (await lookup({ hubspotCompanyId: '7001' })).matches[0]!.salesforceIds[0]!;
    expect(id18).toHaveLength(18);
    expect((await lookup({ salesforceAccountId: id18 })).matches[0]!.id).toBe('acc-acme');
  });

  it('finds an account by an email: its own domain first, then the domain its respondents write from', async () => {
    expect(await lookup({ emails: ['someone@globex.com'] })).toMatchObject({ status: 'matched', via: 'email', matches: [{ id: 'acc-globex' }] });
    expect(await lookup({ emails: ['new.person@hooli-mail.example'] })).toMatchObject({ status: 'matched', via: 'email', matches: [{ id: 'acc-hooli' }] });
    // A mail provider's domain says nothing about the employer.
    expect(await lookup({ emails: ['someone@gmail.com'] })).toEqual({ status: 'none', matches: [] });
  });

  it('finds by domain as a page writes it, and by name', async () => {
    expect(await lookup({ domains: ['https://www.Initech.de/about'] })).toMatchObject({ status: 'matched', via: 'domain', matches: [{ id: 'acc-initech' }] });
    expect(await lookup({ name: 'ACME Corp.' })).toMatchObject({ status: 'matched', via: 'name', matches: [{ id: 'acc-acme' }] });
    expect(await lookup({ name: 'Nobody Ltd' })).toEqual({ status: 'none', matches: [] });
  });

  it('tells an ambiguous match from a unique one, and lets the name settle it', async () => {
    const ambiguous = await lookup({ domains: ['umbrella.example'] });
    expect(ambiguous.status).toBe('ambiguous');
    expect(ambiguous.matches.map((a) => a.id).sort()).toEqual(['acc-umbrella', 'acc-umbrella-labs']);
    expect(await lookup({ domains: ['umbrella.example'], name: 'Umbrella Labs' })).toMatchObject({
      status: 'matched', via: 'domain', matches: [{ id: 'acc-umbrella-labs' }],
    });
    // A CRM id is trusted over a domain that points elsewhere.
    expect(await lookup({ hubspotCompanyId: '7002', domains: ['acme.com'] })).toMatchObject({ matches: [{ id: 'acc-globex' }] });
  });

  it('names the parameter at fault', async () => {
    const cases: Array<[string, string]> = [
      ['salesforce_account_id=nope', 'salesforce_account_id'],
      ['zendesk_organization_id=abc', 'zendesk_organization_id'],
      ['name=a&name=b', 'name'],
      ['name=acme&colour=red', 'colour'],
      ['domain=', 'domain.0'],
    ];
    for (const [query, field] of cases) {
      const res = await call(`${paths.lookup()}?${query}`);
      expect(res.status, query).toBe(422);
      expect(errorOf(res.json), query).toMatchObject({ code: 'invalid_request', field });
    }
    const none = await call(paths.lookup());
    expect(none.status).toBe(422);
    expect(errorOf(none.json).message).toMatch(/at least one of/);
  });
});

describe('GET /v1/accounts/search', () => {
  it('ranks names that start with the query first and honours the limit', async () => {
    const res = await call(paths.search(), { query: searchParams({ q: 'globex' }) });
    const { accounts } = SearchResultSchema.parse(res.json);
    expect(accounts.map((a) => a.name).slice(0, 2)).toEqual(['Globex Corporation', 'Globex Logistics']);
    const limited = SearchResultSchema.parse((await call(paths.search(), { query: searchParams({ q: 'globex', limit: 1 }) })).json);
    expect(limited.accounts).toHaveLength(1);
    const byDomain = SearchResultSchema.parse((await call(paths.search(), { query: searchParams({ q: 'initech.de' }) })).json);
    expect(byDomain.accounts[0]!.id).toBe('acc-initech');
    const literal = SearchResultSchema.parse((await call(paths.search(), { query: searchParams({ q: '%' }) })).json);
    expect(literal.accounts).toEqual([]);
  });

  it('validates q and limit', async () => {
    expect(errorOf((await call(paths.search())).json).field).toBe('q');
    expect(errorOf((await call(`${paths.search()}?q=a&limit=51`)).json).field).toBe('limit');
    expect(errorOf((await call(`${paths.search()}?q=a&limit=two`)).json).field).toBe('limit');
  });
});

describe('GET /v1/accounts/{id}/context', () => {
  it('returns the account with all its responses, actions and sends', async () => {
    const res = await call(paths.context('acc-acme'), { query: contextParams({ window: 'all' }) });
    expect(res.status).toBe(200);
    const context = AccountContextSchema.parse(res.json);
    const count = (table: string) =>
      (server.store.db.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE account_id = 'acc-acme'`).get() as { n: number }).n;
    expect(context.account.name).toBe('Acme Corporation');
    expect(context.responses.length).toBe(count('responses'));
    expect(context.actions.length).toBe(count('actions'));
    expect(context.sends.length).toBe(count('sends'));
    expect(context.responses.length).toBeGreaterThan(20);
    expect(context.responses.every((r) => r.accountId === 'acc-acme')).toBe(true);
    expect(context).toMatchObject({ window: 'all', since: null, serverTime: now });
  });

  it('keeps responses and sends to the window, and all actions', async () => {
    const all = AccountContextSchema.parse((await call(paths.context('acc-acme'))).json);
    const recent = AccountContextSchema.parse((await call(paths.context('acc-acme'), { query: contextParams({ window: '90d' }) })).json);
    const since = now - 90 * DAY;
    expect(recent.since).toBe(since);
    expect(recent.responses.map((r) => r.id)).toEqual(all.responses.filter((r) => r.respondedAt >= since).map((r) => r.id));
    expect(recent.sends.length).toBe(all.sends.filter((s) => s.sentAt >= since).length);
    expect(recent.responses.length).toBeLessThan(all.responses.length);
    expect(recent.actions).toEqual(all.actions);
  });

  it('answers 404 for an unknown account and 422 for a bad window', async () => {
    const missing = await call(paths.context('acc-nobody'));
    expect(missing.status).toBe(404);
    expect(errorOf(missing.json).code).toBe('not_found');
    const bad = await call(`${paths.context('acc-acme')}?window=7d`);
    expect(bad.status).toBe(422);
    expect(errorOf(bad.json).field).toBe('window');
  });
});

describe('CSV loading through the project import', () => {
  it('loaded the sample and the extra file, reporting the rejected row by row and column', () => {
    const [responses, actions, sends, extra] = server.loaded;
    expect(responses!.summary).toMatchObject({ kind: 'responses', rejected: 0 });
    expect(actions!.summary.kind).toBe('actions');
    expect(sends!.summary.kind).toBe('sends');
    expect(extra!.summary).toMatchObject({ kind: 'responses', imported: 3, rejected: 1 });
    expect(extra!.summary.errors[0]).toMatchObject({ row: 5, column: 'score', value: '11' });
    const counts = server.counts();
    expect(counts.responses).toBe(responses!.summary.imported + 3 + 1);
    expect(counts.actions).toBe(actions!.summary.imported);
    expect(counts.sends).toBe(sends!.summary.imported);
  });

  it('joins rows without an account id to the account their domain names, and remembers the key', async () => {
    const byName = server.loaded[4]!.summary;
    expect(byName).toMatchObject({ kind: 'responses', imported: 1, rejected: 0 });
    const viaAlias = AccountContextSchema.parse((await call(paths.context('name:acme'))).json);
    expect(viaAlias.account.id).toBe('acc-acme');
    expect(viaAlias.responses.filter((r) => r.respondentEmail === 'dee@acme.com').map((r) => r.score)).toEqual([8]);
    expect(server.counts().accounts).toBe(25 + 3);
  });

  it('keeps the data in a database file across restarts, and a reload of the same file changes nothing', async () => {
    const dbPath = join(dir, 'source.db');
    const first = await startReferenceServer({ token: TOKEN, dbPath, load: [join(dir, 'extra.csv')], clock: () => now });
    const counts = first.counts();
    const cursor = first.store.changes({ limit: 1000 }).nextCursor;
    await first.close();
    const second = await startReferenceServer({ token: TOKEN, dbPath, load: [join(dir, 'extra.csv')], clock: () => now });
    try {
      expect(second.counts()).toEqual(counts);
      expect(second.store.changes({ cursor, limit: 1000 })).toMatchObject({ accounts: [], responses: [], hasMore: false });
    } finally {
      await second.close();
    }
  });

  it('refuses a file it cannot read as any kind, leaving the database as it was', async () => {
    const dbPath = join(dir, 'refused.db');
    writeFileSync(join(dir, 'unknown.csv'), 'colour,size\nred,3\n');
    await expect(
      startReferenceServer({ token: TOKEN, dbPath, load: [join(dir, 'extra.csv'), join(dir, 'unknown.csv')] }),
    ).rejects.toThrow(/headers do not say what the file holds/);
    const again = await startReferenceServer({ token: TOKEN, dbPath });
    try {
      expect(again.counts().responses).toBe(3);
    } finally {
      await again.close();
    }
  });

  it('refuses a short token outside tests', async () => {
    await expect(startReferenceServer({ token: 'short' })).rejects.toThrow(/too short/);
  });
});

describe('write-back: POST /v1/actions and PATCH /v1/actions/{id}', () => {
  const create = (body: unknown, key: string | null, headers: Record<string, string> = {}) =>
    call(paths.actions(), { method: 'POST', body, headers: key === null ? headers : { 'Idempotency-Key': key, ...headers } });

  it('creates an action exactly once per Idempotency-Key', async () => {
    const before = server.counts().actions;
    const body = { accountId: 'acc-acme', title: 'Call the CFO about renewal', dueDate: '2026-02-01', owner: 'Sam' };
    const first = await create(body, 'key-create-1');
    expect(first.status).toBe(201);
    const { action } = ActionBodySchema.parse(first.json);
    expect(action).toMatchObject({ accountId: 'acc-acme', status: 'open', title: body.title, createdAt: now, updatedAt: now });
    const repeat = await create({ owner: 'Sam', dueDate: '2026-02-01', title: body.title, accountId: 'acc-acme' }, 'key-create-1');
    expect(repeat.status).toBe(201);
    expect(repeat.headers.get('idempotent-replayed')).toBe('true');
    expect(repeat.json).toEqual(first.json);
    // Concurrent retries of one request still make one row.
    const burst = await Promise.all([1, 2, 3, 4, 5].map(() => create({ accountId: 'acc-globex', title: 'Exec sponsor check-in' }, 'key-burst')));
    expect(new Set(burst.map((r) => JSON.stringify(r.json))).size).toBe(1);
    expect(burst.every((r) => r.status === 201)).toBe(true);
    expect(server.counts().actions).toBe(before + 2);
    const reused = await create({ ...body, title: 'Something else' }, 'key-create-1');
    expect(reused.status).toBe(422);
    expect(errorOf(reused.json)).toMatchObject({ code: 'idempotency_key_reused', field: 'Idempotency-Key' });
    expect(server.counts().actions).toBe(before + 2);
  });

  it('takes the client’s id, and refuses a second action with it', async () => {
    const created = await create({ id: 'client-act-1', accountId: 'acc-initech', title: 'Send the roadmap' }, 'key-client-id');
    expect(ActionBodySchema.parse(created.json).action.id).toBe('client-act-1');
    const again = await create({ id: 'client-act-1', accountId: 'acc-initech', title: 'Send the roadmap' }, 'key-client-id-2');
    expect(again.status).toBe(409);
    expect(ConflictBodySchema.parse(again.json).current.id).toBe('client-act-1');
  });

  it('validates the request, naming the field or header', async () => {
    const cases: Array<[unknown, string | null, string]> = [
      [{ accountId: 'acc-acme', title: 'x' }, null, 'Idempotency-Key'],
      [{ accountId: 'acc-acme', title: 'x' }, 'has space', 'Idempotency-Key'],
      [{ accountId: 'acc-nobody', title: 'x' }, 'k-v1', 'accountId'],
      [{ accountId: 'acc-acme', title: '   ' }, 'k-v2', 'title'],
      [{ accountId: 'acc-acme' }, 'k-v3', 'title'],
      [{ accountId: 'acc-acme', title: 'x', dueDate: '01/02/2026' }, 'k-v4', 'dueDate'],
      [{ accountId: 'acc-acme', title: 'x', status: 'closed' }, 'k-v5', 'status'],
      [{ accountId: 'acc-acme', title: 'x', responseId: 'no-such' }, 'k-v6', 'responseId'],
      [{ accountId: 'acc-acme', title: 'x', colour: 'red' }, 'k-v7', 'colour'],
      ['{not json', 'k-v8', 'body'],
    ];
    const before = server.counts().actions;
    for (const [body, key, field] of cases) {
      const res = await create(body, key);
      expect(res.status, field).toBe(422);
      expect(errorOf(res.json).field, JSON.stringify(body)).toBe(field);
    }
    expect((await create({ accountId: 'acc-acme', title: 'x' }, 'k-v9', { 'Content-Type': 'text/plain' })).status).toBe(415);
    const huge = await create({ accountId: 'acc-acme', title: 'x'.repeat(70_000) }, 'k-v10');
    expect(huge.status).toBe(413);
    expect(server.counts().actions).toBe(before);
    // A refused request does not use up its key.
    expect((await create({ accountId: 'acc-acme', title: 'Fixed' }, 'k-v1')).status).toBe(201);
  });

  it('updates an action on the version the client saw; a stale version is a 409 carrying the server’s action', async () => {
    const { action } = ActionBodySchema.parse((await create({ accountId: 'acc-acme', title: 'Fix SSO' }, 'key-patch-1')).json);
    const patch = (body: unknown, id = action.id, headers: Record<string, string> = {}) =>
      call(paths.action(id), { method: 'PATCH', body, headers });

    const done = await patch({ baseUpdatedAt: action.updatedAt, changes: { status: 'in_progress', owner: 'Kim' } });
    expect(done.status).toBe(200);
    const updated = ActionBodySchema.parse(done.json).action;
    expect(updated).toMatchObject({ status: 'in_progress', owner: 'Kim', createdAt: action.createdAt });
    // The clock is frozen, yet the version moves on.
    expect(updated.updatedAt).toBeGreaterThan(action.updatedAt);

    const stale = await patch({ baseUpdatedAt: action.updatedAt, changes: { status: 'done' } });
    expect(stale.status).toBe(409);
    const conflict = ConflictBodySchema.parse(stale.json);
    expect(conflict.error).toMatchObject({ code: 'conflict', field: 'baseUpdatedAt' });
    expect(conflict.current).toEqual(updated);

    // Someone else changes it on the server: the client's next write is refused and told what changed.
    const other = await hook(`/actions/${encodeURIComponent(action.id)}`, { title: 'Fix SSO for EU tenants' });
    expect(other.status).toBe(200);
    const afterOther = await patch({ baseUpdatedAt: updated.updatedAt, changes: { status: 'done' } });
    expect(afterOther.status).toBe(409);
    const current = ConflictBodySchema.parse(afterOther.json).current;
    expect(current).toMatchObject({ title: 'Fix SSO for EU tenants', status: 'in_progress' });

    const cleared = await patch({ baseUpdatedAt: current.updatedAt, changes: { owner: null, status: 'done' } });
    expect(ActionBodySchema.parse(cleared.json).action).not.toHaveProperty('owner');
    const stored = (await hook(`/actions/${encodeURIComponent(action.id)}`)).json.action;
    expect(stored).toEqual(ActionBodySchema.parse(cleared.json).action);
  });

  it('replays a PATCH sent again with its Idempotency-Key instead of calling it a conflict', async () => {
    const { action } = ActionBodySchema.parse((await create({ accountId: 'acc-acme', title: 'Retry me' }, 'key-patch-2')).json);
    const body = { baseUpdatedAt: action.updatedAt, changes: { status: 'done' } };
    const first = await call(paths.action(action.id), { method: 'PATCH', body, headers: { 'Idempotency-Key': 'patch-once' } });
    const again = await call(paths.action(action.id), { method: 'PATCH', body, headers: { 'Idempotency-Key': 'patch-once' } });
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.json).toEqual(first.json);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
  });

  it('validates PATCH', async () => {
    const missing = await call(paths.action('no-such-action'), { method: 'PATCH', body: { baseUpdatedAt: 1, changes: { status: 'done' } } });
    expect(missing.status).toBe(404);
    const { action } = ActionBodySchema.parse((await create({ accountId: 'acc-acme', title: 'Validate me' }, 'key-patch-3')).json);
    const cases: Array<[unknown, string]> = [
      [{ changes: { status: 'done' } }, 'baseUpdatedAt'],
      [{ baseUpdatedAt: action.updatedAt, changes: {} }, 'changes'],
      [{ baseUpdatedAt: action.updatedAt, changes: { status: 'finished' } }, 'changes.status'],
      [{ baseUpdatedAt: action.updatedAt, changes: { dueDate: '2026-13' } }, 'changes.dueDate'],
      [{ baseUpdatedAt: action.updatedAt, changes: { accountId: 'acc-globex' } }, 'changes.accountId'],
    ];
    for (const [body, field] of cases) {
      const res = await call(paths.action(action.id), { method: 'PATCH', body });
      expect(res.status, field).toBe(422);
      expect(errorOf(res.json).field).toBe(field);
    }
  });
});

describe('GET /v1/changes', () => {
  async function readAll(start: { updatedSince?: number; cursor?: string }, limit: number) {
    const pages: ChangesPage[] = [];
    let query: Parameters<typeof changesParams>[0] = { ...start, limit };
    for (;;) {
      const res = await call(paths.changes(), { query: changesParams(query) });
      expect(res.status).toBe(200);
      const page = ChangesPageSchema.parse(res.json);
      pages.push(page);
      expect(page.accounts.length + page.responses.length + page.actions.length + page.sends.length).toBeLessThanOrEqual(limit);
      if (!page.hasMore) return pages;
      query = { cursor: page.nextCursor, limit };
    }
  }
  const ids = (pages: ChangesPage[], kind: 'accounts' | 'responses' | 'actions' | 'sends') =>
    pages.flatMap((p) => p[kind].map((r) => r.id));

  it('pages through every row once, although they all share one timestamp', async () => {
    const pages = await readAll({}, 97);
    const counts = server.counts();
    for (const [kind, count] of Object.entries(counts) as Array<[keyof typeof counts, number]>) {
      const seen = ids(pages, kind);
      expect(seen.length, kind).toBe(count);
      expect(new Set(seen).size, kind).toBe(count);
    }
    expect(pages.length).toBeGreaterThan(10);
  });

  it('continues from a cursor with only what changed since, and from updated_since', async () => {
    const start = ChangesPageSchema.parse((await call(paths.changes(), { query: changesParams({ limit: 1000 }) })).json);
    let cursor = start.nextCursor;
    for (let more = start.hasMore; more; ) {
      const page = ChangesPageSchema.parse((await call(paths.changes(), { query: changesParams({ cursor, limit: 1000 }) })).json);
      cursor = page.nextCursor;
      more = page.hasMore;
    }
    const empty = ChangesPageSchema.parse((await call(paths.changes(), { query: changesParams({ cursor }) })).json);
    expect(empty).toMatchObject({ accounts: [], responses: [], actions: [], sends: [], hasMore: false, nextCursor: cursor });

    now += 60_000;
    const added = await hook('/responses', {
      responses: [
        { id: 'new-1', accountId: 'acc-acme', score: 10, respondedAt: now - 1000, comment: 'Much better since the fix' },
        { id: 'new-2', accountId: 'acc-globex', score: 2, respondedAt: now - 2000 },
      ],
    });
    expect(added.status).toBe(200);
    const next = await readAll({ cursor }, 1);
    expect(ids(next, 'responses')).toEqual(['new-1', 'new-2']);
    expect(ids(next, 'accounts')).toEqual([]);
    const since = await readAll({ updatedSince: now }, 1);
    expect(ids(since, 'responses')).toEqual(['new-1', 'new-2']);
    const context = AccountContextSchema.parse((await call(paths.context('acc-acme'))).json);
    expect(context.responses.find((r) => r.id === 'new-1')).toMatchObject({ score: 10, updatedAt: now });
  });

  it('validates its parameters', async () => {
    for (const [query, field] of [['limit=1001', 'limit'], ['updated_since=yesterday', 'updated_since'], ['cursor=garbage', 'cursor']]) {
      const res = await call(`${paths.changes()}?${query}`);
      expect(res.status).toBe(422);
      expect(errorOf(res.json).field).toBe(field);
    }
  });
});

describe('test hooks', () => {
  it('fails the next matching requests with a status and Retry-After, and counts requests per route', async () => {
    expect((await hook('/reset', {})).status).toBe(200);
    expect((await hook('/faults', { status: 503, retryAfter: 7, count: 2, path: '/v1/accounts/lookup' })).status).toBe(200);
    const query = lookupParams({ name: 'Acme' });
    for (let i = 0; i < 2; i++) {
      const res = await call(paths.lookup(), { query });
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('7');
      expect(errorOf(res.json).code).toBe('unavailable');
    }
    expect((await call(paths.lookup(), { query })).status).toBe(200);
    await hook('/faults', { status: 429, retryAfter: 2, path: '/v1/accounts/{id}/context' });
    expect((await call(paths.source())).status).toBe(200);
    const limited = await call(paths.context('acc-acme'));
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    expect((await call(paths.context('acc-acme'))).status).toBe(200);

    const counts = (await hook('/counts')).json;
    expect(counts).toEqual({
      counts: { 'GET /v1/accounts/lookup': 3, 'GET /v1/source': 1, 'GET /v1/accounts/{id}/context': 2 },
      total: 6,
    });
    await hook('/reset', {});
    expect((await hook('/counts')).json).toEqual({ counts: {}, total: 0 });
  });

  it('delays an answer', async () => {
    await hook('/faults', { delayMs: 300, method: 'GET' });
    const started = performance.now();
    expect((await call(paths.source())).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('validates hook bodies and is absent when test hooks are off', async () => {
    const bad = await hook('/faults', { status: 200 });
    expect(bad.status).toBe(422);
    expect(errorOf(bad.json).field).toBe('status');
    const noAccount = await hook('/responses', { responses: [{ id: 'z', accountId: 'acc-nobody', score: 5, respondedAt: now }] });
    expect(noAccount.status).toBe(422);
    const plain = await startReferenceServer({ token: TOKEN });
    try {
      const res = await fetch(`${plain.url}/__test/counts`, { headers: { Authorization: `Bearer ${TOKEN}` } });
      expect(res.status).toBe(404);
    } finally {
      await plain.close();
    }
  });

  it('rate-limits when asked, with Retry-After', async () => {
    const limited = await startReferenceServer({ token: TOKEN, rateLimit: { requests: 2, windowMs: 60_000 } });
    try {
      const get = () => fetch(`${limited.url}${paths.source()}`, { headers: { Authorization: `Bearer ${TOKEN}` } });
      expect((await get()).status).toBe(200);
      expect((await get()).status).toBe(200);
      const third = await get();
      expect(third.status).toBe(429);
      expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });
});

