/**
 * Idempotent writes: a write sent again with the same `Idempotency-Key` gets the stored answer instead of
 * running twice; the same key on a different request is refused. Keys are kept in the storage for a
 * while, and held while their write runs (`SourceStorage.idempotent`), in every process.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HEADERS, IdempotencyKeySchema } from '../lib/wire/schemas';
import { ApiError } from './values';
import type { ActionWriter, SourceStorage } from './storage';
import { canonicalJson, digest, send } from './http-io';

const DEFAULT_RETENTION_MS = 30 * 86_400_000;

export interface Idempotency {
  /** Runs a write once per Idempotency-Key; `required` refuses a write that has none. */
  run(
    req: IncomingMessage, res: ServerResponse, pathname: string, body: unknown, required: boolean,
    perform: (writer: ActionWriter) => Promise<{ status: number; body: unknown }>,
  ): Promise<void>;
}

export function createIdempotency(storage: SourceStorage, retentionMs = DEFAULT_RETENTION_MS): Idempotency {
  return {
    async run(req, res, pathname, body, required, perform) {
      const raw = req.headers['idempotency-key'];
      if (raw === undefined) {
        if (required) throw new ApiError(422, 'invalid_request', `${HEADERS.idempotencyKey}: the header is required`, HEADERS.idempotencyKey);
        const result = await perform(storage);
        send(res, result.status, result.body);
        return;
      }
      const parsedKey = IdempotencyKeySchema.safeParse(Array.isArray(raw) ? raw[0] : raw);
      if (!parsedKey.success) {
        const message = parsedKey.error.issues[0]?.message ?? 'is invalid';
        throw new ApiError(422, 'invalid_request', `${HEADERS.idempotencyKey}: ${message}`, HEADERS.idempotencyKey);
      }
      const key = parsedKey.data;
      const fingerprint = digest(`${req.method} ${pathname}\n${canonicalJson(body)}`).toString('hex');
      const outcome = await storage.idempotent(key, fingerprint, retentionMs, perform);
      if (!outcome.replayed) {
        send(res, outcome.status, outcome.body);
        return;
      }
      if (outcome.stored.fingerprint !== fingerprint) {
        throw new ApiError(
          422, 'idempotency_key_reused',
          `${HEADERS.idempotencyKey}: this key was used for a different request`, HEADERS.idempotencyKey,
        );
      }
      send(res, outcome.stored.status, outcome.stored.body, { [HEADERS.idempotentReplayed]: 'true' });
    },
  };
}
