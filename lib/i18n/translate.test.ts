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
