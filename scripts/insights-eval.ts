/**
 * Compares the comment-insight approaches on the labelled set (lib/insights/testing/labelled-comments.txt):
 * sentiment accuracy, theme and emotion micro P/R/F1, on the dev half, the test half and all.
 *   npx tsx scripts/insights-eval.ts              the table
 *   npx tsx scripts/insights-eval.ts --errors B   also the dev-half disagreements of one approach
 *   npx tsx scripts/insights-eval.ts --throughput [n] [id]   comments per second of an approach (B unless
 *                                                         named) on n synthetic comments, three runs
 */
import { APPROACHES } from '../lib/insights/testing/approaches';
import { evaluate, type Evaluation } from '../lib/insights/testing/evaluate';
import { loadLabelled, type LabelledComment } from '../lib/insights/testing/labelled';
import { syntheticComments } from '../lib/insights/testing/synthetic';
import { createCommentAnalyser } from '../lib/insights/analyse';

const args = process.argv.slice(2);
const items = loadLabelled();
const halves: [string, LabelledComment[]][] = [
  ['dev', items.filter((i) => i.half === 'dev')],
  ['test', items.filter((i) => i.half === 'test')],
  ['all', items],
];

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const f2 = (x: number) => x.toFixed(2);

function line(id: string, half: string, e: Evaluation): string {
  return [
    id.padEnd(3),
    half.padEnd(5),
    String(e.n).padStart(4),
    pct(e.sentimentAccuracy).padStart(7),
    `${f2(e.themes.precision)}/${f2(e.themes.recall)}/${f2(e.themes.f1)}`.padStart(16),
    `${f2(e.emotions.precision)}/${f2(e.emotions.recall)}/${f2(e.emotions.f1)}`.padStart(16),
    pct(e.nonEnglishNotAnalysed).padStart(8),
    pct(e.languageAccuracy).padStart(8),
  ].join('  ');
}

if (args[0] === '--throughput') {
  const n = Number(args[1] ?? 20000);
  const texts = syntheticComments(n, 20260101);
  const id = args[2] ?? 'B';
  const analyse = APPROACHES.find((approach) => approach.id === id)?.create() ?? createCommentAnalyser();
  analyse('warm up the model');
  console.log(`approach ${id}`);
  for (let run = 1; run <= 3; run++) {
    const started = performance.now();
    for (const text of texts) analyse(text);
    const seconds = (performance.now() - started) / 1000;
    console.log(`run ${run}: ${n} comments in ${seconds.toFixed(2)} s = ${Math.round(n / seconds)} comments/s`);
  }
} else {
  console.log('id   half     n  sentim.   themes P/R/F1  emotions P/R/F1  non-en    lang');
  for (const approach of APPROACHES) {
    const analyse = approach.create();
    const results = items.map((item) => analyse(item.text));
    for (const [half, subset] of halves) {
      const chosen = subset.map((item) => results[item.index - 1]!);
      console.log(line(approach.id, half, evaluate(subset, chosen)));
    }
    if (args[0] === '--errors' && args[1] === approach.id) {
      for (const item of halves[0]![1]) {
        const r = results[item.index - 1]!;
        const themes = r.themes.map((t) => t.id).sort().join(',');
        const emotions = r.emotions.map((t) => t.id).sort().join(',');
        const wrong: string[] = [];
        if (item.analysable && r.sentiment?.label !== item.sentiment) wrong.push(`sent ${item.sentiment}→${r.sentiment?.label ?? 'not analysed'} (${r.sentiment?.score.toFixed(2)})`);
        if (!item.analysable && r.analysed) wrong.push('analysed');
        if ([...item.themes].sort().join(',') !== themes) wrong.push(`themes [${item.themes.join(',')}]→[${r.themes.map((t) => `${t.id}:${t.evidence.join('+')}`).join(',')}]`);
        if ([...item.emotions].sort().join(',') !== emotions) wrong.push(`emo [${item.emotions.join(',')}]→[${r.emotions.map((t) => `${t.id}:${t.evidence.join('+')}`).join(',')}]`);
        if (wrong.length) console.log(`#${item.index} ${item.text}\n    ${wrong.join(' | ')}`);
      }
    }
  }
  for (const approach of APPROACHES) console.log(`${approach.id}: ${approach.name}`);
}
