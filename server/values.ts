/**
 * What the reference source's store and API share: the API's 4xx error, the change feed's cursor, and
 * small rules over values (domains, canonical JSON).
 */
import { workEmailDomain } from '../lib/model/mail';
import { Invalid, parseDomain } from '../lib/import/values';

/** An error the API turns into a 4xx answer. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
  }
}

const CURSOR_PREFIX = 'c1';


export function normaliseDomain(raw: string): string | null {
  const domain = parseDomain(raw);
  return domain instanceof Invalid ? null : domain;
}

export function workDomainOf(email: string): string | null {
  const domain = workEmailDomain(email);
  return domain && normaliseDomain(domain);
}

/** JSON with the record's keys in a fixed order, so equal records give equal text. */
export function canonical(value: Record<string, unknown>): string {
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) if (value[key] !== undefined) sorted[key] = value[key];
  return JSON.stringify(sorted);
}

export function withoutUpdatedAt<T extends { updatedAt?: number }>(record: T): Omit<T, 'updatedAt'> {
  const { updatedAt: _updatedAt, ...rest } = record;
  return rest;
}

export function encodeCursor(after: number, since: number | null): string {
  return Buffer.from(`${CURSOR_PREFIX}.${after}.${since ?? ''}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): { after: number; since: number | null } {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^c1\.(\d{1,16})\.(\d{0,16})$/.exec(text);
  if (!match) throw new ApiError(422, 'invalid_request', 'cursor is not one this server gave out', 'cursor');
  return { after: Number(match[1]), since: match[2] ? Number(match[2]) : null };
}
