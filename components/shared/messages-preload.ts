/**
 * Starts fetching the messages of the language a page will most likely speak (the browser's, which the
 * default setting follows) from the page's first script, while its modules still load: the build names
 * each language's chunk `chunks/messages-<locale>.js` (wxt.config.ts), and the dynamic import that
 * loads it later finds it fetched and compiled. Asked for only when the modules ran, in the panel opened
 * from a list view the messages arrived 3-24 ms after the account's data, and the first render waited.
 */
import { browserLanguages, resolveLocale } from '../../lib/i18n/locales';

export const messagesChunk = (locale: string) => `/chunks/messages-${locale}.js`;

export function preloadMessages(doc: Document, languages: readonly string[] = browserLanguages()): HTMLLinkElement {
  const link = doc.createElement('link');
  link.rel = 'modulepreload';
  link.href = messagesChunk(resolveLocale('auto', languages));
  doc.head.append(link);
  return link;
}
