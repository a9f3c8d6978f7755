/**
 * Whether the user (options page, `settings.sites`) or an administrator (managed policy,
 * `allowedSites`) turned a built-in CRM off: its content script then shows and reports nothing. Read
 * from the raw stored values with shape checks, no zod: this runs in the content script.
 */
import type { CrmId } from '../crm/types';


/** `siteSettings`' raw value `{disabledCrms}` and the policy's raw `allowedSites` (either may be anything). */
export function isCrmEnabled(crm: CrmId, siteSettings: unknown, allowedSites: unknown): boolean {
  if (Array.isArray(allowedSites)) return allowedSites.includes(crm);
  const disabled = (siteSettings as { disabledCrms?: unknown } | null | undefined)?.disabledCrms;
  return !(Array.isArray(disabled) && disabled.includes(crm));
}
