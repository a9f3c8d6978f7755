/**
 * The English messages, bundled: what needs them whatever the page's language has them at once (an
 * error's message is its words in English, `words.ts`). Pages that only show messages load their own
 * language instead (`loadLocale`).
 */
import en from './messages/en.json' with { type: 'json' };
import { registerMessages, type Messages } from './translate';

export const ENGLISH: Messages = en;

/** Makes the bundled English known to the translators (once; before anything is said in English). */
export function registerBundledEnglish(): void {
  registerMessages('en', ENGLISH);
}
