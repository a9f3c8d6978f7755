/**
 * The HTTP API of the reference source (`docs/api/openapi.yaml`), request by request: health and
 * readiness, test hooks (`test-hooks.ts`), injected faults, who is asking (`auth.ts`), the rate limit per
 * token (`rate-limit.ts`), the route and its method (`routes.ts`), read-only tokens kept from writing,
 * errors as `{ error: { code, message, field? } }` (`http-io.ts`), and a JSON log line per request.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HEADERS, ROUTES, type Fault } from '../lib/wire/schemas';
import { ApiError } from './values';
import type { SourceStorage } from './storage';
import { STATUS_CODES, send, sendError, sleep } from './http-io';
import { answerRoute, matchRoute, type Matched } from './routes';
import { createIdempotency } from './idempotency';
import { createRateLimitBuckets } from './rate-limit';
import { createTestHooks } from './test-hooks';
import { createAuthenticate } from './auth';
import { logLine, requestIdOf, type LogSink } from './request-log';

export { IMPLEMENTED_ROUTES } from './routes';

export interface HandlerOptions {
  storage: SourceStorage;
  /** The shared token of one-person use; per-person tokens live in the storage. */
  token?: string;
  name: string;
  version: string;
  testHooks: boolean;
  /** A fixed window: at most `requests` API requests per `windowMs`, then 429 with Retry-After. */
  rateLimit?: { requests: number; windowMs: number };
  /** How long Idempotency-Keys are remembered; default 30 days. */
  idempotencyRetentionMs?: number;
  /** JSON log lines (`request-log.ts`). */
  log?: LogSink;
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
  const { storage } = options;
  const authenticate = createAuthenticate(storage.tokens, options.token);
  // One bucket per token, and one for requests without a valid token: those cannot use up anyone's allowance.
  const rateLimit = createRateLimitBuckets(options.rateLimit);
  const hooks = createTestHooks(storage, () => rateLimit.reset());
  const deps = { storage, idempotency: createIdempotency(storage, options.idempotencyRetentionMs), name: options.name, version: options.version };

  /** An injected fault for this request: waits its delay, and answers its status (true) if it has one. */
  async function faulted(res: ServerResponse, method: string, pathname: string, template: string | undefined): Promise<boolean> {
    const fault = hooks.takeFault(method, pathname, template);
    if (!fault) return false;
    if (fault.delayMs) await sleep(fault.delayMs);
    if (!fault.status) return false;
    const headers: Record<string, string> = fault.retryAfter !== undefined ? { [HEADERS.retryAfter]: String(fault.retryAfter) } : {};
    sendError(res, new ApiError(fault.status, STATUS_CODES[fault.status] ?? 'internal', `injected fault: ${fault.status}`), headers);
    return true;
  }

  /** `GET /healthz`: the process answers. `GET /readyz`: the database answers and its migrations are done. */
  async function health(res: ServerResponse, pathname: string): Promise<boolean> {
    if (pathname === '/healthz') {
      send(res, 200, { status: 'ok' });
      return true;
    }
    if (pathname !== '/readyz') return false;
    try {
      await storage.ready();
      send(res, 200, { status: 'ready' });
    } catch (error) {
      sendError(res, new ApiError(503, 'unavailable', `not ready: ${error instanceof Error ? error.message : String(error)}`));
    }
    return true;
  }

  async function handle(req: IncomingMessage, res: ServerResponse, requestId: string): Promise<void> {
    const started = performance.now();
    const method = req.method ?? 'GET';
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      throw new ApiError(404, 'not_found', 'no such path');
    }
    let route: Matched | undefined;
    const who: { user?: string } = {};
    res.on('finish', () =>
      logLine(options.log, {
        msg: 'request', requestId, method, path: url.pathname, ...(route ? { route: route.template } : {}), status: res.statusCode,
        ms: Number((performance.now() - started).toFixed(1)), ...(who.user ? { user: who.user } : {}),
      }),
    );
    if (method === 'GET' && (await health(res, url.pathname))) return;
    if (options.testHooks && hooks.isHookPath(url.pathname)) {
      await hooks.answer(req, res, url);
      return;
    }
    try {
      route = matchRoute(url.pathname);
    } finally {
      hooks.countRequest(`${method} ${route?.template ?? url.pathname}`);
    }
    if (await faulted(res, method, url.pathname, route?.template)) return;
    const principal = await authenticate(req);
    who.user = principal?.user;
    const retryAfter = rateLimit.take(principal?.bucket ?? 'anonymous');
    if (retryAfter !== null) {
      sendError(res, new ApiError(429, 'rate_limited', 'too many requests; retry later'), { [HEADERS.retryAfter]: String(retryAfter) });
      return;
    }
    if (!principal) {
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
    if (principal.readOnly && expected !== 'GET') {
      throw new ApiError(403, 'forbidden', `this token may only read: ${principal.user ?? 'its user'} cannot ${method} ${route.template}`);
    }
    await answerRoute(deps, req, res, url, route, principal.user);
  }

  const handler = ((req, res) => {
    const requestId = requestIdOf(req);
    res.setHeader('X-Request-Id', requestId);
    handle(req, res, requestId).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (error instanceof ApiError) {
        // After refusing a body part-way, close the connection rather than read the rest of it.
        sendError(res, error, error.status === 413 ? { Connection: 'close' } : {});
        return;
      }
      logLine(options.log, { level: 'error', msg: 'request failed', requestId, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      sendError(res, new ApiError(500, 'internal', `the server failed to answer; see its log (request ${requestId})`));
    });
  }) as RequestHandler;
  handler.counts = hooks.counts;
  handler.resetCounts = hooks.resetCounts;
  handler.injectFault = hooks.injectFault;
  handler.clearFaults = hooks.clearFaults;
  return handler;
}
