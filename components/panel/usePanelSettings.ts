import { useEffect, useRef, useState } from 'react';
import type { Early } from './panel-preload';
import {
  DEFAULT_DISPLAY,
  displaySettings,
  loadSettings,
  roleMappingSetting,
  sourceSettings,
  taxonomySetting,
  followUpSettings,
  DEFAULT_FOLLOW_UP,
  type EffectiveSettings,
} from '../../lib/settings';
import { DEFAULT_ROLE_MAPPING, type FollowUpRule, type RoleMapping } from '../../lib/nps';
import type { CountingRule, WindowKey } from '../../lib/model';
import { DEFAULT_TAXONOMY } from '../../lib/insights/taxonomy';
import type { Taxonomy } from '../../lib/insights/types';

/** What the panel needs of the settings: the default window, the counting rule and the role mapping. */
export interface PanelSettings {
  defaultWindow: WindowKey;
  countingRule: CountingRule;
  roleMapping: RoleMapping;
  /** The themes comments are read for: their labels, and the key of current results. */
  taxonomy: Taxonomy;
  /** Which responses need a follow-up. */
  followUpRule: FollowUpRule;
}

export const FALLBACK_PANEL_SETTINGS: PanelSettings = {
  defaultWindow: DEFAULT_DISPLAY.defaultWindow,
  countingRule: DEFAULT_DISPLAY.countingRule,
  roleMapping: DEFAULT_ROLE_MAPPING,
  taxonomy: DEFAULT_TAXONOMY,
  followUpRule: { maxScore: DEFAULT_FOLLOW_UP.maxScore, days: DEFAULT_FOLLOW_UP.days },
};

export function panelSettingsOf(settings: EffectiveSettings): PanelSettings {
  return {
    defaultWindow: settings.display.defaultWindow,
    countingRule: settings.display.countingRule,
    roleMapping: settings.roleMapping,
    taxonomy: settings.taxonomy,
    followUpRule: { maxScore: settings.followUp.maxScore, days: settings.followUp.days },
  };
}

/** The panel's settings as they apply now (policy included). */
export function loadPanelSettings(): Promise<PanelSettings> {
  return loadSettings().then(panelSettingsOf);
}

/**
 * The settings as they apply (policy included), null until first read, and read again whenever the
 * user changes them on the options page. An unreadable store falls back to the defaults. `first`: a
 * read already started (`loadPanelSettings`), used instead of the first read.
 */
export function usePanelSettings(first?: Early<PanelSettings>): PanelSettings | null {
  const [settings, setSettings] = useState<PanelSettings | null>(() => first?.value ?? null);
  const firstRead = useRef(first);
  useEffect(() => {
    let alive = true;
    const apply = (reading: Promise<PanelSettings>) =>
      reading
        .then((s) => alive && setSettings(s))
        .catch(() => alive && setSettings((prev) => prev ?? FALLBACK_PANEL_SETTINGS));
    const read = () => apply(loadPanelSettings());
    const started = firstRead.current;
    firstRead.current = undefined;
    // Settled or not, the read already started is what the first render waits for.
    void (started ? apply(started.promise) : read());
    const unwatch = [displaySettings.watch(read), roleMappingSetting.watch(read), sourceSettings.watch(read), taxonomySetting.watch(read), followUpSettings.watch(read)];
    return () => {
      alive = false;
      unwatch.forEach((stop) => stop());
    };
  }, []);
  return settings;
}
