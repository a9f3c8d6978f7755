/**
 * `analyseComments(texts, options?)` of docs/insights.md: language, whether it was analysed, sentiment,
 * emotions and themes with their evidence, one result per text, in order. Pure and synchronous; runs in
 * Node, in a worker and in the background alike (no DOM, no network; the English model is bundled).
 */
import { SENTIMENT_CUES, WISHES } from './cues';
import { EMOTION_IGNORE, EMOTION_WORDS } from './emotions';
import { decideLanguage } from './language';
import { compileVocabulary, evidenceText, findMatches, type Match, type Vocabulary } from './matcher';
import { readText, winkSentiment, type Token } from './nlp';
import { scoreSentiment, type ClauseScorer } from './sentiment';
import { DEFAULT_TAXONOMY } from './taxonomy';
import { EMOTION_IDS, type AnalyseOptions, type CommentInsight, type Finding, type Taxonomy } from './types';

/** How an analyser is built; the options other than `taxonomy` exist to compare approaches. */
export interface AnalyserConfig {
  taxonomy?: Taxonomy;
  /** Scores a clause; wink-nlp's sentiment by default. */
  scoreClause?: ClauseScorer;
  /** Whether the sentence scores of the tokenizing pass may stand for whole-sentence clauses (wink only). */
  useSentenceScores?: boolean;
  /** Whether the B2B sentiment cues count (default true). */
  useCues?: boolean;
}

export type CommentAnalyser = (text: string) => CommentInsight;

let emotionVocabulary: Vocabulary | null = null;
let cueVocabulary: Vocabulary | null = null;
let wishVocabulary: Vocabulary | null = null;
const themeVocabularies = new WeakMap<Taxonomy, Vocabulary>();

function themesOf(taxonomy: Taxonomy): Vocabulary {
  let vocabulary = themeVocabularies.get(taxonomy);
  if (!vocabulary) {
    vocabulary = compileVocabulary(taxonomy.themes, taxonomy.ignore ?? []);
    themeVocabularies.set(taxonomy, vocabulary);
  }
  return vocabulary;
}

function emotions(): Vocabulary {
  emotionVocabulary ??= compileVocabulary(
    EMOTION_IDS.map((id) => ({ id, words: EMOTION_WORDS[id] })),
    EMOTION_IGNORE,
  );
  return emotionVocabulary;
}

function cues(): Vocabulary {
  cueVocabulary ??= compileVocabulary(
    Object.entries(SENTIMENT_CUES).map(([word, weight]) => ({ id: word, words: [word], weight })),
    ['as expected'],
  );
  return cueVocabulary;
}

function wishes(): Vocabulary {
  wishVocabulary ??= compileVocabulary([{ id: 'wish', words: WISHES }]);
  return wishVocabulary;
}

/** Groups matches by id in order of first appearance, with each distinct evidence text once. */
function findings<Id extends string>(tokens: readonly Token[], matches: readonly Match[], order?: readonly Id[]): Finding<Id>[] {
  const byId = new Map<string, string[]>();
  for (const match of matches) {
    const text = evidenceText(tokens, match);
    const evidence = byId.get(match.id);
    if (!evidence) byId.set(match.id, [text]);
    else if (!evidence.includes(text)) evidence.push(text);
  }
  const result = [...byId].map(([id, evidence]) => ({ id: id as Id, evidence }));
  if (order) result.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
  return result;
}

/** Builds an analyser for one configuration; reuse it for many comments (vocabularies compile once). */
export function createCommentAnalyser(config: AnalyserConfig = {}): CommentAnalyser {
  const taxonomy = config.taxonomy ?? DEFAULT_TAXONOMY;
  const themeVocabulary = themesOf(taxonomy);
  const emotionVocabulary = emotions();
  const cueVocabulary = config.useCues === false ? null : cues();
  const scoreClause = config.scoreClause ?? winkSentiment;
  const useSentenceScores = config.useSentenceScores ?? config.scoreClause === undefined;
  return (text) => {
    const { tokens, sentenceSentiments } = readText(text);
    const { language, analysed } = decideLanguage(text, tokens);
    if (!analysed) return { language, analysed, sentiment: null, emotions: [], themes: [] };
    const emotionMatches = findMatches(tokens, emotionVocabulary);
    const sentiment = scoreSentiment({
      tokens,
      sentenceScores: useSentenceScores ? sentenceSentiments : undefined,
      cueMatches: cueVocabulary ? findMatches(tokens, cueVocabulary) : [],
      wishMatches: cueVocabulary ? findMatches(tokens, wishes()) : [],
      emotionMatches,
      scoreClause,
    });
    return {
      language,
      analysed,
      sentiment,
      emotions: findings(tokens, emotionMatches.filter((match) => !match.negated), EMOTION_IDS),
      themes: findings(tokens, findMatches(tokens, themeVocabulary)),
    };
  };
}

/**
 * One `CommentInsight` per text, in order (docs/insights.md, "Contract for tests"). With no taxonomy the
 * default one is used.
 */
export function analyseComments(texts: readonly string[], options: AnalyseOptions = {}): CommentInsight[] {
  const analyse = createCommentAnalyser({ taxonomy: options.taxonomy });
  return texts.map((text) => analyse(text));
}
