import { describe, expect, it } from 'vitest';
import type { Action, SurveyResponse } from '../model';
import { closedAtOf, DEFAULT_FOLLOW_UP_RULE, followUps, loopClosure, needsFollowUp, waitingResponses } from './followup';
import { buildAccountContext } from './context';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 5, 30, 12);

const response = (id: string, score: number, daysAgo: number, over: Partial<SurveyResponse> = {}): SurveyResponse => ({
  id,
  accountId: 'acme',
  score,
  respondedAt: NOW - daysAgo * DAY,
  tags: [],
  excluded: false,
  updatedAt: NOW - daysAgo * DAY,
  ...over,
});

const action = (id: string, responseId: string | undefined, status: Action['status'], createdDaysAgo: number, over: Partial<Action> = {}): Action => ({
  id,
  accountId: 'acme',
  title: `Follow up ${id}`,
  status,
  createdAt: NOW - createdDaysAgo * DAY,
  updatedAt: NOW - createdDaysAgo * DAY,
  ...(responseId ? { responseId } : {}),
  ...over,
});

describe('needsFollowUp (default rule: detractors of the last 90 days)', () => {
  it('covers scores 0–6 answered within 90 days, inclusive at both ends', () => {
    expect(needsFollowUp(response('a', 6, 0), DEFAULT_FOLLOW_UP_RULE, NOW)).toBe(true);
    expect(needsFollowUp(response('b', 0, 90), DEFAULT_FOLLOW_UP_RULE, NOW)).toBe(true);
    expect(needsFollowUp(response('c', 7, 1), DEFAULT_FOLLOW_UP_RULE, NOW)).toBe(false);
    expect(needsFollowUp(response('d', 3, 90.01), DEFAULT_FOLLOW_UP_RULE, NOW)).toBe(false);
    expect(needsFollowUp(response('e', 3, 1, { excluded: true }), DEFAULT_FOLLOW_UP_RULE, NOW)).toBe(false);
    expect(needsFollowUp(response('f', 3, -1), DEFAULT_FOLLOW_UP_RULE, NOW)).toBe(false);
  });

  it('follows the team’s own rule (passives too, 30 days)', () => {
    const rule = { maxScore: 8, days: 30 };
    expect(needsFollowUp(response('a', 8, 29), rule, NOW)).toBe(true);
    expect(needsFollowUp(response('b', 8, 31), rule, NOW)).toBe(false);
  });
});

describe('followUps', () => {
  const responses = [
    response('waits', 2, 10),
    response('old', 2, 200),
    response('promoter', 10, 3),
    response('working', 4, 20),
    response('closed', 1, 40),
    response('mixed', 5, 30),
  ];
  const actions = [
    action('a1', 'working', 'in_progress', 18),
    action('a2', 'closed', 'done', 39, { closedAt: NOW - 35 * DAY, closedBy: 'alice@example.com' }),
    action('a3', 'mixed', 'done', 29, { closedAt: NOW - 25 * DAY }),
    action('a4', 'mixed', 'open', 10),
    action('a5', undefined, 'open', 1),
  ];

  it('derives each state from the linked actions', () => {
    const states = followUps(responses, actions, DEFAULT_FOLLOW_UP_RULE, NOW);
    expect(Object.fromEntries([...states].map(([id, f]) => [id, f.state]))).toEqual({
      waits: 'waiting',
      old: 'none',
      promoter: 'none',
      working: 'in_progress',
      closed: 'closed',
      mixed: 'in_progress',
    });
    expect(states.get('closed')).toMatchObject({ closedAt: NOW - 35 * DAY, closedBy: 'alice@example.com' });
  });

  it('a promoter followed up is closed too once its action is done', () => {
    const states = followUps([response('p', 10, 3)], [action('x', 'p', 'done', 2)], DEFAULT_FOLLOW_UP_RULE, NOW);
    expect(states.get('p')).toMatchObject({ state: 'closed', closedAt: NOW - 2 * DAY });
  });

  it('lists the waiting oldest first', () => {
    const more = [...responses, response('older', 0, 60), response('newest', 6, 1)];
    expect(waitingResponses(more, actions, DEFAULT_FOLLOW_UP_RULE, NOW).map((r) => r.id)).toEqual(['older', 'waits', 'newest']);
  });

  it('an action stored before closes were stamped closed at its last change', () => {
    expect(closedAtOf(action('z', 'r', 'done', 5))).toBe(NOW - 5 * DAY);
    expect(closedAtOf(action('z', 'r', 'open', 5))).toBeNull();
  });
});

