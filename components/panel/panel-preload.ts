/**
 * The in-page panel's first request, sent by the page's first script before React and the panel's
 * code have loaded: the background reads the account while the rest of the page loads, and
 * the panel's first render can show it at once. Small on purpose (no React, no zod): it runs first.
 */
import { browser } from 'wxt/browser';
import { call } from '../../lib/messaging/client';
import type { PanelData } from '../../lib/messaging/protocol';
import { reportIdFromSearch } from '../../lib/messaging/report-id';

/** A promise whose value can be read synchronously once it has been fulfilled. */
export interface Early<T> {
  readonly promise: Promise<T>;
  /** Set once the promise is fulfilled. */
  readonly value?: T;
}

export function early<T>(promise: Promise<T>): Early<T> {
  const box: { promise: Promise<T>; value?: T } = { promise };
  promise.then(
    (value) => {
      box.value = value;
    },
    () => undefined,
  );
  return box;
}

export interface PanelPreload {
  /** The answer to the first `getPanelData`. */
  readonly data: Early<PanelData>;
  /** Whether the background announced a change since the request was sent: the answer may be old. */
  changedSince(): boolean;
  /** Stops listening for changes (the panel listens itself from then on). */
  dispose(): void;
}

interface RuntimeLike {
  id: string;
  onMessage: {
    addListener(listener: (message: unknown, sender: { id?: string; tab?: unknown }) => void): void;
    removeListener(listener: (message: unknown, sender: { id?: string; tab?: unknown }) => void): void;
  };
}

/** Where the page's first script leaves the preload for the panel, on the panel page's own window. */
const PANEL_PRELOAD_GLOBAL = '__npsPanelPreload';

/**
 * The panel page's preload: the first caller (the async `panel-boot.js`, or the panel's module if it
 * runs first) sends the request, with the report the frame's URL names; later callers get the same.
 */
export function startPanelPreload(win: Window): PanelPreload {
  const slot = win as unknown as Record<string, PanelPreload | undefined>;
  return (slot[PANEL_PRELOAD_GLOBAL] ??= preloadPanelData(reportIdFromSearch(win.location.search)));
}

function mark(name: string): void {
  globalThis.performance?.mark?.(name);
}

/**
 * Sends the first `getPanelData` now; `report` is the page report the frame's URL names, which the
 * background waits for. Changes the background announces meanwhile (`pageChanged`, `dataChanged`) are
 * noted, so the panel asks again rather than show an answer they made old.
 */
export function preloadPanelData(
  report: string | undefined,
  runtime: RuntimeLike = browser.runtime as unknown as RuntimeLike,
  request: (input: { report?: string }) => Promise<PanelData> = (input) => call('getPanelData', input),
): PanelPreload {
  let changed = false;
  const listener = (message: unknown, sender: { id?: string; tab?: unknown }) => {
    if (sender.id !== runtime.id || sender.tab) return;
    const event = (message as { channel?: unknown; event?: unknown } | null) ?? {};
    if (event.channel === 'nps-event' && (event.event === 'pageChanged' || event.event === 'dataChanged' || event.event === 'insightsChanged')) changed = true;
  };
  runtime.onMessage.addListener(listener);
  // User Timing marks: where a panel's first second goes (the bench reads them; devtools show them).
  mark('nps-panel:data-asked');
  const asked = request(report ? { report } : {});
  asked.then(() => mark('nps-panel:data-arrived'), () => undefined);
  const data = early(asked);
  return {
    data,
    changedSince: () => changed,
    dispose: () => runtime.onMessage.removeListener(listener),
  };
}
