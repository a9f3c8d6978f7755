/**
 * The panel's layout preferences, one record per CRM in `storage.local`: whether it is collapsed to a
 * slim tab, and its width. The panel page writes them (its collapse button); the content script reads
 * them and follows changes (`storage.onChanged`). Kept zod-free and tiny: the content script imports it.
 */
export interface PanelPrefs {
  collapsed: boolean;
  /** CSS pixels; clamped to [PANEL_MIN_WIDTH, PANEL_MAX_WIDTH] when read. */
  width: number;
}

export const PANEL_DEFAULT_WIDTH = 380;
export const PANEL_MIN_WIDTH = 300;
export const PANEL_MAX_WIDTH = 720;
export const DEFAULT_PANEL_PREFS: PanelPrefs = { collapsed: false, width: PANEL_DEFAULT_WIDTH };

/** `storage.local` key of one CRM's panel preferences. */
export const panelPrefsKey = (crm: string) => `panelPrefs:${crm}`;

/** Reads a stored value leniently: anything malformed falls back to the default, field by field. */
export function readPanelPrefs(value: unknown): PanelPrefs {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Partial<Record<keyof PanelPrefs, unknown>>;
  const width = typeof v.width === 'number' && Number.isFinite(v.width) ? v.width : PANEL_DEFAULT_WIDTH;
  return {
    collapsed: v.collapsed === true,
    width: Math.round(Math.min(PANEL_MAX_WIDTH, Math.max(PANEL_MIN_WIDTH, width))),
  };
}
