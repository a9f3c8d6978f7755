import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import type { CountingRule, SurveyResponse, WindowKey } from '../model';
import {
  applyCountingRule,
  countScores,
  DAY_MS,
  isInRange,
  isInWindow,
  previousWindowRange,
  respondentKey,
  selectCounted,
  windowRange,
  windowsStableUntil,
} from './index';
import { DAY, makeResponse } from './test-fixtures';

const NOW = Date.UTC(2026, 6, 15, 12, 0, 0); // 2026-07-15T12:00Z

describe('window edges', () => {
  test('the start instant and now are inside; a millisecond outside either is not', () => {
    for (const [w, days] of [['90d', 90], ['180d', 180], ['365d', 365]] as const) {
      const start = NOW - days * DAY;
      expect(isInWindow(start, w, NOW)).toBe(true);
      expect(isInWindow(start - 1, w, NOW)).toBe(false);
      expect(isInWindow(NOW, w, NOW)).toBe(true);
      expect(isInWindow(NOW + 1, w, NOW)).toBe(false);
    }
  });
  test("'all' has no start but still ends at now", () => {
    expect(windowRange('all', NOW)).toEqual({ start: null, end: NOW, endInclusive: true });
    expect(isInWindow(0, 'all', NOW)).toBe(true);
    expect(isInWindow(NOW + 1, 'all', NOW)).toBe(false);
    expect(previousWindowRange('all', NOW)).toBeNull();
  });
  test('the previous window is half-open and adjoins the current one', () => {
    const prev = previousWindowRange('90d', NOW);
    expect(prev).toEqual({ start: NOW - 180 * DAY, end: NOW - 90 * DAY, endInclusive: false });
  });
  test('UTC midnight boundary: now at midnight', () => {
    const midnight = Date.UTC(2026, 0, 1);
    expect(isInWindow(Date.UTC(2025, 9, 3), '90d', midnight)).toBe(true); // exactly 90 days before
    expect(isInWindow(Date.UTC(2025, 9, 3) - 1, '90d', midnight)).toBe(false);
  });
  test('leap year: 365 days back from 2025-02-28 reaches 2024-02-29', () => {
    const now = Date.UTC(2025, 1, 28);
    expect(windowRange('365d', now).start).toBe(Date.UTC(2024, 1, 29));
    expect(isInWindow(Date.UTC(2024, 1, 29), '365d', now)).toBe(true);
    expect(isInWindow(Date.UTC(2024, 1, 28, 23, 59, 59, 999), '365d', now)).toBe(false);
  });
  test('a window spanning a leap day is exactly d × 24 h', () => {
    const now = Date.UTC(2024, 2, 1); // 2024-03-01
    expect(windowRange('90d', now).start).toBe(Date.UTC(2023, 11, 2));
    expect(isInWindow(Date.UTC(2024, 1, 29, 12), '90d', now)).toBe(true);
    // Without the leap day it would reach 2023-12-03 instead.
    expect(windowRange('90d', Date.UTC(2023, 2, 1)).start).toBe(Date.UTC(2022, 11, 1));
  });
  test('a non-finite now is rejected', () => {
    expect(() => windowRange('90d', Number.NaN)).toThrow(RangeError);
  });
});

describe('respondent key', () => {
  test('email, else name, else the response itself', () => {
    expect(respondentKey({ id: 'r1', respondentEmail: ' Ann@Acme.Example ', respondentName: 'Ann' })).toBe('email:ann@acme.example');
    expect(respondentKey({ id: 'r1', respondentName: '  Ann Lee ' })).toBe('name:ann lee');
    expect(respondentKey({ id: 'r1', respondentEmail: '  ', respondentName: '' })).toBe('response:r1');
  });
});

