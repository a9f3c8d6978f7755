// The analysis host (lib/background/analysis-host.ts): an offscreen document the background opens for a
// pass of comment reading. It answers only the extension's own background, and only `nps-analyse`; the
// reading itself runs on a thread of its own (lib/insights/reader-thread.ts), off the one the
// extension's pages share.
import { browser } from 'wxt/browser';
import { z } from 'zod';
import { TaxonomySchema } from '../../lib/settings';
import { createReaderThread } from '../../lib/insights/reader-thread';

const RequestSchema = z.object({ channel: z.literal('nps-analyse'), texts: z.array(z.string().max(50_000)).max(2_000), taxonomy: TaxonomySchema });
const reader = createReaderThread();

browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
  const request = RequestSchema.safeParse(message);
  // Only the background's own worker: pages of the extension and content scripts have other URLs.
  if (!request.success || sender.id !== browser.runtime.id || sender.tab || sender.url !== browser.runtime.getURL('/background.js')) return false;
  void reader.analyse(request.data.texts, request.data.taxonomy).then(sendResponse);
  return true;
});
