import { panelPrefsKey, readPanelPrefs, type PanelPrefs } from '../../lib/settings/panel-prefs';

/** The part of `storage.local` this needs (the panel passes `browser.storage.local`; tests a fake). */
export interface PrefsArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

/**
 * Collapses the panel on this CRM to its slim tab: writes `{ collapsed: true, width }` under the CRM's
 * key, keeping the width the user chose. The frame is as wide as that (the default when none was stored:
 * the frame's own inner width would leave out its border). The content script sees the change and
 * collapses the frame.
 */
export async function collapsePanel(area: PrefsArea, crm: string): Promise<PanelPrefs> {
  const key = panelPrefsKey(crm);
  const width = readPanelPrefs((await area.get(key))[key]).width;
  const prefs: PanelPrefs = { collapsed: true, width };
  await area.set({ [key]: prefs });
  return prefs;
}
