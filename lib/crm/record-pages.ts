/**
 * Where each CRM's content script is declared: only the pages a load can open on a record, so a CRM
 * page without one (home, list views) gets no content script at all (Chromium creating a
 * content script's world costs more than the 5 ms budget by itself). The paths come from each
 * adapter's `url.ts`, the hosts from `hosts.ts`. An in-app navigation from such a page into a record is
 * followed by the background, which injects the script then (`lib/background/record-injector.ts`).
 * Pure and free of zod: the manifest, the background and the tests read it.
 */
import { DYNAMICS_RECORD_PATHS } from './dynamics/url';
import { FRESHDESK_RECORD_PATHS } from './freshdesk/url';
import { CRM_HOSTS } from './hosts';
import { HUBSPOT_RECORD_PATHS } from './hubspot/url';
import { INTERCOM_RECORD_PATHS } from './intercom/url';
import { SALESFORCE_RECORD_PATHS } from './salesforce/url';
import type { CrmId, RecordPaths } from './types';
import { ZENDESK_RECORD_PATHS } from './zendesk/url';

export const RECORD_PATHS: Readonly<Record<CrmId, RecordPaths>> = {
  salesforce: SALESFORCE_RECORD_PATHS,
  zendesk: ZENDESK_RECORD_PATHS,
  hubspot: HUBSPOT_RECORD_PATHS,
  freshdesk: FRESHDESK_RECORD_PATHS,
  dynamics: DYNAMICS_RECORD_PATHS,
  intercom: INTERCOM_RECORD_PATHS,
};

/** A content script's match patterns, as the manifest and `scripting.registerContentScripts` take them. */
export interface ScriptMatches {
  matches: string[];
  excludeMatches: string[];
}

/** `https://*.zendesk.com/*` → `https://*.zendesk.com`. */
function originOf(hostPattern: string): string {
  const origin = /^(https?:\/\/[^/]+)\/\*$/.exec(hostPattern)?.[1];
  if (!origin) throw new Error(`Not a host pattern: ${hostPattern}`);
  return origin;
}

function recordPatterns(origins: readonly string[], crm: CrmId): ScriptMatches {
  const { paths, excludePaths = [] } = RECORD_PATHS[crm];
  return {
    matches: origins.flatMap((origin) => paths.map((p) => origin + p)),
    excludeMatches: origins.flatMap((origin) => excludePaths.map((p) => origin + p)),
  };
}

/** The record pages of a CRM's own hosts: its manifest content script's `matches` and `exclude_matches`. */
export function declaredRecordPages(crm: CrmId): ScriptMatches {
  return recordPatterns(CRM_HOSTS[crm].map(originOf), crm);
}

/** The record pages of a host the user added for a CRM (HTTPS only, as its permission). */
export function customRecordPages(host: string, crm: CrmId): ScriptMatches {
  return recordPatterns([`https://${host}`], crm);
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Whether a match pattern covers the URL, as browsers match content scripts: scheme, host (`*.` also
 * the bare domain), and the path glob against the path and query (never the hash).
 */
export function patternCovers(pattern: string, url: URL): boolean {
  const [, scheme, host = '', path = ''] = /^([a-z*]+):\/\/([^/]+)(\/.*)$/.exec(pattern) ?? [];
  if (!scheme || (scheme === '*' ? !/^https?:$/.test(url.protocol) : url.protocol !== `${scheme}:`)) return false;
  const hostOk =
    host === '*' || (host.startsWith('*.') ? url.hostname === host.slice(2) || url.hostname.endsWith(host.slice(1)) : url.hostname === host);
  if (!hostOk) return false;
  const glob = new RegExp(`^${path.split('*').map(escapeRegExp).join('.*')}$`, 's');
  return glob.test(url.pathname + url.search);
}

/** Whether a script declared with these patterns runs on a page loaded at `url`. */
export function scriptCovers(script: ScriptMatches, url: URL): boolean {
  return script.matches.some((p) => patternCovers(p, url)) && !script.excludeMatches.some((p) => patternCovers(p, url));
}
