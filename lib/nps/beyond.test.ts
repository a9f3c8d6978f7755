import { describe, expect, test } from 'vitest';
import {
  channelSummaries,
  closeTheLoop,
  lastSurveyed,
  openActions,
  responseRate,
  responseRates,
  scoreDistribution,
  utcDate,
} from './index';
import { DAY, makeAction, makeResponse, makeSend } from './test-fixtures';

const NOW = Date.UTC(2026, 6, 15, 12);

describe('distribution', () => {
  test('count of each score 0–10', () => {
    expect(scoreDistribution([0, 10, 10, 7, 3, 3, 3])).toEqual([1, 0, 0, 3, 0, 0, 0, 1, 0, 0, 2]);
    expect(scoreDistribution([])).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(() => scoreDistribution([11])).toThrow(RangeError);
  });
});

describe('response rates', () => {
  test('a cell: null without sends, warning under 20%', () => {
    expect(responseRate(3, 0)).toEqual({ responses: 3, sends: 0, rate: null, lowRateWarning: false });
    expect(responseRate(1, 5)).toEqual({ responses: 1, sends: 5, rate: 0.2, lowRateWarning: false });
    expect(responseRate(1, 6).lowRateWarning).toBe(true);
    expect(responseRate(0, 6)).toEqual({ responses: 0, sends: 6, rate: 0, lowRateWarning: true });
  });
  test('overall, per role (send role through the mapping) and per channel, in the window', () => {
    const responses = [
      makeResponse({ id: 'r1', score: 9, respondedAt: NOW - DAY, channel: 'email', respondentRole: 'Exec' }),
      makeResponse({ id: 'r2', score: 3, respondedAt: NOW - 2 * DAY, channel: 'email', respondentTitle: 'Engineer' }),
      makeResponse({ id: 'r3', score: 3, respondedAt: NOW - 2 * DAY, channel: 'in_app' }),
      makeResponse({ id: 'r4', score: 3, respondedAt: NOW - 200 * DAY, channel: 'email' }),
      makeResponse({ id: 'r5', score: 3, respondedAt: NOW - DAY, channel: 'email', excluded: true }),
    ];
    const sends = [
      ...Array.from({ length: 10 }, (_, i) => makeSend({ id: `s${i}`, sentAt: NOW - 3 * DAY, channel: 'email', respondentRole: i < 2 ? 'C-level' : 'user' })),
      makeSend({ id: 'old', sentAt: NOW - 100 * DAY, channel: 'sms' }),
    ];
    const rates = responseRates(responses, sends, { window: '90d', now: NOW });
    expect(rates.overall).toEqual({ responses: 3, sends: 10, rate: 0.3, lowRateWarning: false });
    expect(rates.byChannel.email).toEqual({ responses: 2, sends: 10, rate: 0.2, lowRateWarning: false });
    expect(rates.byChannel.in_app).toEqual({ responses: 1, sends: 0, rate: null, lowRateWarning: false });
    expect(rates.byChannel.sms.sends).toBe(0);
    expect(rates.byRole.executive).toEqual({ responses: 1, sends: 2, rate: 0.5, lowRateWarning: false });
    expect(rates.byRole.end_user).toEqual({ responses: 1, sends: 8, rate: 0.125, lowRateWarning: true });
    expect(rates.byRole.unknown).toEqual({ responses: 1, sends: 0, rate: null, lowRateWarning: false });
  });
});

describe('channels', () => {
  test('NPS and N per channel, unspecified kept', () => {
    const rs = [
      ...[1, 2, 3, 4, 5].map((i) => makeResponse({ id: `e${i}`, score: i === 5 ? 0 : 10, respondedAt: NOW, channel: 'email' })),
      makeResponse({ id: 'p', score: 8, respondedAt: NOW, channel: 'phone' }),
      makeResponse({ id: 'x', score: 2, respondedAt: NOW }),
    ];
    const c = channelSummaries(rs);
    expect(c.email).toMatchObject({ n: 5, promoters: 4, detractors: 1, nps: 60, withheld: false });
    expect(c.phone).toMatchObject({ n: 1, passives: 1, nps: null, withheld: true });
    expect(c.unspecified).toMatchObject({ n: 1, detractors: 1 });
    expect(c.sms.n).toBe(0);
  });
});

