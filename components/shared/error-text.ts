/**
 * An error said in the UI's language: by its words (`ErrorWords`, set where the error is made) when it
 * has them and the message files know them, else its message as written (details from elsewhere: a
 * server's reason, a browser's error). Stored failures (`lastError` with its `lastErrorWords`) too.
 */
import { errorText, errorWordsOf, type ErrorWords } from '../../lib/core/errors';
import { sayWords, type Translator } from '../../lib/i18n';

export function sayError(t: Translator, error: unknown): string {
  return sayWords(t, errorWordsOf(error)) ?? errorText(error);
}

/** A failure kept as its English message and its words. */
export function sayStored(t: Translator, message: string, words: ErrorWords | undefined | null): string {
  return sayWords(t, words) ?? message;
}
