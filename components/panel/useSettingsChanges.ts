/**
 * Calls `changed` when the settings change (the user's on the options page, or the administrator's
 * policy). The panel's figures are computed in the background with the settings as they apply, so the
 * panel only needs to ask again: it reads none of them itself.
 */
import { useEffect, useRef } from 'react';
import { browser } from 'wxt/browser';

export function useSettingsChanges(changed: () => void): void {
  const latest = useRef(changed);
  latest.current = changed;
  useEffect(() => {
    const listener = (changes: Record<string, unknown>, area: string) => {
      if (area === 'managed' || Object.keys(changes).some((key) => key.startsWith('settings.'))) latest.current();
    };
    browser.storage.onChanged.addListener(listener);
    return () => browser.storage.onChanged.removeListener(listener);
  }, []);
}
