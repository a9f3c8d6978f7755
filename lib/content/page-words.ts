/**
 * The words the content script puts on a CRM page, from the browser's `_locales` (generated from the
 * UI's message files, `lib/i18n/browser-locales.ts`), in the browser's language; English when the
 * browser has none for them.
 */
import { browser } from 'wxt/browser';

export const PAGE_WORDS_ENGLISH = {
  pageFrameTitle: 'NPS context for this account',
  pageResize: 'Resize the NPS panel',
  pageShow: 'Show the NPS panel',
} as const;

export function pageWord(key: keyof typeof PAGE_WORDS_ENGLISH): string {
  try {
    // The keys are generated at build time, so the browser types do not list them.
    return (browser.i18n.getMessage as (name: string) => string)(key) || PAGE_WORDS_ENGLISH[key];
  } catch {
    return PAGE_WORDS_ENGLISH[key];
  }
}
