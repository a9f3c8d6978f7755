/**
 * Names shared by the background and the scripts it injects into a CRM page, kept apart so the
 * background imports names, not the content script's code: the mark a running content script leaves
 * in the extension's isolated world (`lib/content/once.ts`), read by the background's probe before it
 * injects a script (`lib/background/record-injector.ts`), and the panel chrome's file and global
 * (`lib/content/panel-chrome.ts`).
 */

/** Where the injected panel chrome leaves its factory, in the extension's isolated world (never the page's). */
export const PANEL_CHROME_GLOBAL = '__npsContextPanelChrome';

/** The injected panel chrome's path in the built extension. */
export const PANEL_CHROME_FILE = '/panel-chrome.js';

/** `Symbol.for` key of the claim on the isolated world's `globalThis`. */
export const CONTENT_SCRIPT_CLAIM = 'nps-context.content-script';

export interface WorldClaim {
  /** False once the running copy's context is invalid (the extension was reloaded or updated). */
  alive(): boolean;
  /** Copies that are starting now and must be ignored by the running one. */
  duplicates: number;
}
