/**
 * The background's side of the keyboard command on a custom host: Chromium refuses panel.html in a
 * frame there (web_accessible_resources is fixed in the manifest), so the command opens the browser's
 * side panel (Chrome) or sidebar (Firefox) instead, which shows the same panel for that tab.
 */
import { browser } from 'wxt/browser';
import { httpsUrl } from '../core/urls';
import { createLogger } from '../core/log';
import { builtInCrmOf } from '../settings/custom-sites';

const log = createLogger('side panel');

interface SidePanelApis {
  sidePanel?: { open(options: { tabId: number }): Promise<void> };
  sidebarAction?: { open(): Promise<void> };
}

/**
 * Opens the side panel for `tab` when it is on a host that is not a built-in CRM's and the extension
 * may read (a custom site: its permission was granted, so the browser tells us the tab's URL). Called
 * synchronously from the command's listener: opening needs the user's gesture, which an `await`
 * before it would lose. Returns whether it did.
 */
export function openSidePanelFor(tab: { id?: number; url?: string } | undefined, api: SidePanelApis = browser as unknown as SidePanelApis): boolean {
  const url = httpsUrl(tab?.url);
  if (tab?.id === undefined || !url || builtInCrmOf(url.hostname)) return false;
  if (api.sidePanel) api.sidePanel.open({ tabId: tab.id }).catch(log.failed('opening the side panel'));
  else if (api.sidebarAction) api.sidebarAction.open().catch(log.failed('opening the sidebar'));
  else return false;
  return true;
}
