import { describe, expect, it } from 'vitest';
import type { AccountRecords, Action, SurveyResponse } from '../model';
import { accountAttention, badgeCount, compareAttention, type AccountAttention } from './attention';
import { DEFAULT_FOLLOW_UP_RULE } from './followup';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 5, 30, 12);
const options = { now: NOW, window: '365d' as const, rule: 'all' as const, followUpRule: DEFAULT_FOLLOW_UP_RULE };
const account = (id: string) => ({ id, name: id.toUpperCase(), domains: [], salesforceIds: [], zendeskOrganizationIds: [], hubspotCompanyIds: [], updatedAt: 0 });
const response = (id: string, accountId: string, score: number, daysAgo: number): SurveyResponse => ({
  id, accountId, score, respondedAt: NOW - daysAgo * DAY, tags: [], excluded: false, updatedAt: 0,
});
const action = (id: string, accountId: string, dueDate: string | undefined, over: Partial<Action> = {}): Action => ({
  id, accountId, title: id, status: 'open', createdAt: NOW - 20 * DAY, updatedAt: NOW - 20 * DAY, ...(dueDate ? { dueDate } : {}), ...over,
});
const records = (id: string, responses: SurveyResponse[], actions: Action[] = []): AccountRecords => ({ account: account(id), responses, actions, sends: [] });

describe('accountAttention', () => {
  it('counts overdue actions and waiting responses, and names the most urgent reason', () => {
    const a = accountAttention(records('a', [response('r1', 'a', 2, 10), response('r2', 'a', 9, 5)], [action('x', 'a', '2026-06-01'), action('y', 'a', '2026-07-30')]), options);
    expect(a).toMatchObject({ overdue: 1, waiting: 1, drop: false, reason: 'overdue', reasons: ['overdue', 'waiting'], oldestWaitingAt: NOW - 10 * DAY });
  });

  it('sees a significant drop against the previous window', () => {
    const before = Array.from({ length: 40 }, (_, i) => response(`p${i}`, 'd', 10, 400 + i));
    const now = Array.from({ length: 40 }, (_, i) => response(`n${i}`, 'd', i % 2 ? 7 : 8, 10 + i));
    expect(accountAttention(records('d', [...before, ...now]), options)).toMatchObject({ drop: true, reason: 'drop', waiting: 0, overdue: 0 });
  });

  it('needs none for an account whose detractors are followed up and whose actions are on time', () => {
    expect(accountAttention(records('ok', [response('r', 'ok', 3, 5)], [action('f', 'ok', '2026-07-30', { responseId: 'r' })]), options)).toBeNull();
  });
});

describe('the ranking', () => {
  const item = (id: string, overdue: number, waiting: number, drop: boolean, oldestDaysAgo: number | null): AccountAttention => ({
    accountId: id, accountName: id, overdue, waiting, drop, oldestWaitingAt: oldestDaysAgo === null ? null : NOW - oldestDaysAgo * DAY,
    reason: overdue ? 'overdue' : waiting ? 'waiting' : 'drop', reasons: [],
  });

  it('puts overdue first, then more waiting, then a drop, then the longest wait, then the name', () => {
    const items = [
      item('drop-only', 0, 0, true, null),
      item('wait-1-old', 0, 1, false, 40),
      item('wait-1-new', 0, 1, false, 2),
      item('overdue-1', 1, 0, false, null),
      item('wait-3', 0, 3, false, 5),
      item('overdue-2', 2, 0, false, null),
      item('wait-1-drop', 0, 1, true, 1),
    ];
    expect([...items].sort(compareAttention).map((i) => i.accountId)).toEqual([
      'overdue-2', 'overdue-1', 'wait-3', 'wait-1-drop', 'wait-1-old', 'wait-1-new', 'drop-only',
    ]);
    expect(badgeCount(items)).toBe(3 + 6);
  });
});
