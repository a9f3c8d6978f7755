export { LOCALES, LOCALE_NAMES, browserLanguages, isLocale, resolveLocale, type LanguageChoice, type Locale } from './locales';
export { isLocaleLoaded, isMessageKey, loadLocale, translator, translatorFor, type MessageKey, type MessageValues, type Messages, type Translator } from './translate';
export { formats, type Formats } from './format';
export { sayWords } from './say-words';
