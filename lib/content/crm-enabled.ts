/**
 * Whether the user (options page, `settings.sites`) or an administrator (managed policy,
 * `allowedSites`) turned a built-in CRM off: its content script then shows and reports nothing. Read
 * from the raw stored values with shape checks, no zod: this runs in the content script.
 */
import type { CrmId } from '../crm/types';

/** `storage.local` key of the site settings (`lib/settings`' `siteSettings` item). */
export const SITE_SETTINGS_KEY = 'settings.sites';
/** Managed-storage key of the CRMs an administrator allows (absent: all). */
export const ALLOWED_SITES_POLICY_KEY = 'allowedSites';

/** `siteSettings`' raw value `{disabledCrms}` and the policy's raw `allowedSites` (either may be anything). */
export function isCrmEnabled(crm: CrmId, siteSettings: unknown, allowedSites: unknown): boolean {
  if (Array.isArray(allowedSites)) return allowedSites.includes(crm);
  const disabled = (siteSettings as { disabledCrms?: unknown } | null | undefined)?.disabledCrms;
  return !(Array.isArray(disabled) && disabled.includes(crm));
}
