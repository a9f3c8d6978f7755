import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import {
  adjustedStandardError,
  adjustedWaldInterval,
  classifyScore,
  countScores,
  formatNps,
  formatSigned,
  isValidScore,
  npsFromCounts,
  plainStandardError,
  roundHalfAwayFromZero,
  summarizeCounts,
  summarizeScores,
  worstCaseHalfWidth,
} from './index';
import { scoresFor } from './test-fixtures';

describe('classify', () => {
  test('boundaries of the categories', () => {
    expect([0, 6, 7, 8, 9, 10].map(classifyScore)).toEqual(['detractor', 'detractor', 'passive', 'passive', 'promoter', 'promoter']);
  });
  test('invalid scores are rejected', () => {
    for (const bad of [-1, 11, 6.5, Number.NaN, Infinity]) {
      expect(isValidScore(bad)).toBe(false);
      expect(() => classifyScore(bad)).toThrow(RangeError);
    }
  });
});

describe('counts and NPS', () => {
  test('worked example: P = 50, D = 17, N = 100 → +33', () => {
    const counts = countScores(scoresFor(50, 33, 17));
    expect(counts).toEqual({ n: 100, promoters: 50, passives: 33, detractors: 17 });
    expect(npsFromCounts(counts)).toBe(33);
    expect(formatNps(npsFromCounts(counts) ?? Number.NaN)).toBe('+33');
  });
  test('empty input has no NPS, not a zero', () => {
    expect(npsFromCounts(countScores([]))).toBeNull();
    const s = summarizeScores([]);
    expect(s).toEqual({ n: 0, promoters: 0, passives: 0, detractors: 0, nps: null, withheld: true, interval: null, showInterval: false });
  });
  test('negatives, all promoters, all detractors', () => {
    expect(npsFromCounts(countScores(scoresFor(1, 2, 5)))).toBe(-50);
    expect(npsFromCounts(countScores(scoresFor(7, 0, 0)))).toBe(100);
    expect(npsFromCounts(countScores(scoresFor(0, 0, 7)))).toBe(-100);
    expect(npsFromCounts(countScores(scoresFor(0, 9, 0)))).toBe(0);
  });
  test('an exact half stays exact', () => {
    // 65/200 = 32.5 exactly.
    expect(npsFromCounts({ n: 200, promoters: 100, passives: 65, detractors: 35 })).toBe(32.5);
  });
});

describe('rounding and format', () => {
  test('halves round away from zero', () => {
    expect(formatNps(32.5)).toBe('+33');
    expect(formatNps(-32.5)).toBe('\u221233');
    expect(formatNps(0.5)).toBe('+1');
    expect(formatNps(-0.5)).toBe('\u22121');
    expect(formatNps(32.4999)).toBe('+32');
    expect(formatNps(-32.4999)).toBe('\u221232');
  });
  test('zero, minus zero and values that round to zero show 0 without a sign', () => {
    expect(formatNps(0)).toBe('0');
    expect(formatNps(-0)).toBe('0');
    expect(formatNps(-0.4)).toBe('0');
    expect(formatNps(0.4)).toBe('0');
    expect(Object.is(roundHalfAwayFromZero(-0.2), 0)).toBe(true);
  });
  test('signs and the Unicode minus', () => {
    expect(formatNps(32)).toBe('+32');
    expect(formatNps(-5)).toBe('−5');
    expect(formatNps(-5).codePointAt(0)).toBe(0x2212);
    expect(formatNps(100)).toBe('+100');
    expect(formatNps(-100)).toBe('\u2212100');
  });
  test('decimals', () => {
    expect(formatSigned(17.5557, 1)).toBe('+17.6');
    expect(formatSigned(-0.04, 1)).toBe('0.0');
    expect(formatSigned(-2.25, 1)).toBe('\u22122.3');
  });
  test('non-finite input is rejected', () => {
    expect(() => formatNps(Number.NaN)).toThrow(RangeError);
  });
});

