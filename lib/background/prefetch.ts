/**
 * With imported data (the local source), a reported page's panel view is computed as the report arrives
 * (`PanelViews`), so the panel that asks next (a new frame, or one that reloads on `pageChanged`) joins
 * that work instead of starting it. A source over HTTP is asked only when a panel asks (a collapsed
 * panel sends no requests).
 */
import type { PageContextInput } from '../model/page';
import type { EffectiveSettings } from '../settings';
import type { SourceEngine } from '../sources/engine';
import type { PanelViews } from './panel-views';

export interface Prefetch {
  /** Computes the page's view ahead, unless the source is not local or the page is skipped. */
  start(page: PageContextInput): Promise<void>;
}

export function createPrefetch(deps: {
  sources: Pick<SourceEngine, 'settings' | 'panelAccount'>;
  views: PanelViews;
  settings: () => Promise<EffectiveSettings>;
  skip: (page: PageContextInput) => boolean;
}): Prefetch {
  return {
    async start(page) {
      if (deps.skip(page) || (await deps.sources.settings()).source.kind !== 'local') return;
      const { resolution } = await deps.sources.panelAccount(page);
      if (resolution.status !== 'matched') return;
      // The panel's first call asks for the settings' window and quarters, as this does.
      await deps.views.view({ accountId: resolution.accountId, page }, await deps.settings());
    },
  };
}
