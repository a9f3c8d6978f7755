/**
 * Benchmarks for the NPS figures: the median time of `buildAccountContext` on synthetic accounts.
 * Figures are reported against a budget; a benchmark reports, it never fails.
 */
import { CHANNELS, type AccountRecords, type Action, type SurveyResponse, type SurveySend } from '../../lib/model';
import { buildAccountContext } from '../../lib/nps/context';

export interface BenchFigure {
  name: string;
  value: number;
  unit: string;
  budget: number;
}

const DAY = 86_400_000;
/** A fixed "now" so every run builds the same data. */
const BENCH_NOW = Date.UTC(2026, 6, 15, 12);

/** mulberry32: a small seeded PRNG, so the synthetic data is the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TITLES = ['CEO', 'VP Sales', 'Director of IT', 'Head of Support', 'Product Manager', 'Team Lead', 'Support Engineer', 'Analyst', ''];
const ROLE_VALUES = ['Exec', 'Decision Maker', 'Champion', 'User', 'unknown'];

/** Synthetic records for one account: `n` responses over ~3 years (in the store's order), an action for about half the detractors, and n/2 sends. */
export function syntheticRecords(n: number, seed = 1): AccountRecords {
  const rand = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const respondents = Math.max(1, Math.floor(n / 4));
  const responses: SurveyResponse[] = [];
  const actions: Action[] = [];
  const sends: SurveySend[] = [];
  for (let i = 0; i < n; i++) {
    const respondedAt = BENCH_NOW - Math.floor(rand() * 1100 * DAY);
    const score = Math.min(10, Math.floor(rand() * 11.5));
    const who = Math.floor(rand() * respondents);
    const hasRole = rand() < 0.4;
    responses.push({
      id: `r${i}`,
      accountId: 'acc-bench',
      score,
      respondedAt,
      respondentEmail: rand() < 0.8 ? `person${who}@example.com` : undefined,
      respondentName: rand() < 0.5 ? `Person ${who}` : undefined,
      respondentRole: hasRole ? pick(ROLE_VALUES) : undefined,
      respondentTitle: pick(TITLES) || undefined,
      comment: rand() < 0.3 ? `Comment ${i}` : undefined,
      channel: rand() < 0.9 ? pick(CHANNELS) : undefined,
      tags: [],
      excluded: rand() < 0.02,
      updatedAt: respondedAt,
    });
    if (score <= 6 && rand() < 0.5) {
      actions.push({
        id: `a${i}`,
        accountId: 'acc-bench',
        title: `Follow up r${i}`,
        status: pick(['open', 'in_progress', 'done'] as const),
        dueDate: new Date(respondedAt + 14 * DAY).toISOString().slice(0, 10),
        createdAt: respondedAt + Math.floor(rand() * 14 * DAY),
        updatedAt: respondedAt,
        responseId: `r${i}`,
      });
    }
  }
  for (let i = 0; i < Math.floor(n / 2); i++) {
    sends.push({
      id: `s${i}`,
      accountId: 'acc-bench',
      respondentEmail: `person${Math.floor(rand() * respondents)}@example.com`,
      respondentRole: rand() < 0.3 ? pick(ROLE_VALUES) : undefined,
      sentAt: BENCH_NOW - Math.floor(rand() * 1100 * DAY),
      channel: pick(CHANNELS),
    });
  }
  // In date order, then id, as the store hands an account's records to the figures (`rowsOfBlocks`).
  responses.sort((a, b) => a.respondedAt - b.respondedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  sends.sort((a, b) => a.sentAt - b.sentAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    account: { id: 'acc-bench', name: 'Bench account', domains: [], salesforceIds: [], zendeskOrganizationIds: [], hubspotCompanyIds: [], updatedAt: 0 },
    responses,
    actions,
    sends,
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

/** Median wall time in ms of `fn` after warming up. */
function measure(fn: () => unknown, warmup: number, iterations: number): number {
  let sink = 0;
  for (let i = 0; i < warmup; i++) sink += fn() ? 1 : 0;
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    sink += fn() ? 1 : 0;
    times.push(performance.now() - t0);
  }
  if (sink < 0) throw new Error('unreachable');
  return median(times);
}

/** Measures `buildAccountContext` at 100 and 10,000 responses (both counting rules) and reports medians against budgets. */
export async function benchNps(): Promise<BenchFigure[]> {
  const cases = [
    { n: 100, budget: 0.5, warmup: 300, iterations: 1000 },
    { n: 10_000, budget: 10, warmup: 20, iterations: 60 },
  ];
  const figures: BenchFigure[] = [];
  for (const c of cases) {
    const records = syntheticRecords(c.n, 42);
    figures.push({
      name: `nps.context.${c.n}`,
      value: measure(() => buildAccountContext(records, { now: BENCH_NOW, window: '365d', rule: 'all' }), c.warmup, c.iterations),
      unit: 'ms',
      budget: c.budget,
    });
    figures.push({
      name: `nps.context.latest.${c.n}`,
      value: measure(() => buildAccountContext(records, { now: BENCH_NOW, window: '365d', rule: 'latest_per_respondent' }), c.warmup, c.iterations),
      unit: 'ms',
      budget: c.budget,
    });
    // Yield between cases so a caller's event loop is not blocked for the whole run.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return figures;
}
