/**
 * What the reference source's stores and API share: the API's 4xx error, the change feed's cursor, and
 * small rules over values (domains, canonical JSON, an action's changes).
 */
import { workEmailDomain } from '../lib/model/mail';
import { Invalid, parseDomain } from '../lib/import/values';
import type { Action } from '../lib/model';
import { closeStamp, stampNotes } from '../lib/model/action-fields';
import type { UpdateActionInput } from '../lib/wire/schemas';

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

/** Records' keys (as listed) → their sorted order: records of one kind share a few shapes. */
const KEY_ORDERS = new Map<string, string[]>();

/** JSON with the record's keys in a fixed order (less `without`), so equal records give equal text. */
export function canonical(value: object, without?: string): string {
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  const shape = `${without ?? ''}\u0000${keys.join('\u0000')}`;
  let order = KEY_ORDERS.get(shape);
  if (!order) {
    order = keys.filter((key) => key !== without).sort();
    if (KEY_ORDERS.size < 1000) KEY_ORDERS.set(shape, order);
  }
  const sorted: Record<string, unknown> = {};
  for (const key of order) if (record[key] !== undefined) sorted[key] = record[key];
  return JSON.stringify(sorted);
}

export function withoutUpdatedAt<T extends { updatedAt?: number }>(record: T): Omit<T, 'updatedAt'> {
  const { updatedAt: _updatedAt, ...rest } = record;
  return rest;
}

export function encodeCursor(after: number, since: number | null): string {
  return Buffer.from(`${CURSOR_PREFIX}.${after}.${since ?? ''}`, 'utf8').toString('base64url');
}

const XID_CURSOR = /^c2\.(\d{1,20})\.(\d{1,16})\.(\d{0,16})$/;

/** The Postgres feed's cursor: the (transaction id, seq) of the last entry read, and `updated_since`. */
export function encodeXidCursor(xid: string, seq: number, since: number | null): string {
  return Buffer.from(`c2.${xid}.${seq}.${since ?? ''}`, 'utf8').toString('base64url');
}

export function decodeXidCursor(cursor: string): { xid: string; seq: number; since: number | null } {
  const match = XID_CURSOR.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw new ApiError(422, 'invalid_request', 'cursor is not one this server gave out', 'cursor');
  return { xid: match[1]!, seq: Number(match[2]), since: match[3] ? Number(match[3]) : null };
}

export function decodeCursor(cursor: string): { after: number; since: number | null } {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^c1\.(\d{1,16})\.(\d{0,16})$/.exec(text);
  if (!match) throw new ApiError(422, 'invalid_request', 'cursor is not one this server gave out', 'cursor');
  return { after: Number(match[1]), since: match[2] ? Number(match[2]) : null };
}

/** An action with `changes` applied (null clears a field); the change is `author`'s, when known. */
export function applyActionChanges(current: Action, changes: UpdateActionInput['changes'], author: string | undefined, now: number): Action {
  const { closedAt: _closedAt, closedBy: _closedBy, ...rest } = current;
  const status = changes.status ?? current.status;
  const next: Action = { ...rest, ...closeStamp(current, status, now, author) };
  if (changes.title !== undefined) next.title = changes.title;
  next.status = status;
  if (changes.notes !== undefined) next.notes = stampNotes(changes.notes, current.notes, author);
  if (changes.owner === null) delete next.owner;
  else if (changes.owner !== undefined) next.owner = changes.owner;
  if (changes.dueDate === null) delete next.dueDate;
  else if (changes.dueDate !== undefined) next.dueDate = changes.dueDate;
  if (author) next.updatedBy = author;
  else delete next.updatedBy;
  return next;
}
