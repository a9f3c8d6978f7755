/**
 * Where the user uses each CRM (its origin, HubSpot's portal), learnt from the pages reported, so the
 * popup can link an account to its record there. Written by the background only, and only when it
 * changed (pages are reported often).
 */
import { storage } from 'wxt/utils/storage';
import { CrmPlacesSchema, placeOfPage, type CrmPlaces } from '../accounts/record-links';

export const crmPlacesItem = storage.defineItem<CrmPlaces>('local:crmPlaces', { fallback: {} });

export interface CrmPlacesMemory {
  get(): Promise<CrmPlaces>;
  remember(crm: string, url: string | undefined): Promise<void>;
  /** Clearing data forgets them too (links come back once a CRM page is visited again). */
  forget(): Promise<void>;
}

export function createCrmPlaces(): CrmPlacesMemory {
  let known: CrmPlaces | undefined;
  const get = async (): Promise<CrmPlaces> => {
    if (!known) {
      const parsed = CrmPlacesSchema.safeParse(await crmPlacesItem.getValue());
      known = parsed.success ? parsed.data : {};
    }
    return known;
  };
  return {
    get,
    async remember(crm, url) {
      const seen = placeOfPage(crm, url);
      if (!seen) return;
      const places = await get();
      const before = places[seen.crm];
      if (before?.origin === seen.place.origin && before.portalId === seen.place.portalId) return;
      known = { ...places, [seen.crm]: seen.place };
      await crmPlacesItem.setValue(known);
    },
    async forget() {
      known = {};
      await crmPlacesItem.removeValue();
    },
  };
}
