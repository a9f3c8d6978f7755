/**
 * Who a request is: the bearer token resolved to a person (a per-person token, looked up by its hash on
 * every request, so a revoked one is refused at once in every process) or to the shared `--token` of
 * one-person use. Tokens are compared as hashes, never logged.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { digest } from './http-io';
import { hashToken, isPersonalToken, type TokenStore } from './tokens';

export interface Principal {
  /** The person's user name; absent for the shared token (no one in particular). */
  user?: string;
  readOnly: boolean;
  /** The rate limit's bucket: one per token. */
  bucket: string;
}

export type Authenticate = (req: IncomingMessage) => Promise<Principal | undefined>;

export function createAuthenticate(tokens: TokenStore, sharedToken: string | undefined): Authenticate {
  const sharedDigest = sharedToken ? digest(sharedToken) : undefined;
  return async (req) => {
    const found = /^Bearer[ ]+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    if (!found) return undefined;
    const secret = found[1]!;
    // Both sides hashed to 32 bytes, so the comparison takes the same time whatever the token's length.
    if (sharedDigest && timingSafeEqual(digest(secret), sharedDigest)) return { readOnly: false, bucket: 'shared' };
    if (!isPersonalToken(secret)) return undefined;
    const record = await tokens.findLive(hashToken(secret));
    return record ? { user: record.user, readOnly: record.readOnly, bucket: record.id } : undefined;
  };
}
