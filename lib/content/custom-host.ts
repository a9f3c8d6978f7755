/**
 * Whether this content script runs on a host the user added for its CRM. The manifest's scripts run
 * only on the CRMs' own hosts; anywhere else, this script was registered by the background for a host
 * in the user's custom sites, and it confirms that from storage before detecting anything there.
 */
import { browser } from 'wxt/browser';
import { CUSTOM_SITES_KEY } from '../crm/hosts';
import type { CrmId } from '../crm/types';

/** Whether `stored` (the raw value under `CUSTOM_SITES_KEY`) lists `host` for `crm`. No zod here: a shape check. */
export function listsCustomSite(stored: unknown, crm: CrmId, host: string): boolean {
  return (
    Array.isArray(stored) &&
    stored.some((site: unknown) => {
      const s = site as { host?: unknown; crm?: unknown } | null;
      return typeof s === 'object' && s !== null && s.host === host && s.crm === crm;
    })
  );
}

export async function isCustomSite(crm: CrmId, host: string): Promise<boolean> {
  try {
    const stored = await browser.storage.local.get(CUSTOM_SITES_KEY);
    return listsCustomSite(stored[CUSTOM_SITES_KEY], crm, host);
  } catch {
    return false;
  }
}
