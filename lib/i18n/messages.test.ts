/**
 * The message files: every locale has exactly the English keys, every message is valid ICU, uses the
 * same arguments as the English one (a translation never drops what the UI passes in), and formats with
 * sample values in its own locale.
 */
import { describe, expect, it } from 'vitest';
import { IntlMessageFormat } from 'intl-messageformat';
import { LOCALES, resolveLocale, translator, type MessageKey } from './index';
import { MESSAGES } from './all-messages';

type Element = { type: number; value?: string; options?: Record<string, { value: Element[] }> };

/** The argument names a message uses (plural, select and plain arguments), from its parsed form. */
function argumentsOf(message: string, locale: string): string[] {
  const names = new Set<string>();
  const walk = (elements: Element[]) => {
    for (const element of elements) {
      // 1 argument, 2 number, 3 date, 4 time, 5 select, 6 plural
      if (element.type >= 1 && element.type <= 6 && element.value) names.add(element.value);
      for (const option of Object.values(element.options ?? {})) walk(option.value);
    }
  };
  walk(new IntlMessageFormat(message, locale).getAst() as Element[]);
  return [...names].sort();
}

const english = MESSAGES.en;
const keys = Object.keys(english) as MessageKey[];

describe('message files', () => {
  it.each(LOCALES.filter((l) => l !== 'en'))('%s has exactly the English keys', (locale) => {
    const own = Object.keys(MESSAGES[locale]);
    expect(keys.filter((k) => !own.includes(k)), `missing in ${locale}`).toEqual([]);
    expect(own.filter((k) => !(k in english)), `${locale} has keys English does not`).toEqual([]);
  });

  it.each(LOCALES)('every %s message is valid ICU with the English arguments', (locale) => {
    const wrong: string[] = [];
    for (const key of keys) {
      const message = MESSAGES[locale][key];
      if (typeof message !== 'string' || message.trim() === '') {
        wrong.push(`${key}: empty`);
        continue;
      }
      let args: string[];
      try {
        args = argumentsOf(message, locale);
      } catch (error) {
        wrong.push(`${key}: ${(error as Error).message}`);
        continue;
      }
      const expected = argumentsOf(english[key], 'en');
      if (args.join() !== expected.join()) wrong.push(`${key}: uses {${args.join(', ')}} where English uses {${expected.join(', ')}}`);
    }
    expect(wrong).toEqual([]);
  });

  it.each(LOCALES)('every %s message formats with sample values', (locale) => {
    const t = translator(locale);
    const sample = { n: 2, total: 3, shown: 1, points: 1, promoters: 1, passives: 0, detractors: 2, responses: 3, sends: 12, comments: 5, followedUp: 1, closed: 1, window: 'w365', period: 'quarter' };
    for (const key of keys) {
      const values: Record<string, string | number> = {};
      for (const name of argumentsOf(english[key], 'en')) values[name] = name in sample ? sample[name as keyof typeof sample] : `‹${name}›`;
      const text = t(key, values);
      // An argument left as written (`{name}`, `{n, plural, …`); quoted braces ('{') are text.
      expect(text, key).not.toMatch(/\{\s*[A-Za-z_]\w*\s*[,}]/);
      expect(text.length, key).toBeGreaterThan(0);
    }
  });

  it('English is what the UI said before it was translated', () => {
    const t = translator('en');
    expect(t('score.counts', { promoters: 2, passives: 1, detractors: 0 })).toBe('2 promoters, 1 passive, 0 detractors');
    expect(t('roles.silence', { role: 'executive', window: 'w365' })).toBe('No executive has answered in 12 months');
    expect(t('history.quarterTick', { quarter: '3', year: '25' })).toBe("Q3 '25");
    expect(t('headline.up', { points: 12, previous: '+20', window: 'w90' })).toBe('Up 12 points from +20 in the 90 days before (significant)');
  });

  it('plurals follow each language’s rules', () => {
    expect(translator('fr')('scores.answers', { n: 0 })).toBe('0 réponse');
    expect(translator('de')('scores.answers', { n: 1 })).toBe('1 Antwort');
    expect(translator('pt-BR')('scores.answers', { n: 2 })).toBe('2 respostas');
    expect(translator('ja')('scores.answers', { n: 1 })).toBe('1 件の回答');
    expect(translator('de')('popup.found', { n: 1200 })).toBe('1.200 Accounts gefunden');
  });
});

describe('resolveLocale', () => {
  it('takes the choice, else the first shipped browser language, else English', () => {
    expect(resolveLocale('ja', ['de-DE'])).toBe('ja');
    expect(resolveLocale('auto', ['nl-NL', 'de-AT', 'fr'])).toBe('de');
    expect(resolveLocale('auto', ['pt-PT'])).toBe('pt-BR');
    expect(resolveLocale('auto', ['pt-br'])).toBe('pt-BR');
    expect(resolveLocale(undefined, ['zh-CN'])).toBe('en');
    expect(resolveLocale('auto', [])).toBe('en');
  });
});
