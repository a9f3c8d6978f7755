/**
 * The browser's own `_locales` (what it shows for the extension in its menus and stores): the manifest's
 * name, description and command, and the few words the content script puts on a CRM page (the panel
 * frame's title, its resize handle and its tab), taken from the same message files as the UI. Written
 * at build time.
 */
import { LOCALES, type Locale } from './locales';
import type { MessageKey } from './translate';
import { MESSAGES } from './all-messages';

/** The keys the manifest names as `__MSG_key__`. */
export const MANIFEST_MESSAGES = ['extName', 'extDescription', 'commandTogglePanel'] as const satisfies readonly MessageKey[];
/**
 * The content script's words, read with `browser.i18n.getMessage` (in the browser's language: the
 * content script stays small rather than carry every language's file).
 */
export const PAGE_MESSAGES = ['pageFrameTitle', 'pageResize', 'pageShow'] as const satisfies readonly MessageKey[];

/** `pt-BR` → `pt_BR`: the browsers' folder names. */
export const browserLocaleFolder = (locale: Locale): string => locale.replace('-', '_');

export function browserLocaleFiles(): Array<{ relativeDest: string; contents: string }> {
  return LOCALES.map((locale) => {
    const messages: Record<string, { message: string }> = {};
    for (const key of [...MANIFEST_MESSAGES, ...PAGE_MESSAGES]) messages[key] = { message: MESSAGES[locale][key] };
    return { relativeDest: `_locales/${browserLocaleFolder(locale)}/messages.json`, contents: `${JSON.stringify(messages, null, 2)}\n` };
  });
}
