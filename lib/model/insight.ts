/**
 * What was read from a response's comment (docs/insights.md), as it is stored beside the response: the
 * analysers' result and the key of the analyser and taxonomy that made it (`lib/insights/key.ts`), so a
 * result made by an older analyser or another taxonomy is recomputed. The analysers live in lib/insights;
 * this is only the stored shape.
 */
import { z } from 'zod';

import { EMOTION_IDS } from './constants';

export { EMOTION_IDS } from './constants';

const Evidence = z.array(z.string().max(200)).max(20);
const Finding = z.object({ id: z.string().min(1).max(100), evidence: Evidence });

export const StoredInsightSchema = z.object({
  /** `ANALYSER_VERSION:taxonomyHash`: which analyser and taxonomy made this result. */
  key: z.string().min(1).max(100),
  /** ISO 639-1 code, or `und`. */
  language: z.string().min(1).max(10),
  /** False when the language is not analysed: then no sentiment, emotion or theme is claimed. */
  analysed: z.boolean(),
  sentiment: z.object({ label: z.enum(['positive', 'negative', 'neutral', 'mixed']), score: z.number().min(-1).max(1) }).nullable(),
  emotions: z.array(z.object({ id: z.enum(EMOTION_IDS), evidence: Evidence })).max(20),
  themes: z.array(Finding).max(50),
});
export type StoredInsight = z.infer<typeof StoredInsightSchema>;

// How a result is kept beside its response, apart from its schema (pages load it without zod).
export * from './insight-codec';
