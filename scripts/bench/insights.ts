/**
 * Comment reading: comments per second through the analysers (the offscreen document runs the same code),
 * on 20,000 synthetic B2B comments, and what a pass over a 1,000,000-row import's comments would take at
 * that rate. The import itself never waits for it (lib/background/insights-pass.ts).
 */
import { performance } from 'node:perf_hooks';
import type { BenchFigure } from './nps';
import { createCommentAnalyser } from '../../lib/insights';
import { syntheticComments } from '../../lib/insights/testing/synthetic';

const COMMENTS = 20_000;

export async function benchInsights(): Promise<BenchFigure[]> {
  const texts = syntheticComments(COMMENTS, 20261203);
  const analyse = createCommentAnalyser();
  for (const text of texts.slice(0, 500)) analyse(text); // warm-up: the model and the vocabularies
  const started = performance.now();
  for (const text of texts) analyse(text);
  const seconds = (performance.now() - started) / 1000;
  const perSecond = COMMENTS / seconds;
  return [
    { name: 'insights.analyse.comments-per-second', value: perSecond, unit: 'comments/s', budget: Number.NaN },
    // The 1,000,000-row import bench writes a comment on one row in three.
    { name: 'insights.pass.1m-import-comments (after the import, not in it)', value: 333_334 / perSecond, unit: 's', budget: Number.NaN },
  ];
}
