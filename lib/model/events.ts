/** What the background announces to every page of the extension (the panel, popup and options follow them). */
import { z } from 'zod';

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
  }),
  z.object({ channel: z.literal('nps-event'), event: z.literal('sourceChanged') }),
]);
export type ServiceEvent = z.infer<typeof ServiceEventSchema>;

