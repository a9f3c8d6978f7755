/**
 * Brings a CRM's content script to a tab whose URL becomes a record in the CRM's single-page app.
 * The manifest declares each script on record pages only (`lib/crm/record-pages.ts`), so a page the
 * user opened on a list view or home page has none, and no cost; when the app then navigates in place
 * to a record, the background sees the tab's new URL (`tabs.onUpdated`: with the host permissions
 * we already hold the browser gives us the URL of CRM tabs, no `tabs` permission needed) and injects
 * that CRM's script. From then on the script follows the app's navigation itself.
 *
 * Before injecting, a probe in the script's world asks whether a copy runs there already, and at
 * which URL the document was loaded: if that URL is one the script is declared on, the browser runs
 * it (or has run it) with this document. Only a tab that has no copy and will get none is injected.
 * The tab is looked at when its URL changes and again when it has finished loading (a URL change can
 * be reported before a new document replaces the old one); one tab's checks run one after another,
 * so the second finds what the first injected.
 */
import { browser } from 'wxt/browser';
import { httpsUrl } from '../core/urls';
import { adapterFor, CRM_ADAPTERS } from '../crm';
import { customRecordPages, declaredRecordPages, scriptCovers, type ScriptMatches } from '../crm/record-pages';
import type { CrmId } from '../crm/types';
import { CONTENT_SCRIPT_CLAIM } from '../messaging/injected';
import { PANEL_CHROME_FILE } from '../messaging/injected';
import type { CustomSite } from '../settings/custom-sites';
import { contentScriptFile } from './sites';

/** What a tab needs: which CRM's script, where it is declared, and whether the panel's frame can be shown there. */
export interface RecordTarget {
  crm: CrmId;
  declared: ScriptMatches;
  /** A host the user added: the script is registered there, and no frame can be shown. */
  custom: boolean;
}

/**
 * The CRM script a tab at `href` needs, or null. Only URLs that name a record on a CRM's own hosts or
 * on a host the user added for a CRM (`sites`, read only when the host is no built-in CRM's).
 */
export async function recordTargetOf(href: string, sites: () => Promise<CustomSite[]>): Promise<RecordTarget | null> {
  const url = httpsUrl(href);
  if (!url) return null;
  const builtIn = adapterFor(url);
  if (builtIn) return builtIn.pageKind(url) ? { crm: builtIn.id, declared: declaredRecordPages(builtIn.id), custom: false } : null;
  const site = (await sites()).find((s) => s.host === url.hostname);
  const adapter = site && CRM_ADAPTERS.find((a) => a.id === site.crm);
  return site && adapter?.pageKind(url) ? { crm: site.crm, declared: customRecordPages(site.host, site.crm), custom: true } : null;
}

/** What the probe finds in the tab's top frame. */
export interface ProbeResult {
  /** A copy of our content script runs there. */
  running: boolean;
  /** The URL the document was loaded at (its navigation entry), before any in-app navigation. */
  loadedUrl: string;
}

/**
 * Runs in the content script's world (serialised by `executeScript`: no outside names). Reads the
 * claim `runOnce` leaves (`lib/content/once.ts`).
 */
export function probeWorld(claimKey: string): ProbeResult {
  const claim = (globalThis as unknown as Record<symbol, { alive?: () => boolean } | undefined>)[Symbol.for(claimKey)];
  let running = false;
  try {
    running = !!claim && claim.alive?.() !== false;
  } catch {
    running = false;
  }
  const entry = performance.getEntriesByType('navigation')[0];
  return { running, loadedUrl: entry?.name ?? '' };
}

/** Whether the tab needs the script injected, from what the probe found. */
export function needsInjection(target: RecordTarget, probe: ProbeResult | undefined): boolean {
  if (!probe || probe.running) return false;
  let loaded: URL | undefined;
  try {
    loaded = new URL(probe.loadedUrl);
  } catch {
    loaded = undefined;
  }
  // Loaded on a page the script is declared on: the browser runs it with this document.
  return !(loaded && scriptCovers(target.declared, loaded));
}

/** The files injected: the CRM's script and, where a frame can be shown, the panel's chrome it will ask for. */
export function injectedFiles(target: RecordTarget): string[] {
  return target.custom ? [contentScriptFile(target.crm)] : [contentScriptFile(target.crm), PANEL_CHROME_FILE];
}

interface InjectionTarget {
  tabId: number;
  frameIds: number[];
}

/** What of the browser the injector uses (the background passes `browser`; tests pass fakes). */
export interface InjectorBrowser {
  scripting: {
    executeScript(
      injection:
        | { target: InjectionTarget; func: (claimKey: string) => ProbeResult; args: [string]; injectImmediately: boolean }
        | { target: InjectionTarget; files: string[] },
    ): Promise<Array<{ result?: unknown }>>;
  };
}

/**
 * The `tabs.onUpdated` listener's work. The browser gives `changeInfo.url` and `tab.url` only for tabs
 * on hosts we hold a permission for: any other tab, and any update that is neither a new URL nor the
 * end of a load, returns at once.
 */
export function createRecordInjector(sites: () => Promise<CustomSite[]>, api: InjectorBrowser = browser as unknown as InjectorBrowser) {
  const queues = new Map<number, Promise<boolean>>();

  async function check(tabId: number, href: string): Promise<boolean> {
    const target = await recordTargetOf(href, sites);
    if (!target) return false;
    const frame: InjectionTarget = { tabId, frameIds: [0] };
    try {
      const [probe] = await api.scripting.executeScript({ target: frame, func: probeWorld, args: [CONTENT_SCRIPT_CLAIM], injectImmediately: true });
      if (!needsInjection(target, probe?.result as ProbeResult | undefined)) return false;
      await api.scripting.executeScript({ target: frame, files: injectedFiles(target) });
      return true;
    } catch {
      // The tab closed or went elsewhere meanwhile, or shows an error page: nothing to do.
      return false;
    }
  }

  /** Resolves to whether the script was injected. */
  return function onTabUpdated(tabId: number, changeInfo: { url?: string; status?: string }, tab?: { url?: string }): Promise<boolean> {
    const href = changeInfo.url ?? (changeInfo.status === 'complete' ? tab?.url : undefined);
    if (!href) return Promise.resolve(false);
    const run = (queues.get(tabId) ?? Promise.resolve(false)).then(() => check(tabId, href));
    queues.set(tabId, run);
    void run.finally(() => {
      if (queues.get(tabId) === run) queues.delete(tabId);
    });
    return run;
  };
}
