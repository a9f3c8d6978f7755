/**
 * Scores an approach on labelled comments: sentiment accuracy, theme and emotion micro precision,
 * recall and F1, the non-English rule and language. Shared by scripts/insights-eval.ts and the floor test.
 */
import type { CommentInsight } from '../types';
import type { LabelledComment } from './labelled';

export interface Prf {
  precision: number;
  recall: number;
  f1: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

export interface Evaluation {
  n: number;
  /** Share of analysable comments whose sentiment label is right (a comment not analysed counts as wrong). */
  sentimentAccuracy: number;
  themes: Prf;
  emotions: Prf;
  /** Share of comments in other languages that were left unanalysed. */
  nonEnglishNotAnalysed: number;
  languageAccuracy: number;
}

function prf(tp: number, fp: number, fn: number): Prf {
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, truePositives: tp, falsePositives: fp, falseNegatives: fn };
}

function count(gold: readonly string[], predicted: readonly string[]): [number, number, number] {
  const g = new Set(gold);
  const p = new Set(predicted);
  let tp = 0;
  for (const id of p) if (g.has(id)) tp++;
  return [tp, p.size - tp, g.size - tp];
}

export function evaluate(items: readonly LabelledComment[], results: readonly CommentInsight[]): Evaluation {
  let sentimentRight = 0;
  let analysable = 0;
  const themes = [0, 0, 0];
  const emotions = [0, 0, 0];
  let foreign = 0;
  let foreignLeft = 0;
  let languageRight = 0;
  items.forEach((item, i) => {
    const result = results[i]!;
    if (result.language === item.language) languageRight++;
    if (item.analysable) {
      analysable++;
      if (result.analysed && result.sentiment?.label === item.sentiment) sentimentRight++;
    } else {
      foreign++;
      if (!result.analysed) foreignLeft++;
    }
    const t = count(item.themes, result.themes.map((f) => f.id));
    const e = count(item.emotions, result.emotions.map((f) => f.id));
    for (let k = 0; k < 3; k++) {
      themes[k]! += t[k]!;
      emotions[k]! += e[k]!;
    }
  });
  return {
    n: items.length,
    sentimentAccuracy: analysable === 0 ? 1 : sentimentRight / analysable,
    themes: prf(themes[0]!, themes[1]!, themes[2]!),
    emotions: prf(emotions[0]!, emotions[1]!, emotions[2]!),
    nonEnglishNotAnalysed: foreign === 0 ? 1 : foreignLeft / foreign,
    languageAccuracy: items.length === 0 ? 1 : languageRight / items.length,
  };
}