describe('counting rules', () => {
  const rs: SurveyResponse[] = [
    makeResponse({ id: 'a1', score: 0, respondedAt: NOW - 50 * DAY, respondentEmail: 'ann@x.example' }),
    makeResponse({ id: 'a2', score: 10, respondedAt: NOW - 10 * DAY, respondentEmail: 'ANN@x.example' }),
    makeResponse({ id: 'a3', score: 3, respondedAt: NOW - 400 * DAY, respondentEmail: 'ann@x.example' }),
    makeResponse({ id: 'b1', score: 8, respondedAt: NOW - 20 * DAY, respondentName: 'Bob' }),
    makeResponse({ id: 'b2', score: 2, respondedAt: NOW - 5 * DAY, respondentName: ' bob ', excluded: true }),
    makeResponse({ id: 'c1', score: 9, respondedAt: NOW - 30 * DAY }),
    makeResponse({ id: 'c2', score: 9, respondedAt: NOW - 30 * DAY }),
  ];
  test("'all' counts every non-excluded response in the window", () => {
    expect(selectCounted(rs, { window: '90d', rule: 'all', now: NOW }).map((r) => r.id)).toEqual(['a1', 'a2', 'b1', 'c1', 'c2']);
  });
  test('latest per respondent keeps each newest; anonymous responses stand alone; excluded never hide older ones', () => {
    expect(selectCounted(rs, { window: '90d', rule: 'latest_per_respondent', now: NOW }).map((r) => r.id)).toEqual(['a2', 'b1', 'c1', 'c2']);
    // In the 365-day window too the older a3 falls outside, so the choice is within the window only.
    expect(selectCounted(rs, { window: 'all', rule: 'latest_per_respondent', now: NOW }).map((r) => r.id)).toEqual(['a2', 'b1', 'c1', 'c2']);
  });
  test('the newest within the window wins even if a newer one lies after now', () => {
    const future = makeResponse({ id: 'a9', score: 0, respondedAt: NOW + DAY, respondentEmail: 'ann@x.example' });
    expect(selectCounted([...rs, future], { window: '90d', rule: 'latest_per_respondent', now: NOW }).map((r) => r.id)).toContain('a2');
  });
  test('ties are broken by updatedAt then id, not by input order', () => {
    const x = makeResponse({ id: 'x', score: 0, respondedAt: NOW, respondentEmail: 'e@x.example', updatedAt: NOW });
    const y = makeResponse({ id: 'y', score: 10, respondedAt: NOW, respondentEmail: 'e@x.example', updatedAt: NOW });
    expect(applyCountingRule([x, y], 'latest_per_respondent', (r) => r).map((r) => r.id)).toEqual(['y']);
    expect(applyCountingRule([y, x], 'latest_per_respondent', (r) => r).map((r) => r.id)).toEqual(['y']);
    const z = { ...x, id: 'z0', updatedAt: NOW + 5 };
    expect(applyCountingRule([y, z], 'latest_per_respondent', (r) => r).map((r) => r.id)).toEqual(['z0']);
  });
});

// ---- Property tests against a deliberately naive reference -------------------------------------

const DAYS: Record<WindowKey, number | null> = { '90d': 90, '180d': 180, '365d': 365, all: null };

function naiveKey(r: SurveyResponse): string {
  if (r.respondentEmail && r.respondentEmail.trim() !== '') return 'e' + r.respondentEmail.trim().toLowerCase();
  if (r.respondentName && r.respondentName.trim() !== '') return 'n' + r.respondentName.trim().toLowerCase();
  return 'r' + r.id;
}

function naiveInWindow(t: number, window: WindowKey, now: number): boolean {
  const days = DAYS[window];
  if (t > now) return false;
  if (days === null) return true;
  return now - t <= days * 24 * 60 * 60 * 1000;
}

function naiveNewer(a: SurveyResponse, b: SurveyResponse): boolean {
  if (a.respondedAt !== b.respondedAt) return a.respondedAt > b.respondedAt;
  if (a.updatedAt !== b.updatedAt) return a.updatedAt > b.updatedAt;
  if (a.id !== b.id) return a.id > b.id;
  return a.score > b.score;
}

/** O(n²) on purpose: a response counts if no other counted candidate of the same respondent is newer. */
function naiveCounted(rs: SurveyResponse[], window: WindowKey, rule: CountingRule, now: number): SurveyResponse[] {
  const cands = rs.filter((r) => r.excluded !== true && naiveInWindow(r.respondedAt, window, now));
  if (rule === 'all') return cands;
  return cands.filter((r) => !cands.some((o) => o !== r && naiveKey(o) === naiveKey(r) && naiveNewer(o, r)));
}

function naiveTally(rs: SurveyResponse[]) {
  let p = 0;
  let a = 0;
  let d = 0;
  for (const r of rs) {
    if (r.score === 9 || r.score === 10) p++;
    else if (r.score === 7 || r.score === 8) a++;
    else d++;
  }
  return { n: rs.length, promoters: p, passives: a, detractors: d };
}

const BASE = Date.UTC(2024, 1, 29); // a leap day at UTC midnight
const instantArb = fc.oneof(
  fc.integer({ min: BASE - 800 * DAY, max: BASE + 10 * DAY }),
  // exact boundaries and their neighbours
  fc.constantFrom(0, 90, 180, 365, 366).chain((d) => fc.constantFrom(BASE - d * DAY, BASE - d * DAY - 1, BASE - d * DAY + 1)),
  fc.constantFrom(BASE, BASE - 1, BASE + 1),
);
const responseArb = fc.record({
  id: fc.string({ minLength: 1, maxLength: 3 }),
  score: fc.integer({ min: 0, max: 10 }),
  respondedAt: instantArb,
  updatedAt: fc.integer({ min: 0, max: 3 }),
  respondentEmail: fc.option(fc.constantFrom('a@x.example', 'A@X.example', ' b@x.example', '', '  '), { nil: undefined }),
  respondentName: fc.option(fc.constantFrom('Ann', 'ann ', 'Bob', ''), { nil: undefined }),
  excluded: fc.boolean(),
}).map((r) => makeResponse(r));
const windowArb = fc.constantFrom<WindowKey>('90d', '180d', '365d', 'all');
const ruleArb = fc.constantFrom<CountingRule>('all', 'latest_per_respondent');
const nowArb = fc.oneof(fc.constant(BASE), fc.integer({ min: BASE - 400 * DAY, max: BASE + 400 * DAY }));

