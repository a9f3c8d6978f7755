/**
 * Geometry of the history chart, as pure functions: scales, line paths that break at gaps, and the
 * interval band. A period with no answers is a gap, and so is one whose score is withheld (N < 5): the
 * line stops there instead of drawing a zero or a number we do not show.
 */
import type { HistoryPoint } from '../../lib/nps';

export interface ChartBox {
  width: number;
  height: number;
  /** Room kept for axis labels. */
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export interface ChartScale {
  box: ChartBox;
  /** NPS domain shown on the y axis, low first. */
  domain: [number, number];
  x(index: number): number;
  y(nps: number): number;
  /** The gridlines' values, in domain order. */
  ticks: number[];
}

/** A point is drawn when its period has answers and a score is shown for them. */
export function isPlotted(p: Pick<HistoryPoint, 'gap' | 'nps'>): p is Pick<HistoryPoint, 'gap'> & { nps: number } {
  return !p.gap && p.nps !== null;
}

const STEP = 25;

/**
 * The y domain: every plotted value and interval end, and 0, rounded outward to steps of 25 and kept
 * within −100 … +100. With nothing plotted it is the whole scale.
 */
export function yDomain(lines: ReadonlyArray<readonly HistoryPoint[]>, band: readonly HistoryPoint[] = []): [number, number] {
  let low = 0;
  let high = 0;
  let any = false;
  for (const line of lines) {
    for (const p of line) {
      if (!isPlotted(p)) continue;
      any = true;
      low = Math.min(low, p.nps);
      high = Math.max(high, p.nps);
    }
  }
  for (const p of band) {
    if (!isPlotted(p) || !p.interval) continue;
    any = true;
    low = Math.min(low, p.interval.low);
    high = Math.max(high, p.interval.high);
  }
  if (!any) return [-100, 100];
  const lo = Math.max(-100, Math.floor(low / STEP) * STEP);
  const hi = Math.min(100, Math.ceil(high / STEP) * STEP);
  // A flat line at 0 still gets a visible range.
  return lo === hi ? [Math.max(-100, lo - STEP), Math.min(100, hi + STEP)] : [lo, hi];
}

export function chartScale(box: ChartBox, periods: number, domain: [number, number]): ChartScale {
  const innerW = box.width - box.left - box.right;
  const innerH = box.height - box.top - box.bottom;
  const [lo, hi] = domain;
  // Gridlines every 25 points, or every 50 over a wide range (they would crowd a small chart).
  const tickStep = hi - lo > 100 ? 2 * STEP : STEP;
  const ticks: number[] = [];
  for (let v = Math.ceil(lo / tickStep) * tickStep; v <= hi; v += tickStep) ticks.push(v);
  return {
    box,
    domain,
    // One period: centred. Otherwise spread evenly from edge to edge.
    x: (i) => box.left + (periods <= 1 ? innerW / 2 : (innerW * i) / (periods - 1)),
    y: (nps) => box.top + innerH * (1 - (nps - lo) / (hi - lo)),
    ticks,
  };
}

const r1 = (n: number) => Math.round(n * 10) / 10;

/** Runs of consecutive plotted points (index into the line), split at every gap. */
export function segments(line: readonly HistoryPoint[]): number[][] {
  const out: number[][] = [];
  let run: number[] = [];
  line.forEach((p, i) => {
    if (isPlotted(p)) run.push(i);
    else if (run.length) {
      out.push(run);
      run = [];
    }
  });
  if (run.length) out.push(run);
  return out;
}

/** An SVG path through the plotted points, lifted at gaps (a lone point makes no line; draw its dot). */
export function linePath(line: readonly HistoryPoint[], scale: ChartScale): string {
  return segments(line)
    .filter((run) => run.length > 1)
    .map((run) => run.map((i, k) => `${k === 0 ? 'M' : 'L'}${r1(scale.x(i))},${r1(scale.y(line[i]!.nps!))}`).join(''))
    .join('');
}

/** The 95% interval as closed shapes, one per run of points that have an interval. */
export function bandPath(line: readonly HistoryPoint[], scale: ChartScale): string {
  const withInterval = line.map((p) => (isPlotted(p) && p.interval ? p : { ...p, gap: true }));
  return segments(withInterval)
    .map((run) => {
      if (run.length === 1) {
        // A lone period: a thin bar, so its interval still shows.
        const i = run[0]!;
        const iv = line[i]!.interval!;
        const x = scale.x(i);
        return `M${r1(x - 3)},${r1(scale.y(iv.high))}H${r1(x + 3)}V${r1(scale.y(iv.low))}H${r1(x - 3)}Z`;
      }
      const top = run.map((i, k) => `${k === 0 ? 'M' : 'L'}${r1(scale.x(i))},${r1(scale.y(line[i]!.interval!.high))}`);
      const bottom = [...run].reverse().map((i) => `L${r1(scale.x(i))},${r1(scale.y(line[i]!.interval!.low))}`);
      return `${top.join('')}${bottom.join('')}Z`;
    })
    .join('');
}
