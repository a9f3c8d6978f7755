export { LOCALES, LOCALE_NAMES, isLocale, resolveLocale, type LanguageChoice, type Locale } from './locales';
export { MESSAGES, translator, type MessageKey, type MessageValues, type Translator } from './translate';
export { formats, type Formats } from './format';
export * from './words';
