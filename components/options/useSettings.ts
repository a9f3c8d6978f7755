import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { loadSettings, type EffectiveSettings } from '../../lib/settings';

/** The settings as they apply (the user's, with an administrator's policy on top), kept current. */
export function useSettings(): EffectiveSettings | null {
  const [settings, setSettings] = useState<EffectiveSettings | null>(null);
  useEffect(() => {
    let live = true;
    const load = () => void loadSettings().then((value) => live && setSettings(value));
    load();
    const listener = (changes: Record<string, unknown>, area: string) => {
      if (area === 'managed' || Object.keys(changes).some((key) => key.startsWith('settings.'))) load();
    };
    browser.storage.onChanged.addListener(listener);
    return () => {
      live = false;
      browser.storage.onChanged.removeListener(listener);
    };
  }, []);
  return settings;
}
