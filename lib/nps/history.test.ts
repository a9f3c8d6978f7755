import { describe, expect, test } from 'vitest';
import { buildHistory, lastPeriods, periodContaining } from './index';
import { makeResponse } from './test-fixtures';

const NOW = Date.UTC(2026, 7, 10, 9); // 2026-08-10, in 2026 Q3

describe('periods', () => {
  test('quarter and month containing an instant, UTC', () => {
    expect(periodContaining(NOW)).toEqual({ label: '2026 Q3', start: Date.UTC(2026, 6, 1), end: Date.UTC(2026, 9, 1) });
    expect(periodContaining(NOW, 'month')).toEqual({ label: '2026-08', start: Date.UTC(2026, 7, 1), end: Date.UTC(2026, 8, 1) });
  });
  test('UTC quarter boundaries: the first millisecond of a quarter belongs to it', () => {
    expect(periodContaining(Date.UTC(2026, 3, 1)).label).toBe('2026 Q2');
    expect(periodContaining(Date.UTC(2026, 3, 1) - 1).label).toBe('2026 Q1');
    expect(periodContaining(Date.UTC(2026, 0, 1)).label).toBe('2026 Q1');
    expect(periodContaining(Date.UTC(2026, 0, 1) - 1).label).toBe('2025 Q4');
    expect(periodContaining(Date.UTC(2024, 1, 29, 23, 59), 'month').label).toBe('2024-02');
    expect(periodContaining(Date.UTC(2024, 2, 1), 'month').label).toBe('2024-03');
  });
  test('the last 8 quarters end with the current one, oldest first, contiguous', () => {
    const ps = lastPeriods(NOW);
    expect(ps.map((p) => p.label)).toEqual(['2024 Q4', '2025 Q1', '2025 Q2', '2025 Q3', '2025 Q4', '2026 Q1', '2026 Q2', '2026 Q3']);
    for (let i = 1; i < ps.length; i++) expect(ps[i]?.start).toBe(ps[i - 1]?.end);
  });
  test('the last 8 months cross a year boundary', () => {
    expect(lastPeriods(Date.UTC(2026, 1, 3), 'month').map((p) => p.label)).toEqual([
      '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02',
    ]);
  });
});

describe('history', () => {
  const rs = [
    // 2026 Q3 (current): 5 promoters, 1 detractor (one of them after now: left out)
    ...[1, 2, 3, 4, 5].map((i) => makeResponse({ id: `q3-${i}`, score: 10, respondedAt: Date.UTC(2026, 6, i), respondentTitle: 'CEO' })),
    makeResponse({ id: 'q3-d', score: 0, respondedAt: Date.UTC(2026, 6, 1), respondentTitle: 'Engineer' }),
    makeResponse({ id: 'future', score: 0, respondedAt: NOW + 1 }),
    // 2026 Q2 boundary: exactly at the start of Q3 is Q3; one ms before is Q2
    makeResponse({ id: 'edge-q3', score: 8, respondedAt: Date.UTC(2026, 6, 1) }),
    makeResponse({ id: 'edge-q2', score: 3, respondedAt: Date.UTC(2026, 6, 1) - 1 }),
    // 2025 Q4: 2 responses (withheld)
    makeResponse({ id: 'q4a', score: 9, respondedAt: Date.UTC(2025, 11, 31, 23, 59, 59, 999) }),
    makeResponse({ id: 'q4b', score: 9, respondedAt: Date.UTC(2025, 9, 1) }),
    // before the 8 quarters: ignored
    makeResponse({ id: 'old', score: 0, respondedAt: Date.UTC(2024, 8, 30, 23, 59, 59, 999) }),
    // excluded: never counts
    makeResponse({ id: 'ex', score: 0, respondedAt: Date.UTC(2026, 6, 2), excluded: true }),
  ];
  const h = buildHistory(rs, { now: NOW, rule: 'all' });
  test('8 quarterly points with counts in the right quarter', () => {
    expect(h.overall.map((p) => [p.label, p.n])).toEqual([
      ['2024 Q4', 0], ['2025 Q1', 0], ['2025 Q2', 0], ['2025 Q3', 0], ['2025 Q4', 2], ['2026 Q1', 0], ['2026 Q2', 1], ['2026 Q3', 7],
    ]);
  });
  test('empty periods are gaps, not zeros', () => {
    const empty = h.overall[0];
    expect(empty?.gap).toBe(true);
    expect(empty?.nps).toBeNull();
    expect(empty?.interval).toBeNull();
    const q4 = h.overall[4];
    expect(q4?.gap).toBe(false);
    expect(q4?.withheld).toBe(true);
    expect(q4?.nps).toBeNull();
    expect(q4?.promoters).toBe(2);
  });
  test('a shown point carries N, NPS and interval', () => {
    const q3 = h.overall[7];
    expect(q3).toMatchObject({ n: 7, promoters: 5, passives: 1, detractors: 1, withheld: false, showInterval: true });
    expect(q3?.nps).toBeCloseTo((100 * 4) / 7, 10);
    expect(q3?.interval?.low).toBeLessThan(q3?.nps ?? 0);
  });
  test('per role: executives only in the current quarter; role points sum to the overall', () => {
    expect(h.byRole.executive.map((p) => p.n)).toEqual([0, 0, 0, 0, 0, 0, 0, 5]);
    expect(h.byRole.end_user.map((p) => p.n)).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
    for (let i = 0; i < 8; i++) {
      const sum = Object.values(h.byRole).reduce((s, pts) => s + (pts[i]?.n ?? 0), 0);
      expect(sum).toBe(h.overall[i]?.n);
    }
  });
  test('monthly option', () => {
    const m = buildHistory(rs, { now: NOW, rule: 'all', granularity: 'month' });
    expect(m.granularity).toBe('month');
    expect(m.overall.map((p) => [p.label, p.n])).toEqual([
      ['2026-01', 0], ['2026-02', 0], ['2026-03', 0], ['2026-04', 0], ['2026-05', 0], ['2026-06', 1], ['2026-07', 7], ['2026-08', 0],
    ]);
  });
  test('latest per respondent applies within each period', () => {
    const same = [
      makeResponse({ id: 'a', score: 0, respondedAt: Date.UTC(2026, 6, 2), respondentEmail: 'x@y.example' }),
      makeResponse({ id: 'b', score: 10, respondedAt: Date.UTC(2026, 6, 3), respondentEmail: 'x@y.example' }),
      makeResponse({ id: 'c', score: 0, respondedAt: Date.UTC(2026, 3, 3), respondentEmail: 'x@y.example' }),
    ];
    const lh = buildHistory(same, { now: NOW, rule: 'latest_per_respondent' });
    expect(lh.overall[7]).toMatchObject({ n: 1, promoters: 1 });
    expect(lh.overall[6]).toMatchObject({ n: 1, detractors: 1 });
  });
});
