/**
 * The comment-analysis pass (docs/insights.md): after an import, a sync page or a change of taxonomy, it
 * walks the stored responses block by block (every block after a change of taxonomy or analyser, else
 * only the blocks marked as holding a comment not read yet), has every comment without a current
 * result read by the analysis host (a page of the extension's own, away from the worker and the CRM
 * pages: `analysis-host.ts`), and stores the results beside their responses. One pass at a time; a change
 * while one runs starts another after it. It reports progress and can be cancelled; an import never
 * waits for it, so a file is saved as fast as before and its comments are read just after.
 */
import { errorText, errorWordsOf } from '../core/errors';
import { englishOf, words } from '../i18n/words';
import type { Logger } from '../core/log';
import type { StoredInsight } from '../model';
import type { AnalysisStatus } from '../model/events';
import type { NpsStore, PendingScope } from '../store';
import { insightsKey } from '../insights/key';
import type { Taxonomy } from '../insights/types';

/** What the host returns for one comment: the stored shape without the key (the pass adds it). */
export type HostInsight = Omit<StoredInsight, 'key'>;

/** Where comments are read: the extension's own page that holds the analysers. */
export interface AnalysisHost {
  analyse(texts: string[], taxonomy: Taxonomy): Promise<HostInsight[]>;
  /** Frees the host's memory when a pass ends. */
  release(): Promise<void>;
}

export interface InsightsPassOptions {
  store: () => Promise<NpsStore>;
  /** The host, or null where this browser has none (then the status says `unavailable`). */
  host: () => AnalysisHost | null;
  /** The taxonomy comments are read for now (the settings'). */
  taxonomy: () => Promise<Taxonomy>;
  /** Progress, for the options page. */
  onStatus: (status: AnalysisStatus) => void;
  /** Results were stored for these accounts: the pages showing them read them again (without starting another pass). */
  stored: (accountIds: ReadonlySet<string>) => void;
  log: Logger;
  /** Comments sent to the host at once. */
  batch?: number;
  /**
   * The key of the last pass that read every block to its end (kept where it outlives the worker). A
   * pass under that same key reads only the blocks marked as holding a comment not read yet; without it
   * (or under another key: the taxonomy or the analysers changed) a pass reads every block.
   */
  readThrough?: { get(): Promise<string | null>; set(key: string): Promise<void> };
}

const BATCH = 400;

export function createInsightsPass(options: InsightsPassOptions) {
  let status: AnalysisStatus = { state: 'idle', blocksDone: 0, blocksTotal: 0, analysed: 0, lastError: null };
  let running: Promise<void> | null = null;
  let again = false;
  let controller: AbortController | null = null;

  const set = (next: Partial<AnalysisStatus>) => {
    status = { ...status, ...next };
    options.onStatus(status);
  };

  async function run(signal: AbortSignal): Promise<void> {
    const host = options.host();
    if (!host) {
      const said = words('error.analysisUnavailable');
      return set({ state: 'unavailable', lastError: englishOf(said), lastErrorWords: said });
    }
    const store = await options.store();
    const taxonomy = await options.taxonomy();
    const key = insightsKey(taxonomy);
    // After a sync page or a small import, only the blocks it wrote are read (not the whole store again).
    const scope: PendingScope = (await options.readThrough?.get().catch(() => null)) === key ? 'unread' : 'all';
    const blocksTotal = scope === 'all' ? await store.countResponseBlocks() : await store.countUnreadBlocks();
    set({ state: 'running', blocksDone: 0, blocksTotal, analysed: 0, lastError: null, lastErrorWords: null });
    let after: [string, number] | null = null;
    try {
      do {
        if (signal.aborted) return set({ state: 'cancelled' });
        const page = await store.pendingComments(key, after, options.batch ?? BATCH, scope);
        if (page.comments.length > 0) {
          const results = await host.analyse(page.comments.map((c) => c.text), taxonomy);
          if (signal.aborted) return set({ state: 'cancelled' });
          const saved = await store.saveInsights(page.comments.map((c, i) => ({ id: c.id, block: c.block, text: c.text, insight: { ...results[i]!, key } })));
          set({ analysed: status.analysed + saved });
          if (saved > 0) options.stored(new Set(page.comments.map((c) => c.accountId)));
        }
        set({ blocksDone: Math.min(status.blocksTotal, status.blocksDone + page.blocks) });
        after = page.next;
      } while (after);
      if (scope === 'all') await options.readThrough?.set(key).catch(() => undefined);
      set({ state: 'idle', blocksDone: status.blocksTotal });
    } catch (error) {
      options.log.warn('reading comments failed', error);
      set({ state: 'failed', lastError: errorText(error), lastErrorWords: errorWordsOf(error) ?? null });
    } finally {
      await host.release().catch(() => undefined);
    }
  }

  return {
    /** Starts a pass, or another one after the running one (the data changed meanwhile). */
    schedule(): void {
      if (running) {
        again = true;
        return;
      }
      const current = new AbortController();
      controller = current;
      running = run(current.signal).finally(() => {
        running = null;
        if (again && !current.signal.aborted) {
          again = false;
          this.schedule();
        }
        again = false;
      });
    },
    cancel(): void {
      again = false;
      controller?.abort();
    },
    status(): AnalysisStatus {
      return status;
    },
    /** The running pass, for tests and for a worker that must not stop before it ends. */
    idle(): Promise<void> {
      return running ?? Promise.resolve();
    },
  };
}

export type InsightsPass = ReturnType<typeof createInsightsPass>;
