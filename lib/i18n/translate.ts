/**
 * Messages in ICU MessageFormat (plurals, selects and numbers in the locale's own rules), one JSON file
 * per locale under `messages/`, English the reference: every locale has exactly its keys (a test checks).
 * English is always here (it is every other locale's fallback); another locale's file is loaded when a
 * page first speaks it (`loadLocale`), so a page carries one language, not six. A translator formats a
 * key with its values; compiled messages are kept per translator.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import en from './messages/en.json' with { type: 'json' };
import type { Locale } from './locales';

export type MessageKey = keyof typeof en;
export type MessageValues = Record<string, string | number>;
export type Messages = Record<MessageKey, string>;

/** The reference messages, always loaded. */
export const ENGLISH: Messages = en;

/** Each other locale's file, in a chunk of its own. */
const LOADERS: Record<Exclude<Locale, 'en'>, () => Promise<{ default: Messages }>> = {
  de: () => import('./messages/de.json', { with: { type: 'json' } }),
  fr: () => import('./messages/fr.json', { with: { type: 'json' } }),
  es: () => import('./messages/es.json', { with: { type: 'json' } }),
  'pt-BR': () => import('./messages/pt-BR.json', { with: { type: 'json' } }),
  ja: () => import('./messages/ja.json', { with: { type: 'json' } }),
};

const loaded = new Map<Locale, Messages>([['en', ENGLISH]]);
const loading = new Map<Locale, Promise<void>>();

/** Whether the locale's messages are here (English always is). */
export function isLocaleLoaded(locale: Locale): boolean {
  return loaded.has(locale);
}

/** Loads the locale's messages (once); until then its translator speaks English. */
export function loadLocale(locale: Locale): Promise<void> {
  if (loaded.has(locale)) return Promise.resolve();
  let task = loading.get(locale);
  if (!task) {
    task = LOADERS[locale as Exclude<Locale, 'en'>]().then((file) => {
      loaded.set(locale, file.default);
      translators.delete(locale);
    });
    // A failed load (an extension updated under an open page) may be tried again.
    task.catch(() => loading.delete(locale));
    loading.set(locale, task);
  }
  return task;
}

export interface Translator {
  readonly locale: Locale;
  (key: MessageKey, values?: MessageValues): string;
}

const translators = new Map<Locale, Translator>();

/** The locale's translator: English words until its messages are loaded (`loadLocale`, `translatorFor`). */
export function translator(locale: Locale): Translator {
  const messages = loaded.get(locale);
  if (!messages) return translator('en');
  const known = translators.get(locale);
  if (known) return known;
  const compiled = new Map<MessageKey, IntlMessageFormat>();
  const t = ((key: MessageKey, values?: MessageValues) => {
    let format = compiled.get(key);
    if (!format) {
      format = new IntlMessageFormat(messages[key] ?? ENGLISH[key] ?? key, locale);
      compiled.set(key, format);
    }
    return String(format.format(values));
  }) as Translator;
  Object.defineProperty(t, 'locale', { value: locale });
  translators.set(locale, t);
  return t;
}

/** The locale's translator once its messages are loaded. */
export async function translatorFor(locale: Locale): Promise<Translator> {
  await loadLocale(locale);
  return translator(locale);
}
