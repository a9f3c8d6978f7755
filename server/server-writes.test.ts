/**
 * The reference source over real HTTP on loopback, writing: CSV loading through the project import,
 * idempotent action writes and conflicts, and the test hooks (faults, counts, rate limit).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AccountContextSchema, ActionBodySchema, ConflictBodySchema, lookupParams, paths } from '../lib/wire/schemas';
import { TOKEN, errorOf, referenceServerForFile } from './test-server';
import { startReferenceServer } from './index';
import { describeEachBackend } from './testing/backends';

describeEachBackend('the API, writing', (backend) => {
  const { ctx, call, hook } = referenceServerForFile(backend);
  const { dir } = ctx;
  const counts = () => ctx.server.storage.counts();

  describe('CSV loading through the project import', () => {
    it('loaded the sample and the extra file, reporting the rejected row by row and column', async () => {
      const [responses, actions, sends, extra] = ctx.server.loaded;
      expect(responses!.summary).toMatchObject({ kind: 'responses', rejected: 0 });
      expect(actions!.summary.kind).toBe('actions');
      expect(sends!.summary.kind).toBe('sends');
      expect(extra!.summary).toMatchObject({ kind: 'responses', imported: 3, rejected: 1 });
      expect(extra!.summary.errors[0]).toMatchObject({ row: 5, column: 'score', value: '11' });
      const stored = await counts();
      expect(stored.responses).toBe(responses!.summary.imported + 3 + 1);
      expect(stored.actions).toBe(actions!.summary.imported);
      expect(stored.sends).toBe(sends!.summary.imported);
    });

    it('joins rows without an account id to the account their domain names, and remembers the key', async () => {
      const byName = ctx.server.loaded[4]!.summary;
      expect(byName).toMatchObject({ kind: 'responses', imported: 1, rejected: 0 });
      const viaAlias = AccountContextSchema.parse((await call(paths.context('name:acme'))).json);
      expect(viaAlias.account.id).toBe('acc-acme');
      expect(viaAlias.responses.filter((r) => r.respondentEmail === 'dee@acme.com').map((r) => r.score)).toEqual([8]);
      expect((await counts()).accounts).toBe(25 + 3);
    });

    it('keeps the data in a database file across restarts, and a reload of the same file changes nothing', async () => {
      const dbPath = await ctx.freshDatabase('source');
      const first = await startReferenceServer({ token: TOKEN, dbPath, load: [join(dir, 'extra.csv')], clock: () => ctx.now });
      const before = await first.storage.counts();
      const cursor = (await first.storage.changes({ limit: 1000 })).nextCursor;
      await first.close();
      const second = await startReferenceServer({ token: TOKEN, dbPath, load: [join(dir, 'extra.csv')], clock: () => ctx.now });
      try {
        expect(await second.storage.counts()).toEqual(before);
        expect(await second.storage.changes({ cursor, limit: 1000 })).toMatchObject({ accounts: [], responses: [], hasMore: false });
      } finally {
        await second.close();
      }
    });

    it('refuses a file it cannot read as any kind, leaving the database as it was', async () => {
      const dbPath = await ctx.freshDatabase('refused');
      writeFileSync(join(dir, 'unknown.csv'), 'colour,size\nred,3\n');
      await expect(
        startReferenceServer({ token: TOKEN, dbPath, load: [join(dir, 'extra.csv'), join(dir, 'unknown.csv')] }),
      ).rejects.toThrow(/headers do not say what the file holds/);
      const again = await startReferenceServer({ token: TOKEN, dbPath });
      try {
        expect((await again.storage.counts()).responses).toBe(3);
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
      const before = (await counts()).actions;
      const body = { accountId: 'acc-acme', title: 'Call the CFO about renewal', dueDate: '2026-02-01', owner: 'Sam' };
      const first = await create(body, 'key-create-1');
      expect(first.status).toBe(201);
      const { action } = ActionBodySchema.parse(first.json);
      expect(action).toMatchObject({ accountId: 'acc-acme', status: 'open', title: body.title, createdAt: ctx.now, updatedAt: ctx.now });
      const repeat = await create({ owner: 'Sam', dueDate: '2026-02-01', title: body.title, accountId: 'acc-acme' }, 'key-create-1');
      expect(repeat.status).toBe(201);
      expect(repeat.headers.get('idempotent-replayed')).toBe('true');
      expect(repeat.json).toEqual(first.json);
      // Concurrent retries of one request still make one row.
      const burst = await Promise.all([1, 2, 3, 4, 5].map(() => create({ accountId: 'acc-globex', title: 'Exec sponsor check-in' }, 'key-burst')));
      expect(new Set(burst.map((r) => JSON.stringify(r.json))).size).toBe(1);
      expect(burst.every((r) => r.status === 201)).toBe(true);
      expect((await counts()).actions).toBe(before + 2);
      const reused = await create({ ...body, title: 'Something else' }, 'key-create-1');
      expect(reused.status).toBe(422);
      expect(errorOf(reused.json)).toMatchObject({ code: 'idempotency_key_reused', field: 'Idempotency-Key' });
      expect((await counts()).actions).toBe(before + 2);
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
      const before = (await counts()).actions;
      for (const [body, key, field] of cases) {
        const res = await create(body, key);
        expect(res.status, field).toBe(422);
        expect(errorOf(res.json).field, JSON.stringify(body)).toBe(field);
      }
      expect((await create({ accountId: 'acc-acme', title: 'x' }, 'k-v9', { 'Content-Type': 'text/plain' })).status).toBe(415);
      const huge = await create({ accountId: 'acc-acme', title: 'x'.repeat(70_000) }, 'k-v10');
      expect(huge.status).toBe(413);
      expect((await counts()).actions).toBe(before);
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
      const noAccount = await hook('/responses', { responses: [{ id: 'z', accountId: 'acc-nobody', score: 5, respondedAt: ctx.now }] });
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

    it('counts requests without the token apart: they cannot lock out the real token', async () => {
      const limited = await startReferenceServer({ token: TOKEN, rateLimit: { requests: 3, windowMs: 60_000 } });
      try {
        const get = (token?: string) => fetch(`${limited.url}${paths.source()}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
        for (let i = 0; i < 3; i++) expect((await get()).status).toBe(401);
        for (let i = 0; i < 2; i++) expect((await get('wrong-token-0123456789')).status).toBe(429);
        expect((await get(TOKEN)).status).toBe(200);
      } finally {
        await limited.close();
      }
    });
  });

  describe('hostile bodies', () => {
    it('refuses a deeply nested JSON body with 422 naming the body, with or without an Idempotency-Key', async () => {
      const deep = '['.repeat(5_000) + ']'.repeat(5_000);
      for (const key of ['deep-1', null]) {
        const res = await call(paths.actions(), { method: 'POST', body: `{"title":${deep}}`, headers: key ? { 'Idempotency-Key': key } : {} });
        expect(res.status).toBe(422);
        expect(errorOf(res.json)).toMatchObject({ code: 'invalid_request', field: 'body' });
      }
      const patch = await call(paths.action('act-1'), { method: 'PATCH', body: `{"changes":${deep}}`, headers: { 'Idempotency-Key': 'deep-2' } });
      expect(patch.status).toBe(422);
      expect((await call(paths.source())).status).toBe(200);
    });
  });
});