describe('properties of the counted set', () => {
  test('matches the naive reference (as a multiset of ids and as counts)', () => {
    fc.assert(
      fc.property(fc.array(responseArb, { maxLength: 40 }), windowArb, ruleArb, nowArb, (rs, window, rule, now) => {
        const got = selectCounted(rs, { window, rule, now });
        const want = naiveCounted(rs, window, rule, now);
        expect(got).toEqual(want);
        expect(countScores(got.map((r) => r.score))).toEqual(naiveTally(want));
      }),
      { numRuns: 300 },
    );
  });
  test('invariant under reordering', () => {
    fc.assert(
      fc.property(fc.array(responseArb, { maxLength: 30 }).chain((rs) => fc.tuple(fc.constant(rs), fc.shuffledSubarray(rs, { minLength: rs.length, maxLength: rs.length }))), windowArb, ruleArb, (pair, window, rule) => {
        const [rs, shuffled] = pair;
        const a = countScores(selectCounted(rs, { window, rule, now: BASE }).map((r) => r.score));
        const b = countScores(selectCounted(shuffled, { window, rule, now: BASE }).map((r) => r.score));
        expect(b).toEqual(a);
      }),
    );
  });
  test('latest-per-respondent never counts more than the distinct respondents, nor more than all', () => {
    fc.assert(
      fc.property(fc.array(responseArb, { maxLength: 40 }), windowArb, nowArb, (rs, window, now) => {
        const latest = selectCounted(rs, { window, rule: 'latest_per_respondent', now });
        const all = selectCounted(rs, { window, rule: 'all', now });
        expect(latest.length).toBe(new Set(all.map(respondentKey)).size);
        expect(latest.length).toBeLessThanOrEqual(all.length);
      }),
    );
  });
});

describe('windowsStableUntil', () => {
  const side = (t: number, window: WindowKey, now: number) => {
    if (isInRange(t, windowRange(window, now))) return 'window';
    const previous = previousWindowRange(window, now);
    return previous && isInRange(t, previous) ? 'previous' : 'out';
  };
  const sides = (ts: number[], window: WindowKey, now: number) => ts.map((t) => side(t, window, now)).join();

  test('every response keeps its side of the edges up to the instant given, and one changes sides just after it', () => {
    const now = Date.UTC(2026, 5, 1);
    let seed = 7;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    for (const window of ['90d', '180d', '365d', 'all'] as const) {
      for (let trial = 0; trial < 50; trial++) {
        const ts = Array.from({ length: 1 + Math.floor(random() * 6) }, () => now + Math.round((random() - 0.8) * 800 * DAY_MS));
        const until = windowsStableUntil(ts.map((respondedAt) => ({ respondedAt })), window, now);
        expect(until).toBeGreaterThanOrEqual(now);
        const before = sides(ts, window, now);
        if (!Number.isFinite(until)) {
          expect(sides(ts, window, now + 5_000 * DAY_MS)).toBe(before);
          continue;
        }
        for (const later of [now + 1, Math.floor((now + until) / 2), until]) if (later <= until) expect(sides(ts, window, later)).toBe(before);
        expect(sides(ts, window, until + 1)).not.toBe(before);
      }
    }
  });

  test('exact edges: the start and end of the window, the start of the previous one, a response dated after now', () => {
    const now = Date.UTC(2026, 5, 1);
    const at = (respondedAt: number) => [{ respondedAt }];
    expect(windowsStableUntil(at(now - 90 * DAY_MS), '90d', now)).toBe(now);
    expect(windowsStableUntil(at(now), '90d', now)).toBe(now + 90 * DAY_MS);
    expect(windowsStableUntil(at(now - 180 * DAY_MS), '90d', now)).toBe(now);
    expect(windowsStableUntil(at(now - 181 * DAY_MS), '90d', now)).toBe(Number.POSITIVE_INFINITY);
    expect(windowsStableUntil(at(now + DAY_MS), 'all', now)).toBe(now + DAY_MS - 1);
    expect(windowsStableUntil(at(now - 5_000 * DAY_MS), 'all', now)).toBe(Number.POSITIVE_INFINITY);
  });
});
