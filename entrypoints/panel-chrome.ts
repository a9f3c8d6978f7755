import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { PANEL_CHROME_GLOBAL } from '../lib/messaging/injected';
import type { PanelChromeFactory } from '../lib/content/panel-chrome';
import { PanelFrame } from '../lib/content/panel-frame';

// Injected by the background into a CRM tab's content-script world when a record is first shown
// (lib/content/panel-chrome.ts); it only leaves its factory there, once.
export default defineUnlistedScript(() => {
  const world = globalThis as Record<string, unknown>;
  const create: PanelChromeFactory = (options) => new PanelFrame(options);
  world[PANEL_CHROME_GLOBAL] ??= create;
});
