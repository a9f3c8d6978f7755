import { useEffect, useState } from 'react';
import {
  DEFAULT_DISPLAY,
  displaySettings,
  loadSettings,
  roleMappingSetting,
  sourceSettings,
  type EffectiveSettings,
} from '../lib/settings';
import { DEFAULT_ROLE_MAPPING, type RoleMapping } from '../lib/nps';
import type { CountingRule, WindowKey } from '../lib/model';

/** What the panel needs of the settings: the default window, the counting rule and the role mapping. */
export interface PanelSettings {
  defaultWindow: WindowKey;
  countingRule: CountingRule;
  roleMapping: RoleMapping;
}

export const FALLBACK_PANEL_SETTINGS: PanelSettings = {
  defaultWindow: DEFAULT_DISPLAY.defaultWindow,
  countingRule: DEFAULT_DISPLAY.countingRule,
  roleMapping: DEFAULT_ROLE_MAPPING,
};

export function panelSettingsOf(settings: EffectiveSettings): PanelSettings {
  return {
    defaultWindow: settings.display.defaultWindow,
    countingRule: settings.display.countingRule,
    roleMapping: settings.roleMapping,
  };
}

/**
 * The settings as they apply (policy included), null until first read, and read again whenever the
 * user changes them on the options page. An unreadable store falls back to the defaults.
 */
export function usePanelSettings(): PanelSettings | null {
  const [settings, setSettings] = useState<PanelSettings | null>(null);
  useEffect(() => {
    let alive = true;
    const read = () =>
      loadSettings()
        .then((s) => alive && setSettings(panelSettingsOf(s)))
        .catch(() => alive && setSettings((prev) => prev ?? FALLBACK_PANEL_SETTINGS));
    void read();
    const unwatch = [displaySettings.watch(read), roleMappingSetting.watch(read), sourceSettings.watch(read)];
    return () => {
      alive = false;
      unwatch.forEach((stop) => stop());
    };
  }, []);
  return settings;
}
