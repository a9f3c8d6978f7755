/**
 * Cursors are the connector's own JSON, validated when read back: a damaged or foreign cursor is an
 * error naming the vendor, never a silent restart from the beginning.
 */
import type { z } from 'zod';
import { wordedError, words } from '../../i18n/words';

export function encodeCursor<T>(value: T): string {
  return JSON.stringify(value);
}

export function decodeCursor<T>(vendor: string, schema: z.ZodType<T>, cursor: string | null): T | null {
  if (cursor === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(cursor);
  } catch {
    throw wordedError('validation', words('error.cursorUnreadable', { vendor }), { field: 'cursor' });
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw wordedError('validation', words('error.cursorForeign', { vendor }), { field: 'cursor' });
  return parsed.data;
}
