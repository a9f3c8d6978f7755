/**
 * A comment reader on a thread of its own (`analyse.worker.ts`), for the pages that read comments: the
 * offscreen document during a pass, the options page's live theme counts. Extension pages in Chromium
 * share one thread, so reading on a page's own thread (a second or so to build the analysers and read a
 * thousand comments) held up the popup and every panel meanwhile.
 */
import type { AnalyseAnswer, AnalyseReply, AnalyseRequest } from './analyse.worker';
import type { Taxonomy } from './types';
import AnalyseWorker from './analyse.worker.ts?worker';

export interface ReaderThread {
  /** Reads `texts` with `taxonomy`: the results in the same order, or why it failed. */
  analyse(texts: string[], taxonomy: Taxonomy): Promise<AnalyseAnswer>;
  /** Ends the thread (what it was asked and had not answered fails). */
  stop(): void;
}

export function createReaderThread(): ReaderThread {
  let worker: Worker | null = null;
  let nextId = 0;
  const waiting = new Map<number, (answer: AnalyseAnswer) => void>();
  const failAll = (error: string) => {
    for (const answer of waiting.values()) answer({ ok: false, error });
    waiting.clear();
  };

  const started = (): Worker => {
    if (worker) return worker;
    const fresh = new AnalyseWorker();
    fresh.onmessage = (event: MessageEvent<AnalyseReply>) => {
      const { id, ...answer } = event.data;
      waiting.get(id)?.(answer as AnalyseAnswer);
      waiting.delete(id);
    };
    // A worker that fails to load or dies fails what it was asked; the next request starts another.
    fresh.onerror = (event) => {
      event.preventDefault();
      if (worker === fresh) worker = null;
      fresh.terminate();
      failAll(event.message || 'The comment reader stopped');
    };
    return (worker = fresh);
  };

  return {
    analyse(texts, taxonomy) {
      const id = nextId++;
      const request: AnalyseRequest = { id, texts, taxonomy };
      return new Promise<AnalyseAnswer>((resolve) => {
        waiting.set(id, resolve);
        try {
          started().postMessage(request);
        } catch (error) {
          waiting.delete(id);
          resolve({ ok: false, error: error instanceof Error ? error.message : String(error) });
        }
      });
    },
    stop() {
      worker?.terminate();
      worker = null;
      failAll('The comment reader was stopped');
    },
  };
}
