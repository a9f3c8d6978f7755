/**
 * People, not one shared secret, on each backend: tokens made and revoked from the command line, stored
 * hashed; each action write records its author; read-only tokens cannot write; rate limits count per
 * token. And operations: health and readiness, JSON logs without tokens or comment text, and a shutdown
 * that lets requests in flight finish.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ActionBodySchema, apiUrl, paths } from '../lib/wire/schemas';
import { startReferenceServer, type ReferenceServer } from './index';
import { describeEachBackend } from './testing/backends';
import { runTokenCommand } from './token-cli';
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';

const SHARED = 'shared-token-0123456789';

describeEachBackend('per-person tokens and operations', (backend) => {
  const dir = mkdtempSync(join(tmpdir(), 'nps-people-'));
  let db: string;
  let server: ReferenceServer;
  const logs: string[] = [];
  const secrets: Record<string, string> = {};

  const call = async (path: string, token: string | undefined, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) => {
    const res = await fetch(apiUrl(server.url, path, new URLSearchParams()), {
      method: init.method ?? 'GET',
      headers: {
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...(init.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...init.headers,
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, json: text ? (JSON.parse(text) as unknown) : undefined };
  };

  beforeAll(async () => {
    db = (await backend.database()) ?? join(dir, 'people.db');
    for (const [user, extra] of [['alice@example.com', []], ['bob@example.com', []], ['rita@example.com', ['--read-only']]] as const) {
      const lines = await runTokenCommand(['create', '--db', db, '--user', user, ...extra]);
      expect(lines[0]).toContain(user);
      secrets[user] = lines[1]!;
    }
    server = await startReferenceServer({
      dbPath: db, token: SHARED, sample: { seed: 3, accounts: 3 }, rateLimit: { requests: 40, windowMs: 60_000 }, log: (line) => logs.push(line),
    });
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists tokens without their secrets, and refuses a token create without a user', async () => {
    const listed = (await runTokenCommand(['list', '--db', db])).join('\n');
    expect(listed).toMatch(/alice@example\.com\s+read-write/);
    expect(listed).toMatch(/rita@example\.com\s+read-only/);
    for (const secret of Object.values(secrets)) expect(listed).not.toContain(secret);
    await expect(runTokenCommand(['create', '--db', db])).rejects.toThrow(/--user: a user is required/);
    await expect(runTokenCommand(['create', '--db', db, '--user', 'two words'])).rejects.toThrow(/--user: no spaces/);
  });

  it('records the token’s user as the author of each action write; the shared token still works, as no one', async () => {
    const created = await call(paths.actions(), secrets['alice@example.com'], {
      method: 'POST', body: { accountId: 'acc-acme', title: 'Call about the outage' }, headers: { 'Idempotency-Key': 'people-1' },
    });
    expect(created.status).toBe(201);
    const { action } = ActionBodySchema.parse(created.json);
    expect(action).toMatchObject({ createdBy: 'alice@example.com', updatedBy: 'alice@example.com' });
    const patched = await call(paths.action(action.id), secrets['bob@example.com'], {
      method: 'PATCH', body: { baseUpdatedAt: action.updatedAt, changes: { status: 'done' } },
    });
    expect(ActionBodySchema.parse(patched.json).action).toMatchObject({ createdBy: 'alice@example.com', updatedBy: 'bob@example.com' });
    const shared = await call(paths.actions(), SHARED, { method: 'POST', body: { accountId: 'acc-acme', title: 'Shared' }, headers: { 'Idempotency-Key': 'people-2' } });
    expect(shared.status).toBe(201);
    expect(ActionBodySchema.parse(shared.json).action.createdBy).toBeUndefined();
  });

  it('stamps who closed an action and when, clears it on reopening, and names the author of each new note (never the client’s claim)', async () => {
    const created = await call(paths.actions(), secrets['alice@example.com'], {
      method: 'POST',
      body: { accountId: 'acc-acme', title: 'Follow up with Dana', notes: [{ id: 'n1', at: 1_000, text: 'Left a voicemail', by: 'mallory@example.com' }] },
      headers: { 'Idempotency-Key': 'people-notes-1' },
    });
    const { action } = ActionBodySchema.parse(created.json);
    expect(action.notes).toEqual([{ id: 'n1', at: 1_000, text: 'Left a voicemail', by: 'alice@example.com' }]);
    expect(action).not.toHaveProperty('closedAt');
    // Bob adds a note and closes it: his note is his, the first stays Alice's, the close is his.
    const closed = ActionBodySchema.parse(
      (await call(paths.action(action.id), secrets['bob@example.com'], {
        method: 'PATCH',
        body: { baseUpdatedAt: action.updatedAt, changes: { status: 'done', notes: [...action.notes!, { id: 'n2', at: 2_000, text: 'Fix confirmed' }] } },
      })).json,
    ).action;
    expect(closed.notes).toEqual([action.notes![0], { id: 'n2', at: 2_000, text: 'Fix confirmed', by: 'bob@example.com' }]);
    expect(closed).toMatchObject({ status: 'done', closedBy: 'bob@example.com', closedAt: expect.any(Number) });
    // An edit of a done action keeps its close; reopening clears it.
    const renamed = ActionBodySchema.parse(
      (await call(paths.action(action.id), secrets['alice@example.com'], { method: 'PATCH', body: { baseUpdatedAt: closed.updatedAt, changes: { title: 'Followed up with Dana' } } })).json,
    ).action;
    expect(renamed).toMatchObject({ closedAt: closed.closedAt, closedBy: 'bob@example.com' });
    const reopened = ActionBodySchema.parse(
      (await call(paths.action(action.id), secrets['alice@example.com'], { method: 'PATCH', body: { baseUpdatedAt: renamed.updatedAt, changes: { status: 'open' } } })).json,
    ).action;
    expect(reopened).not.toHaveProperty('closedAt');
    expect(reopened).not.toHaveProperty('closedBy');
    expect(reopened.notes).toHaveLength(2);
  });

  it('lets a read-only token read and refuses its writes with 403', async () => {
    const reader = secrets['rita@example.com'];
    expect((await call(paths.context('acc-acme'), reader)).status).toBe(200);
    const refused = await call(paths.actions(), reader, { method: 'POST', body: { accountId: 'acc-acme', title: 'x' }, headers: { 'Idempotency-Key': 'people-3' } });
    expect(refused.status).toBe(403);
    expect(refused.json).toMatchObject({ error: { message: expect.stringMatching(/may only read/) } });
  });

  it('counts the rate limit per token: one person using theirs up leaves the others theirs', async () => {
    let status = 200;
    for (let i = 0; i < 60 && status === 200; i++) status = (await call(paths.source(), secrets['bob@example.com'])).status;
    expect(status).toBe(429);
    expect((await call(paths.source(), secrets['alice@example.com'])).status).toBe(200);
    expect((await call(paths.source(), SHARED)).status).toBe(200);
    expect((await call(paths.source(), undefined)).status).toBe(401);
  });

  it('refuses a revoked token at once', async () => {
    const { record, secret } = await (async () => {
      const lines = await runTokenCommand(['create', '--db', db, '--user', 'carol@example.com']);
      return { record: lines[0]!, secret: lines[1]! };
    })();
    expect(record).toContain('carol@example.com');
    expect((await call(paths.source(), secret)).status).toBe(200);
    expect((await runTokenCommand(['revoke', 'carol@example.com', '--db', db]))[0]).toMatch(/Revoked 1 token/);
    expect((await call(paths.source(), secret)).status).toBe(401);
    await expect(runTokenCommand(['revoke', 'carol@example.com', '--db', db])).rejects.toThrow(/no live token/);
  });

  it('answers /healthz and /readyz without a token, and gives every answer a request id', async () => {
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${server.url}/readyz`);
    expect(await ready.json()).toEqual({ status: 'ready' });
    expect((await fetch(`${server.url}/readyz`, { headers: { 'X-Request-Id': 'trace-42' } })).headers.get('x-request-id')).toBe('trace-42');
    expect((await fetch(`${server.url}/healthz`, { headers: { 'X-Request-Id': 'bad id with spaces' } })).headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('logs one JSON line per request with its id and user, and never a token or a comment', async () => {
    await call(paths.actions(), secrets['alice@example.com'], {
      method: 'POST', body: { accountId: 'acc-acme', title: 'Secret plan: call the CFO' }, headers: { 'Idempotency-Key': 'people-log', 'X-Request-Id': 'req-log-1' },
    });
    const lines = logs.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.find((l) => l.requestId === 'req-log-1')).toMatchObject({ msg: 'request', method: 'POST', status: 201, user: 'alice@example.com' });
    const all = logs.join('\n');
    for (const secret of [...Object.values(secrets), SHARED]) expect(all).not.toContain(secret);
    expect(all).not.toContain('Secret plan');
    expect(all).not.toMatch(/Much better|comment/i);
  });

  it('finishes a request in flight when it shuts down', async () => {
    const closing = await startReferenceServer({ dbPath: db, token: SHARED, testHooks: true });
    closing.injectFault({ delayMs: 300, path: '/v1/source' });
    const inFlight = fetch(`${closing.url}${paths.source()}`, { headers: { Authorization: `Bearer ${SHARED}` } });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const closed = closing.close();
    expect((await inFlight).status).toBe(200);
    await closed;
    await expect(fetch(`${closing.url}/healthz`)).rejects.toThrow();
  });
});
