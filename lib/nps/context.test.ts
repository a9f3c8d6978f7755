import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { ROLES, type CountingRule, type Role, type SurveyResponse, type WindowKey } from '../model';
import { buildAccountContext, resolveRole } from './index';
import { DAY, makeAction, makeRecords, makeResponse, makeSend } from './test-fixtures';

const NOW = Date.UTC(2026, 6, 15, 12); // 2026-07-15T12:00Z, 2026 Q3

const responses: SurveyResponse[] = [
  makeResponse({ id: 'e1', score: 10, respondedAt: NOW - 10 * DAY, respondentTitle: 'CEO', comment: ' Great ', channel: 'email' }),
  makeResponse({ id: 'e2', score: 9, respondedAt: NOW - 100 * DAY, respondentRole: 'Exec' }),
  makeResponse({ id: 'e3', score: 10, respondedAt: NOW - 200 * DAY, respondentTitle: 'VP Sales' }),
  makeResponse({ id: 'd1', score: 3, respondedAt: NOW - 5 * DAY, respondentRole: 'Buyer', respondentEmail: 'd@x.example', comment: '   ' }),
  makeResponse({ id: 'd2', score: 6, respondedAt: NOW - 50 * DAY, respondentRole: 'Buyer', respondentEmail: 'D@x.example' }),
  makeResponse({ id: 'u1', score: 8, respondedAt: NOW - 20 * DAY, respondentTitle: 'Engineer', comment: 'OK', channel: 'in_app', respondentName: 'Una' }),
  makeResponse({ id: 'u2', score: 0, respondedAt: NOW - 365 * DAY, comment: 'Bad', channel: 'email' }), // exactly at the window start
  makeResponse({ id: 'x1', score: 0, respondedAt: NOW - DAY, excluded: true, comment: 'spam' }),
  makeResponse({ id: 'o1', score: 10, respondedAt: NOW - 365 * DAY - 1 }),
  makeResponse({ id: 'o2', score: 9, respondedAt: NOW - 400 * DAY }),
  makeResponse({ id: 'o3', score: 0, respondedAt: NOW - 700 * DAY }),
  makeResponse({ id: 'o4', score: 0, respondedAt: NOW - 730 * DAY }), // exactly at the previous window's start
  makeResponse({ id: 'f1', score: 0, respondedAt: NOW + 1 }),
];
const actions = [
  makeAction({ id: 'a1', responseId: 'd1', createdAt: NOW - 4 * DAY, status: 'open', dueDate: '2026-07-01' }),
  makeAction({ id: 'a2', responseId: 'u2', createdAt: NOW - 300 * DAY, status: 'done' }),
  makeAction({ id: 'a3', createdAt: NOW - 2 * DAY, status: 'in_progress', dueDate: '2026-08-01' }),
];
const sends = [
  ...Array.from({ length: 10 }, (_, i) => makeSend({ id: `s${i}`, sentAt: NOW - (3 + i) * DAY, channel: 'email' as const, respondentEmail: `p${i}@x.example` })),
  makeSend({ id: 'si', sentAt: NOW - 30 * DAY, channel: 'in_app', respondentRole: 'exec' }),
];
const records = makeRecords(responses, actions, sends);

