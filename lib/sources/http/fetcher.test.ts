import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { ResponseSchema } from '../../model';
import { SourceError, SourceFetcher, parseRetryAfter, type FetcherOptions } from './fetcher';

/** A tiny loopback server whose behaviour each test sets; it counts what it receives. */
interface Loopback {
  url: string;
  hits: Array<{ method: string; url: string; authorization?: string; idempotencyKey?: string; body: string }>;
  maxConcurrent: number;
  handle: (req: IncomingMessage, res: ServerResponse, hit: number) => unknown;
  close(): Promise<void>;
}

async function loopback(): Promise<Loopback> {
  let active = 0;
  const state: Loopback = {
    url: '',
    hits: [],
    maxConcurrent: 0,
    handle: (_req, res) => json(res, 200, { ok: true }),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      active++;
      state.maxConcurrent = Math.max(state.maxConcurrent, active);
      res.on('close', () => active--);
      state.hits.push({
        method: req.method ?? '',
        url: req.url ?? '',
        authorization: req.headers.authorization,
        idempotencyKey: req.headers['idempotency-key'] as string | undefined,
        body,
      });
      void state.handle(req, res, state.hits.length);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return state;
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

const Ok = z.object({ ok: z.literal(true) });
let server: Loopback;
let delays: number[];

function fetcher(options: Partial<FetcherOptions> = {}) {
  return new SourceFetcher({
    baseUrl: server.url,
    getToken: async () => 'secret-token',
    random: () => 0.5,
    sleep: async (ms) => {
      delays.push(ms);
    },
    ...options,
  });
}

beforeEach(async () => {
  server = await loopback();
  delays = [];
});
afterEach(() => server.close());

describe('requests', () => {
  test('sends the bearer token and no cookies, and resolves the API path under a base path', async () => {
    const f = new SourceFetcher({ baseUrl: `${server.url}nps/`, getToken: async () => 'secret-token' });
    await expect(f.request({ method: 'GET', path: '/v1/source', schema: Ok })).resolves.toEqual({ ok: true });
    expect(server.hits[0]).toMatchObject({ url: '/nps/v1/source', authorization: 'Bearer secret-token' });
  });

  test('a malformed body is an error naming the field and the request', async () => {
    server.handle = (_req, res) => json(res, 200, { responses: [{ id: 'r1', accountId: 'A', score: 11, respondedAt: 1, updatedAt: 1 }] });
    const schema = z.object({ responses: z.array(ResponseSchema) });
    const error = await fetcher().request({ method: 'GET', path: '/v1/accounts/A/context', schema }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    expect((error as SourceError).kind).toBe('invalid');
    expect((error as SourceError).message).toMatch(/GET \/v1\/accounts\/A\/context: responses\.0\.score/);
    expect(server.hits).toHaveLength(1);
  });

  test('a body that is not JSON is invalid, not retried', async () => {
    server.handle = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>login</html>');
    };
    await expect(fetcher().request({ method: 'GET', path: '/v1/source', schema: Ok })).rejects.toThrow(/not JSON/);
    expect(server.hits).toHaveLength(1);
  });

  test('401 is an auth error, not retried, and carries the server’s reason', async () => {
    server.handle = (_req, res) => json(res, 401, { error: { code: 'unauthorized', message: 'bad token' } });
    const error = (await fetcher().request({ method: 'GET', path: '/v1/source', schema: Ok }).catch((e: unknown) => e)) as SourceError;
    expect(error.kind).toBe('auth');
    expect(error.message).toMatch(/bad token/);
    expect(server.hits).toHaveLength(1);
  });

  test('404 is null when the caller says so', async () => {
    server.handle = (_req, res) => json(res, 404, { error: { code: 'not_found', message: 'no account' } });
    await expect(fetcher().request({ method: 'GET', path: '/v1/accounts/x/context', schema: Ok, notFoundIsNull: true })).resolves.toBeNull();
  });

  test('409 carries the validated conflict body', async () => {
    server.handle = (_req, res) => json(res, 409, { error: { code: 'conflict', message: 'changed' }, current: { v: 3 } });
    const error = (await fetcher()
      .request({ method: 'PATCH', path: '/v1/actions/a1', body: {}, schema: Ok, conflictSchema: z.object({ current: z.object({ v: z.number() }) }) })
      .catch((e: unknown) => e)) as SourceError;
    expect(error.kind).toBe('conflict');
    expect(error.details.body).toEqual({ current: { v: 3 } });
  });
});

describe('retries', () => {
  test('transient failures are retried with exponential backoff and jitter, then succeed', async () => {
    server.handle = (_req, res, hit) => (hit <= 3 ? json(res, hit === 2 ? 502 : 500, {}) : json(res, 200, { ok: true }));
    await expect(fetcher({ baseDelayMs: 100 }).request({ method: 'GET', path: '/v1/source', schema: Ok })).resolves.toEqual({ ok: true });
    expect(server.hits).toHaveLength(4);
    // random() = 0.5 of 100, 200, 400 ms.
    expect(delays).toEqual([50, 100, 200]);
  });

  test('gives up after the configured retries with the last error', async () => {
    server.handle = (_req, res) => json(res, 503, { error: { code: 'unavailable', message: 'down for maintenance' } });
    const error = (await fetcher({ retries: 2 }).request({ method: 'GET', path: '/v1/source', schema: Ok }).catch((e: unknown) => e)) as SourceError;
    expect(error.transient).toBe(true);
    expect(error.message).toMatch(/503 — down for maintenance/);
    expect(server.hits).toHaveLength(3);
  });

  test('429 waits as long as Retry-After says', async () => {
    server.handle = (_req, res, hit) => (hit === 1 ? json(res, 429, {}, { 'retry-after': '2' }) : json(res, 200, { ok: true }));
    await fetcher().request({ method: 'GET', path: '/v1/source', schema: Ok });
    expect(delays).toEqual([2000]);
  });

  test('a Retry-After longer than the request may wait is handed back to the caller', async () => {
    server.handle = (_req, res) => json(res, 503, {}, { 'retry-after': '120' });
    const error = (await fetcher().request({ method: 'GET', path: '/v1/source', schema: Ok }).catch((e: unknown) => e)) as SourceError;
    expect(error.details.retryAfterMs).toBe(120_000);
    expect(server.hits).toHaveLength(1);
  });

  test('Retry-After as an HTTP date', () => {
    const now = Date.UTC(2026, 0, 1, 12, 0, 0);
    expect(parseRetryAfter('Thu, 01 Jan 2026 12:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });

  test('a request with no answer times out, and is retried', async () => {
    server.handle = () => undefined; // never answers
    const error = (await fetcher({ timeoutMs: 80, retries: 1 }).request({ method: 'GET', path: '/v1/source', schema: Ok }).catch((e: unknown) => e)) as SourceError;
    expect(error.kind).toBe('timeout');
    expect(server.hits).toHaveLength(2);
  });

  test('a refused connection is a network error', async () => {
    await server.close();
    const error = (await fetcher({ retries: 0 }).request({ method: 'GET', path: '/v1/source', schema: Ok }).catch((e: unknown) => e)) as SourceError;
    expect(error.kind).toBe('network');
    server = await loopback();
  });

  test('a caller’s signal stops the retries', async () => {
    server.handle = (_req, res) => json(res, 503, {});
    const controller = new AbortController();
    const f = fetcher({
      sleep: async () => {
        controller.abort();
        throw new Error('aborted');
      },
    });
    const error = (await f.request({ method: 'POST', path: '/v1/actions', body: {}, schema: Ok, signal: controller.signal }).catch((e: unknown) => e)) as SourceError;
    expect(error.kind).toBe('aborted');
    expect(server.hits).toHaveLength(1);
  });
});

describe('sharing and concurrency', () => {
  test('identical GETs in flight share one request; others do not', async () => {
    server.handle = (_req, res) => setTimeout(() => json(res, 200, { ok: true }), 50);
    const f = fetcher();
    const same = Array.from({ length: 20 }, () => f.request({ method: 'GET', path: '/v1/accounts/A/context', schema: Ok }));
    const other = f.request({ method: 'GET', path: '/v1/accounts/B/context', schema: Ok });
    const results = await Promise.all([...same, other]);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(server.hits.map((h) => h.url).sort()).toEqual(['/v1/accounts/A/context', '/v1/accounts/B/context']);
    expect(f.stats.shared).toBe(19);
    // Once it has landed, the next call asks again (sharing is for requests in flight, not a cache).
    await f.request({ method: 'GET', path: '/v1/accounts/A/context', schema: Ok });
    expect(server.hits).toHaveLength(3);
  });

  test('one caller giving up does not cancel the shared request for the others', async () => {
    server.handle = (_req, res) => setTimeout(() => json(res, 200, { ok: true }), 60);
    const f = fetcher();
    const controller = new AbortController();
    const first = f.request({ method: 'GET', path: '/v1/source', schema: Ok, signal: controller.signal });
    const second = f.request({ method: 'GET', path: '/v1/source', schema: Ok });
    controller.abort();
    await expect(first).rejects.toMatchObject({ kind: 'aborted' });
    await expect(second).resolves.toEqual({ ok: true });
    expect(server.hits).toHaveLength(1);
  });

  test('writes are never shared', async () => {
    const f = fetcher();
    await Promise.all([1, 2].map(() => f.request({ method: 'POST', path: '/v1/actions', body: { a: 1 }, headers: { 'Idempotency-Key': 'k1' }, schema: Ok })));
    expect(server.hits).toHaveLength(2);
    expect(server.hits[0]).toMatchObject({ idempotencyKey: 'k1', body: '{"a":1}' });
  });

  test('no more than the concurrency limit run at once', async () => {
    server.handle = (_req, res) => setTimeout(() => json(res, 200, { ok: true }), 30);
    const f = fetcher({ maxConcurrent: 3 });
    await Promise.all(Array.from({ length: 10 }, (_, i) => f.request({ method: 'GET', path: `/v1/accounts/${i}/context`, schema: Ok })));
    expect(server.hits).toHaveLength(10);
    expect(server.maxConcurrent).toBe(3);
  });
});
