/**
 * Words (`ErrorWords`: a message key and its values, values possibly words themselves) said in a page's
 * language. Needs only the page's own messages; errors made from words are `words.ts`.
 */
import type { ErrorWords } from '../core/errors';
import { isMessageKey, type MessageKey, type Translator } from './translate';

/** The words in `t`'s language (words inside them first), or null when the message files do not have them. */
export function sayWords(t: Translator, words: ErrorWords | undefined | null): string | null {
  if (!words || !isMessageKey(words.key)) return null;
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
