/**
 * What the popup shows before anything is typed, asked of the background: the active tab's account,
 * recent look-ups, what needs attention. The page's entry asks for it before React's first render
 * (`entrypoints/popup/main.tsx`); the app asks again after a change.
 */
import { browser } from 'wxt/browser';
import { call } from '../../lib/messaging/client';
import type { PopupHome } from '../../lib/messaging/protocol';
import { readRecentLookups } from '../../lib/settings/recent-lookups';

/** The active tab, whose account (if the panel recognises one there) the popup shows first. */
async function activeTabId(): Promise<number | undefined> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

export function fetchHome(): Promise<PopupHome> {
  // Without the active tab (no permission to ask, no window) the popup shows the recent look-ups only.
  return Promise.all([activeTabId().catch(() => undefined), readRecentLookups()]).then(([tabId, recentIds]) => call('getPopupHome', { tabId, recentIds }));
}

/** `fetchHome()`, its failure left for the popup to show when it takes the answer. */
export function startPopupHome(): Promise<PopupHome> {
  const home = fetchHome();
  home.catch(() => undefined);
  return home;
}
