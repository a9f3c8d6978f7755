/**
 * Words (`ErrorWords`: a message key and its values, values possibly words themselves) said in a
 * language, and errors made from words: their message is the words in English (logs, Node, the
 * diagnostics), and each page says them in its own language.
 */
import { AppError, type ErrorCode, type ErrorWhere, type ErrorWords } from '../core/errors';
import { ENGLISH, translator, type MessageKey, type Translator } from './translate';

/** The words in `t`'s language (words inside them first), or null when the message files do not have them. */
export function sayWords(t: Translator, words: ErrorWords | undefined | null): string | null {
  if (!words || !(words.key in ENGLISH)) return null;
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(words.values ?? {})) {
    if (typeof value !== 'object') values[name] = value;
    else {
      const said = sayWords(t, value);
      if (said === null) return null;
      values[name] = said;
    }
  }
  try {
    return t(words.key as MessageKey, values);
  } catch {
    return null;
  }
}

/** The words in English. */
export function englishOf(words: ErrorWords): string {
  return sayWords(translator('en'), words) ?? words.key;
}

/** Words for a message key (typed: only keys the message files have). */
export function words(key: MessageKey, values?: ErrorWords['values']): ErrorWords {
  return values ? { key, values } : { key };
}

/** An error whose message is its words in English, and which the pages say in their language. */
export function wordedError(code: ErrorCode, said: ErrorWords, where: Omit<ErrorWhere, 'words'> = {}, options?: { cause?: unknown }): AppError {
  return new AppError(code, englishOf(said), { ...where, words: said }, options);
}
