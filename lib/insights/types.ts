/**
 * The contract of docs/insights.md: what is computed for each comment, and the taxonomy it is computed with.
 */

import { EMOTION_IDS } from '../model/constants';

export const SENTIMENT_LABELS = ['positive', 'negative', 'neutral', 'mixed'] as const;
export type SentimentLabel = (typeof SENTIMENT_LABELS)[number];

/** The emotions of docs/insights.md, in the order the panel lists them (the stored shape's list). */
export { EMOTION_IDS };
export type EmotionId = (typeof EMOTION_IDS)[number];

/** The emotions that count as negative and positive (for sentiment and for "emotions among detractors"). */
export const NEGATIVE_EMOTIONS: readonly EmotionId[] = ['frustration', 'anger', 'annoyance', 'disappointment', 'confusion', 'worry'];
export const POSITIVE_EMOTIONS: readonly EmotionId[] = ['delight', 'gratitude'];

export interface Sentiment {
  label: SentimentLabel;
  /** In [−1, 1]: below 0 leans negative, above 0 positive. */
  score: number;
}

/** A theme or emotion found in a comment, with the comment's own words that show it (as written). */
export interface Finding<Id extends string = string> {
  id: Id;
  evidence: string[];
}

export interface CommentInsight {
  /** ISO 639-1 code, or `und` when too short or unclear. */
  language: string;
  /** False when the analysers do not support the language: then sentiment is null and no emotion or theme is claimed. */
  analysed: boolean;
  /** Null exactly when `analysed` is false (never a guess). */
  sentiment: Sentiment | null;
  emotions: Finding<EmotionId>[];
  themes: Finding[];
}

/** One theme of a taxonomy: an id, a label and the words and phrases that signal it (matched on word forms). */
export interface ThemeDefinition {
  id: string;
  label: string;
  words: string[];
}

/**
 * The themes to look for. `ignore` lists phrases that never count for any theme even though they contain a
 * theme's word ("thanks to", "as expected"): matching them first keeps their words from matching alone.
 */
export interface Taxonomy {
  /** A name for people ("default 2026-01"); stored results are keyed by `taxonomyHash`, not by this. */
  version: string;
  themes: ThemeDefinition[];
  ignore?: string[];
}

export interface AnalyseOptions {
  /** A user-edited or policy taxonomy; the default (`DEFAULT_TAXONOMY`) when absent. */
  taxonomy?: Taxonomy;
}
