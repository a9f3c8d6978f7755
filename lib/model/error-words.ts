/** Words of a failure (`ErrorWords`, lib/core/errors.ts) as stored and announced: validated like the rest. */
import { z } from 'zod';
import type { ErrorWords } from '../core/errors';

export const ErrorWordsSchema: z.ZodType<ErrorWords> = z.lazy(() =>
  z.object({
    key: z.string().max(200),
    values: z.record(z.string(), z.union([z.string().max(4000), z.number(), ErrorWordsSchema])).optional(),
  }),
);