describe('close the loop', () => {
  const rs = [
    makeResponse({ id: 'd1', score: 0, respondedAt: NOW - 20 * DAY }),
    makeResponse({ id: 'd2', score: 6, respondedAt: NOW - 30 * DAY }),
    makeResponse({ id: 'd3', score: 5, respondedAt: NOW - 10 * DAY }),
    makeResponse({ id: 'd4', score: 2, respondedAt: NOW - 5 * DAY, excluded: true }),
    makeResponse({ id: 'p1', score: 10, respondedAt: NOW - 10 * DAY }),
  ];
  test('an action on the response within 7 days (inclusive) closes the loop', () => {
    const actions = [
      makeAction({ id: 'a1', responseId: 'd1', createdAt: NOW - 20 * DAY + 7 * DAY }), // exactly 7 days: in time
      makeAction({ id: 'a2', responseId: 'd2', createdAt: NOW - 30 * DAY + 7 * DAY + 1 }), // 1 ms late
      makeAction({ id: 'a3', responseId: 'p1', createdAt: NOW - 10 * DAY }), // not a detractor
      makeAction({ id: 'a4', createdAt: NOW - 10 * DAY }), // not linked
    ];
    expect(closeTheLoop(rs, actions)).toEqual({ detractors: 3, followedUp: 1, share: 1 / 3, notFollowedUp: ['d3', 'd2'] });
  });
  test('the earliest of several actions decides', () => {
    const actions = [
      makeAction({ id: 'late', responseId: 'd2', createdAt: NOW }),
      makeAction({ id: 'early', responseId: 'd2', createdAt: NOW - 29 * DAY }),
    ];
    expect(closeTheLoop(rs, actions).followedUp).toBe(1);
  });
  test('no detractors → share null', () => {
    expect(closeTheLoop([rs[4]!], []).share).toBeNull();
  });
  test('open actions: overdue first (by due date), then by due date, undated last, then created', () => {
    expect(utcDate(NOW)).toBe('2026-07-15');
    const actions = [
      makeAction({ id: 'done', status: 'done', dueDate: '2026-01-01', createdAt: 1 }),
      makeAction({ id: 'today', status: 'open', dueDate: '2026-07-15', createdAt: 5 }),
      makeAction({ id: 'undated-b', status: 'open', createdAt: 9 }),
      makeAction({ id: 'undated-a', status: 'in_progress', createdAt: 8 }),
      makeAction({ id: 'overdue-new', status: 'in_progress', dueDate: '2026-07-14', createdAt: 3 }),
      makeAction({ id: 'overdue-old', status: 'open', dueDate: '2026-06-01', createdAt: 4 }),
      makeAction({ id: 'soon-2', status: 'open', dueDate: '2026-07-20', createdAt: 7 }),
      makeAction({ id: 'soon-1', status: 'open', dueDate: '2026-07-20', createdAt: 6 }),
    ];
    const list = openActions(actions, NOW);
    expect(list.map((o) => [o.action.id, o.overdue])).toEqual([
      ['overdue-old', true],
      ['overdue-new', true],
      ['today', false],
      ['soon-1', false],
      ['soon-2', false],
      ['undated-a', false],
      ['undated-b', false],
    ]);
  });
});

describe('last surveyed', () => {
  test('newest send or response per account and per respondent', () => {
    const responses = [
      makeResponse({ id: 'r1', score: 9, respondedAt: NOW - 10 * DAY, respondentEmail: 'Ann@X.example' }),
      makeResponse({ id: 'r2', score: 9, respondedAt: NOW - 5 * DAY, respondentName: 'Bob' }),
      makeResponse({ id: 'r3', score: 9, respondedAt: NOW - 1 * DAY }),
      makeResponse({ id: 'r4', score: 9, respondedAt: NOW - 1000, respondentName: 'Bob', excluded: true }),
    ];
    const sends = [
      makeSend({ id: 's1', sentAt: NOW - 3 * DAY, respondentEmail: 'ann@x.example' }),
      makeSend({ id: 's2', sentAt: NOW - 20 * DAY, respondentEmail: 'cy@x.example' }),
      makeSend({ id: 's3', sentAt: NOW + DAY, respondentEmail: 'cy@x.example' }),
    ];
    const ls = lastSurveyed(responses, sends, NOW);
    expect(ls.account).toEqual({ at: NOW - DAY, kind: 'response' });
    expect(ls.byRespondent).toEqual([
      { key: 'email:ann@x.example', email: 'ann@x.example', name: null, lastSentAt: NOW - 3 * DAY, lastRespondedAt: NOW - 10 * DAY, last: { at: NOW - 3 * DAY, kind: 'send' } },
      { key: 'name:bob', email: null, name: 'Bob', lastSentAt: null, lastRespondedAt: NOW - 5 * DAY, last: { at: NOW - 5 * DAY, kind: 'response' } },
      { key: 'email:cy@x.example', email: 'cy@x.example', name: null, lastSentAt: NOW - 20 * DAY, lastRespondedAt: null, last: { at: NOW - 20 * DAY, kind: 'send' } },
    ]);
  });
  test('nothing known → null', () => {
    expect(lastSurveyed([], [], NOW)).toEqual({ account: null, byRespondent: [] });
  });
});
