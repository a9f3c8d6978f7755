/**
 * The UI's language setting: one the extension ships, or `auto` for the browser's (the default). Apart
 * from the other settings so that every page can read it without their schemas.
 */
import { storage } from 'wxt/utils/storage';
import { isLocale, type LanguageChoice } from '../i18n/locales';

export const languageSetting = storage.defineItem<LanguageChoice>('local:settings.language', {
  fallback: 'auto',
  version: 1,
});

export function isLanguageChoice(value: unknown): value is LanguageChoice {
  return value === 'auto' || (typeof value === 'string' && isLocale(value));
}

/** The language setting as stored; a damaged value is the default. */
export async function readLanguageChoice(): Promise<LanguageChoice> {
  const stored = await languageSetting.getValue();
  return isLanguageChoice(stored) ? stored : 'auto';
}