describe('buildAccountContext — hand-computed account', () => {
  const ctx = buildAccountContext(records, { now: NOW, window: '365d', rule: 'all', withLastSurveyed: true });

  test('headline: 3 promoters, 1 passive, 3 detractors → 0, interval beside it', () => {
    expect(ctx.range).toEqual({ start: NOW - 365 * DAY, end: NOW, endInclusive: true });
    expect(ctx.overall).toMatchObject({ n: 7, promoters: 3, passives: 1, detractors: 3, nps: 0, withheld: false, showInterval: true });
    // n′ = 10, p₊ = p₋ = 0.375 → centre 0, SE = √(0.75/10) = 0.273861 → ±53.677
    expect(ctx.overall.interval?.low).toBeCloseTo(-53.677, 3);
    expect(ctx.overall.interval?.high).toBeCloseTo(53.677, 3);
  });
  test('change vs the previous 365 days: 4 responses, withheld → no significant change', () => {
    expect(ctx.change.previous).toMatchObject({ n: 4, promoters: 2, detractors: 2, withheld: true, nps: null });
    expect(ctx.change.significance).toEqual({ direction: 'none', z: null, delta: null, reason: 'too_few_responses', standardError: null });
  });
  test('roles: a row per canonical role, unknown included', () => {
    expect(ctx.roles.map((r) => [r.role, r.summary.n, r.share, r.newestResponseAt, r.heardFrom])).toEqual([
      ['executive', 3, 3 / 7, NOW - 10 * DAY, true],
      ['decision_maker', 2, 2 / 7, NOW - 5 * DAY, true],
      ['influencer', 0, 0, null, false],
      ['end_user', 1, 1 / 7, NOW - 20 * DAY, true],
      ['unknown', 1, 1 / 7, NOW - 365 * DAY, true],
    ]);
    expect(ctx.roles[0]?.summary.withheld).toBe(true);
  });
  test('distribution and channels', () => {
    expect(ctx.distribution).toEqual([1, 0, 0, 1, 0, 0, 1, 0, 1, 1, 2]);
    expect(ctx.channels.email).toMatchObject({ n: 2, promoters: 1, detractors: 1 });
    expect(ctx.channels.in_app).toMatchObject({ n: 1, passives: 1 });
    expect(ctx.channels.unspecified.n).toBe(4);
  });
  test('response rates', () => {
    expect(ctx.responseRates.overall).toEqual({ responses: 7, sends: 11, rate: 7 / 11, lowRateWarning: false });
    expect(ctx.responseRates.byChannel.email).toEqual({ responses: 2, sends: 10, rate: 0.2, lowRateWarning: false });
    expect(ctx.responseRates.byRole.executive).toEqual({ responses: 3, sends: 1, rate: 3, lowRateWarning: false });
    expect(ctx.responseRates.byRole.unknown).toEqual({ responses: 1, sends: 10, rate: 0.1, lowRateWarning: true });
  });
  test('close the loop and open actions', () => {
    expect(ctx.closeTheLoop).toEqual({ detractors: 3, followedUp: 1, share: 1 / 3, notFollowedUp: ['d2', 'u2'] });
    expect(ctx.openActions.map((o) => [o.action.id, o.overdue])).toEqual([
      ['a1', true],
      ['a3', false],
    ]);
  });
  test('recent comments: counted, non-empty, newest first, with role', () => {
    expect(ctx.recentComments.map((c) => [c.responseId, c.comment, c.role, c.category])).toEqual([
      ['e1', 'Great', 'executive', 'promoter'],
      ['u1', 'OK', 'end_user', 'passive'],
      ['u2', 'Bad', 'unknown', 'detractor'],
    ]);
  });
  test('last surveyed ignores the future and excluded; computed only when asked', () => {
    expect(ctx.lastSurveyed?.account).toEqual({ at: NOW - 3 * DAY, kind: 'send' });
    expect(buildAccountContext(records, { now: NOW, window: '365d', rule: 'all' }).lastSurveyed).toBeUndefined();
  });
  test('history: 8 quarters, current one holds July', () => {
    expect(ctx.history.overall).toHaveLength(8);
    expect(ctx.history.overall[7]).toMatchObject({ label: '2026 Q3', n: 2, gap: false, withheld: true });
    expect(ctx.history.overall[6]).toMatchObject({ label: '2026 Q2', n: 3 });
    expect(ctx.history.byRole.executive[7]?.n).toBe(1);
    const monthly = buildAccountContext(records, { now: NOW, window: '365d', rule: 'all', historyGranularity: 'month' });
    expect(monthly.history.overall[7]).toMatchObject({ label: '2026-07', n: 2 });
  });
  test('latest per respondent drops the older answer of d@x.example', () => {
    const latest = buildAccountContext(records, { now: NOW, window: '365d', rule: 'latest_per_respondent' });
    expect(latest.overall).toMatchObject({ n: 6, promoters: 3, passives: 1, detractors: 2 });
    expect(latest.overall.nps).toBeCloseTo(100 / 6, 12);
    expect(latest.roles[1]?.summary.n).toBe(1);
  });
  test("window 'all' has no previous window", () => {
    const all = buildAccountContext(records, { now: NOW, window: 'all', rule: 'all' });
    expect(all.overall.n).toBe(11);
    expect(all.change).toEqual({
      previousRange: null,
      previous: null,
      significance: { direction: 'none', z: null, delta: null, reason: 'no_previous_period', standardError: null },
    });
  });
  test('a significant fall against the previous 90 days', () => {
    const prev = Array.from({ length: 40 }, (_, i) => makeResponse({ id: `p${i}`, score: i < 30 ? 10 : 8, respondedAt: NOW - 120 * DAY }));
    const cur = Array.from({ length: 40 }, (_, i) => makeResponse({ id: `c${i}`, score: i < 10 ? 10 : 2, respondedAt: NOW - 10 * DAY }));
    const c = buildAccountContext(makeRecords([...prev, ...cur]), { now: NOW, window: '90d', rule: 'all' });
    expect(c.overall.nps).toBe(-50);
    expect(c.change.previous?.nps).toBe(75);
    expect(c.change.significance.direction).toBe('down');
    expect(c.change.significance.delta).toBe(-125);
  });
  test('empty account', () => {
    const c = buildAccountContext(makeRecords([]), { now: NOW, window: '365d', rule: 'all' });
    expect(c.overall).toEqual({ n: 0, promoters: 0, passives: 0, detractors: 0, nps: null, withheld: true, interval: null, showInterval: false });
    expect(c.roles.every((r) => !r.heardFrom && r.share === null)).toBe(true);
    expect(c.change.significance.reason).toBe('no_responses');
    expect(c.history.overall.every((p) => p.gap)).toBe(true);
    expect(c.closeTheLoop.share).toBeNull();
    expect(c.responseRates.overall.rate).toBeNull();
  });
  test('invalid options are rejected', () => {
    expect(() => buildAccountContext(records, { now: Number.NaN, window: '365d', rule: 'all' })).toThrow(RangeError);
    expect(() => buildAccountContext(records, { now: NOW, window: '30d' as WindowKey, rule: 'all' })).toThrow(RangeError);
  });
});

