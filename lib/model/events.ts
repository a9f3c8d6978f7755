/**
 * What the background announces to every page of the extension (the panel, popup and options follow
 * them). Written with zod's tree-shakable build (`zod/mini`): the panel validates every event it hears
 * without carrying all of zod (the panel's first load is budgeted).
 */
import { z } from 'zod/mini';
import { ErrorWordsSchema } from './error-words';

const ANALYSIS_STATUS_SHAPE = {
  state: z.enum(['idle', 'running', 'cancelled', 'failed', 'unavailable']),
  /** Blocks of responses walked so far, of all blocks (the pass's progress). */
  blocksDone: z.number(),
  blocksTotal: z.number(),
  /** Comments read in this pass. */
  analysed: z.number(),
  lastError: z.nullable(z.string()),
  /** `lastError` as words, for the pages to say in their language. */
  lastErrorWords: z.optional(z.nullable(ErrorWordsSchema)),
};

/** Where the reading of stored comments stands (lib/background/insights-pass.ts). */
export const AnalysisStatusSchema = z.object(ANALYSIS_STATUS_SHAPE);
export type AnalysisStatus = z.infer<typeof AnalysisStatusSchema>;
export type AnalysisState = AnalysisStatus['state'];

const EVENT = z.literal('nps-event');

export const ServiceEventSchema = z.discriminatedUnion('event', [
  z.object({ channel: EVENT, event: z.literal('pageChanged'), tabId: z.number().check(z.int()) }),
  z.object({ channel: EVENT, event: z.literal('dataChanged') }),
  z.object({
    channel: EVENT,
    event: z.literal('importProgress'),
    importId: z.string(),
    committedBatches: z.number(),
    batches: z.number(),
  }),
  // Data sources: a sync's progress, and a change in the source's status (settings, outbox).
  z.object({
    channel: EVENT,
    event: z.literal('syncProgress'),
    state: z.enum(['idle', 'running', 'cancelled', 'failed']),
    pages: z.number(),
    rows: z.number(),
    lastError: z.nullable(z.string()),
    lastErrorWords: z.optional(z.nullable(ErrorWordsSchema)),
  }),
  z.object({ channel: EVENT, event: z.literal('sourceChanged') }),
  // Results of comment reading were stored: pages that show them read again (nothing else changed).
  z.object({ channel: EVENT, event: z.literal('insightsChanged') }),
  // What needs attention across accounts was ranked again (lib/background/attention-index.ts).
  z.object({ channel: EVENT, event: z.literal('attentionChanged') }),
  // The account search was rebuilt after a change: a search answered meanwhile, by the index from before
  // the change, is asked again.
  z.object({ channel: EVENT, event: z.literal('searchChanged') }),
  // Comment reading (lib/background/insights-pass.ts): a pass's progress.
  z.object({ ...ANALYSIS_STATUS_SHAPE, channel: EVENT, event: z.literal('analysisProgress') }),
]);
export type ServiceEvent = z.infer<typeof ServiceEventSchema>;
