/**
 * Messages in ICU MessageFormat (plurals, selects and numbers in the locale's own rules), one JSON file
 * per locale under `messages/`, English the reference: every locale has exactly its keys (a test checks).
 * Each locale's file is a chunk of its own, loaded when a page first speaks it (`loadLocale`), so a page
 * carries the one language it shows; English comes in with what needs it whatever the page's language
 * (`english.ts`: errors whose message is English). A translator formats a key with its values, in its
 * locale once loaded, else in English, else as the key; compiled messages are kept per translator.
 */
import { IntlMessageFormat, type Formatters } from 'intl-messageformat';
import type { Locale } from './locales';

export type MessageKey = keyof typeof import('./messages/en.json');
export type MessageValues = Record<string, string | number>;
export type Messages = Record<MessageKey, string>;

/** Each locale's file, in a chunk of its own. */
const LOADERS: Record<Locale, () => Promise<{ default: Messages }>> = {
  en: () => import('./messages/en.json', { with: { type: 'json' } }),
  de: () => import('./messages/de.json', { with: { type: 'json' } }),
  fr: () => import('./messages/fr.json', { with: { type: 'json' } }),
  es: () => import('./messages/es.json', { with: { type: 'json' } }),
  'pt-BR': () => import('./messages/pt-BR.json', { with: { type: 'json' } }),
  ja: () => import('./messages/ja.json', { with: { type: 'json' } }),
};

const loaded = new Map<Locale, Messages>();
const loading = new Map<Locale, Promise<void>>();
/** Bumped when a locale's messages arrive: translators compile again what they compiled before. */
let generation = 0;

/** Makes a locale's messages known (a loaded file, or English bundled where errors need it). */
export function registerMessages(locale: Locale, messages: Messages): void {
  if (loaded.get(locale) === messages) return;
  loaded.set(locale, messages);
  generation++;
}

/** Whether the locale's messages are here. */
export function isLocaleLoaded(locale: Locale): boolean {
  return loaded.has(locale);
}

/** Whether the message files have this key (every locale has the same keys); false before any is here. */
export function isMessageKey(key: string): key is MessageKey {
  for (const messages of loaded.values()) return key in messages;
  return false;
}

/** Loads the locale's messages (once); until then its translator speaks English, if English is here. */
export function loadLocale(locale: Locale): Promise<void> {
  if (loaded.has(locale)) return Promise.resolve();
  let task = loading.get(locale);
  if (!task) {
    task = LOADERS[locale]().then((file) => registerMessages(locale, file.default));
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

/**
 * A message with nothing ICU reads in it (no argument, no quote, no tag) formats as itself: most of the
 * UI's messages. Parsing each on first use (a new IntlMessageFormat) was a large share of a panel's first
 * render.
 */
const PLAIN = /^[^{}'<]*$/;

/** The number, date and plural formatters every message shares (each IntlMessageFormat made its own). */
function sharedFormatters(): Formatters {
  const memo = <A extends unknown[], T>(make: (...args: A) => T) => {
    const made = new Map<string, T>();
    return (...args: A): T => {
      const key = JSON.stringify(args);
      let value = made.get(key);
      if (value === undefined) made.set(key, (value = make(...args)));
      return value;
    };
  };
  return {
    getNumberFormat: memo((...args: ConstructorParameters<typeof Intl.NumberFormat>) => new Intl.NumberFormat(...args)),
    getDateTimeFormat: memo((...args: ConstructorParameters<typeof Intl.DateTimeFormat>) => new Intl.DateTimeFormat(...args)),
    getPluralRules: memo((...args: ConstructorParameters<typeof Intl.PluralRules>) => new Intl.PluralRules(...args)),
  };
}
const formatters = sharedFormatters();

/** The locale's translator: its words once loaded (`loadLocale`, `translatorFor`), English until then. */
export function translator(locale: Locale): Translator {
  const known = translators.get(locale);
  if (known) return known;
  const compiled = new Map<MessageKey, IntlMessageFormat | string>();
  let compiledFor = generation;
  const t = ((key: MessageKey, values?: MessageValues) => {
    if (compiledFor !== generation) {
      compiled.clear();
      compiledFor = generation;
    }
    let format = compiled.get(key);
    if (!format) {
      const own = loaded.get(locale)?.[key];
      const message = own ?? loaded.get('en')?.[key];
      if (message === undefined) return key;
      format = PLAIN.test(message) ? message : new IntlMessageFormat(message, own !== undefined ? locale : 'en', undefined, { formatters });
      compiled.set(key, format);
    }
    return typeof format === 'string' ? format : String(format.format(values));
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
