import { z } from 'zod';
import { AppError, errorCode, errorText, fromErrorInfo, toErrorInfo } from './errors';

test('an AppError keeps its code and where across the messaging boundary', () => {
  const info = toErrorInfo(new AppError('validation', 'score must be 0–10', { field: 'score', row: 4 }));
  expect(info).toEqual({ code: 'validation', message: 'score must be 0–10', field: 'score', row: 4 });
  const again = fromErrorInfo(structuredClone(info));
  expect(again).toBeInstanceOf(AppError);
  expect(again.code).toBe('validation');
  expect(again.where).toEqual({ field: 'score', row: 4 });
});

test("the browser's and zod's errors are classified by name", () => {
  expect(errorCode(new DOMException('full', 'QuotaExceededError'))).toBe('storage_full');
  expect(errorCode(new DOMException('stop', 'AbortError'))).toBe('cancelled');
  expect(errorCode(new TypeError('Failed to fetch'))).toBe('network');
  expect(errorCode(new TypeError('x is not a function'))).toBe('internal');
  const parsed = z.object({ score: z.number() }).safeParse({ score: 'ten' });
  const info = toErrorInfo(parsed.error);
  expect(info.code).toBe('validation');
  expect(info.field).toBe('score');
  expect(fromErrorInfo({ code: 'nonsense' as never, message: 'm' }).code).toBe('internal');
});

test('the text of anything thrown', () => {
  expect(errorText(new Error('boom'))).toBe('boom');
  expect(errorText('plain')).toBe('plain');
  expect(errorText({ message: 'shaped' })).toBe('shaped');
  expect(errorText(42)).toBe('42');
});
