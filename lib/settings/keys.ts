/**
 * The storage keys that code outside `lib/settings` reads raw (the content script reads them without
 * zod, to stay small). `lib/settings/index.ts` defines its items on the same keys.
 */

/** `storage.local` key of the site settings `{disabledCrms}`. */
export const SITE_SETTINGS_KEY = 'settings.sites';

/** Managed-storage (policy) key of the CRMs an administrator allows (absent: all). */
export const ALLOWED_SITES_POLICY_KEY = 'allowedSites';
