/**
 * Per-person tokens: made at random, shown once, stored only as a SHA-256 hash (the token carries 192
 * random bits, so a fast hash is enough and a lookup by hash is one index probe), with the person's
 * user name and whether they may only read. Revoking one takes effect on the next request in every
 * process, since each request looks its token up in the database.
 */
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';

export interface TokenRecord {
  id: string;
  user: string;
  readOnly: boolean;
  createdAt: number;
  revokedAt?: number;
}

export interface TokenStore {
  create(record: TokenRecord & { hash: string }): Promise<void>;
  list(): Promise<TokenRecord[]>;
  /** Revokes the token with this id, or every live token of this user; returns how many it revoked. */
  revoke(idOrUser: string, at: number): Promise<number>;
  /** The live (not revoked) token with this hash. */
  findLive(hash: string): Promise<TokenRecord | undefined>;
}

const TOKEN_PREFIX = 'nps_';

export const TokenUserSchema = z
  .string()
  .trim()
  .min(1, 'a user is required (for example --user alice@example.com)')
  .max(200, 'at most 200 characters')
  .regex(/^[^\s\p{Cc}\p{Cf}]+$/u, 'no spaces, control or invisible characters');

export function hashToken(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** A new token for `user`: the record to store (with the hash) and the secret to show once. */
export function newToken(user: string, readOnly: boolean, now: number): { record: TokenRecord & { hash: string }; secret: string } {
  const parsedUser = TokenUserSchema.safeParse(user);
  if (!parsedUser.success) throw new Error(`--user: ${parsedUser.error.issues[0]!.message}`);
  const id = `tok_${randomBytes(6).toString('hex')}`;
  const secret = `${TOKEN_PREFIX}${randomBytes(24).toString('base64url')}`;
  return { record: { id, user: parsedUser.data, readOnly, createdAt: now, hash: hashToken(secret) }, secret };
}

/** Whether a bearer value looks like a per-person token (the shared `--token` may be anything). */
export function isPersonalToken(secret: string): boolean {
  return secret.startsWith(TOKEN_PREFIX);
}
