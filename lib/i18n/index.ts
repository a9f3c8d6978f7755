export { LOCALES, LOCALE_NAMES, isLocale, resolveLocale, type LanguageChoice, type Locale } from './locales';
export { ENGLISH, isLocaleLoaded, loadLocale, translator, translatorFor, type MessageKey, type MessageValues, type Messages, type Translator } from './translate';
export { formats, type Formats } from './format';
export * from './words';
