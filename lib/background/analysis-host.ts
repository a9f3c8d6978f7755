/**
 * The analysis host: where comments are read. A Manifest V3 service worker can start no worker of its own
 * and should not hold megabytes of language model, so in Chromium the analysers run in a worker of an
 * offscreen document (`entrypoints/offscreen`, `lib/insights/reader-thread.ts`), created for a pass and
 * closed after it. The reply is validated
 * like any message. Browsers without the offscreen API get no host (the pass says so).
 */
import { browser } from 'wxt/browser';
import { z } from 'zod';
import { StoredInsightSchema } from '../model';
import type { Taxonomy } from '../insights/types';
import type { AnalysisHost, HostInsight } from './insights-pass';

/** The message the offscreen document answers. */
export const ANALYSE_CHANNEL = 'nps-analyse';
const OFFSCREEN_PATH = '/offscreen.html';

const ReplySchema = z.union([
  z.object({ ok: z.literal(true), results: z.array(StoredInsightSchema.omit({ key: true })) }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);

interface OffscreenApi {
  createDocument(parameters: { url: string; reasons: string[]; justification: string }): Promise<void>;
  closeDocument(): Promise<void>;
}
interface ContextsApi {
  getContexts?(filter: { contextTypes: string[] }): Promise<unknown[]>;
}

export function offscreenHost(): AnalysisHost | null {
  const offscreen = (globalThis as { chrome?: { offscreen?: OffscreenApi } }).chrome?.offscreen;
  if (!offscreen) return null;
  let opening: Promise<void> | null = null;

  const open = async () => {
    const runtime = browser.runtime as unknown as ContextsApi;
    const existing = (await runtime.getContexts?.({ contextTypes: ['OFFSCREEN_DOCUMENT'] })) ?? [];
    if (existing.length > 0) return;
    await offscreen.createDocument({
      url: OFFSCREEN_PATH,
      reasons: ['WORKERS'],
      justification: 'Reads survey comments (themes, emotions, sentiment) on this computer, away from the pages in use.',
    });
  };

  return {
    async analyse(texts: string[], taxonomy: Taxonomy): Promise<HostInsight[]> {
      opening ??= open().finally(() => (opening = null));
      await opening;
      const reply = ReplySchema.parse(await browser.runtime.sendMessage({ channel: ANALYSE_CHANNEL, texts, taxonomy }));
      if (!reply.ok) throw new Error(`Reading comments failed: ${reply.error}`);
      if (reply.results.length !== texts.length) throw new Error(`Reading comments returned ${reply.results.length} results for ${texts.length} comments`);
      return reply.results;
    },
    async release(): Promise<void> {
      const runtime = browser.runtime as unknown as ContextsApi;
      const existing = (await runtime.getContexts?.({ contextTypes: ['OFFSCREEN_DOCUMENT'] })) ?? [];
      if (existing.length > 0) await offscreen.closeDocument();
    },
  };
}
