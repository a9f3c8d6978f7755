/**
 * Match patterns for the CRM hosts we support out of the box. Used by the manifest (host permissions,
 * web-accessible resources) and by the content script's `matches`, so the three never drift apart.
 */
export const CRM_HOST_PATTERNS = [
  'https://*.lightning.force.com/*',
  'https://*.lightning.force.mil/*',
  'https://*.lightning.crmforce.mil/*',
  'https://*.zendesk.com/*',
  'https://app.hubspot.com/*',
  'https://app-eu1.hubspot.com/*',
  'https://app-na2.hubspot.com/*',
  'https://*.freshdesk.com/*',
  'https://*.dynamics.com/*',
  'https://app.intercom.com/*',
  'https://app.eu.intercom.com/*',
  'https://app.au.intercom.com/*',
] as const;