describe('adjusted-Wald interval', () => {
  test('worked example: ≈ +17.6 … +46.5', () => {
    const iv = adjustedWaldInterval({ n: 100, promoters: 50, passives: 33, detractors: 17 });
    expect(formatSigned(iv.low, 1)).toBe('+17.6');
    expect(formatSigned(iv.high, 1)).toBe('+46.5');
    expect(iv.centre).toBeCloseTo(32.04, 2);
    expect(iv.se).toBeCloseTo(7.389, 3);
    expect(iv.low).toBeCloseTo(17.5558, 3);
    expect(iv.high).toBeCloseTo(46.5219, 3);
  });
  test('clipped at +100 and −100', () => {
    const up = adjustedWaldInterval(countScores(scoresFor(200, 0, 0)));
    expect(up.high).toBe(100);
    expect(up.centre + 1.96 * up.se).toBeGreaterThan(100);
    const down = adjustedWaldInterval(countScores(scoresFor(0, 0, 200)));
    expect(down.low).toBe(-100);
    const tiny = adjustedWaldInterval(countScores(scoresFor(0, 0, 0)));
    expect(tiny.low).toBeCloseTo(-80.02, 2);
    expect(tiny.high).toBeCloseTo(80.02, 2);
  });
  test('at N = 1 the adjusted interval does not contain the plain NPS (hence the N < 5 rule)', () => {
    const iv = adjustedWaldInterval(countScores([10]));
    expect(iv.low).toBeCloseTo(-48.5, 1);
    expect(iv.high).toBeCloseTo(98.5, 1);
    expect(iv.high).toBeLessThan(100);
  });
  test('plain SE, zero when all answers are alike', () => {
    expect(plainStandardError(countScores(scoresFor(50, 33, 17)))).toBeCloseTo(7.4907, 4);
    expect(plainStandardError(countScores(scoresFor(10, 0, 0)))).toBe(0);
    expect(plainStandardError(countScores(scoresFor(0, 10, 0)))).toBe(0);
    expect(plainStandardError(countScores([]))).toBeNull();
    expect(adjustedStandardError(countScores(scoresFor(10, 0, 0)))).toBeGreaterThan(0);
  });
  test('worst case ±196/√N', () => {
    expect(worstCaseHalfWidth(10)).toBeCloseTo(61.98, 2);
    expect(worstCaseHalfWidth(100)).toBeCloseTo(19.6, 10);
    expect(worstCaseHalfWidth(0)).toBeNull();
  });
});

describe('small-sample rules', () => {
  test('N = 4 is withheld: counts only', () => {
    const s = summarizeScores([10, 10, 8, 3]);
    expect(s).toEqual({ n: 4, promoters: 2, passives: 1, detractors: 1, nps: null, withheld: true, interval: null, showInterval: false });
  });
  test('N = 5 is shown, with the interval beside it', () => {
    const s = summarizeScores([10, 10, 8, 3, 3]);
    expect(s.withheld).toBe(false);
    expect(s.nps).toBe(0);
    expect(s.showInterval).toBe(true);
    expect(s.interval).not.toBeNull();
  });
  test('N = 29 shows the interval beside the number, N = 30 on hover', () => {
    expect(summarizeScores(scoresFor(29, 0, 0)).showInterval).toBe(true);
    const at30 = summarizeScores(scoresFor(30, 0, 0));
    expect(at30.showInterval).toBe(false);
    expect(at30.interval).not.toBeNull();
    expect(at30.nps).toBe(100);
  });
});

const countsArb = fc
  .tuple(fc.nat({ max: 400 }), fc.nat({ max: 400 }), fc.nat({ max: 400 }))
  .map(([promoters, passives, detractors]) => ({ n: promoters + passives + detractors, promoters, passives, detractors }));

describe('properties', () => {
  test('NPS lies in [−100, 100] and the interval is ordered and clipped', () => {
    fc.assert(
      fc.property(countsArb, (c) => {
        const iv = adjustedWaldInterval(c);
        expect(iv.low).toBeLessThanOrEqual(iv.high);
        expect(iv.low).toBeGreaterThanOrEqual(-100);
        expect(iv.high).toBeLessThanOrEqual(100);
        const nps = npsFromCounts(c);
        if (c.n === 0) expect(nps).toBeNull();
        else {
          expect(nps).toBeGreaterThanOrEqual(-100);
          expect(nps).toBeLessThanOrEqual(100);
        }
      }),
    );
  });
  test('the interval contains the adjusted centre always and the plain NPS from N = 2', () => {
    fc.assert(
      fc.property(countsArb, (c) => {
        const iv = adjustedWaldInterval(c);
        expect(iv.low).toBeLessThanOrEqual(iv.centre);
        expect(iv.centre).toBeLessThanOrEqual(iv.high);
        const nps = npsFromCounts(c);
        if (c.n >= 2 && nps !== null) {
          expect(iv.low).toBeLessThanOrEqual(nps + 1e-9);
          expect(nps).toBeLessThanOrEqual(iv.high + 1e-9);
        }
      }),
    );
  });
  test('formatNps agrees with a naive half-away-from-zero rounding of P − D over N', () => {
    fc.assert(
      fc.property(countsArb.filter((c) => c.n > 0), (c) => {
        // Naive reference in integer arithmetic: round(100·(P−D)/N) with halves away from zero.
        const num = 100 * (c.promoters - c.detractors);
        const sign = num < 0 ? -1 : 1;
        const a = Math.abs(num);
        const q = Math.floor(a / c.n);
        const rem = a - q * c.n;
        const rounded = sign * (2 * rem >= c.n ? q + 1 : q);
        const expected = rounded === 0 ? '0' : rounded > 0 ? `+${rounded}` : `\u2212${-rounded}`;
        expect(formatNps(npsFromCounts(c) ?? Number.NaN)).toBe(expected);
      }),
    );
  });
  test('summary withholds exactly below 5', () => {
    fc.assert(
      fc.property(countsArb, (c) => {
        const s = summarizeCounts(c);
        expect(s.withheld).toBe(c.n < 5);
        expect(s.nps === null).toBe(c.n < 5);
        expect(s.showInterval).toBe(c.n >= 5 && c.n < 30);
      }),
    );
  });
});
