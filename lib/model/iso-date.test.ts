import { ActionSchema, IsoDateSchema } from './index';

test('a calendar date must exist: 2026-02-28 and 2024-02-29 are dates, 2026-02-30 and 2026-13-01 are not', () => {
  expect(IsoDateSchema.safeParse('2026-02-28').success).toBe(true);
  expect(IsoDateSchema.safeParse('2024-02-29').success).toBe(true);
  for (const text of ['2026-02-30', '2025-02-29', '2026-13-01', '2026-00-10', '2026-04-31']) {
    const parsed = IsoDateSchema.safeParse(text);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toMatch(/calendar|YYYY-MM-DD/);
  }
});

test('an action due on a day that does not exist is refused, naming the field', () => {
  const action = { id: 'a', accountId: 'acc', title: 'Call', status: 'open', createdAt: 1, updatedAt: 1, dueDate: '2026-02-30' };
  const parsed = ActionSchema.safeParse(action);
  expect(parsed.error?.issues[0]?.path).toEqual(['dueDate']);
});
