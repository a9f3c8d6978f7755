/**
 * Custom sites: a CRM on a host of the customer's own (a Zendesk host-mapped domain such as
 * `support.acme.com`, a Salesforce enhanced domain). The options page asks for the host's permission
 * when the user adds it (a click is needed for the prompt); the background then registers that CRM's
 * content script for the host, and nothing else. Removing the host unregisters the script and gives the
 * permission back. The list lives in `storage.local`, validated when read.
 */
import { browser } from 'wxt/browser';
import { createLogger } from '../core/log';
import { CUSTOM_SITES_KEY, customSiteScriptId } from '../crm/hosts';
import { CustomSiteSchema, builtInCrmOf, normaliseHost, siteOrigins, type CustomSite } from '../settings/custom-sites';
import { customRecordPages } from '../crm/record-pages';
import type { CrmId } from '../crm/types';

const log = createLogger('custom sites');

export interface ContentScriptRegistration {
  id: string;
  matches: string[];
  excludeMatches?: string[];
  js: string[];
  runAt: 'document_idle';
  persistAcrossSessions: boolean;
  allFrames: boolean;
}

/** What of the browser the registry uses (the background passes `browser`; tests pass fakes). */
export interface SitesBrowser {
  storage: { local: { get(key: string): Promise<Record<string, unknown>>; set(items: Record<string, unknown>): Promise<void> } };
  permissions: {
    contains(p: { origins: string[] }): Promise<boolean>;
    remove(p: { origins: string[] }): Promise<boolean>;
  };
  scripting: {
    registerContentScripts(scripts: Array<ContentScriptRegistration>): Promise<void>;
    unregisterContentScripts(filter: { ids: string[] }): Promise<void>;
    getRegisteredContentScripts(filter?: { ids?: string[] }): Promise<Array<{ id: string; matches?: string[]; excludeMatches?: string[]; js?: string[] }>>;
  };
}

/** The built file of a CRM's content script, as the manifest's scripts are named. */
export const contentScriptFile = (crm: CrmId) => `content-scripts/${crm}.js`;

/**
 * A custom host's registration: like the manifest's scripts, on the CRM's record pages only (the
 * background injects the script on an in-app navigation into a record, `record-injector.ts`).
 */
export function registrationOf(site: CustomSite): ContentScriptRegistration {
  const { matches, excludeMatches } = customRecordPages(site.host, site.crm);
  return {
    id: customSiteScriptId(site.host),
    matches,
    ...(excludeMatches.length ? { excludeMatches } : {}),
    js: [contentScriptFile(site.crm)],
    runAt: 'document_idle',
    persistAcrossSessions: true,
    allFrames: false,
  };
}

const sameList = (a: readonly string[] | undefined, b: readonly string[] | undefined) => JSON.stringify([...(a ?? [])].sort()) === JSON.stringify([...(b ?? [])].sort());

export function createSiteRegistry(api: SitesBrowser = browser as unknown as SitesBrowser, now: () => number = Date.now) {
  /** The stored sites; entries that do not validate are dropped (and dropped from storage on the next write). */
  async function list(): Promise<CustomSite[]> {
    const stored = (await api.storage.local.get(CUSTOM_SITES_KEY))[CUSTOM_SITES_KEY];
    if (!Array.isArray(stored)) return [];
    return stored.flatMap((entry) => {
      const parsed = CustomSiteSchema.safeParse(entry);
      return parsed.success ? [parsed.data] : [];
    });
  }

  async function register(site: CustomSite): Promise<void> {
    const script = registrationOf(site);
    if ((await api.scripting.getRegisteredContentScripts({ ids: [script.id] })).length) {
      await api.scripting.unregisterContentScripts({ ids: [script.id] });
    }
    await api.scripting.registerContentScripts([script]);
  }

  return {
    list,

    /** Adds (or re-assigns) a host. The permission must have been granted already, by the options page. */
    async add(rawHost: string, crm: CrmId): Promise<CustomSite> {
      const host = normaliseHost(rawHost);
      if (!host) throw new Error(`Not a host name: ${rawHost}`);
      const builtIn = builtInCrmOf(host);
      if (builtIn) throw new Error(`${host} is already covered as a ${builtIn} host`);
      if (!(await api.permissions.contains({ origins: siteOrigins(host) }))) {
        throw new Error(`Access to ${host} was not granted`);
      }
      const site: CustomSite = { host, crm, addedAt: now() };
      await register(site);
      const others = (await list()).filter((s) => s.host !== host);
      await api.storage.local.set({ [CUSTOM_SITES_KEY]: [...others, site] });
      return site;
    },

    /** Removes a host: its script registration, its entry, and the permission that came with it. */
    async remove(rawHost: string): Promise<void> {
      const host = normaliseHost(rawHost);
      if (!host) throw new Error(`Not a host name: ${rawHost}`);
      const id = customSiteScriptId(host);
      if ((await api.scripting.getRegisteredContentScripts({ ids: [id] })).length) {
        await api.scripting.unregisterContentScripts({ ids: [id] });
      }
      await api.storage.local.set({ [CUSTOM_SITES_KEY]: (await list()).filter((s) => s.host !== host) });
      // A permission the browser will not take back (an administrator's, say) leaves the host unregistered all the same.
      await api.permissions.remove({ origins: siteOrigins(host) }).catch(log.failed(`giving back the permission for ${host}`));
    },

    /**
     * At start-up: registrations match the stored sites whose permission is still granted (the user
     * may have revoked one in the browser's settings); anything else of ours is unregistered.
     */
    async sync(): Promise<void> {
      const registered = new Map((await api.scripting.getRegisteredContentScripts()).map((s) => [s.id, s]));
      const wanted = new Set<string>();
      for (const site of await list()) {
        if (!(await api.permissions.contains({ origins: siteOrigins(site.host) }))) continue;
        const script = registrationOf(site);
        wanted.add(script.id);
        // Registrations persist across sessions: the worker, woken often, registers only what is missing
        // or out of date (one made by an earlier version, for every page of the host).
        const current = registered.get(script.id);
        const upToDate =
          current && sameList(current.matches, script.matches) && sameList(current.excludeMatches, script.excludeMatches) && sameList(current.js, script.js);
        if (!upToDate) await register(site);
      }
      const stale = [...registered.keys()].filter((id) => id.startsWith(customSiteScriptId('')) && !wanted.has(id));
      if (stale.length) await api.scripting.unregisterContentScripts({ ids: stale });
    },
  };
}

export type SiteRegistry = ReturnType<typeof createSiteRegistry>;
