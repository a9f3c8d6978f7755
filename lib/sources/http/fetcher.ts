/**
 * The HTTP source's network layer: every request has a timeout, transient failures are retried with
 * exponential backoff and full jitter, `429`/`503` honour `Retry-After`, at most a few requests run at
 * once, and identical GETs in flight are shared (twenty panels opening one account make one request).
 * Every response body is validated with zod; a malformed one is an error naming the field and the
 * request, never data.
 */
import type { z } from 'zod';
import { AppError, errorText, errorWordsOf, type ErrorCode, type ErrorWords } from '../../core/errors';
import { englishOf, wordedError, words } from '../../i18n/words';
import { apiUrl } from '../../wire/schemas';
import { checkSourceUrl } from '../url';

export type SourceErrorKind =
  /** No answer: DNS, connection refused, offline. */
  | 'network'
  | 'timeout'
  /** A status the source chose: 4xx/5xx other than the ones below. */
  | 'http'
  /** 401/403: the token is missing, wrong or lacks rights. */
  | 'auth'
  /** 404 */
  | 'not_found'
  /** 409/412: the record changed on the source since we read it. */
  | 'conflict'
  /** The body does not match the contract. */
  | 'invalid'
  | 'aborted';

/** The error code each kind of source failure carries across messaging (`lib/core/errors.ts`). */
const CODE_OF_KIND: Record<SourceErrorKind, ErrorCode> = {
  network: 'network',
  timeout: 'timeout',
  http: 'internal',
  auth: 'unauthorized',
  not_found: 'not_found',
  conflict: 'conflict',
  invalid: 'validation',
  aborted: 'cancelled',
};

export class SourceError extends AppError {
  override name = 'SourceError';
  /** `said` as words (the pages say them in their language) or, for a caller's own text, as written. */
  constructor(
    said: string | ErrorWords,
    readonly kind: SourceErrorKind,
    readonly details: { status?: number; retryAfterMs?: number; body?: unknown } = {},
  ) {
    super(CODE_OF_KIND[kind], typeof said === 'string' ? said : englishOf(said), typeof said === 'string' ? {} : { words: said });
  }
  get status(): number | undefined {
    return this.details.status;
  }
  /** Worth trying again later (the source may answer then); auth, 4xx and invalid bodies are not. */
  get transient(): boolean {
    if (this.kind === 'network' || this.kind === 'timeout') return true;
    const status = this.details.status;
    return this.kind === 'http' && status !== undefined && RETRYABLE_STATUSES.has(status);
  }
}

const RETRYABLE_STATUSES = new Set([408, 425, 429, 500, 502, 503, 504]);

/** `Retry-After` in milliseconds (delta-seconds or an HTTP date); undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The path of the first issue, as `responses.3.score`, and its message. */
export function describeZodError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  const where = issue.path.length ? issue.path.map(String).join('.') : '(body)';
  return `${where} — ${issue.message}`;
}

/** Lets at most `limit` tasks run at once; the rest wait in order. */
export class Semaphore {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  constructor(readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    try {
      return await task();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }

  get running(): number {
    return this.active;
  }
}

export interface FetcherOptions {
  /** The source's base URL; request paths are resolved against it. */
  baseUrl: string;
  /** Reads the bearer token for the request's origin when a request starts (it may change between requests). */
  getToken: (origin: string) => Promise<string | null>;
  /**
   * Whether the browser lets us reach this URL (the origin's host permission), asked before every
   * request: no token is sent where the user has not allowed the extension to go.
   */
  permitted?: (url: string) => Promise<boolean>;
  fetch?: typeof fetch;
  /** The headers that carry the token (default `Authorization: Bearer …`; survey tools name their own). */
  authHeaders?: (token: string) => Record<string, string>;
  /** What errors call the other side (default none: `GET /v1/…: …`); a survey tool's name for its connector. */
  label?: string;
  /** Per attempt. */
  timeoutMs?: number;
  /** Attempts after the first, for transient failures. */
  retries?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** A `Retry-After` longer than this is not waited for in the request: the caller schedules it. */
  maxRetryAfterMs?: number;
  maxConcurrent?: number;
  random?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  now?: () => number;
}

export interface SourceRequest<T> {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** An API path (`/v1/accounts/lookup`, see `paths` in lib/wire/schemas.ts), appended to the base URL's path. */
  path: string;
  query?: URLSearchParams;
  body?: unknown;
  headers?: Record<string, string>;
  /** Validates the body of a 2xx response. */
  schema: z.ZodType<T>;
  /** Validates the body of a 409/412 response, kept in the error's details. */
  conflictSchema?: z.ZodType<unknown>;
  signal?: AbortSignal;
  /** 404 is an answer (null), not an error. */
  notFoundIsNull?: boolean;
}

export interface FetcherStats {
  /** Requests sent over the network (attempts, retries included). */
  attempts: number;
  /** Calls answered by a request already in flight. */
  shared: number;
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Races a promise against a signal, without cancelling the promise's work (others may share it). */
function untilAborted<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(abortedError());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortedError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

const abortedError = () => new SourceError(words('error.cancelled'), 'aborted');

export class SourceFetcher {
  private readonly baseUrl: string;
  private readonly options: Required<Omit<FetcherOptions, 'baseUrl' | 'getToken' | 'permitted' | 'authHeaders' | 'label'>>;
  private readonly semaphore: Semaphore;
  private readonly inFlight = new Map<string, Promise<unknown>>();
  readonly stats: FetcherStats = { attempts: 0, shared: 0 };

