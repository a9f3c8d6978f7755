/**
 * The HTTP API of the reference source (`docs/api/openapi.yaml`): routing, bearer auth, request
 * validation with the wire schemas (`lib/wire/schemas.ts`, through `http-io.ts`), idempotent writes, errors as
 * `{ error: { code, message, field? } }`, and the test hooks.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import {
  ChangesParamsSchema, ContextParamsSchema, CreateActionSchema, FaultSchema, HEADERS, IdempotencyKeySchema, LIMITS,
  LookupParamsSchema, SearchParamsSchema, TEST_PREFIX, TestActionChangeSchema, TestResponsesSchema, UpdateActionSchema,
  API_VERSION, CAPABILITIES, ROUTES,
  type Fault, type RouteName,
} from '../lib/wire/schemas';
import { ApiError, SourceStore } from './store';
import { STATUS_CODES, canonicalJson, digest, MAX_TEST_BODY_BYTES, parseWith, queryObject, readJson, send, sendError, sleep } from './http-io';

export interface HandlerOptions {
  store: SourceStore;
  token: string;
  name: string;
  version: string;
  testHooks: boolean;
  /** A fixed window: at most `requests` API requests per `windowMs`, then 429 with Retry-After. */
  rateLimit?: { requests: number; windowMs: number };
  /** How long Idempotency-Keys are remembered; default 30 days. */
  idempotencyRetentionMs?: number;
  log?: (line: string) => void;
}

interface Matched {
  name: RouteName;
  template: string;
  id?: string;
}

const ROUTE_PATTERNS: Array<{ name: RouteName; pattern: RegExp }> = [
  { name: 'source', pattern: /^\/v1\/source$/ },
  { name: 'lookup', pattern: /^\/v1\/accounts\/lookup$/ },
  { name: 'search', pattern: /^\/v1\/accounts\/search$/ },
  { name: 'context', pattern: /^\/v1\/accounts\/([^/]+)\/context$/ },
  { name: 'changes', pattern: /^\/v1\/changes$/ },
  { name: 'createAction', pattern: /^\/v1\/actions$/ },
  { name: 'updateAction', pattern: /^\/v1\/actions\/([^/]+)$/ },
];

/** The routes this server answers, as `METHOD /path/{param}` (the OpenAPI test checks them both ways). */
export const IMPLEMENTED_ROUTES: string[] = ROUTE_PATTERNS.map(({ name }) => `${ROUTES[name].method} ${ROUTES[name].path}`);

const DEFAULT_RETENTION_MS = 30 * 86_400_000;

interface PendingFault {
  fault: ReturnType<typeof FaultSchema.parse>;
  remaining: number;
}

export interface RequestHandler {
  (req: IncomingMessage, res: ServerResponse): void;
  /** Requests per route since start (or the last reset), faulted ones included. */
  counts(): Record<string, number>;
  resetCounts(): void;
  injectFault(fault: Fault): void;
  clearFaults(): void;
}

