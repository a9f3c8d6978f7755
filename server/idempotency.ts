/**
 * Idempotent writes: a write sent again with the same `Idempotency-Key` gets the stored answer instead of
 * running twice; the same key on a different request is refused. Keys are kept in the store for a while.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HEADERS, IdempotencyKeySchema } from '../lib/wire/schemas';
import { ApiError, type SourceStore } from './store';
import { canonicalJson, digest, send } from './http-io';

const DEFAULT_RETENTION_MS = 30 * 86_400_000;

export interface Idempotency {
  /** Runs a write once per Idempotency-Key; `required` refuses a write that has none. */
  run(
    req: IncomingMessage, res: ServerResponse, pathname: string, body: unknown, required: boolean,
    perform: () => { status: number; body: unknown },
  ): Promise<void>;
}

export function createIdempotency(store: SourceStore, retentionMs = DEFAULT_RETENTION_MS): Idempotency {
  return {
    async run(req, res, pathname, body, required, perform) {
      const raw = req.headers['idempotency-key'];
      if (raw === undefined) {
        if (required) throw new ApiError(422, 'invalid_request', `${HEADERS.idempotencyKey}: the header is required`, HEADERS.idempotencyKey);
        const result = perform();
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
      const stored = store.getIdempotent(key);
      if (stored) {
        if (stored.fingerprint !== fingerprint) {
          throw new ApiError(
            422, 'idempotency_key_reused',
            `${HEADERS.idempotencyKey}: this key was used for a different request`, HEADERS.idempotencyKey,
          );
        }
        send(res, stored.status, stored.body, { [HEADERS.idempotentReplayed]: 'true' });
        return;
      }
      const result = perform();
      const text = JSON.stringify(result.body);
      // Only successes are remembered: a refused request may be retried with the same key once fixed.
      if (result.status < 300) store.putIdempotent(key, fingerprint, result.status, text, retentionMs);
      send(res, result.status, text);
    },
  };
}
