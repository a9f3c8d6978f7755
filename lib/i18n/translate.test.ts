/** A page loads one language: English is always here, another locale speaks English until its file has loaded. */
import { describe, expect, it, vi } from 'vitest';

describe('loadLocale', () => {
  it('speaks English for a locale not loaded yet, the locale once loaded, and loads each file once', async () => {
    vi.resetModules();
    // A fresh copy of the module (the registry was reset), without the test setup's loads.
    const i18n = await import('./translate');
    expect(i18n.isLocaleLoaded('en')).toBe(true);
    expect(i18n.isLocaleLoaded('de')).toBe(false);
    expect(i18n.translator('de')('panel.retry')).toBe(i18n.ENGLISH['panel.retry']);
    expect(i18n.translator('de').locale).toBe('en');
    await Promise.all([i18n.loadLocale('de'), i18n.loadLocale('de')]);
    expect(i18n.isLocaleLoaded('de')).toBe(true);
    expect(i18n.translator('de').locale).toBe('de');
    expect(i18n.translator('de')('panel.retry')).not.toBe(i18n.ENGLISH['panel.retry']);
    expect(i18n.isLocaleLoaded('ja')).toBe(false);
    expect((await i18n.translatorFor('ja'))('panel.retry')).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  });
});
