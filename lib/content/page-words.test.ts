import { MESSAGES } from '../i18n/all-messages';
import { PAGE_MESSAGES } from '../i18n/browser-locales';
import { PAGE_WORDS_ENGLISH } from './page-words';

test('the content script’s English fallbacks are the English message file’s words, and every page word is in the browser’s files', () => {
  expect(Object.keys(PAGE_WORDS_ENGLISH).sort()).toEqual([...PAGE_MESSAGES].sort());
  for (const key of PAGE_MESSAGES) expect(PAGE_WORDS_ENGLISH[key]).toBe(MESSAGES.en[key]);
});
