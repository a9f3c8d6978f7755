/**
 * The panel's data and its life: what the page's first script already asked for (shown by the first
 * render when it has arrived), reloads when the background announces a change to the data or to this
 * tab's page, and only the newest reply counts when replies cross (a page change while a read is in
 * flight). A refresh of the account's data from its source, with the freshness it answers.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { sayError } from '../shared/error-text';
import { useI18n } from '../shared/i18n';
import { call } from '../../lib/messaging/client';
import type { PanelData } from '../../lib/messaging/protocol';
import type { Freshness } from '../../lib/model/page';
import { useServiceEvents } from '../shared/useServiceEvents';
import type { PanelPreload } from './panel-preload';
import type { WindowKey } from '../../lib/model';
import type { HistoryGranularity } from '../../lib/nps';

/** The panel's own choices of what to compute (absent: the display settings' window, quarters). */
export interface PanelChoice {
  window?: WindowKey;
  granularity?: HistoryGranularity;
  /** Every open action, done action and waiting response (the view brings the first of each). */
  wholeLists?: boolean;
}

export interface PanelDataState {
  data: PanelData | null;
  /** When the shown data arrived: the time the panel's figures are computed for. */
  loadedAt: number | null;
  /** Why the last read failed (the data shown, if any, stays). */
  error: string | null;
  load(sent?: Promise<PanelData>): Promise<void>;
  /** The freshness a refresh answered, until the next load. */
  freshness: Freshness | null;
  /** Fetches the account from its source now; throws when that fails. */
  refresh(accountId: string): Promise<void>;
}

export function usePanelData(
  preload: PanelPreload | undefined,
  onReload: (event: 'pageChanged' | 'dataChanged') => void,
  choice: PanelChoice = {},
): PanelDataState {
  const { t } = useI18n();
  // The figures are computed in the background for the panel's choice: a new choice asks again.
  const chosen = useRef(choice);
  chosen.current = choice;
  // What arrived before the first render is shown by it, with no loading state in between.
  const [loaded, setLoaded] = useState<{ data: PanelData; at: number } | null>(() =>
    preload?.data.value && !preload.changedSince() ? { data: preload.data.value, at: Date.now() } : null,
  );
  const [error, setError] = useState<string | null>(null);
  const [freshness, setFreshness] = useState<Freshness | null>(null);
  const data = loaded?.data ?? null;

  const requests = useRef(0);
  const load = useCallback(async (sent?: Promise<PanelData>) => {
    const seq = ++requests.current;
    try {
      const { window, granularity, wholeLists } = chosen.current;
      const next = await (sent ?? call('getPanelData', { ...(window ? { window } : {}), ...(granularity ? { granularity } : {}), ...(wholeLists ? { wholeLists } : {}) }));
      if (seq !== requests.current) return;
      setLoaded({ data: next, at: Date.now() });
      setFreshness(null);
      setError(null);
    } catch (e) {
      if (seq === requests.current) setError(sayError(t, e));
    }
  }, [t]);

  const first = useRef(preload);
  const shownAtFirstRender = useRef(loaded !== null);
  useEffect(() => {
    const started = first.current;
    first.current = undefined;
    // The request the page's first script sent, unless the background announced a change since.
    if (!started || started.changedSince()) void load();
    else if (!shownAtFirstRender.current) void load(started.data.promise);
    // From here on the panel's own listener (below, registered in this same pass) hears the changes.
    started?.dispose();
  }, [load]);

  // A window, granularity or whole list chosen in the panel (not the first render's: that is the request above).
  const choiceKey = `${choice.window ?? ''}/${choice.granularity ?? ''}/${choice.wholeLists ? 'whole' : ''}`;
  const firstChoice = useRef(choiceKey);
  useEffect(() => {
    if (choiceKey === firstChoice.current) return;
    firstChoice.current = '';
    void load();
  }, [choiceKey, load]);

  useServiceEvents((event) => {
    if (event.event === 'dataChanged' || (event.event === 'pageChanged' && (data === null || event.tabId === data.tabId))) {
      onReload(event.event);
      void load();
    } else if (event.event === 'insightsChanged' && data !== null) {
      // New results of comment reading: the same records with what was read from their comments.
      void load();
    }
  });

  const refresh = useCallback(async (accountId: string) => {
    setFreshness(await call('refreshAccount', { accountId }));
  }, []);

  return { data, loadedAt: loaded?.at ?? null, error, load, freshness, refresh };
}
