/**
 * English language work through wink-nlp and its bundled English model (no network, no files read at
 * run time): tokens, lemmas, stems, negation scope, sentence bounds and wink's sentence sentiment.
 * Everything else in lib/insights works on the `AnalysedText` this returns.
 */
import winkNLP, { type WinkMethods } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

/** What a token is, as wink-nlp types it (emoji and emoticons are their own kinds). */
export type TokenKind = 'word' | 'number' | 'punctuation' | 'emoji' | 'emoticon' | 'other';

export interface Token {
  /** The token as written in the comment (for evidence). */
  value: string;
  /** Lower-cased, contractions expanded ("n't" → "not"). */
  normal: string;
  lemma: string;
  stem: string;
  /** Inside the scope of a negation ("not", "never", "n't" …), as wink-nlp marks it. */
  negated: boolean;
  kind: TokenKind;
  /** The spaces before the token in the comment, to rebuild multi-word evidence as written. */
  space: string;
  /** The sentence the token belongs to. */
  sentence: number;
  /** True when wink's English lexicon does not know the word (out of vocabulary). */
  unknown: boolean;
}

export interface AnalysedText {
  tokens: Token[];
  /** wink-nlp's sentiment of each sentence, in [−1, 1]. */
  sentenceSentiments: number[];
}

let instance: WinkMethods | null = null;

/** The shared wink-nlp instance, created on first use (loading the model takes a few tens of ms). */
function nlp(): WinkMethods {
  // NER is not needed: leaving it out of the pipe makes reading a comment faster.
  instance ??= winkNLP(model, ['sbd', 'negation', 'sentiment', 'pos']);
  return instance;
}

function kindOf(type: string): TokenKind {
  switch (type) {
    case 'word':
    case 'number':
    case 'punctuation':
    case 'emoji':
    case 'emoticon':
      return type;
    default:
      return 'other';
  }
}

/** Reads one text into tokens with their forms, negation scope and sentence, and its sentence sentiments. */
export function readText(text: string): AnalysedText {
  const engine = nlp();
  const its = engine.its;
  const doc = engine.readDoc(text);
  const tokens = doc.tokens();
  const values = tokens.out(its.value) as string[];
  const normals = tokens.out(its.normal) as string[];
  // wink's types give lemma and stem an extra `addons` parameter that `out` supplies itself.
  const lemmas = tokens.out(its.lemma as unknown as typeof its.value) as string[];
  const stems = tokens.out(its.stem as unknown as typeof its.value) as string[];
  const negations = tokens.out(its.negationFlag) as unknown as boolean[];
  const types = tokens.out(its.type) as string[];
  const spaces = tokens.out(its.precedingSpaces) as string[];
  const sentences = doc.sentences();
  const spans = sentences.out(its.span) as unknown as number[][];
  const sentenceSentiments = sentences.out(its.sentiment) as unknown as number[];
  const sentenceOf = new Array<number>(values.length).fill(0);
  spans.forEach((span, index) => {
    const [start = 0, end = -1] = span;
    for (let i = start; i <= end; i++) sentenceOf[i] = index;
  });
  const result: Token[] = [];
  for (let i = 0; i < values.length; i++) {
    const normal = normals[i] ?? '';
    const kind = kindOf(types[i] ?? '');
    result.push({
      value: values[i] ?? '',
      normal,
      lemma: lemmas[i] ?? normal,
      stem: stems[i] ?? normal,
      negated: negations[i] === true,
      kind,
      space: spaces[i] ?? '',
      sentence: sentenceOf[i] ?? 0,
      unknown: kind === 'word' && doc.isOOV(normal),
    });
  }
  return { tokens: result, sentenceSentiments };
}

/** wink-nlp's sentiment of a short text (one clause), in [−1, 1]. */
export function winkSentiment(text: string): number {
  const engine = nlp();
  return engine.readDoc(text).out(engine.its.sentiment) as unknown as number;
}