  constructor(private readonly config: FetcherOptions) {
    this.baseUrl = new URL(config.baseUrl).href;
    this.options = {
      fetch: config.fetch ?? ((input, init) => globalThis.fetch(input, init)),
      timeoutMs: config.timeoutMs ?? 10_000,
      retries: config.retries ?? 3,
      baseDelayMs: config.baseDelayMs ?? 250,
      maxDelayMs: config.maxDelayMs ?? 8_000,
      maxRetryAfterMs: config.maxRetryAfterMs ?? 30_000,
      maxConcurrent: config.maxConcurrent ?? 4,
      random: config.random ?? Math.random,
      sleep: config.sleep ?? defaultSleep,
      now: config.now ?? Date.now,
    };
    this.semaphore = new Semaphore(this.options.maxConcurrent);
  }

  get origin(): string {
    return new URL(this.baseUrl).origin;
  }

  url(path: string, query?: URLSearchParams): URL {
    return new URL(apiUrl(this.baseUrl, path, query));
  }

  /**
   * Sends a request and returns its validated body (null for a 404 when `notFoundIsNull`). GETs with the
   * same URL share one request while it is in flight; a caller's signal only stops that caller waiting.
   */
  request<T>(req: SourceRequest<T>): Promise<T> {
    const url = this.url(req.path, req.query);
    if (req.method !== 'GET') return this.send(req, url, req.signal);
    const key = url.href;
    let shared = this.inFlight.get(key) as Promise<T> | undefined;
    if (shared) this.stats.shared++;
    else {
      shared = this.send(req, url).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, shared);
    }
    return untilAborted(shared, req.signal);
  }

  private describe(req: SourceRequest<unknown>, url: URL): string {
    return `${this.config.label ? `${this.config.label}: ` : ''}${req.method} ${url.pathname}`;
  }

  /** The URL rules and the permission, again before each request: the stored URL is not trusted. */
  private async checkDestination(url: URL): Promise<void> {
    try {
      checkSourceUrl(url);
    } catch (error) {
      const problem = errorWordsOf(error);
      if (problem) throw wordedError('validation', words('error.atOrigin', { origin: url.origin, problem }), { field: 'url' });
      throw new AppError('validation', `${url.origin}: ${errorText(error)}`, { field: 'url' });
    }
    if (this.config.permitted && !(await this.config.permitted(url.href))) {
      throw wordedError('permission', words('error.notAllowed', { origin: url.origin }));
    }
  }

  private async send<T>(req: SourceRequest<T>, url: URL, signal?: AbortSignal): Promise<T> {
    const { retries, baseDelayMs, maxDelayMs, maxRetryAfterMs, random, sleep } = this.options;
    for (let attempt = 0; ; attempt++) {
      if (signal?.aborted) throw abortedError();
      try {
        return await this.semaphore.run(() => this.attempt(req, url, signal));
      } catch (error) {
        if (!(error instanceof SourceError) || !error.transient || attempt >= retries) throw error;
        const retryAfter = error.details.retryAfterMs;
        if (retryAfter !== undefined && retryAfter > maxRetryAfterMs) throw error;
        // Full jitter: a crowd of clients that failed together does not come back together.
        const backoff = random() * Math.min(maxDelayMs, baseDelayMs * 2 ** attempt);
        await sleep(retryAfter ?? backoff, signal).catch(() => {
          throw abortedError();
        });
      }
    }
  }

