/** Pure detectors for HubSpot CRM record URLs. */
import type { RecordPaths, RecordKind, RecordRef } from '../types';

/**
 * Record pages a load can open on: the standard objects (`0-…`; custom objects `2-…` have no account), the
 * legacy forms, and a ticket opened in Service Hub's help desk.
 */
export const HUBSPOT_RECORD_PATHS: RecordPaths = {
  paths: ['/contacts/*/record/0-*', '/contacts/*/company/*', '/contacts/*/contact/*', '/contacts/*/deal/*', '/contacts/*/ticket/*', '/help-desk/*/ticket/*'],
};

/** `app.hubspot.com` and the regional data centres (EU, North America 2, Asia-Pacific). */
const HUBSPOT_HOST = /^app(?:-eu1|-na2|-ap1)?\.hubspot\.com$/;
/** `/contacts/{portal}/record/{objectType}/{id}` and the legacy `/contacts/{portal}/{company|contact|deal|ticket}/{id}`. */
const RECORD_PATH = /^\/contacts\/(\d+)\/(?:record\/(0-[1235])|(company|contact|deal|ticket))\/(\d+)(?:\/|$)/;
/** Service Hub's help desk: `/help-desk/{portal}/view/{view}/ticket/{id}` (the view part varies). */
const HELP_DESK_PATH = /^\/help-desk\/(\d+)\/(?:[^/]+\/)*ticket\/(\d+)(?:\/|$)/;
const KIND: Readonly<Record<string, RecordKind>> = {
  '0-1': 'contact',
  '0-2': 'company',
  '0-3': 'deal',
  '0-5': 'ticket',
  contact: 'contact',
  company: 'company',
  deal: 'deal',
  ticket: 'ticket',
};

/** Whether the URL is on a HubSpot app host. */
export function isHubspotUrl(url: URL): boolean {
  return url.protocol === 'https:' && HUBSPOT_HOST.test(url.hostname);
}

/** The portal (HubSpot account) and record a URL shows; null for lists, custom objects and other pages. */
export function hubspotRecord(url: URL): (RecordRef & { portalId: string }) | null {
  const helpDesk = HELP_DESK_PATH.exec(url.pathname);
  if (helpDesk?.[1] && helpDesk[2]) return { kind: 'ticket', recordId: helpDesk[2], portalId: helpDesk[1] };
  const match = RECORD_PATH.exec(url.pathname);
  const kind = match && KIND[match[2] ?? match[3] ?? ''];
  return kind && match[1] && match[4] ? { kind, recordId: match[4], portalId: match[1] } : null;
}