export function createHandler(options: HandlerOptions): RequestHandler {
  const { store } = options;
  const tokenDigest = digest(options.token);
  const retention = options.idempotencyRetentionMs ?? DEFAULT_RETENTION_MS;
  let counts = new Map<string, number>();
  let faults: PendingFault[] = [];
  let rateWindow = { start: 0, used: 0 };

  function match(pathname: string): Matched | undefined {
    for (const { name, pattern } of ROUTE_PATTERNS) {
      const found = pattern.exec(pathname);
      if (!found) continue;
      let id: string | undefined;
      if (found[1] !== undefined) {
        try {
          id = decodeURIComponent(found[1]);
        } catch {
          throw new ApiError(404, 'not_found', `no such path: ${pathname}`);
        }
      }
      return { name, template: ROUTES[name].path, ...(id !== undefined ? { id } : {}) };
    }
    return undefined;
  }

  function authorised(req: IncomingMessage): boolean {
    const header = req.headers.authorization ?? '';
    const found = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
    // Both sides hashed to 32 bytes, so the comparison takes the same time whatever the token's length.
    return !!found && timingSafeEqual(digest(found[1]!), tokenDigest);
  }

  function takeFault(method: string, pathname: string, template: string | undefined): PendingFault['fault'] | undefined {
    const pending = faults.find(
      ({ fault, remaining }) =>
        remaining > 0 &&
        (!fault.method || fault.method === method) &&
        (!fault.path || pathname.startsWith(fault.path) || (template?.startsWith(fault.path) ?? false)),
    );
    if (!pending) return undefined;
    pending.remaining--;
    faults = faults.filter((f) => f.remaining > 0);
    return pending.fault;
  }

  function rateLimited(): number | null {
    const limit = options.rateLimit;
    if (!limit) return null;
    const now = Date.now();
    if (now - rateWindow.start >= limit.windowMs) rateWindow = { start: now, used: 0 };
    if (rateWindow.used < limit.requests) {
      rateWindow.used++;
      return null;
    }
    return Math.max(1, Math.ceil((rateWindow.start + limit.windowMs - now) / 1000));
  }

  /** Runs a write once per Idempotency-Key: a repeat of the same request gets the stored answer. */
  async function idempotent(
    req: IncomingMessage, res: ServerResponse, pathname: string, body: unknown, required: boolean,
    perform: () => { status: number; body: unknown },
  ): Promise<void> {
    const raw = req.headers['idempotency-key'];
    if (raw === undefined) {
      if (required) throw new ApiError(422, 'invalid_request', `${HEADERS.idempotencyKey}: the header is required`, HEADERS.idempotencyKey);
      const result = perform();
      send(res, result.status, result.body);
      return;
    }
    const parsedKey = IdempotencyKeySchema.safeParse(Array.isArray(raw) ? raw[0] : raw);
    if (!parsedKey.success) {
      const message = parsedKey.error.issues[0]?.message ?? 'is invalid';
      throw new ApiError(422, 'invalid_request', `${HEADERS.idempotencyKey}: ${message}`, HEADERS.idempotencyKey);
    }
    const key = parsedKey.data;
    const fingerprint = digest(`${req.method} ${pathname}\n${canonicalJson(body)}`).toString('hex');
    const stored = store.getIdempotent(key);
    if (stored) {
      if (stored.fingerprint !== fingerprint) {
        throw new ApiError(
          422, 'idempotency_key_reused',
          `${HEADERS.idempotencyKey}: this key was used for a different request`, HEADERS.idempotencyKey,
        );
      }
      send(res, stored.status, stored.body, { [HEADERS.idempotentReplayed]: 'true' });
      return;
    }
    const result = perform();
    const text = JSON.stringify(result.body);
    // Only successes are remembered: a refused request may be retried with the same key once fixed.
    if (result.status < 300) store.putIdempotent(key, fingerprint, result.status, text, retention);
    send(res, result.status, text);
  }

  async function api(req: IncomingMessage, res: ServerResponse, url: URL, route: Matched): Promise<void> {
    const method = req.method ?? 'GET';
    switch (route.name) {
      case 'source':
        parseWith(z.strictObject({}), queryObject(url.searchParams), 'parameter');
        send(res, 200, {
          name: options.name, version: options.version, apiVersion: API_VERSION, capabilities: [...CAPABILITIES], serverTime: store.now(),
        });
        return;
      case 'lookup': {
        const q = parseWith(LookupParamsSchema, queryObject(url.searchParams), 'parameter');
        send(res, 200, store.lookup({
          salesforceAccountId: q.salesforce_account_id,
          zendeskOrganizationId: q.zendesk_organization_id,
          hubspotCompanyId: q.hubspot_company_id,
          domains: q.domain,
          emails: q.email,
          name: q.name,
        }));
        return;
      }
      case 'search': {
        const q = parseWith(SearchParamsSchema, queryObject(url.searchParams), 'parameter');
        send(res, 200, { accounts: store.search(q.q, q.limit ?? LIMITS.defaultSearchLimit) });
        return;
      }
      case 'context': {
        const q = parseWith(ContextParamsSchema, queryObject(url.searchParams), 'parameter');
        const context = store.context(route.id!, q.window ?? 'all');
        if (!context) throw new ApiError(404, 'not_found', `no account "${route.id}"`);
        send(res, 200, context);
        return;
      }
      case 'changes': {
        const q = parseWith(ChangesParamsSchema, queryObject(url.searchParams), 'parameter');
        send(res, 200, store.changes({ updatedSince: q.updated_since, cursor: q.cursor, limit: q.limit ?? LIMITS.defaultChangesLimit }));
        return;
      }
      case 'createAction': {
        parseWith(z.strictObject({}), queryObject(url.searchParams), 'parameter');
        const body = await readJson(req);
        await idempotent(req, res, url.pathname, body, true, () => {
          const input = parseWith(CreateActionSchema, body, 'field');
          return { status: 201, body: { action: store.createAction(input) } };
        });
        return;
      }
      case 'updateAction': {
        parseWith(z.strictObject({}), queryObject(url.searchParams), 'parameter');
        const body = await readJson(req);
        await idempotent(req, res, url.pathname, body, false, () => {
          const input = parseWith(UpdateActionSchema, body, 'field');
          return { status: 200, body: { action: store.updateAction(route.id!, input) } };
        });
        return;
      }
      default:
        throw new ApiError(405, 'method_not_allowed', `${method} is not allowed here`);
    }
  }

  async function testHook(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const path = url.pathname.slice(TEST_PREFIX.length);
    const method = req.method ?? 'GET';
    if (path === '/faults' && method === 'POST') {
      const fault = parseWith(FaultSchema, await readJson(req), 'field');
      faults.push({ fault, remaining: fault.count });
      send(res, 200, { pending: faults.reduce((n, f) => n + f.remaining, 0) });
      return;
    }
    if (path === '/faults' && method === 'DELETE') {
      faults = [];
      send(res, 200, { pending: 0 });
      return;
    }
    if (path === '/counts' && method === 'GET') {
      const all = Object.fromEntries(counts);
      send(res, 200, { counts: all, total: Object.values(all).reduce((n, c) => n + c, 0) });
      return;
    }
    if (path === '/reset' && method === 'POST') {
      counts = new Map();
      faults = [];
      rateWindow = { start: 0, used: 0 };
      send(res, 200, { ok: true });
      return;
    }
    if (path === '/responses' && method === 'POST') {
      const { responses } = parseWith(TestResponsesSchema, await readJson(req, MAX_TEST_BODY_BYTES), 'field');
      const now = store.now();
      store.writeBatch({ accounts: [], responses: responses.map((r) => ({ ...r, updatedAt: r.updatedAt ?? now })) });
      send(res, 200, { responses: responses.map((r) => store.getResponse(r.id)) });
      return;
    }
    const action = /^\/actions\/([^/]+)$/.exec(path);
    if (action) {
      const id = decodeURIComponent(action[1]!);
      const current = store.getAction(id);
      if (!current) throw new ApiError(404, 'not_found', `no action "${id}"`);
      if (method === 'GET') {
        send(res, 200, { action: current });
        return;
      }
      if (method === 'POST') {
        const changes = parseWith(TestActionChangeSchema, await readJson(req), 'field');
        send(res, 200, { action: store.changeAction(current, changes) });
        return;
      }
    }
    throw new ApiError(404, 'not_found', `no test hook ${method} ${url.pathname}`);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const method = req.method ?? 'GET';
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      throw new ApiError(404, 'not_found', 'no such path');
    }
    res.on('finish', () => options.log?.(`${method} ${url.pathname} ${res.statusCode} ${(performance.now() - started).toFixed(1)} ms`));
    if (options.testHooks && (url.pathname === TEST_PREFIX || url.pathname.startsWith(`${TEST_PREFIX}/`))) {
      await testHook(req, res, url);
      return;
    }
    let route: Matched | undefined;
    try {
      route = match(url.pathname);
    } finally {
      const key = `${method} ${route?.template ?? url.pathname}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const fault = takeFault(method, url.pathname, route?.template);
    if (fault) {
      if (fault.delayMs) await sleep(fault.delayMs);
      if (fault.status) {
        const headers: Record<string, string> = fault.retryAfter !== undefined ? { [HEADERS.retryAfter]: String(fault.retryAfter) } : {};
        sendError(res, new ApiError(fault.status, STATUS_CODES[fault.status] ?? 'internal', `injected fault: ${fault.status}`), headers);
        return;
      }
    }
    const retryAfter = rateLimited();
    if (retryAfter !== null) {
      sendError(res, new ApiError(429, 'rate_limited', 'too many requests; retry later'), { [HEADERS.retryAfter]: String(retryAfter) });
      return;
    }
    if (!authorised(req)) {
      sendError(res, new ApiError(401, 'unauthorized', 'a valid bearer token is required (Authorization: Bearer <token>)'), {
        'WWW-Authenticate': 'Bearer',
      });
      return;
    }
    if (!route) throw new ApiError(404, 'not_found', `no such path: ${url.pathname}`);
    const expected = ROUTES[route.name].method;
    if (method !== expected) {
      sendError(res, new ApiError(405, 'method_not_allowed', `${method} is not allowed on ${route.template}; use ${expected}`), { Allow: expected });
      return;
    }
    await api(req, res, url, route);
  }

  const handler = ((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (error instanceof ApiError) {
        // After refusing a body part-way, close the connection rather than read the rest of it.
        sendError(res, error, error.status === 413 ? { Connection: 'close' } : {});
        return;
      }
      options.log?.(`error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      sendError(res, new ApiError(500, 'internal', 'the server failed to answer; see its log'));
    });
  }) as RequestHandler;
  handler.counts = () => Object.fromEntries(counts);
  handler.resetCounts = () => {
    counts = new Map();
  };
  handler.injectFault = (fault) => {
    const parsed = FaultSchema.parse(fault);
    faults.push({ fault: parsed, remaining: parsed.count });
  };
  handler.clearFaults = () => {
    faults = [];
  };
  return handler;
}
