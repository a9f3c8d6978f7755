/** Pure detectors for Salesforce Lightning Experience URLs. */
import type { RecordPaths, RecordRef } from '../types';
import { normaliseSalesforceId, salesforceKind } from './ids';

/**
 * Record pages a load can open on: `/lightning/r/…`. The old `/one/one.app#/sObject/…` shell is not
 * listed: its hash cannot be matched, and one.app is every page of the app (the background injects
 * the script once the hash names a record).
 */
export const SALESFORCE_RECORD_PATHS: RecordPaths = {
  paths: ['/lightning/r/*'],
  // Dashboards and reports open under `/lightning/r/` too, but show no account.
  excludePaths: ['/lightning/r/Dashboard/*', '/lightning/r/Report/*', '/lightning/r/01Z*', '/lightning/r/00O*'],
};

/** Objects and key prefixes that are no record of an account: dashboards (`01Z`) and reports (`00O`). */
const NOT_RECORDS = { objects: new Set(['Dashboard', 'Report']), prefixes: new Set(['01Z', '00O']) };

/** Lightning hosts: My Domain, sandboxes (`x--y.sandbox.`), Developer Edition (`.develop.`), scratch orgs, government clouds. */
const LIGHTNING_HOST = /\.lightning\.(?:force\.com|force\.mil|crmforce\.mil)$/;
/** `/lightning/r/{Object}/{Id}/view|edit|related/{List}/view`; the object name may be missing. */
const RECORD_PATH = /^\/lightning\/r\/(?:([A-Za-z][A-Za-z0-9_]*)\/)?([a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?)\/(?:view|edit|related\/[^/]+\/view)\b/;
/** Old Lightning: `/one/one.app#/sObject/{Id}/view`. */
const ONE_APP_HASH = /^#\/sObject\/([a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?)\/view\b/;

/** Whether the URL is on a Salesforce Lightning host. */
export function isSalesforceUrl(url: URL): boolean {
  return url.protocol === 'https:' && LIGHTNING_HOST.test(url.hostname);
}

function ref(rawId: string | undefined, objectName?: string): RecordRef | null {
  const recordId = normaliseSalesforceId(rawId);
  if (!recordId || (objectName && NOT_RECORDS.objects.has(objectName)) || NOT_RECORDS.prefixes.has(recordId.slice(0, 3))) return null;
  return { kind: salesforceKind(recordId, objectName), recordId };
}

/** The record a Lightning path (`/lightning/r/…`) points at, or null. Also used on links found in the page. */
export function recordFromPath(path: string): RecordRef | null {
  const match = RECORD_PATH.exec(path);
  return match ? ref(match[2], match[1]) : null;
}

/** The record a Lightning URL shows: the record path, or the old one.app hash; null for lists, home and the like. */
export function salesforceRecord(url: URL): RecordRef | null {
  if (url.pathname === '/one/one.app') {
    const match = ONE_APP_HASH.exec(url.hash);
    return match ? ref(match[1]) : null;
  }
  return recordFromPath(url.pathname);
}

/**
 * The record of the console workspace (the enclosing primary tab) named by the `ws` parameter, e.g. the
 * Account whose tab holds the Contact subtab on screen; null outside console apps.
 */
export function workspaceRecord(url: URL): RecordRef | null {
  const workspace = url.searchParams.get('ws');
  return workspace ? recordFromPath(workspace) : null;
}
