/**
 * With imported data (the local source), a reported page's records are read as the report arrives, so
 * the panel that asks next (a new frame, or one that reloads on `pageChanged`) has them at once. Used
 * once, for that page only, and dropped when the data changes. A source over HTTP is asked only when a
 * panel asks (a collapsed panel sends no requests).
 */
import { createLogger } from '../core/log';
import type { PageContextInput } from '../model/page';
import type { PanelRecords, SourceEngine } from '../sources/engine';

/** Records read ahead for a reported page serve a panel that asks within this long. */
const PREFETCH_TTL_MS = 5_000;

const log = createLogger('panel');

export interface Prefetch {
  /** Reads the page's records ahead, unless the source is not local or the page is skipped. */
  start(tabId: number, page: PageContextInput): Promise<void>;
  /** The records read ahead for this tab's page, once; undefined when there are none or they are old. */
  take(tabId: number | undefined, page: PageContextInput): Promise<PanelRecords> | undefined;
  clear(): void;
}

export function createPrefetch(deps: { sources: SourceEngine; now: () => number; skip: (page: PageContextInput) => boolean }): Prefetch {
  const prefetched = new Map<number, { key: string; at: number; records: Promise<PanelRecords> }>();
  return {
    async start(tabId, page) {
      if (deps.skip(page) || (await deps.sources.settings()).source.kind !== 'local') return;
      const records = deps.sources.panelRecords(page);
      // A panel that takes these sees the failure itself; one that never comes must not leave it unhandled.
      records.catch(log.failed('reading a reported page’s records ahead'));
      // Records no panel came for in time are let go, whichever tab they were read for.
      for (const [tab, entry] of prefetched) if (deps.now() - entry.at > PREFETCH_TTL_MS) prefetched.delete(tab);
      prefetched.set(tabId, { key: JSON.stringify(page), at: deps.now(), records });
    },
    take(tabId, page) {
      const entry = tabId === undefined ? undefined : prefetched.get(tabId);
      if (!entry || entry.key !== JSON.stringify(page)) return undefined;
      prefetched.delete(tabId!);
      return deps.now() - entry.at <= PREFETCH_TTL_MS ? entry.records : undefined;
    },
    clear: () => prefetched.clear(),
  };
}
