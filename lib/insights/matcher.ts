/**
 * Finds vocabulary words and phrases in a comment's tokens, on word forms: a comment word matches a
 * vocabulary word when their lower-cased forms, lemmas or stems agree, so "slower" and "slowness" find
 * "slow" while "sso" never matches inside another word. Phrases match as consecutive words; at each
 * position the longest phrase wins and its words are used up, so "session timeout" (security) keeps
 * "timeout" (speed) from matching, and an ignored phrase ("thanks to the chat") hides its words.
 */
import { readText, type Token } from './nlp';

/** Words that carry their own negation: a phrase holding one matches whatever the negation scope says. */
const NEGATORS = new Set(['not', 'no', 'never', 'without', 'nothing', 'none', 'nobody', 'cannot']);

interface Term {
  /** The id the term signals, or null for an ignored phrase. */
  id: string | null;
  forms: { normal: string; lemma: string; stem: string }[];
  holdsNegation: boolean;
  weight: number;
}

export interface Vocabulary {
  byForm: Map<string, Term[]>;
}

export interface VocabularyEntry {
  id: string;
  words: readonly string[];
  /** A number carried to the match (a sentiment cue's weight); 0 when not given. */
  weight?: number;
}

export interface Match {
  id: string;
  start: number;
  /** Inclusive. */
  end: number;
  weight: number;
  /** True when a word of the match lies inside a negation the match does not itself hold. */
  negated: boolean;
}

function compileTerm(text: string, id: string | null, weight: number): Term | null {
  const tokens = readText(text.trim()).tokens.filter((token) => token.kind !== 'punctuation' || token.value === '-');
  const words = tokens.filter((token) => token.value !== '-');
  if (words.length === 0) return null;
  return {
    id,
    forms: words.map((token) => ({ normal: token.normal, lemma: token.lemma, stem: token.stem })),
    holdsNegation: words.some((token) => NEGATORS.has(token.normal)),
    weight,
  };
}

/** Compiles entries (and phrases to ignore) once; reuse the result for every comment. */
export function compileVocabulary(entries: readonly VocabularyEntry[], ignore: readonly string[] = []): Vocabulary {
  const byForm = new Map<string, Term[]>();
  const add = (term: Term | null) => {
    if (term === null) return;
    const first = term.forms[0]!;
    for (const key of new Set([first.normal, first.lemma, first.stem])) {
      const list = byForm.get(key);
      if (list) list.push(term);
      else byForm.set(key, [term]);
    }
  };
  for (const entry of entries) for (const word of entry.words) add(compileTerm(word, entry.id, entry.weight ?? 0));
  for (const phrase of ignore) add(compileTerm(phrase, null, 0));
  return { byForm };
}

function sameWord(token: Token, form: Term['forms'][number]): boolean {
  return token.normal === form.normal || token.lemma === form.lemma || token.stem === form.stem;
}

/** Comment tokens that a phrase may skip over (a hyphen written or not: "go-live", "go live"). */
function isHyphen(token: Token): boolean {
  return token.value === '-';
}

function matchAt(tokens: readonly Token[], start: number, term: Term): number {
  let position = start;
  for (let k = 0; k < term.forms.length; k++) {
    while (k > 0 && position < tokens.length && isHyphen(tokens[position]!)) position++;
    const token = tokens[position];
    if (token === undefined || !sameWord(token, term.forms[k]!)) return -1;
    position++;
  }
  return position - 1;
}

/** All matches of a vocabulary in a comment's tokens, left to right, longest first at each position. */
export function findMatches(tokens: readonly Token[], vocabulary: Vocabulary): Match[] {
  const matches: Match[] = [];
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i]!;
    let best: Term | null = null;
    let bestEnd = -1;
    const seen = new Set<Term>();
    for (const key of [token.normal, token.lemma, token.stem]) {
      for (const term of vocabulary.byForm.get(key) ?? []) {
        if (seen.has(term)) continue;
        seen.add(term);
        const end = matchAt(tokens, i, term);
        if (end > bestEnd) {
          best = term;
          bestEnd = end;
        }
      }
    }
    if (best === null) {
      i++;
      continue;
    }
    if (best.id !== null) {
      let negated = false;
      if (!best.holdsNegation) for (let k = i; k <= bestEnd; k++) negated ||= tokens[k]!.negated;
      matches.push({ id: best.id, start: i, end: bestEnd, weight: best.weight, negated });
    }
    i = bestEnd + 1;
  }
  return matches;
}

/** The words of a match as the comment wrote them. */
export function evidenceText(tokens: readonly Token[], match: Pick<Match, 'start' | 'end'>): string {
  let text = tokens[match.start]!.value;
  for (let k = match.start + 1; k <= match.end; k++) text += tokens[k]!.space + tokens[k]!.value;
  return text;
}
