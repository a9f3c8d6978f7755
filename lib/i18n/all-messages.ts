/**
 * Every locale's messages at once, for what needs them all: the browser's `_locales` written at build
 * time and the tests that compare the files. Pages never import this (they load one locale:
 * `loadLocale` in translate.ts).
 */
import en from './messages/en.json' with { type: 'json' };
import de from './messages/de.json' with { type: 'json' };
import fr from './messages/fr.json' with { type: 'json' };
import es from './messages/es.json' with { type: 'json' };
import ptBR from './messages/pt-BR.json' with { type: 'json' };
import ja from './messages/ja.json' with { type: 'json' };
import type { Locale } from './locales';
import type { Messages } from './translate';

export const MESSAGES: Record<Locale, Messages> = { en, de, fr, es, 'pt-BR': ptBR, ja };
