/**
 * Errors made from words (`ErrorWords`): their message is the words in English (logs, Node, the
 * diagnostics), and each page says them in its own language (`sayWords`, say-words.ts). Importing this
 * brings the English messages with it: pages that only show words import say-words.ts.
 */
import { AppError, type ErrorCode, type ErrorWhere, type ErrorWords } from '../core/errors';
import { translator, type MessageKey } from './translate';
import { registerBundledEnglish } from './english';
import { sayWords } from './say-words';

/** The words in English. */
export function englishOf(words: ErrorWords): string {
  registerBundledEnglish();
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
