/**
 * Structured logs: one JSON object a line, each request's lines carrying its request id (the client's
 * `X-Request-Id` when it is a plain token, else a new one, sent back in the answer). Only method, path,
 * route, status, time, user and error messages are logged: never a token, a query string or a body.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export type LogSink = (line: string) => void;

export interface LogFields {
  level?: 'info' | 'warn' | 'error';
  msg: string;
  [field: string]: unknown;
}

export function logLine(sink: LogSink | undefined, fields: LogFields, clock: () => number = Date.now): void {
  if (!sink) return;
  sink(JSON.stringify({ time: new Date(clock()).toISOString(), level: fields.level ?? 'info', ...fields }));
}

const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  const value = Array.isArray(given) ? given[0] : given;
  return value && CLIENT_REQUEST_ID.test(value) ? value : randomUUID();
}
