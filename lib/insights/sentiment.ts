/**
 * A comment's sentiment from its clauses. A clause's score is the sentiment engine's (wink-nlp by default:
 * its lexicon knows emoji, emoticons and intensifiers, and flips words under negation), plus the B2B cues
 * of `cues.ts` and the emotions found, both counted the other way under negation ("never slow").
 * Contrast ("X, but Y") follows the usual rule of lexicon sentiment: the clause after "but" or
 * "however" weighs three times the one before. A comment with real praise in one clause and a real
 * complaint in another is `mixed`; one that judges nothing stays `neutral`.
 */
import type { Match } from './matcher';
import type { Token } from './nlp';
import { NEGATIVE_EMOTIONS, POSITIVE_EMOTIONS, type EmotionId, type Sentiment } from './types';

/** Scores one clause's text in about [−1, 1]. */
export type ClauseScorer = (text: string) => number;

const CONTRAST = new Set(['but', 'however', 'though', 'although', 'except']);
/** Clause marks inside a sentence: "Great features, terrible support." judges two things. */
const CLAUSE_MARKS = new Set([',', ';']);
/** How much an emotion found in a clause moves its score. */
const EMOTION_WEIGHT = 0.4;
/** A clause at least this far from 0 is real praise or a real complaint. */
const CLEAR = 0.3;
/** A comment whose weighted score is within this of 0 is neutral. */
const NEUTRAL_BAND = 0.15;

export interface Clause {
  start: number;
  /** Exclusive. */
  end: number;
  weight: number;
}

/** Splits tokens into clauses at sentence ends and at contrast words ("but", "however" …). */
export function splitClauses(tokens: readonly Token[]): Clause[] {
  const clauses: Clause[] = [];
  let start = 0;
  let weight = 1;
  const close = (end: number, nextWeight: number, contrast: boolean) => {
    if (end > start) {
      // The clause before a contrast weighs less than the one after it.
      clauses.push({ start, end, weight: contrast ? weight * 0.5 : weight });
    }
    weight = nextWeight;
  };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (i > start && token.sentence !== tokens[i - 1]!.sentence) {
      close(i, 1, false);
      start = i;
    }
    if (CONTRAST.has(token.normal) && i > start) {
      close(i, 1.5, true);
      start = i + 1;
    } else if (CLAUSE_MARKS.has(token.value) && i > start) {
      close(i, weight, false);
      start = i + 1;
    }
  }
  close(tokens.length, 1, false);
  return clauses;
}

function clauseText(tokens: readonly Token[], clause: Clause): string {
  let text = '';
  for (let k = clause.start; k < clause.end; k++) text += (k > clause.start ? tokens[k]!.space : '') + tokens[k]!.value;
  return text;
}

function clamp(x: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, x));
}

export interface SentimentInput {
  /** Matches of wishes ("would like", "please add"): a clause that holds one asks, it does not judge. */
  wishMatches?: readonly Match[];
  tokens: readonly Token[];
  /** The engine's score of each whole sentence (used when a clause is a whole sentence). */
  sentenceScores?: readonly number[];
  cueMatches: readonly Match[];
  emotionMatches: readonly Match[];
  scoreClause: ClauseScorer;
}

export function scoreSentiment(input: SentimentInput): Sentiment {
  const { tokens } = input;
  const clauses = splitClauses(tokens);
  if (clauses.length === 0) return { label: 'neutral', score: 0 };
  const values = clauses.map((clause) => {
    const first = tokens[clause.start]!;
    const last = tokens[clause.end - 1]!;
    const wholeSentence =
      input.sentenceScores !== undefined &&
      (clause.start === 0 || tokens[clause.start - 1]!.sentence !== first.sentence) &&
      (clause.end === tokens.length || tokens[clause.end]!.sentence !== last.sentence);
    let value = wholeSentence ? (input.sentenceScores![first.sentence] ?? 0) : input.scoreClause(clauseText(tokens, clause));
    for (const cue of input.cueMatches) {
      if (cue.start >= clause.start && cue.start < clause.end) value += cue.negated ? -cue.weight : cue.weight;
    }
    for (const emotion of input.emotionMatches) {
      if (emotion.start < clause.start || emotion.start >= clause.end || emotion.negated) continue;
      const id = emotion.id as EmotionId;
      if (NEGATIVE_EMOTIONS.includes(id)) value -= EMOTION_WEIGHT;
      else if (POSITIVE_EMOTIONS.includes(id)) value += EMOTION_WEIGHT;
    }
    const wish = input.wishMatches?.some((match) => match.start >= clause.start && match.start < clause.end);
    return wish ? 0 : clamp(value, -1.5, 1.5);
  });
  let total = 0;
  let weights = 0;
  clauses.forEach((clause, index) => {
    total += clause.weight * values[index]!;
    weights += clause.weight;
  });
  const score = clamp(total / weights, -1, 1);
  const praise = Math.max(0, ...values);
  const complaint = -Math.min(0, ...values);
  if (praise >= CLEAR && complaint >= CLEAR) return { label: 'mixed', score };
  if (score > NEUTRAL_BAND) return { label: 'positive', score };
  if (score < -NEUTRAL_BAND) return { label: 'negative', score };
  return { label: 'neutral', score };
}
