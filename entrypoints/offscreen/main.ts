// The analysis host (lib/background/analysis-host.ts): an offscreen document the background opens for a
// pass of comment reading. It answers only the extension's own background, and only `nps-analyse`.
import { browser } from 'wxt/browser';
import { z } from 'zod';
import { createCommentAnalyser, taxonomyHash, type CommentAnalyser } from '../../lib/insights';
import { TaxonomySchema } from '../../lib/settings';

const RequestSchema = z.object({ channel: z.literal('nps-analyse'), texts: z.array(z.string().max(50_000)).max(2_000), taxonomy: TaxonomySchema });
/** One analyser per taxonomy, built once (its vocabularies are compiled). */
let analyser: { hash: string; analyse: CommentAnalyser } | null = null;
function analyserFor(taxonomy: z.infer<typeof TaxonomySchema>): CommentAnalyser {
  const hash = taxonomyHash(taxonomy);
  if (analyser?.hash !== hash) analyser = { hash, analyse: createCommentAnalyser({ taxonomy }) };
  return analyser.analyse;
}

browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
  const request = RequestSchema.safeParse(message);
  // Only the background's own worker: pages of the extension and content scripts have other URLs.
  if (!request.success || sender.id !== browser.runtime.id || sender.tab || sender.url !== browser.runtime.getURL('/background.js')) return false;
  try {
    const analyse = analyserFor(request.data.taxonomy);
    sendResponse({ ok: true, results: request.data.texts.map((text) => analyse(text)) });
  } catch (error) {
    sendResponse({ ok: false, error: error instanceof Error ? error.message : String(error) });
  }
  return false;
});
