/** Pure detectors for Salesforce URLs: Lightning Experience, and Classic record pages. */
import type { RecordPaths, RecordRef } from '../types';
import { pageSalesforceId, salesforceKind } from './ids';

/** Key prefixes of the Classic record pages the script is declared on. */
const CLASSIC_PREFIXES = ['001', '003', '006', '500', '00Q'];

/**
 * Record pages a load can open on: `/lightning/r/…`, and Classic's `/{id}`. The old `/one/one.app#/sObject/…` shell is not
 * listed: its hash cannot be matched, and one.app is every page of the app (the background injects
 * the script once the hash names a record).
 */
export const SALESFORCE_RECORD_PATHS: RecordPaths = {
  // Classic opens a record at `/{id}`: only the objects that lead to an account are declared (Account,
  // Contact, Opportunity, Case, Lead), as a pattern cannot say "an id".
  paths: ['/lightning/r/*', ...CLASSIC_PREFIXES.map((p) => `/${p}*`)],
  excludePaths: [
    // Dashboards and reports open under `/lightning/r/` too, but show no account.
    ...['/lightning/r/Dashboard/*', '/lightning/r/Report/*', '/lightning/r/01Z*', '/lightning/r/00O*'],
    // Classic's object home and list views: `/001`, `/001/o`, `/001?fcf=…`.
    ...CLASSIC_PREFIXES.flatMap((p) => [`/${p}`, `/${p}/*`, `/${p}?*`]),
  ],
};

/** Objects and key prefixes that are no record of an account: dashboards (`01Z`) and reports (`00O`). */
const NOT_RECORDS = { objects: new Set(['Dashboard', 'Report']), prefixes: new Set(['01Z', '00O']) };

/**
 * Lightning hosts: My Domain, sandboxes (`x--y.sandbox.`), Developer Edition (`.develop.`), scratch orgs,
 * government clouds, and Lightning behind Microsoft Defender for Cloud Apps (`….lightning.force.com.mcas.ms`).
 */
const LIGHTNING_HOST = /\.lightning\.(?:force\.com(?:\.mcas\.ms)?|force\.mil|crmforce\.mil)$/;
/**
 * Classic hosts: My Domain (`acme.my.salesforce.com`, sandboxes `acme--uat.sandbox.my.salesforce.com`).
 * A retired instance host (`na123.salesforce.com`) is added as a custom site, where the path is read alone.
 */
const CLASSIC_HOST = /\.my\.salesforce\.com$/;
/** Classic record pages: `/{id}` and its edit form `/{id}/e`; a key prefix always has a digit in its first three characters. */
const CLASSIC_PATH = /^\/((?=[a-zA-Z0-9]{0,2}\d)[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?)(?:\/e)?\/?$/;
/** `/lightning/r/{Object}/{Id}/view|edit|related/{List}/view`; the object name may be missing. */
const RECORD_PATH = /^\/lightning\/r\/(?:([A-Za-z][A-Za-z0-9_]*)\/)?([a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?)\/(?:view|edit|related\/[^/]+\/view)\b/;
/** Old Lightning: `/one/one.app#/sObject/{Id}/view`. */
const ONE_APP_HASH = /^#\/sObject\/([a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?)\/view\b/;

/** Whether the URL is on a Salesforce Lightning or Classic host. */
export function isSalesforceUrl(url: URL): boolean {
  return url.protocol === 'https:' && (LIGHTNING_HOST.test(url.hostname) || CLASSIC_HOST.test(url.hostname));
}

/** Whether the page is Salesforce Classic (whose DOM is read differently): a Classic host, or a Classic record path. */
export function isClassicPage(url: URL): boolean {
  return CLASSIC_HOST.test(url.hostname) || CLASSIC_PATH.test(url.pathname);
}

function ref(rawId: string | undefined, objectName?: string): RecordRef | null {
  const recordId = pageSalesforceId(rawId);
  if (!recordId || (objectName && NOT_RECORDS.objects.has(objectName)) || NOT_RECORDS.prefixes.has(recordId.slice(0, 3))) return null;
  return { kind: salesforceKind(recordId, objectName), recordId };
}

/** The record a Lightning path (`/lightning/r/…`) points at, or null. Also used on links found in the page. */
export function recordFromPath(path: string): RecordRef | null {
  const match = RECORD_PATH.exec(path);
  return match ? ref(match[2], match[1]) : null;
}

/** The Account a Classic link (`/001…`, relative or not) points at. */
export function classicRecordFromPath(path: string): RecordRef | null {
  const match = CLASSIC_PATH.exec(path);
  return match ? ref(match[1]) : null;
}

/**
 * The record a URL shows: the Lightning record path, the old one.app hash, or a Classic `/{id}`; null
 * for lists, home and the like.
 */
export function salesforceRecord(url: URL): RecordRef | null {
  if (url.pathname === '/one/one.app') {
    const match = ONE_APP_HASH.exec(url.hash);
    return match ? ref(match[1]) : null;
  }
  return recordFromPath(url.pathname) ?? classicRecordFromPath(url.pathname);
}

/**
 * The record of the console workspace (the enclosing primary tab) named by the `ws` parameter, e.g. the
 * Account whose tab holds the Contact subtab on screen; null outside console apps.
 */
export function workspaceRecord(url: URL): RecordRef | null {
  const workspace = url.searchParams.get('ws');
  return workspace ? recordFromPath(workspace) : null;
}
