/**
 * The approaches compared by scripts/insights-eval.ts (docs: lib/insights/README.md):
 * A. a plain lexicon: raw lower-cased words, the same vocabularies matched as written, counts of
 *    praise and complaint words for sentiment; no language detection, no negation, no word forms;
 * B. wink-nlp: tokens, lemmas and stems, negation scope, sentences, wink's sentiment per clause, plus
 *    the B2B cues (B0: without the cues);
 * C. VADER (vader-sentiment) per clause instead of wink's sentiment, everything else as B (C0: without cues).
 * B is what `analyseComments` runs. VADER is a development dependency used only here.
 */
import vader from 'vader-sentiment';
import { createCommentAnalyser, type CommentAnalyser } from '../analyse';
import { SENTIMENT_CUES } from '../cues';
import { EMOTION_WORDS } from '../emotions';
import { DEFAULT_TAXONOMY } from '../taxonomy';
import { EMOTION_IDS, type CommentInsight, type EmotionId, type Finding, type Taxonomy } from '../types';

/** General praise and complaint words for the baseline, beside the B2B cues. */
const PLAIN_POSITIVE = ['good', 'great', 'excellent', 'love', 'amazing', 'awesome', 'best', 'fantastic', 'perfect', 'nice', 'happy', 'terrific', 'wow', 'thanks', 'thank', 'like', 'lovely'];
const PLAIN_NEGATIVE = ['bad', 'terrible', 'awful', 'hate', 'worst', 'horrible', 'disappointed', 'disappointing', 'frustrating', 'frustrated', 'annoying', 'confusing', 'unacceptable', 'angry', 'worried'];

function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}']+|\p{Extended_Pictographic}/gu) ?? [];
}

function phraseIndex(entries: { id: string; words: readonly string[] }[]): { id: string; parts: string[] }[] {
  return entries.flatMap((entry) => entry.words.map((word) => ({ id: entry.id, parts: words(word) })).filter((p) => p.parts.length > 0));
}

function plainFind<Id extends string>(tokens: string[], phrases: { id: string; parts: string[] }[]): Finding<Id>[] {
  const found = new Map<string, string[]>();
  for (let i = 0; i < tokens.length; i++) {
    for (const phrase of phrases) {
      if (phrase.parts.every((part, k) => tokens[i + k] === part)) {
        const evidence = phrase.parts.join(' ');
        const list = found.get(phrase.id) ?? [];
        if (!list.includes(evidence)) list.push(evidence);
        found.set(phrase.id, list);
      }
    }
  }
  return [...found].map(([id, evidence]) => ({ id: id as Id, evidence }));
}

export function baselineAnalyser(taxonomy: Taxonomy = DEFAULT_TAXONOMY): CommentAnalyser {
  const themes = phraseIndex(taxonomy.themes);
  const emotions = phraseIndex(EMOTION_IDS.map((id) => ({ id, words: EMOTION_WORDS[id] })));
  const positive = new Set([...PLAIN_POSITIVE, ...Object.keys(SENTIMENT_CUES).filter((w) => SENTIMENT_CUES[w]! > 0)]);
  const negative = new Set([...PLAIN_NEGATIVE, ...Object.keys(SENTIMENT_CUES).filter((w) => SENTIMENT_CUES[w]! < 0)]);
  return (text): CommentInsight => {
    const tokens = words(text);
    const pos = tokens.filter((t) => positive.has(t)).length;
    const neg = tokens.filter((t) => negative.has(t)).length;
    const label = pos > 0 && neg > 0 ? 'mixed' : pos > 0 ? 'positive' : neg > 0 ? 'negative' : 'neutral';
    const score = pos + neg === 0 ? 0 : (pos - neg) / (pos + neg);
    return {
      language: 'en',
      analysed: true,
      sentiment: { label, score },
      emotions: plainFind<EmotionId>(tokens, emotions),
      themes: plainFind(tokens, themes),
    };
  };
}

export function vaderClauseScore(text: string): number {
  return vader.SentimentIntensityAnalyzer.polarity_scores(text).compound;
}

export interface Approach {
  id: string;
  name: string;
  create: () => CommentAnalyser;
}

export const APPROACHES: Approach[] = [
  { id: 'A', name: 'plain lexicon (no language, negation or word forms)', create: () => baselineAnalyser() },
  { id: 'B0', name: 'wink-nlp, its sentiment alone (no B2B cues)', create: () => createCommentAnalyser({ useCues: false }) },
  { id: 'B', name: 'wink-nlp + B2B cues (kept: analyseComments)', create: () => createCommentAnalyser() },
  { id: 'C0', name: 'VADER per clause (no B2B cues), wink tokens', create: () => createCommentAnalyser({ scoreClause: vaderClauseScore, useCues: false }) },
  { id: 'C', name: 'VADER per clause + B2B cues, wink tokens', create: () => createCommentAnalyser({ scoreClause: vaderClauseScore }) },
];
