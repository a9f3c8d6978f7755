/**
 * The panel's chrome on the page (frame, slim tab, resize handle, room made at the right edge, theme)
 * is a script of its own, `panel-chrome.js`, that the background injects into the content script's
 * world the first time a page shows a record (`injectPanelChrome`). Pages without a record (list
 * views, home pages) never load or compile it: the content script stays small and cheap there.
 * This module is what both sides share: the global's name and the interface; no code of the chrome.
 */
import type { PanelPrefs } from '../settings/panel-prefs';
import { PANEL_CHROME_GLOBAL } from '../messaging/injected';


export interface PanelChromeOptions {
  /** Saves the preferences the user changed on the page (the tab, the handle). */
  savePrefs?: (prefs: PanelPrefs) => void;
}

/** What the content script drives. */
export interface PanelChrome {
  readonly collapsed: boolean;
  /** `report`: the page's report, named in the URL of a frame created from now on (`lib/messaging/report-id.ts`). */
  show(report?: string): void;
  hide(): void;
  setPrefs(prefs: PanelPrefs): void;
  setCollapsed(collapsed: boolean): void;
  /** After a navigation: the page's theme and layout may have changed. */
  rescan(): void;
  relayout(): void;
  remove(): void;
}

export type PanelChromeFactory = (options: PanelChromeOptions) => PanelChrome;

/** The factory the injected script left, if it has run in this world. */
export function loadedPanelChrome(): PanelChromeFactory | undefined {
  const factory = (globalThis as Record<string, unknown>)[PANEL_CHROME_GLOBAL];
  return typeof factory === 'function' ? (factory as PanelChromeFactory) : undefined;
}
