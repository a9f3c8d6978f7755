/**
 * The keyboard command that shows or hides the panel: the background tells the active tab's content
 * script, which checks that the message comes from this extension's background, not from a page.
 */
import { browser } from 'wxt/browser';

export const PANEL_COMMAND_CHANNEL = 'nps-panel-command';

export interface TogglePanelMessage {
  channel: typeof PANEL_COMMAND_CHANNEL;
  command: 'toggle-panel';
}

export const TOGGLE_PANEL: TogglePanelMessage = { channel: PANEL_COMMAND_CHANNEL, command: 'toggle-panel' };

/** The subset of `runtime.MessageSender` the check reads. */
export interface CommandSender {
  id?: string;
  url?: string;
  tab?: unknown;
}

/**
 * Whether `message` is the toggle command sent by this extension itself: our id, not from a tab (a
 * content script or a page), and, when the browser says where from, from one of our own pages.
 */
export function isTogglePanel(message: unknown, sender: CommandSender, ownId: string, ownOrigin: string): boolean {
  if (sender.id !== ownId || sender.tab !== undefined) return false;
  if (sender.url !== undefined && !sender.url.startsWith(ownOrigin)) return false;
  const m = message as Partial<TogglePanelMessage> | null;
  return typeof m === 'object' && m !== null && m.channel === PANEL_COMMAND_CHANNEL && m.command === 'toggle-panel' && Object.keys(m).length === 2;
}

/**
 * The background's side: tells the top frame of the tab the command was given in (else the active tab
 * of the focused window) to show or hide its panel. A tab without our content script has no panel:
 * nothing to do there.
 */
export async function sendTogglePanel(tab: { id?: number } | undefined): Promise<void> {
  const tabId = tab?.id ?? (await browser.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id;
  if (tabId === undefined) return;
  // A tab with no content script (not a CRM record) has nobody to answer: the command does nothing there.
  await browser.tabs.sendMessage(tabId, TOGGLE_PANEL, { frameId: 0 }).catch(() => undefined);
}
