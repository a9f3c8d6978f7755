/**
 * The reference source over real HTTP on loopback, reading: auth, lookup, search, an account's
 * context and the changes feed, with validation naming the parameter.
 */
import { describe, expect, it } from 'vitest';
import { AccountContextSchema, ChangesPageSchema, LookupResultSchema, SearchResultSchema, SourceInfoSchema, changesParams, contextParams, lookupParams, paths, searchParams, type ChangesPage } from '../lib/wire/schemas';
import { DAY, TOKEN, errorOf, referenceServerForFile } from './test-server';
import { describeEachBackend } from './testing/backends';

describeEachBackend('the API, reading', (backend) => {
  const { ctx, call, hook } = referenceServerForFile(backend);

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
      expect(SourceInfoSchema.parse(ok.json)).toMatchObject({ apiVersion: 'v1', serverTime: ctx.now });
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
      // Counted another way: the whole changes feed, filtered to the account.
      const all = await ctx.server.storage.changes({ limit: 100_000 });
      const count = (kind: 'responses' | 'actions' | 'sends') => all[kind].filter((r) => r.accountId === 'acc-acme').length;
      expect(context.account.name).toBe('Acme Corporation');
      expect(context.responses.length).toBe(count('responses'));
      expect(context.actions.length).toBe(count('actions'));
      expect(context.sends.length).toBe(count('sends'));
      expect(context.responses.length).toBeGreaterThan(20);
      expect(context.responses.every((r) => r.accountId === 'acc-acme')).toBe(true);
      expect(context).toMatchObject({ window: 'all', since: null, serverTime: ctx.now });
    });

    it('keeps responses and sends to the window, and all actions', async () => {
      const all = AccountContextSchema.parse((await call(paths.context('acc-acme'))).json);
      const recent = AccountContextSchema.parse((await call(paths.context('acc-acme'), { query: contextParams({ window: '90d' }) })).json);
      const since = ctx.now - 90 * DAY;
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
      const counts = await ctx.server.storage.counts();
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

      ctx.now += 60_000;
      const added = await hook('/responses', {
        responses: [
          { id: 'new-1', accountId: 'acc-acme', score: 10, respondedAt: ctx.now - 1000, comment: 'Much better since the fix' },
          { id: 'new-2', accountId: 'acc-globex', score: 2, respondedAt: ctx.now - 2000 },
        ],
      });
      expect(added.status).toBe(200);
      const next = await readAll({ cursor }, 1);
      expect(ids(next, 'responses')).toEqual(['new-1', 'new-2']);
      expect(ids(next, 'accounts')).toEqual([]);
      const since = await readAll({ updatedSince: ctx.now }, 1);
      expect(ids(since, 'responses')).toEqual(['new-1', 'new-2']);
      const context = AccountContextSchema.parse((await call(paths.context('acc-acme'))).json);
      expect(context.responses.find((r) => r.id === 'new-1')).toMatchObject({ score: 10, updatedAt: ctx.now });
    });

    it('validates its parameters', async () => {
      for (const [query, field] of [['limit=1001', 'limit'], ['updated_since=yesterday', 'updated_since'], ['cursor=garbage', 'cursor']]) {
        const res = await call(`${paths.changes()}?${query}`);
        expect(res.status).toBe(422);
        expect(errorOf(res.json).field).toBe(field);
      }
    });
  });
});
