/**
 * Follows the CRM single-page app from URL change to URL change: detects the record on screen, tells
 * the background, and shows or hides the panel. No document-wide mutation observer: after a URL change
 * that names a record the page is scanned a few times at growing intervals while the record renders,
 * then left alone; a URL that names no record is not scanned again (the DOM cannot make it one).
 * Console tab switches (Salesforce) and ticket tab switches (Zendesk) change the URL, so they are
 * followed like any other navigation.
 */
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { CUSTOM_SITES_KEY } from '../crm/hosts';
import { detectWith } from '../crm/detect';
import type { CrmAdapter, PageContext } from '../crm/types';
import { call } from '../messaging/client';
import type { MethodInput } from '../messaging/protocol';
import { ALLOWED_SITES_POLICY_KEY, SITE_SETTINGS_KEY } from '../settings/keys';
import { isCrmEnabled } from './crm-enabled';
import { listsCustomSite } from './custom-host';
import { LazyPanel } from './lazy-panel';
import { isTogglePanel } from '../messaging/panel-command';
import { panelPrefsKey, readPanelPrefs, type PanelPrefs } from '../settings/panel-prefs';

/** Re-scans after a URL change while the record's DOM renders (ms after the change). */
const RESCAN_DELAYS = [300, 1000, 2500];
/** Facts read once per record (Zendesk's API) are kept for the last few records the user opened. */
const MAX_ENRICHED = 20;

/** What is reported with a page beyond the page itself (Zendesk's API bodies). */
export type PageExtras = Omit<MethodInput<'reportPage'>, 'page'>;

export interface WatchOptions {
  /**
   * Reads more about a detected record than the DOM shows (Zendesk's same-origin API), once per
   * record; what it returns is reported with the page. Aborted when the user navigates away.
   */
  enrich?: (page: PageContext, signal: AbortSignal) => Promise<PageExtras>;
}

interface NavigationLike extends EventTarget {
  currentEntry?: { url?: string };
}

/** The administrator's allowed CRMs (managed storage), or undefined where there is no policy. */
async function readAllowedSites(): Promise<unknown> {
  try {
    return (await browser.storage.managed.get(ALLOWED_SITES_POLICY_KEY))[ALLOWED_SITES_POLICY_KEY];
  } catch {
    return undefined;
  }
}

/**
 * Starts watching. On the CRM's own hosts it starts at once; on any other host (the script was
 * registered for a host the user added) only once storage confirms that host is this CRM's. A CRM
 * the user or the administrator turned off gets nothing: no frame, no report, until it is turned on.
 */
