/**
 * Unit tests word what they expect in any language with `translator(locale)` at once: every locale's
 * messages are loaded before they run (a page loads only its own: `loadLocale`).
 */
import { LOCALES, loadLocale } from '../../lib/i18n';

await Promise.all(LOCALES.map((locale) => loadLocale(locale)));
