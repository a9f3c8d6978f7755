/** Appending rows to a Postgres table with COPY (text format), streamed in chunks. */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import type { Queryable } from './pg-change-log';

/** Rows per chunk written to the stream. */
const LINES_PER_CHUNK = 2000;

/** A field in COPY's text format: backslash, tab, newline and carriage return escaped; `\N` for null. */
export function copyText(value: string | null): string {
  if (value === null) return '\\N';
  return /[\\\t\n\r]/.test(value)
    ? value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'))
    : value;
}

function* chunks<T>(items: readonly T[], line: (item: T) => string): Generator<string> {
  for (let i = 0; i < items.length; i += LINES_PER_CHUNK) {
    let chunk = '';
    const end = Math.min(items.length, i + LINES_PER_CHUNK);
    for (let j = i; j < end; j++) chunk += line(items[j]!);
    yield chunk;
  }
}

/** Runs `statement` (a `COPY … FROM STDIN`) with one line per item. */
export async function copyRows<T>(c: Queryable, statement: string, items: readonly T[], line: (item: T) => string): Promise<void> {
  if (items.length === 0) return;
  await pipeline(Readable.from(chunks(items, line)), c.query(copyFrom(statement)));
}
