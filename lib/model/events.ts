/** What the background announces to every page of the extension (the panel, popup and options follow them). */
import { z } from 'zod';
import { ErrorWordsSchema } from './error-words';

/** Where the reading of stored comments stands (lib/background/insights-pass.ts). */
export const AnalysisStatusSchema = z.object({
  state: z.enum(['idle', 'running', 'cancelled', 'failed', 'unavailable']),
  /** Blocks of responses walked so far, of all blocks (the pass's progress). */
  blocksDone: z.number(),
  blocksTotal: z.number(),
  /** Comments read in this pass. */
  analysed: z.number(),
  lastError: z.string().nullable(),
  /** `lastError` as words, for the pages to say in their language. */
  lastErrorWords: ErrorWordsSchema.nullable().optional(),
});
export type AnalysisStatus = z.infer<typeof AnalysisStatusSchema>;
export type AnalysisState = AnalysisStatus['state'];

export const ServiceEventSchema = z.discriminatedUnion('event', [
  z.object({ channel: z.literal('nps-event'), event: z.literal('pageChanged'), tabId: z.number().int() }),
  z.object({ channel: z.literal('nps-event'), event: z.literal('dataChanged') }),
  z.object({
    channel: z.literal('nps-event'),
    event: z.literal('importProgress'),
    importId: z.string(),
    committedBatches: z.number(),
    batches: z.number(),
  }),
  // Data sources: a sync's progress, and a change in the source's status (settings, outbox).
  z.object({
    channel: z.literal('nps-event'),
    event: z.literal('syncProgress'),
    state: z.enum(['idle', 'running', 'cancelled', 'failed']),
    pages: z.number(),
    rows: z.number(),
    lastError: z.string().nullable(),
    lastErrorWords: ErrorWordsSchema.nullable().optional(),
  }),
  z.object({ channel: z.literal('nps-event'), event: z.literal('sourceChanged') }),
  // Results of comment reading were stored: pages that show them read again (nothing else changed).
  z.object({ channel: z.literal('nps-event'), event: z.literal('insightsChanged') }),
  // What needs attention across accounts was ranked again (lib/background/attention-index.ts).
  z.object({ channel: z.literal('nps-event'), event: z.literal('attentionChanged') }),
  // Comment reading (lib/background/insights-pass.ts): a pass's progress.
  AnalysisStatusSchema.extend({ channel: z.literal('nps-event'), event: z.literal('analysisProgress') }),
]);
export type ServiceEvent = z.infer<typeof ServiceEventSchema>;

