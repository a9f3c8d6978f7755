/**
 * Follows the CRM single-page app from URL change to URL change: detects the record on screen, tells
 * the background, and shows or hides the panel. No document-wide mutation observer: after a URL change
 * the page is scanned a few times at growing intervals while the record renders, then left alone.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { detectWith } from '../crm/detect';
import type { CrmAdapter, PageContext } from '../crm/types';
import { call } from '../service/client';
import { PanelFrame } from './panel-frame';

/** Re-scans after a URL change while the record's DOM renders (ms after the change). */
const RESCAN_DELAYS = [300, 1000, 2500];

interface NavigationLike extends EventTarget {
  currentEntry?: { url?: string };
}

export function watchPages(ctx: ContentScriptContext, adapter: CrmAdapter, frame = new PanelFrame()): void {
  let reported: string | undefined;
  let timers: number[] = [];

  const scan = () => {
    let page: PageContext | null = null;
    try {
      page = detectWith(adapter, new URL(location.href), document);
    } catch {
      page = null;
    }
    const key = JSON.stringify(page);
    if (key === reported) return;
    reported = key;
    if (page) frame.show();
    else frame.hide();
    call('reportPage', { page }).catch(() => {
      // The extension was reloaded or updated under this page: forget what was said so the next scan retries.
      reported = undefined;
    });
  };

  const onUrlChange = () => {
    for (const t of timers) clearTimeout(t);
    scan();
    timers = RESCAN_DELAYS.map((delay) => ctx.setTimeout(scan, delay));
  };

  const navigation = (globalThis as { navigation?: NavigationLike }).navigation;
  // The Navigation API reports history and hash changes at once; WXT's watcher (polling) is the fallback.
  if (navigation) navigation.addEventListener('currententrychange', onUrlChange, { signal: ctx.signal });
  else ctx.addEventListener(window, 'wxt:locationchange', onUrlChange);
  ctx.onInvalidated(() => frame.remove());
  onUrlChange();
}