// ---- Properties against a deliberately naive reference -----------------------------------------

const DAYS: Record<WindowKey, number | null> = { '90d': 90, '180d': 180, '365d': 365, all: null };

function naiveKey(r: SurveyResponse): string {
  if (r.respondentEmail && r.respondentEmail.trim()) return 'e' + r.respondentEmail.trim().toLowerCase();
  if (r.respondentName && r.respondentName.trim()) return 'n' + r.respondentName.trim().toLowerCase();
  return 'r' + r.id;
}

function naiveNewer(a: SurveyResponse, b: SurveyResponse): boolean {
  if (a.respondedAt !== b.respondedAt) return a.respondedAt > b.respondedAt;
  if (a.updatedAt !== b.updatedAt) return a.updatedAt > b.updatedAt;
  if (a.id !== b.id) return a.id > b.id;
  return a.score > b.score;
}

function naiveSelect(rs: SurveyResponse[], from: number, to: number, toInclusive: boolean, rule: CountingRule): SurveyResponse[] {
  const inside = rs.filter((r) => !r.excluded && r.respondedAt >= from && (toInclusive ? r.respondedAt <= to : r.respondedAt < to));
  if (rule === 'all') return inside;
  return inside.filter((r) => !inside.some((o) => o !== r && naiveKey(o) === naiveKey(r) && naiveNewer(o, r)));
}

function naiveTally(rs: SurveyResponse[]) {
  const t = { n: 0, promoters: 0, passives: 0, detractors: 0 };
  for (const r of rs) {
    t.n++;
    if (r.score >= 9) t.promoters++;
    else if (r.score >= 7) t.passives++;
    else t.detractors++;
  }
  return t;
}

