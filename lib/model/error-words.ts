/**
 * Words of a failure (`ErrorWords`, lib/core/errors.ts) as stored and announced: validated like the rest.
 * Written with zod's tree-shakable build (`zod/mini`), as the events that carry them are, so the pages
 * that only listen to the background validate what they hear without carrying all of zod.
 */
import { z } from 'zod/mini';
import type { ErrorWords } from '../core/errors';

export const ErrorWordsSchema: z.ZodMiniType<ErrorWords> = z.lazy(() =>
  z.object({
    key: z.string().check(z.maxLength(200)),
    values: z.optional(z.record(z.string(), z.union([z.string().check(z.maxLength(4000)), z.number(), ErrorWordsSchema]))),
  }),
);
