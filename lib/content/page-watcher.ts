/**
 * Follows the CRM single-page app from URL change to URL change: detects the record on screen, tells
 * the background, and shows or hides the panel. No document-wide mutation observer: after a URL change
 * the page is scanned a few times at growing intervals while the record renders, then left alone.
 * Console tab switches (Salesforce) and ticket tab switches (Zendesk) change the URL, so they are
 * followed like any other navigation.
 */
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { detectWith } from '../crm/detect';
import type { CrmAdapter, PageContext } from '../crm/types';
import { call } from '../service/client';
import type { MethodInput } from '../service/protocol';
import { isCustomSite } from './custom-host';
import { isTogglePanel } from './panel-command';
import { PanelFrame } from './panel-frame';

/** Re-scans after a URL change while the record's DOM renders (ms after the change). */
const RESCAN_DELAYS = [300, 1000, 2500];
/** Facts read once per record (Zendesk's API) are kept for the last few records the user opened. */
const MAX_ENRICHED = 20;

/** What is reported with a page beyond the page itself (Zendesk's API bodies). */
export type PageExtras = Omit<MethodInput<'reportPage'>, 'page'>;

export interface WatchOptions {
  frame?: PanelFrame;
  /**
   * Reads more about a detected record than the DOM shows (Zendesk's same-origin API), once per
   * record; what it returns is reported with the page. Aborted when the user navigates away.
   */
  enrich?: (page: PageContext, signal: AbortSignal) => Promise<PageExtras>;
}

/** The panel's state where no frame can be shown: the user's choice is still kept. */
class DetachedPanel extends PanelFrame {
  override show(): void {}
}

interface NavigationLike extends EventTarget {
  currentEntry?: { url?: string };
}

/** `storage.local` key of the user's show/hide choice for one CRM's panel. */
export const panelHiddenKey = (crm: string) => `panelHidden:${crm}`;

/**
 * Starts watching. On the CRM's own hosts it starts at once; on any other host (the script was
 * registered for a host the user added) only once storage confirms that host is this CRM's.
 */
export async function watchPages(ctx: ContentScriptContext, adapter: CrmAdapter, options: WatchOptions = {}): Promise<void> {
  const anyHost = !adapter.matches(new URL(location.href));
  if (anyHost && !(await isCustomSite(adapter.id, location.hostname))) return;
  // Chromium loads panel.html in a frame only on the origins the manifest's web_accessible_resources
  // list, and that list cannot grow at run time: on a custom host the frame would show Chromium's
  // "blocked" page. There the page is detected and reported (the toolbar popup and a side panel can
  // use it), but no frame is mounted.
  const frame = anyHost ? new DetachedPanel() : (options.frame ?? new PanelFrame());
  const hiddenKey = panelHiddenKey(adapter.id);
  try {
    frame.setUserHidden((await browser.storage.local.get(hiddenKey))[hiddenKey] === true);
  } catch {
    // Storage unavailable: the panel shows, as it does by default.
  }
  if (ctx.isInvalid) return;

  let reported: string | undefined;
  let current: PageContext | null = null;
  let timers: number[] = [];
  let navigation = new AbortController();
  const enriched = new Map<string, PageExtras>();
  const enriching = new Set<string>();

  const report = (page: PageContext | null, extras: PageExtras | undefined) => {
    call('reportPage', { page, ...extras }).catch(() => {
      // The extension was reloaded or updated under this page: forget what was said so the next scan retries.
      reported = undefined;
    });
  };

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
      .catch(() => undefined)
      .finally(() => enriching.delete(recordKey));
  };

  const scan = () => {
    let page: PageContext | null = null;
    try {
      page = detectWith(adapter, new URL(location.href), document, { anyHost });
    } catch {
      page = null;
    }
    const extras = page ? enriched.get(page.recordKey) : undefined;
    // What was enriched counts as a change: the page is reported again with it.
    const key = JSON.stringify([page, extras ? page?.recordKey : null]);
    if (key === reported) return;
    reported = key;
    current = page;
    if (page) frame.show();
    else frame.hide();
    report(page, extras);
    if (page) enrich(page);
  };

  const onUrlChange = () => {
    for (const t of timers) clearTimeout(t);
    navigation.abort();
    navigation = new AbortController();
    scan();
    timers = RESCAN_DELAYS.map((delay) => ctx.setTimeout(scan, delay));
  };

  const setHidden = (hidden: boolean) => {
    frame.setUserHidden(hidden);
  };

  // The keyboard command: only from our own background, and only where there is a record to show.
  browser.runtime.onMessage.addListener(function onCommand(message, sender) {
    if (ctx.isInvalid) {
      browser.runtime.onMessage.removeListener(onCommand);
      return;
    }
    if (!isTogglePanel(message, sender, browser.runtime.id, browser.runtime.getURL('/'))) return;
    if (!current) return;
    const hidden = !frame.userHidden;
    setHidden(hidden);
    browser.storage.local.set({ [hiddenKey]: hidden }).catch(() => undefined);
  });
  // The same choice made in another tab of this CRM applies here too.
  const onStorage = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'local' && hiddenKey in changes) setHidden(changes[hiddenKey]?.newValue === true);
  };
  browser.storage.onChanged.addListener(onStorage);

  const nav = (globalThis as { navigation?: NavigationLike }).navigation;
  // The Navigation API reports history and hash changes at once; WXT's watcher (polling) is the fallback.
  if (nav) nav.addEventListener('currententrychange', onUrlChange, { signal: ctx.signal });
  else ctx.addEventListener(window, 'wxt:locationchange', onUrlChange);
  ctx.onInvalidated(() => {
    navigation.abort();
    browser.storage.onChanged.removeListener(onStorage);
    frame.remove();
  });
  onUrlChange();
}
