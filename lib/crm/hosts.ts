/**
 * Match patterns for the CRM hosts we support out of the box, per CRM. Used by the manifest (host
 * permissions, web-accessible resources) and by each CRM's content script, so they never drift apart.
 */
import type { CrmId } from './types';

export const CRM_HOSTS = {
  salesforce: [
    'https://*.lightning.force.com/*',
    'https://*.lightning.force.mil/*',
    'https://*.lightning.crmforce.mil/*',
    // Lightning behind Microsoft Defender for Cloud Apps' session proxy.
    'https://*.lightning.force.com.mcas.ms/*',
    // Classic on My Domain, sandboxes included (the script runs on record paths only, `RECORD_PATHS`).
    // Instance hosts (`na123.salesforce.com`) are retired in favour of My Domain: an org still on one
    // adds it as a custom site, where the adapter reads the same Classic paths.
    'https://*.my.salesforce.com/*',
  ],
  zendesk: ['https://*.zendesk.com/*'],
  hubspot: ['https://app.hubspot.com/*', 'https://app-eu1.hubspot.com/*', 'https://app-na2.hubspot.com/*', 'https://app-ap1.hubspot.com/*'],
  freshdesk: ['https://*.freshdesk.com/*'],
  dynamics: ['https://*.dynamics.com/*'],
  intercom: ['https://app.intercom.com/*', 'https://app.eu.intercom.com/*', 'https://app.au.intercom.com/*'],
} as const satisfies Record<CrmId, readonly string[]>;

/** Every built-in CRM's id, in a stable order. */
export const CRM_IDS = Object.keys(CRM_HOSTS) as [CrmId, ...CrmId[]];

export const CRM_HOST_PATTERNS: readonly string[] = /* @__PURE__ */ Object.values(CRM_HOSTS).flat();

/**
 * Hosts the user added for a CRM (a helpdesk on its own domain, a Salesforce enhanced domain): kept in
 * `storage.local` under this key as `[{host, crm, addedAt}]`, written by the background only.
 */
export const CUSTOM_SITES_KEY = 'customSites';

/** The id of the content script registered for a custom host (one registration per host). */
export function customSiteScriptId(host: string): string {
  return `custom-site:${host}`;
}
