/** Pure detectors for Dynamics 365 (model-driven apps) record URLs. */
import type { RecordPaths, RecordKind, RecordRef } from '../types';

/** Record forms a load can open on: `main.aspx` with `pagetype=entityrecord` in its query (grids and dashboards are other page types). */
export const DYNAMICS_RECORD_PATHS: RecordPaths = { paths: ['/*main.aspx?*pagetype=entityrecord*'] };

/** `{org}.crm.dynamics.com` and the regional `{org}.crm{N}.dynamics.com`. */
const DYNAMICS_HOST = /^[a-z0-9-]+\.crm\d*\.dynamics\.com$/;
const GUID = /^\{?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\}?$/i;
/** Entity logical names (`etn=`) to record kinds; any other entity is a `record`. */
const KIND: Readonly<Record<string, RecordKind>> = {
  account: 'account',
  contact: 'contact',
  incident: 'case',
  opportunity: 'opportunity',
  lead: 'lead',
};

/** Whether the URL is on a Dynamics 365 organization host. */
export function isDynamicsUrl(url: URL): boolean {
  return url.protocol === 'https:' && DYNAMICS_HOST.test(url.hostname);
}

/** A GUID lower case without braces, or undefined when it is not one. */
export function normaliseGuid(raw: string | null): string | undefined {
  return GUID.exec(raw?.trim() ?? '')?.[1]?.toLowerCase();
}

/** The record a `main.aspx?pagetype=entityrecord&etn=…&id=…` URL shows; null for grids, dashboards and new-record forms. */
export function dynamicsRecord(url: URL): RecordRef | null {
  const params = url.searchParams;
  const entity = params.get('etn')?.toLowerCase();
  const recordId = normaliseGuid(params.get('id'));
  if (!/\/main\.aspx$/i.test(url.pathname) || params.get('pagetype') !== 'entityrecord' || !entity || !recordId) return null;
  return { kind: KIND[entity] ?? 'record', recordId };
}
