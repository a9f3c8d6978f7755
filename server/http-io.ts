/**
 * Reading requests and writing answers for the reference source's API: JSON bodies within their size
 * limits, parameters and bodies validated with the wire schemas (errors name the parameter or field),
 * and errors as `{ error: { code, message, field? } }`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { LIMITS } from '../lib/wire/schemas';
import { ApiError } from './store';

const REPEATABLE_PARAMS = new Set(['domain', 'email']);

export const STATUS_CODES: Record<number, string> = {
  400: 'invalid_request', 401: 'unauthorized', 403: 'unauthorized', 404: 'not_found', 405: 'method_not_allowed',
  409: 'conflict', 413: 'payload_too_large', 415: 'unsupported_media_type', 422: 'invalid_request', 429: 'rate_limited',
  500: 'internal', 502: 'unavailable', 503: 'unavailable', 504: 'unavailable',
};

export function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** JSON with object keys sorted at every level: the same request body always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value as object)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

/** A zod failure → 422 naming the parameter or field (`where` prefixes body fields, e.g. `changes.title`). */
export function invalid(error: z.ZodError, what: 'parameter' | 'field'): ApiError {
  const issue = error.issues[0]!;
  let field = issue.path.map(String).join('.');
  let message = issue.message;
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    field = field ? `${field}.${key}` : key;
    message = `unknown ${what} "${key}"`;
  }
  return new ApiError(422, 'invalid_request', field ? `${field}: ${message}` : message, field || undefined);
}

export function parseWith<S extends z.ZodType>(schema: S, value: unknown, what: 'parameter' | 'field'): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw invalid(result.error, what);
  return result.data;
}

export function queryObject(params: URLSearchParams): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    if (REPEATABLE_PARAMS.has(key)) query[key] = values;
    else if (values.length > 1) throw new ApiError(422, 'invalid_request', `${key}: given more than once`, key);
    else query[key] = values[0]!;
  }
  return query;
}

export function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(text);
}

export function sendError(res: ServerResponse, error: ApiError, headers: Record<string, string> = {}): void {
  send(
    res,
    error.status,
    { error: { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) }, ...error.extra },
    headers,
  );
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Test hooks take bigger bodies (many responses at once). */
export const MAX_TEST_BODY_BYTES = 16 * 1024 * 1024;

/** Reads a JSON body of at most `limit` bytes. */
export async function readJson(req: IncomingMessage, limit: number = LIMITS.maxBodyBytes): Promise<unknown> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') {
    throw new ApiError(415, 'unsupported_media_type', 'the body must be JSON (Content-Type: application/json)', 'Content-Type');
  }
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    throw new ApiError(413, 'payload_too_large', `the body is larger than ${limit} bytes`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new ApiError(413, 'payload_too_large', `the body is larger than ${limit} bytes`);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') throw new ApiError(422, 'invalid_request', 'the body is empty; a JSON object is required', 'body');
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    throw new ApiError(422, 'invalid_request', 'the body is not valid JSON', 'body');
  }
  if (nestingDepth(body, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
    throw new ApiError(422, 'invalid_request', `the body nests deeper than ${MAX_JSON_DEPTH} levels`, 'body');
  }
  return body;
}

/** No request of the API nests more than a few levels; a deeper body is refused before anything recurses into it. */
export const MAX_JSON_DEPTH = 32;

/** How deep a parsed JSON value nests (iteratively, so a hostile body cannot overflow the stack); stops counting past `stopAt`. */
export function nestingDepth(value: unknown, stopAt: number): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    deepest = Math.max(deepest, depth);
    if (deepest > stopAt) return deepest;
    for (const child of Object.values(current)) stack.push([child, depth + 1]);
  }
  return deepest;
}
