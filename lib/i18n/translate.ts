/**
 * Messages in ICU MessageFormat (plurals, selects and numbers in the locale's own rules), one JSON file
 * per locale under `messages/`, English the reference: every locale has exactly its keys (a test checks).
 * A translator formats a key with its values; compiled messages are kept per translator.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import en from './messages/en.json' with { type: 'json' };
import de from './messages/de.json' with { type: 'json' };
import fr from './messages/fr.json' with { type: 'json' };
import es from './messages/es.json' with { type: 'json' };
import ptBR from './messages/pt-BR.json' with { type: 'json' };
import ja from './messages/ja.json' with { type: 'json' };
import type { Locale } from './locales';

export type MessageKey = keyof typeof en;
export type MessageValues = Record<string, string | number>;

export const MESSAGES: Record<Locale, Record<MessageKey, string>> = { en, de, fr, es, 'pt-BR': ptBR, ja };

export interface Translator {
  readonly locale: Locale;
  (key: MessageKey, values?: MessageValues): string;
}

const translators = new Map<Locale, Translator>();

export function translator(locale: Locale): Translator {
  const known = translators.get(locale);
  if (known) return known;
  const compiled = new Map<MessageKey, IntlMessageFormat>();
  const t = ((key: MessageKey, values?: MessageValues) => {
    let format = compiled.get(key);
    if (!format) {
      format = new IntlMessageFormat(MESSAGES[locale][key] ?? MESSAGES.en[key] ?? key, locale);
      compiled.set(key, format);
    }
    return String(format.format(values));
  }) as Translator;
  Object.defineProperty(t, 'locale', { value: locale });
  translators.set(locale, t);
  return t;
}
