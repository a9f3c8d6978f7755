/**
 * Cursors are the connector's own JSON, validated when read back: a damaged or foreign cursor is an
 * error naming the vendor, never a silent restart from the beginning.
 */
import type { z } from 'zod';
import { AppError } from '../../core/errors';

export function encodeCursor<T>(value: T): string {
  return JSON.stringify(value);
}

export function decodeCursor<T>(vendor: string, schema: z.ZodType<T>, cursor: string | null): T | null {
  if (cursor === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(cursor);
  } catch {
    throw new AppError('validation', `${vendor}: the stored sync position is not readable; sync again from the start`, { field: 'cursor' });
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new AppError('validation', `${vendor}: the stored sync position is not one of this connector's`, { field: 'cursor' });
  return parsed.data;
}
