/** A page loads one language: a locale speaks English until its file has loaded, and the key before any has. */
import { describe, expect, it, vi } from 'vitest';
import { ENGLISH } from './english';

describe('loadLocale', () => {
  it('says the key before any file is here, English for a locale not loaded yet, the locale once loaded; each file loads once', async () => {
    vi.resetModules();
    // A fresh copy of the module (the registry was reset), without the test setup's loads.
    const i18n = await import('./translate');
    expect(i18n.isLocaleLoaded('en')).toBe(false);
    const german = i18n.translator('de');
    expect(german('panel.retry')).toBe('panel.retry');
    expect(i18n.isMessageKey('panel.retry')).toBe(false);
    await i18n.loadLocale('en');
    expect(i18n.isMessageKey('panel.retry')).toBe(true);
    expect(i18n.isMessageKey('panel.nothing')).toBe(false);
    expect(german('panel.retry')).toBe(ENGLISH['panel.retry']);
    expect(german.locale).toBe('de');
    await Promise.all([i18n.loadLocale('de'), i18n.loadLocale('de')]);
    expect(i18n.isLocaleLoaded('de')).toBe(true);
    // The same translator, now in German (what it compiled in English is compiled again).
    expect(german('panel.retry')).not.toBe(ENGLISH['panel.retry']);
    expect(i18n.isLocaleLoaded('ja')).toBe(false);
    expect((await i18n.translatorFor('ja'))('panel.retry')).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  });

  it('an error’s English needs no load: the bundled English is used', async () => {
    vi.resetModules();
    const { wordedError } = await import('./words');
    expect(wordedError('not_found', { key: 'error.noAccount', values: { id: 'acme' } }).message).toContain('acme');
  });
});

describe('translator', () => {
  it('says every message of every language as IntlMessageFormat does, plain ones without parsing them', async () => {
    const { IntlMessageFormat } = await import('intl-messageformat');
    const { MESSAGES } = await import('./all-messages');
    const { translatorFor } = await import('./translate');
    // Values that fill most arguments: a count (plurals, numbers), a name, a date.
    const values = { n: 3, count: 2, days: 4, name: 'Acme', account: 'Acme', value: 'x', query: 'acme', id: 'acme', at: 0 };
    let compared = 0;
    for (const [locale, messages] of Object.entries(MESSAGES)) {
      const t = await translatorFor(locale as never);
      for (const [key, message] of Object.entries(messages)) {
        let expected: string;
        try {
          expected = String(new IntlMessageFormat(message, locale).format(values));
        } catch {
          continue; // a message needing other values: its callers' tests cover it
        }
        expect(t(key as never, values), `${locale} ${key}`).toBe(expected);
        compared++;
      }
    }
    // Most messages of all six languages were compared (those needing other values are left out).
    expect(compared).toBeGreaterThan(6 * 500);
  });
});
