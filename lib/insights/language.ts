/**
 * Which language a comment is in, and whether the analysers read it (docs/insights.md: a comment in a
 * language the analysers do not support is not analysed, never guessed). The analysers read English.
 *
 * - No word at all (emoji, emoticons, numbers, punctuation: "👍", ":(", "10/10") → `und`, analysed: the
 *   English model reads emoji and emoticons.
 * - One word ("ok", "n/a", "Great!") → `und`, too short to have a language; analysed only when the English
 *   model knows the word.
 * - Two words or more → English when at least half of the words are in the English model's lexicon
 *   (short English comments defeat n-gram detectors: "Fast and reliable." reads as Spanish to them);
 *   otherwise the language tinyld detects, not analysed, or `und` when it cannot tell.
 */
import { detect } from 'tinyld/light';
import type { Token } from './nlp';

export const ANALYSED_LANGUAGES: readonly string[] = ['en'];

/** At least this share of a comment's words must be English words for it to be read as English. */
const MIN_ENGLISH_SHARE = 0.5;

/** A word for the language decision: two letters or more ("n/a" has none, "I" does not count). */
const WORD = /\p{L}.*\p{L}/u;
/** Scripts with no spaces between words, which the English tokenizer reads as a single word. */
const NON_LATIN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Devanagari}]/u;

export interface LanguageDecision {
  language: string;
  analysed: boolean;
}

export function decideLanguage(text: string, tokens: readonly Token[]): LanguageDecision {
  if (NON_LATIN.test(text)) {
    const detected = detect(text);
    return { language: detected || 'und', analysed: false };
  }
  const words = tokens.filter((token) => token.kind === 'word' && WORD.test(token.value));
  if (words.length === 0) return { language: 'und', analysed: true };
  const known = words.filter((token) => !token.unknown).length;
  if (words.length === 1) return { language: 'und', analysed: known === 1 };
  if (known / words.length >= MIN_ENGLISH_SHARE) return { language: 'en', analysed: true };
  const detected = detect(text);
  if (detected === 'en') return { language: 'en', analysed: true };
  return { language: detected || 'und', analysed: false };
}
