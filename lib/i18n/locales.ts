/**
 * The languages the UI ships in, and which one a person gets: their choice on the options page, else
 * the browser's first language we ship (a regional variant falls back to its language: `de-AT` → `de`,
 * `pt-PT` → `pt-BR`), else English.
 */
export const LOCALES = ['en', 'de', 'fr', 'es', 'pt-BR', 'ja'] as const;
export type Locale = (typeof LOCALES)[number];

/** The language setting: a locale, or `auto` for the browser's. */
export type LanguageChoice = Locale | 'auto';

/** Each language in its own words, for the language setting. */
export const LOCALE_NAMES: Record<Locale, string> = {
  en: 'English',
  de: 'Deutsch',
  fr: 'Français',
  es: 'Español',
  'pt-BR': 'Português (Brasil)',
  ja: '日本語',
};

export function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
}

/** The shipped locale for one BCP 47 tag, or null. */
function shippedFor(tag: string): Locale | null {
  const lower = tag.toLowerCase();
  const exact = LOCALES.find((l) => l.toLowerCase() === lower);
  if (exact) return exact;
  const language = lower.split(/[-_]/)[0];
  return LOCALES.find((l) => l.toLowerCase().split('-')[0] === language) ?? null;
}

export function resolveLocale(choice: LanguageChoice | undefined, browserLanguages: readonly string[]): Locale {
  if (choice && choice !== 'auto') return choice;
  for (const tag of browserLanguages) {
    const locale = shippedFor(tag);
    if (locale) return locale;
  }
  return 'en';
}

/** The browser's languages, best first (none outside a browser). */
export function browserLanguages(): readonly string[] {
  return typeof navigator === 'undefined' ? [] : navigator.languages?.length ? navigator.languages : [navigator.language];
}