export async function watchPages(ctx: ContentScriptContext, adapter: CrmAdapter, options: WatchOptions = {}): Promise<void> {
  const anyHost = !adapter.matches(new URL(location.href));
  const prefsKey = panelPrefsKey(adapter.id);
  const keys = anyHost ? [prefsKey, SITE_SETTINGS_KEY, CUSTOM_SITES_KEY] : [prefsKey, SITE_SETTINGS_KEY];
  const [stored, allowed] = await Promise.all([
    browser.storage.local.get(keys).catch((): Record<string, unknown> => ({})),
    readAllowedSites(),
  ]);
  if (anyHost && !listsCustomSite(stored[CUSTOM_SITES_KEY], adapter.id, location.hostname)) return;
  if (ctx.isInvalid) return;

  // A preference that could not be saved is only forgotten at the next load; the console says why (the
  // content script stays small: no logger here).
  const savePrefs = (prefs: PanelPrefs) =>
    void browser.storage.local.set({ [prefsKey]: prefs }).catch((error: unknown) => console.warn('[NPS Context] panel preferences not saved', error));
  // Where no frame can be shown (a custom host: Chromium loads panel.html in frames only on the
  // manifest's hosts), the page is still detected and reported; the browser's side panel shows it.
  const frame = new LazyPanel({ inject: () => call('injectPanelChrome', {}), savePrefs, canShow: !anyHost });
  frame.setPrefs(readPanelPrefs(stored[prefsKey]));
  let siteSettings = stored[SITE_SETTINGS_KEY];
  let allowedSites = allowed;
  let enabled = isCrmEnabled(adapter.id, siteSettings, allowedSites);

  let reported: string | undefined;
  let current: PageContext | null = null;
  let timers: number[] = [];
  let navigation = new AbortController();
  const enriched = new Map<string, PageExtras>();
  const enriching = new Set<string>();

  // Each report is named (lib/messaging/report-id.ts): this copy of the script, then a count.
  const copy = Math.random().toString(36).slice(2, 10) || '0';
  let reports = 0;

  /** Tells the background; resolves once it has stored the page (or failed to). */
  const report = (page: PageContext | null, extras: PageExtras | undefined, id?: string): Promise<void> =>
    call('reportPage', { page, ...extras, report: id }).catch(() => {
      // The extension was reloaded or updated under this page: forget what was said so the next scan retries.
      reported = undefined;
    });

  const enrich = (page: PageContext) => {
    if (!options.enrich || enriched.has(page.recordKey) || enriching.has(page.recordKey)) return;
    const { recordKey } = page;
    enriching.add(recordKey);
    options
      .enrich(page, navigation.signal)
      .then((extras) => {
        if (enriched.size >= MAX_ENRICHED) enriched.delete(enriched.keys().next().value!);
        enriched.set(recordKey, extras);
        if (current?.recordKey === recordKey) scan();
      })
      // The page's own hints still stand; the console says why the extra ones are missing.
      .catch((error: unknown) => console.warn('[NPS Context] reading the record through the CRM’s API failed', error))
      .finally(() => enriching.delete(recordKey));
  };

  const scan = () => {
    if (!enabled) return;
    let page: PageContext | null = null;
    try {
      page = detectWith(adapter, new URL(location.href), document, { anyHost });
    } catch {
      page = null;
    }
    // The page's look and layout are checked on each rescan after a navigation, not continuously.
    if (page) frame.rescan();
    const extras = page ? enriched.get(page.recordKey) : undefined;
    // What was enriched counts as a change: the page is reported again with it.
    const key = JSON.stringify([page, extras ? page?.recordKey : null]);
    if (key === reported) return;
    reported = key;
    current = page;
    if (!page) frame.hide();
    const id = `${copy}.${++reports}`;
    void report(page, extras, id);
    if (page) {
      // The frame is shown (created, the first time) while the report travels: a new frame names the
      // report in its URL, and the background answers the panel's first request only once that report
      // has arrived and is stored, so the panel never reads the page before (or the one before it).
      void frame.show(id);
      enrich(page);
    }
  };

  const onUrlChange = () => {
    for (const t of timers) clearTimeout(t);
    timers = [];
    navigation.abort();
    navigation = new AbortController();
    if (!enabled) return;
    scan();
    // A URL that names no record stays without one whatever the DOM does: no rescans.
    if (current || adapter.pageKind(new URL(location.href))) timers = RESCAN_DELAYS.map((delay) => ctx.setTimeout(scan, delay));
  };

  /** The CRM was turned on or off (options page, policy): start, or leave the page as it was. */
  const setEnabled = (on: boolean) => {
    if (on === enabled) return;
    enabled = on;
    if (on) {
      reported = undefined;
      onUrlChange();
      return;
    }
    for (const t of timers) clearTimeout(t);
    timers = [];
    navigation.abort();
    frame.hide();
    // What this tab said before it was turned off no longer holds.
    if (current) void report(null, undefined);
    current = null;
    reported = undefined;
  };

  // The keyboard command: only from our own background, and only where there is a record to show.
  browser.runtime.onMessage.addListener(function onCommand(message, sender) {
    if (ctx.isInvalid) {
      browser.runtime.onMessage.removeListener(onCommand);
      return;
    }
    if (!isTogglePanel(message, sender, browser.runtime.id, browser.runtime.getURL('/'))) return;
    if (current && enabled) frame.setCollapsed(!frame.collapsed);
  });
  // Collapse and width chosen in the panel or in another tab of this CRM apply here too; so do settings.
  const onStorage = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'local' && prefsKey in changes) frame.setPrefs(readPanelPrefs(changes[prefsKey]?.newValue));
    if (area === 'local' && SITE_SETTINGS_KEY in changes) siteSettings = changes[SITE_SETTINGS_KEY]?.newValue;
    else if (area === 'managed' && ALLOWED_SITES_POLICY_KEY in changes) allowedSites = changes[ALLOWED_SITES_POLICY_KEY]?.newValue;
    else return;
    setEnabled(isCrmEnabled(adapter.id, siteSettings, allowedSites));
  };
  browser.storage.onChanged.addListener(onStorage);

  const nav = (globalThis as { navigation?: NavigationLike }).navigation;
  // The Navigation API reports history and hash changes at once; WXT's watcher (polling) is the fallback.
  if (nav) nav.addEventListener('currententrychange', onUrlChange, { signal: ctx.signal });
  else ctx.addEventListener(window, 'wxt:locationchange', onUrlChange);
  ctx.addEventListener(window, 'resize', () => frame.relayout(), { passive: true });
  ctx.onInvalidated(() => {
    navigation.abort();
    browser.storage.onChanged.removeListener(onStorage);
    frame.remove();
  });
  onUrlChange();
}
