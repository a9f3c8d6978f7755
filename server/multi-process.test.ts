/**
 * Two server processes on one Postgres database: an Idempotency-Key creates one action whichever
 * process each retry reaches, racing PATCHes give one 200 and one 409, a revoked token is refused at
 * once by both, and the changes feed gives every reader every row exactly once while both write (a
 * property over generated schedules), also when a transaction commits after a later one was read.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Action } from '../lib/model';
import { ActionBodySchema, ChangesPageSchema, apiUrl, changesParams, paths, type ChangesPage } from '../lib/wire/schemas';
import { loadSample } from './load';
import { openStorage } from './open-storage';
import type { SourceStorage } from './storage';
import { freshPostgresDatabase, postgresSkipReason } from './testing/backends';
import { startServerProcess, type ServerProcess } from './testing/server-process';
import { newToken } from './tokens';

const TOKEN = 'multi-process-token-0123456789';
const skip = postgresSkipReason();

async function call(base: string, path: string, init: { method?: string; body?: unknown; headers?: Record<string, string>; token?: string; query?: URLSearchParams } = {}) {
  const res = await fetch(apiUrl(base, path, init.query ?? new URLSearchParams()), {
    method: init.method ?? 'GET',
    headers: {
      Authorization: `Bearer ${init.token ?? TOKEN}`,
      ...(init.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...init.headers,
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as unknown) : undefined };
}

(skip ? describe.skip : describe)(`two server processes on one Postgres${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let storage: SourceStorage;
  let a: ServerProcess;
  let b: ServerProcess;
  let accountIds: string[];

  beforeAll(async () => {
    const db = await freshPostgresDatabase();
    storage = await openStorage({ db });
    await loadSample(storage, { seed: 5, accounts: 6 });
    accountIds = (await storage.changes({ limit: 1000 })).accounts.map((acc) => acc.id);
    // Both start together: the migrations are already done, and each finds them so.
    const started = await Promise.all([1, 2].map(() => startServerProcess(['--db', db, '--token', TOKEN, '--test-hooks', '--quiet'])));
    [a, b] = [started[0]!, started[1]!];
  }, 120_000);

  afterAll(async () => {
    const codes = await Promise.all([a?.stop(), b?.stop()]);
    await storage?.close();
    // A graceful shutdown exits 0.
    expect(codes).toEqual([0, 0]);
  }, 30_000);

  const either = (i: number) => (i % 2 === 0 ? a : b).url;

  it('creates one action for 50 concurrent POSTs with one Idempotency-Key, on both processes', async () => {
    const before = (await storage.counts()).actions;
    const body = { accountId: accountIds[0], title: 'One call, many retries' };
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => call(either(i), paths.actions(), { method: 'POST', body, headers: { 'Idempotency-Key': 'mp-key-1' } })),
    );
    expect(answers.map((r) => r.status)).toEqual(Array(50).fill(201));
    expect(new Set(answers.map((r) => JSON.stringify(r.json))).size).toBe(1);
    expect((await storage.counts()).actions).toBe(before + 1);
  });

  it('gives one 200 and one 409 to PATCHes racing on two processes from one version', async () => {
    const created = await call(a.url, paths.actions(), { method: 'POST', body: { accountId: accountIds[1], title: 'Race me' }, headers: { 'Idempotency-Key': 'mp-race' } });
    const { action } = ActionBodySchema.parse(created.json);
    for (let round = 0; round < 5; round++) {
      const base = (await storage.getAction(action.id))!.updatedAt;
      const answers = await Promise.all(
        [a, b].map((p, i) => call(p.url, paths.action(action.id), { method: 'PATCH', body: { baseUpdatedAt: base, changes: { title: `round ${round} by ${i}` } } })),
      );
      expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    }
  });

  it('refuses a revoked token at once on every process, and a read-only token cannot write', async () => {
    const alice = newToken('alice@example.com', false, Date.now());
    const reader = newToken('rita@example.com', true, Date.now());
    await storage.tokens.create(alice.record);
    await storage.tokens.create(reader.record);
    for (const p of [a, b]) expect((await call(p.url, paths.source(), { token: alice.secret })).status).toBe(200);
    const written = await call(b.url, paths.actions(), {
      method: 'POST', token: alice.secret, body: { accountId: accountIds[2], title: 'Alice follows up' }, headers: { 'Idempotency-Key': 'mp-alice' },
    });
    expect(ActionBodySchema.parse(written.json).action).toMatchObject({ createdBy: 'alice@example.com', updatedBy: 'alice@example.com' });
    expect((await storage.tokens.revoke('alice@example.com', Date.now()))).toBe(1);
    for (const p of [a, b]) expect((await call(p.url, paths.source(), { token: alice.secret })).status).toBe(401);
    for (const p of [a, b]) {
      expect((await call(p.url, paths.source(), { token: reader.secret })).status).toBe(200);
      const refused = await call(p.url, paths.actions(), {
        method: 'POST', token: reader.secret, body: { accountId: accountIds[2], title: 'Not allowed' }, headers: { 'Idempotency-Key': 'mp-reader' },
      });
      expect(refused.status).toBe(403);
    }
  });

  it('never lets a reader pass a transaction that commits after a later one was read', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let written!: () => void;
    const wrote = new Promise<void>((resolve) => (written = resolve));
    // An earlier transaction: its row is written (its transaction id taken), and it stays open.
    const slow = storage.bulk(async (write) => {
      await write({ accounts: [], responses: [{ id: 'late-commit', accountId: accountIds[3]!, score: 4, respondedAt: 1_000, tags: [], excluded: false, updatedAt: 0 }] });
      written();
      await gate;
    });
    await wrote;
    let before: ChangesPage;
    let first: Action;
    try {
      let cursor = (await storage.changes({ limit: 1 })).nextCursor;
      for (let more = true; more; ) {
        const page = ChangesPageSchema.parse((await call(a.url, paths.changes(), { query: changesParams({ cursor, limit: 1000 }) })).json);
        cursor = page.nextCursor;
        more = page.hasMore;
      }
      // A later transaction commits first, on the other process.
      const created = await call(b.url, paths.actions(), { method: 'POST', body: { accountId: accountIds[3], title: 'Committed first' }, headers: { 'Idempotency-Key': 'mp-first' } });
      first = ActionBodySchema.parse(created.json).action;
      before = ChangesPageSchema.parse((await call(a.url, paths.changes(), { query: changesParams({ cursor, limit: 1000 }) })).json);
      expect(before.actions.map((x) => x.id)).not.toContain(first.id);
    } finally {
      release();
    }
    await slow;
    const after = ChangesPageSchema.parse((await call(b.url, paths.changes(), { query: changesParams({ cursor: before.nextCursor, limit: 1000 }) })).json);
    expect(after.responses.map((r) => r.id)).toContain('late-commit');
    expect(after.actions.map((x) => x.id)).toContain(first.id);
  });

  it('gives every reader every row exactly once while two processes write (property)', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ process: fc.nat(1), kind: fc.constantFrom('action', 'responses'), size: fc.integer({ min: 1, max: 8 }) }), { minLength: 10, maxLength: 40 }),
        fc.array(fc.record({ limit: fc.integer({ min: 1, max: 25 }), process: fc.nat(1) }), { minLength: 2, maxLength: 4 }),
        async (writes, readers) => {
          run++;
          const start = (await storage.changes({ limit: 1 })).nextCursor;
          // Readers start at the feed's end as it is now (the first page past nothing): drain to there.
          let origin = start;
          for (let page = await storage.changes({ cursor: origin, limit: 1000 }); ; page = await storage.changes({ cursor: origin, limit: 1000 })) {
            origin = page.nextCursor;
            if (!page.hasMore) break;
          }
          const expected = new Set<string>();
          let writing = true;
          const writers = Promise.all(
            writes.map(async (w, i) => {
              const base = (w.process === 0 ? a : b).url;
              if (w.kind === 'action') {
                const res = await call(base, paths.actions(), {
                  method: 'POST', body: { accountId: accountIds[i % accountIds.length], title: `w${run}-${i}` }, headers: { 'Idempotency-Key': `p${run}-${i}` },
                });
                expect(res.status).toBe(201);
                expected.add(`action:${ActionBodySchema.parse(res.json).action.id}`);
              } else {
                const responses = Array.from({ length: w.size }, (_, j) => ({
                  id: `p${run}-${i}-${j}`, accountId: accountIds[(i + j) % accountIds.length]!, score: (i + j) % 11, respondedAt: 1_000 + j,
                }));
                const res = await fetch(`${base}/__test/responses`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ responses }) });
                expect(res.status).toBe(200);
                for (const r of responses) expected.add(`response:${r.id}`);
              }
            }),
          ).finally(() => (writing = false));
          const follow = async (reader: { limit: number; process: number }) => {
            const seen: string[] = [];
            let cursor = origin;
            for (;;) {
              const done = !writing;
              const base = (reader.process === 0 ? a : b).url;
              const page = ChangesPageSchema.parse((await call(base, paths.changes(), { query: changesParams({ cursor, limit: reader.limit }) })).json);
              seen.push(...page.actions.map((x) => `action:${x.id}`), ...page.responses.map((r) => `response:${r.id}`));
              cursor = page.nextCursor;
              reader.process = 1 - reader.process;
              if (!page.hasMore && done) return seen;
            }
          };
          const [seenByReader] = await Promise.all([Promise.all(readers.map(follow)), writers]);
          for (const seen of seenByReader) {
            expect(new Set(seen).size).toBe(seen.length);
            expect(new Set(seen)).toEqual(expected);
          }
        },
      ),
      { numRuns: 8 },
    );
  }, 120_000);
});
