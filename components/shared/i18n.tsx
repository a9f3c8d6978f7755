/**
 * The UI's language for React: `useI18n()` gives the translator and the locale's formats. The provider
 * follows the language setting (and the browser's languages when it is `auto`), so a change on the
 * options page reaches an open panel or popup at once; without a provider (unit tests) it is English.
 */
import { createContext, Fragment, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { browserLanguages, formats, isLocaleLoaded, loadLocale, resolveLocale, translator, type Formats, type LanguageChoice, type Locale, type MessageKey, type Translator } from '../../lib/i18n';
import { languageSetting, readLanguageChoice } from '../../lib/settings/language';

export interface I18n {
  locale: Locale;
  t: Translator;
  f: Formats;
}

export function i18nFor(locale: Locale): I18n {
  return { locale, t: translator(locale), f: formats(locale) };
}

const I18nContext = createContext<I18n>(i18nFor('en'));

export function useI18n(): I18n {
  return useContext(I18nContext);
}

/**
 * Starts loading the messages of the language a page will most likely speak (the browser's, which the
 * default setting follows) while the page's modules still run: the provider's first render, which waits
 * for them, then finds them here or on their way. Called at the top of a page's entry module.
 */
export function preloadLanguage(): Promise<void> {
  const loading = loadLocale(resolveLocale('auto', browserLanguages()));
  loading.catch(() => undefined);
  return loading;
}

/** Sets the document's language, so screen readers and hyphenation follow the UI's, and its title (the tab's name). */
function useDocumentLanguage(locale: Locale | null, title: MessageKey | undefined) {
  useEffect(() => {
    // Once the language's messages are here (until then the page renders nothing).
    if (!locale) return;
    document.documentElement.lang = locale;
    if (title) document.title = translator(locale)(title);
  }, [locale, title]);
}

/**
 * Provides the UI's language. `locale` fixes it (the demo, tests); otherwise the setting decides, and
 * until it is read the browser's language does (the same, unless the person chose another). Nothing is
 * rendered until the first language's messages have loaded.
 */
export function I18nProvider({ locale: fixed, title, children }: { locale?: Locale; title?: MessageKey; children: ReactNode }) {
  const [choice, setChoice] = useState<LanguageChoice>('auto');
  useEffect(() => {
    if (fixed) return;
    let live = true;
    void readLanguageChoice().then((c) => live && setChoice(c), () => undefined);
    const unwatch = languageSetting.watch((c) => setChoice(c ?? 'auto'));
    return () => {
      live = false;
      unwatch();
    };
  }, [fixed]);
  const wanted = fixed ?? resolveLocale(choice, browserLanguages());
  // The page speaks a language once its messages are here (a file of the extension's own, a few ms):
  // the first render waits for them rather than flash English; a later change keeps the language
  // shown until the next one has loaded.
  const [locale, setLocale] = useState<Locale | null>(() => (isLocaleLoaded(wanted) ? wanted : null));
  useEffect(() => {
    let live = true;
    if (isLocaleLoaded(wanted)) setLocale(wanted);
    else
      void loadLocale(wanted).then(
        () => live && setLocale(wanted),
        () => live && setLocale((shown) => shown ?? 'en'),
      );
    return () => {
      live = false;
    };
  }, [wanted]);
  useDocumentLanguage(locale, title);
  const value = useMemo(() => (locale ? i18nFor(locale) : null), [locale]);
  return value ? <I18nContext.Provider value={value}>{children}</I18nContext.Provider> : null;
}

/**
 * A message with React nodes in it (a `<strong>`, a span with a test hook): the message is formatted
 * with a marker for each node, then split at the markers, so translators still see one whole sentence.
 */
export function withNodes(t: Translator, key: Parameters<Translator>[0], values: Record<string, string | number>, nodes: Record<string, ReactNode>): ReactNode[] {
  const names = Object.keys(nodes);
  const markers = Object.fromEntries(names.map((name, i) => [name, `\uE000${i}\uE000`]));
  const text = t(key, { ...values, ...markers });
  return text.split(/\uE000(\d+)\uE000/).map((part, i) => (i % 2 === 1 ? <Fragment key={i}>{nodes[names[Number(part)]!]}</Fragment> : part));
}
