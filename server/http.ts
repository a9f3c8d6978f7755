/**
 * The HTTP API of the reference source (`docs/api/openapi.yaml`), request by request: test hooks
 * (`test-hooks.ts`), injected faults, the rate limit (`rate-limit.ts`), bearer auth, the route and its
 * method (`routes.ts`), and errors as `{ error: { code, message, field? } }` (`http-io.ts`).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { HEADERS, ROUTES, type Fault } from '../lib/wire/schemas';
import { ApiError, SourceStore } from './store';
import { STATUS_CODES, digest, sendError, sleep } from './http-io';
import { answerRoute, matchRoute, type Matched } from './routes';
import { createIdempotency } from './idempotency';
import { createRateLimit } from './rate-limit';
import { createTestHooks } from './test-hooks';

export { IMPLEMENTED_ROUTES } from './routes';

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
  // Two buckets: requests without the token cannot use up the allowance of those with it.
  const rateLimit = { authorised: createRateLimit(options.rateLimit), anonymous: createRateLimit(options.rateLimit) };
  const hooks = createTestHooks(store, () => {
    rateLimit.authorised.reset();
    rateLimit.anonymous.reset();
  });
  const deps = { store, idempotency: createIdempotency(store, options.idempotencyRetentionMs), name: options.name, version: options.version };

  function authorised(req: IncomingMessage): boolean {
    const header = req.headers.authorization ?? '';
    const found = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
    // Both sides hashed to 32 bytes, so the comparison takes the same time whatever the token's length.
    return !!found && timingSafeEqual(digest(found[1]!), tokenDigest);
  }

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
    if (options.testHooks && hooks.isHookPath(url.pathname)) {
      await hooks.answer(req, res, url);
      return;
    }
    let route: Matched | undefined;
    try {
      route = matchRoute(url.pathname);
    } finally {
      hooks.countRequest(`${method} ${route?.template ?? url.pathname}`);
    }
    if (await faulted(res, method, url.pathname, route?.template)) return;
    const isAuthorised = authorised(req);
    const retryAfter = (isAuthorised ? rateLimit.authorised : rateLimit.anonymous).take();
    if (retryAfter !== null) {
      sendError(res, new ApiError(429, 'rate_limited', 'too many requests; retry later'), { [HEADERS.retryAfter]: String(retryAfter) });
      return;
    }
    if (!isAuthorised) {
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
    await answerRoute(deps, req, res, url, route);
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
  handler.counts = hooks.counts;
  handler.resetCounts = hooks.resetCounts;
  handler.injectFault = hooks.injectFault;
  handler.clearFaults = hooks.clearFaults;
  return handler;
}