describe('loopClosure', () => {
  it('counts the rule’s responses of the window, closed share and the median days to close, by hand', () => {
    // Five detractors in the window: closed after 2, 4 and 9 days; one in progress; one without any action.
    const responses = [
      response('d1', 0, 50),
      response('d2', 3, 40),
      response('d3', 6, 30),
      response('d4', 5, 20),
      response('d5', 2, 10),
      response('p1', 9, 10),
      response('x', 1, 5, { excluded: true }),
    ];
    const actions = [
      action('a1', 'd1', 'done', 49, { closedAt: NOW - 48 * DAY }),
      action('a2', 'd2', 'done', 39, { closedAt: NOW - 36 * DAY }),
      action('a3', 'd3', 'done', 25, { closedAt: NOW - 21 * DAY }),
      action('a4', 'd4', 'in_progress', 19),
      action('a5', 'p1', 'done', 9),
    ];
    expect(loopClosure(responses, actions, DEFAULT_FOLLOW_UP_RULE)).toEqual({
      n: 5,
      closed: 3,
      inProgress: 1,
      withoutAction: 1,
      rate: 3 / 5,
      medianDaysToClose: 4,
    });
  });

  it('an even count takes the mean of the middle two; nothing covered is no rate', () => {
    const responses = [response('d1', 0, 50), response('d2', 3, 40)];
    const actions = [
      action('a1', 'd1', 'done', 49, { closedAt: NOW - 49 * DAY }),
      action('a2', 'd2', 'done', 39, { closedAt: NOW - 37 * DAY }),
    ];
    expect(loopClosure(responses, actions, DEFAULT_FOLLOW_UP_RULE).medianDaysToClose).toBe(2);
    expect(loopClosure([response('p', 10, 1)], [], DEFAULT_FOLLOW_UP_RULE)).toMatchObject({ n: 0, rate: null, medianDaysToClose: null });
  });
});

describe('the account context', () => {
  it('carries the waiting list, each comment’s state, the done list and the loop for the window', () => {
    const records = {
      account: { id: 'acme', name: 'Acme', domains: [], salesforceIds: [], zendeskOrganizationIds: [], hubspotCompanyIds: [], updatedAt: 0 },
      responses: [
        response('w', 2, 10, { comment: 'Too slow' }),
        response('c', 3, 20, { comment: 'Crashes' }),
        response('p', 10, 5, { comment: 'Love it' }),
      ],
      actions: [action('a', 'c', 'done', 19, { closedAt: NOW - 15 * DAY }), action('b', undefined, 'done', 3, { closedAt: NOW - 1 * DAY })],
      sends: [],
    };
    const ctx = buildAccountContext(records, { now: NOW, window: '365d', rule: 'all' });
    expect(ctx.waiting.map((w) => w.response.id)).toEqual(['w']);
    expect(Object.fromEntries(ctx.recentComments.map((c) => [c.responseId, c.followUp]))).toEqual({ w: 'waiting', c: 'closed', p: 'none' });
    expect(ctx.doneActions.map((a) => a.id)).toEqual(['b', 'a']);
    expect(ctx.loop).toMatchObject({ n: 2, closed: 1, rate: 0.5, medianDaysToClose: 5 });
  });
});
