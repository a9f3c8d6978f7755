import { describe, expect, it } from 'vitest';
import type { HistoryPoint } from '../../lib/nps';
import { summarizeCounts } from '../../lib/nps';
import { bandPath, chartScale, linePath, segments, yDomain, type ChartBox } from './chart-geometry';

const BOX: ChartBox = { width: 100, height: 100, left: 0, right: 0, top: 0, bottom: 0 };

/** A period with p promoters, a passives and d detractors (N = p + a + d). */
function point(i: number, p: number, a: number, d: number): HistoryPoint {
  const n = p + a + d;
  return { label: `P${i}`, start: i, end: i + 1, ...summarizeCounts({ n, promoters: p, passives: a, detractors: d }), gap: n === 0 };
}

describe('history chart geometry', () => {
  it('breaks the line at empty periods and at withheld ones (N < 5), never drawing them as zero', () => {
    const line = [point(0, 5, 0, 0), point(1, 5, 0, 5), point(2, 0, 0, 0), point(3, 2, 0, 1), point(4, 3, 2, 0), point(5, 0, 5, 0)];
    expect(segments(line)).toEqual([[0, 1], [4, 5]]);
    const scale = chartScale(BOX, line.length, [-100, 100]);
    // x: 0, 20, …, 100; y: +100 → 0, 0 → 50, −100 → 100.
    expect(linePath(line, scale)).toBe('M0,0L20,50M80,20L100,50');
  });

  it('draws no path for a lone point (its dot shows it) and no band where there is no interval', () => {
    const line = [point(0, 0, 0, 0), point(1, 5, 0, 0), point(2, 0, 0, 0)];
    const scale = chartScale(BOX, 3, [-100, 100]);
    expect(linePath(line, scale)).toBe('');
    const band = bandPath(line, scale);
    // A thin bar around x = 50 from the interval's high to its low.
    expect(band).toMatch(/^M47,[\d.]+H53V[\d.]+H47Z$/);
  });

  it('shades the interval as one closed shape per run of points', () => {
    const line = [point(0, 5, 0, 0), point(1, 10, 0, 10), point(2, 0, 0, 0), point(3, 5, 5, 0), point(4, 5, 5, 5)];
    const scale = chartScale(BOX, line.length, [-100, 100]);
    const band = bandPath(line, scale);
    expect(band.match(/M/g)).toHaveLength(2);
    expect(band.match(/Z/g)).toHaveLength(2);
    // The first shape's top edge is the first run's interval highs, its bottom edge their lows.
    const hi0 = scale.y(line[0]!.interval!.high);
    const lo1 = scale.y(line[1]!.interval!.low);
    expect(band.startsWith(`M0,${Math.round(hi0 * 10) / 10}L25,`)).toBe(true);
    expect(band).toContain(`L25,${Math.round(lo1 * 10) / 10}`);
  });

  it('fits the y axis to the values and intervals shown, with 0 and in steps of 25 within ±100', () => {
    const line = [point(0, 6, 4, 0), point(1, 7, 3, 0)];
    const [lo, hi] = yDomain([line]);
    expect(lo).toBe(0);
    expect(hi).toBe(75);
    // 3 promoters, 2 passives: +60 with an interval from below 0 to above +75.
    const withBand = yDomain([line], [point(0, 3, 2, 0)]);
    expect(withBand[0]).toBeLessThan(0);
    expect(withBand[1]).toBe(100);
    expect(yDomain([[point(0, 0, 0, 0)]])).toEqual([-100, 100]);
    // A flat line at 0 still gets a range.
    expect(yDomain([[point(0, 0, 5, 0)]])).toEqual([-25, 25]);
  });

  it('spreads periods edge to edge, centres a single one, and thins gridlines over a wide range', () => {
    const box = { ...BOX, left: 10, right: 10 };
    expect(chartScale(box, 5, [-100, 100]).x(4)).toBe(90);
    expect(chartScale(box, 1, [-100, 100]).x(0)).toBe(50);
    expect(chartScale(box, 5, [-100, 100]).ticks).toEqual([-100, -50, 0, 50, 100]);
    expect(chartScale(box, 5, [0, 75]).ticks).toEqual([0, 25, 50, 75]);
  });
});