  private async attempt<T>(req: SourceRequest<T>, url: URL, signal?: AbortSignal): Promise<T> {
    const what = this.describe(req, url);
    await this.checkDestination(url);
    const token = await this.config.getToken(url.origin);
    const timeout = AbortSignal.timeout(this.options.timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
    if (token) Object.assign(headers, this.config.authHeaders ? this.config.authHeaders(token) : { authorization: `Bearer ${token}` });
    if (req.body !== undefined) headers['content-type'] = 'application/json';
    this.stats.attempts++;
    let response: Response;
    try {
      response = await this.options.fetch(url.href, {
        method: req.method,
        headers,
        body: req.body === undefined ? undefined : JSON.stringify(req.body),
        signal: combined,
        // The token goes in a header; no cookies of the source's site ride along.
        credentials: 'omit',
        cache: 'no-store',
      });
    } catch (error) {
      if (signal?.aborted) throw abortedError();
      if (timeout.aborted) throw new SourceError(words('error.source.noAnswer', { what, ms: this.options.timeoutMs }), 'timeout');
      throw new SourceError(words('error.source.network', { what, detail: errorText(error) }), 'network');
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      if (signal?.aborted) throw abortedError();
      if (timeout.aborted) throw new SourceError(words('error.source.unfinished', { what, ms: this.options.timeoutMs }), 'timeout');
      throw new SourceError(words('error.source.network', { what, detail: errorText(error) }), 'network');
    }
    const status = response.status;
    const json = (): unknown => {
      if (text === '') return undefined;
      try {
        return JSON.parse(text) as unknown;
      } catch {
        throw new SourceError(words('error.source.notJson', { what }), 'invalid', { status });
      }
    };
    if (status >= 200 && status < 300) {
      const parsed = req.schema.safeParse(json());
      if (!parsed.success) {
        throw new SourceError(words('error.source.invalid', { what, detail: describeZodError(parsed.error) }), 'invalid', { status });
      }
      return parsed.data;
    }
    if (status === 404 && req.notFoundIsNull) return null as T;
    const reason = errorReason(text);
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), this.options.now());
    if (status === 401 || status === 403) {
      throw new SourceError(words('error.source.refused', { what, detail: `${status}${reason ? `: ${reason}` : ''}` }), 'auth', { status });
    }
    if (status === 404) throw new SourceError(words('error.source.notFound', { what }), 'not_found', { status });
    if ((status === 409 || status === 412) && req.conflictSchema) {
      const parsed = req.conflictSchema.safeParse(safeJson(text));
      if (!parsed.success) {
        throw new SourceError(words('error.source.invalidStatus', { what, status, detail: describeZodError(parsed.error) }), 'invalid', { status });
      }
      throw new SourceError(words('error.source.conflict', { what }), 'conflict', { status, body: parsed.data });
    }
    throw new SourceError(words('error.source.http', { what, detail: `${status}${reason ? ` — ${reason}` : ''}` }), 'http', { status, retryAfterMs });
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A short reason from an error body (`{error: {message, field}}`, `{message}`, `{detail}`, or text), bounded. */
function errorReason(text: string): string {
  const body = safeJson(text) as { error?: unknown; message?: unknown; detail?: unknown; title?: unknown } | undefined;
  const inner = body && typeof body.error === 'object' && body.error !== null ? (body.error as { message?: unknown; field?: unknown }) : undefined;
  const nested =
    typeof inner?.message === 'string' ? (typeof inner.field === 'string' ? `${inner.field}: ${inner.message}` : inner.message) : undefined;
  const candidate = [nested, body?.message, body?.detail, body?.title, typeof body?.error === 'string' ? body.error : undefined].find(
    (v): v is string => typeof v === 'string',
  );
  return (candidate ?? (body === undefined ? text : '')).slice(0, 200);
}