const BASE = Date.UTC(2024, 1, 29, 0, 0, 0);
const recordArb = fc
  .array(
    fc.record({
      score: fc.integer({ min: 0, max: 10 }),
      offsetDays: fc.oneof(fc.integer({ min: -5, max: 800 }), fc.constantFrom(90, 180, 365, 730, 360)),
      jitter: fc.constantFrom(0, 0, -1, 1, 3_600_000),
      respondentEmail: fc.option(fc.constantFrom('a@x.example', 'A@x.example', 'b@x.example'), { nil: undefined }),
      respondentName: fc.option(fc.constantFrom('Ann', 'Bob'), { nil: undefined }),
      respondentRole: fc.option(fc.constantFrom('Exec', 'buyer', 'Champion', 'user', 'nonsense'), { nil: undefined }),
      respondentTitle: fc.option(fc.constantFrom('CEO', 'Director', 'Team Lead', 'Engineer', ''), { nil: undefined }),
      channel: fc.option(fc.constantFrom('email' as const, 'web' as const), { nil: undefined }),
      comment: fc.option(fc.constantFrom('fine', '', ' '), { nil: undefined }),
      excluded: fc.boolean(),
    }),
    { maxLength: 60 },
  )
  .map((rows) =>
    rows.map(({ offsetDays, jitter, ...row }, i) => makeResponse({ ...row, id: `r${String(i).padStart(3, '0')}`, respondedAt: BASE - offsetDays * DAY + jitter })),
  );
const windowArb = fc.constantFrom<WindowKey>('90d', '180d', '365d', 'all');
const ruleArb = fc.constantFrom<CountingRule>('all', 'latest_per_respondent');

describe('buildAccountContext — properties', () => {
  test('overall, per-role and previous-window counts match the naive reference', () => {
    fc.assert(
      fc.property(recordArb, windowArb, ruleArb, (rs, window, rule) => {
        const ctx = buildAccountContext(makeRecords(rs), { now: BASE, window, rule });
        const days = DAYS[window];
        const counted = naiveSelect(rs, days === null ? -Infinity : BASE - days * DAY, BASE, true, rule);
        const want = naiveTally(counted);
        expect({ n: ctx.overall.n, promoters: ctx.overall.promoters, passives: ctx.overall.passives, detractors: ctx.overall.detractors }).toEqual(want);
        if (want.n >= 5) expect(ctx.overall.nps).toBe((100 * (want.promoters - want.detractors)) / want.n);
        for (const role of ROLES) {
          const row = ctx.roles.find((r) => r.role === role);
          const mine = counted.filter((r) => resolveRole(r.respondentRole, r.respondentTitle) === role);
          expect(row?.summary.n).toBe(mine.length);
          expect(row?.summary.promoters).toBe(naiveTally(mine).promoters);
        }
        expect(ctx.roles.reduce((s, r) => s + r.summary.n, 0)).toBe(ctx.overall.n);
        expect(ctx.distribution.reduce((s, x) => s + x, 0)).toBe(ctx.overall.n);
        expect(ctx.recentComments.length).toBe(counted.filter((r) => (r.comment ?? '').trim() !== '').length);
        if (days !== null) {
          const prev = naiveTally(naiveSelect(rs, BASE - 2 * days * DAY, BASE - days * DAY, false, rule));
          expect(ctx.change.previous?.n).toBe(prev.n);
          expect(ctx.change.previous?.detractors).toBe(prev.detractors);
        }
        const sumHistory = ctx.history.overall.reduce((s, p) => s + p.n, 0);
        const rolesHistory = ROLES.reduce((s, role: Role) => s + ctx.history.byRole[role].reduce((t, p) => t + p.n, 0), 0);
        expect(rolesHistory).toBe(sumHistory);
      }),
      { numRuns: 300 },
    );
  });
  test('the whole context is invariant under reordering of the records', () => {
    fc.assert(
      fc.property(
        recordArb.chain((rs) => fc.tuple(fc.constant(rs), fc.shuffledSubarray(rs, { minLength: rs.length, maxLength: rs.length }))),
        windowArb,
        ruleArb,
        ([rs, shuffled], window, rule) => {
          const a = buildAccountContext(makeRecords(rs), { now: BASE, window, rule });
          const b = buildAccountContext(makeRecords(shuffled), { now: BASE, window, rule });
          expect(b).toEqual(a);
        },
      ),
      { numRuns: 200 },
    );
  });
});
