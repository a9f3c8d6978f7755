/**
 * Links from an account to its record in the CRM: possible where the account carries that CRM's id and
 * the user has been on that CRM (we learn the host, and HubSpot's portal, from the pages the content
 * script reports). No link when either is unknown: a guessed host would send people to a login page of
 * someone else's org.
 */
import { z } from 'zod';
import { httpsUrl } from '../core/urls';
import type { Account } from '../model';

/** Where the user last used a CRM. */
export const CrmPlaceSchema = z.object({
  origin: z.string().url(),
  /** HubSpot's account (portal) id, part of every record URL. */
  portalId: z.string().regex(/^\d+$/).optional(),
});
export type CrmPlace = z.infer<typeof CrmPlaceSchema>;

export const LINKABLE_CRMS = ['salesforce', 'zendesk', 'hubspot'] as const;
export type LinkableCrm = (typeof LINKABLE_CRMS)[number];

export const CrmPlacesSchema = z.object({
  salesforce: CrmPlaceSchema.optional(),
  zendesk: CrmPlaceSchema.optional(),
  hubspot: CrmPlaceSchema.optional(),
});
export type CrmPlaces = z.infer<typeof CrmPlacesSchema>;

export interface RecordLink {
  crm: LinkableCrm;
  /** "Open in Salesforce". */
  label: string;
  url: string;
}

const LABEL: Record<LinkableCrm, string> = { salesforce: 'Salesforce', zendesk: 'Zendesk', hubspot: 'HubSpot' };

/** The place a reported page tells us about, or null when it tells nothing linkable. */
export function placeOfPage(crm: string, pageUrl: string | undefined): { crm: LinkableCrm; place: CrmPlace } | null {
  const url = httpsUrl(pageUrl);
  if (!url || !(LINKABLE_CRMS as readonly string[]).includes(crm)) return null;
  const place: CrmPlace = { origin: url.origin };
  if (crm === 'hubspot') {
    const portalId = /^\/contacts\/(\d+)\//.exec(url.pathname)?.[1];
    if (!portalId) return null;
    place.portalId = portalId;
  }
  return { crm: crm as LinkableCrm, place };
}

/** The links to an account's records, one per CRM where both its id and the CRM's place are known. */
export function recordLinks(account: Account, places: CrmPlaces): RecordLink[] {
  const links: RecordLink[] = [];
  const add = (crm: LinkableCrm, path: string | null) => {
    const place = places[crm];
    if (!place || path === null) return;
    links.push({ crm, label: `Open in ${LABEL[crm]}`, url: new URL(path, place.origin).href });
  };
  const salesforceId = account.salesforceIds[0];
  add('salesforce', salesforceId ? `/lightning/r/Account/${encodeURIComponent(salesforceId)}/view` : null);
  const zendeskId = account.zendeskOrganizationIds[0];
  add('zendesk', zendeskId ? `/agent/organizations/${encodeURIComponent(zendeskId)}` : null);
  const hubspotId = account.hubspotCompanyIds[0];
  const portal = places.hubspot?.portalId;
  add('hubspot', hubspotId && portal ? `/contacts/${portal}/record/0-2/${encodeURIComponent(hubspotId)}` : null);
  return links;
}
