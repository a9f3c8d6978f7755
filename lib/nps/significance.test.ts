import { describe, expect, test } from 'vitest';
import { compareCounts, countScores } from './index';
import { scoresFor } from './test-fixtures';

describe('significance (z rule)', () => {
  test('hand-computed: +33 (N=100) → +60 (N=100) is a significant rise', () => {
    // SEa = 100·√((0.67 − 0.33²)/100) = 7.4907; SEb = 100·√((0.8 − 0.6²)/100) = 6.6332; z = 27/√(56.11 + 44) = 2.6985
    const s = compareCounts(countScores(scoresFor(50, 33, 17)), countScores(scoresFor(70, 20, 10)));
    expect(s.direction).toBe('up');
    expect(s.delta).toBe(27);
    expect(s.z).toBeCloseTo(2.6985, 4);
    expect(s.standardError).toBe('plain');
    expect(s.reason).toBe('significant');
  });
  test('the same change the other way is down', () => {
    const s = compareCounts(countScores(scoresFor(70, 20, 10)), countScores(scoresFor(50, 33, 17)));
    expect(s.direction).toBe('down');
    expect(s.z).toBeCloseTo(-2.6985, 4);
  });
  test('a smaller change is no significant change', () => {
    // +33 → +40 at N = 100: SEb = 100·√((0.6 − 0.4²)/100), z = 7/√(SEa² + SEb²) ≈ 0.96
    const s = compareCounts(countScores(scoresFor(50, 33, 17)), countScores(scoresFor(50, 40, 10)));
    const seB = 100 * Math.sqrt((0.6 - 0.4 ** 2) / 100);
    expect(s.z).toBeCloseTo(7 / Math.sqrt(7.4907 ** 2 + seB ** 2), 3);
    expect(s.direction).toBe('none');
    expect(s.reason).toBe('not_significant');
  });
  test('zero variance on one side: both sides use the adjusted SE', () => {
    // a: 10 promoters (plain SE 0), b: 10 detractors. Adjusted SE for each: n′ = 13, p = 10.75/13 and 0.75/13.
    const a = countScores(scoresFor(10, 0, 0));
    const b = countScores(scoresFor(0, 0, 10));
    const pHi = 10.75 / 13;
    const pLo = 0.75 / 13;
    const adj = 100 * Math.sqrt((pHi + pLo - (pHi - pLo) ** 2) / 13);
    const s = compareCounts(a, b);
    expect(s.standardError).toBe('adjusted');
    expect(s.delta).toBe(-200);
    expect(s.z).toBeCloseTo(-200 / Math.sqrt(2 * adj * adj), 10);
    expect(s.direction).toBe('down');
  });
  test('all promoters in both periods: no change, z = 0', () => {
    const s = compareCounts(countScores(scoresFor(8, 0, 0)), countScores(scoresFor(20, 0, 0)));
    expect(s).toMatchObject({ direction: 'none', z: 0, delta: 0, standardError: 'adjusted' });
  });
  test('N = 0 on either side: none, with a reason', () => {
    expect(compareCounts(countScores([]), countScores([10, 10]))).toEqual({ direction: 'none', z: null, delta: null, reason: 'no_responses', standardError: null });
    expect(compareCounts(countScores([10]), countScores([])).reason).toBe('no_responses');
  });
  test('minN withholds comparisons on tiny samples', () => {
    expect(compareCounts(countScores([0, 0, 0, 0]), countScores(scoresFor(50, 0, 0)), { minN: 5 }).reason).toBe('too_few_responses');
    expect(compareCounts(countScores([0, 0, 0, 0]), countScores(scoresFor(50, 0, 0))).direction).toBe('up');
  });
});
