/**
 * `npm run source -- token create --user alice@example.com [--read-only]`, `token list`,
 * `token revoke <token id | user>`: per-person tokens in the source's database (`--db` or
 * `NPS_SOURCE_DATABASE_URL`). A new token is printed once; only its hash is stored.
 */
import { parseArgs } from 'node:util';
import { openStorage } from './open-storage';
import { newToken } from './tokens';

export const TOKEN_USAGE = `Usage: npm run source -- token <command> [options]

  token create --user <name> [--read-only]   make a token for a person; it is shown once
  token list                                 every token: id, user, read-only, created, revoked
  token revoke <token id | user>             revoke one token, or every live token of a user

  --db <file|url>   the source's database (SQLite file or postgres:// URL); default $NPS_SOURCE_DATABASE_URL`;

/** Runs a token command; returns the lines to print. */
export async function runTokenCommand(args: string[], now: number = Date.now()): Promise<string[]> {
  const { values, positionals } = parseArgs({
    args,
    options: { db: { type: 'string' }, user: { type: 'string' }, 'read-only': { type: 'boolean' } },
    allowPositionals: true,
    strict: true,
  });
  const [command, target, ...rest] = positionals;
  const db = values.db ?? process.env.NPS_SOURCE_DATABASE_URL;
  if (!db) throw new Error('token: --db (or NPS_SOURCE_DATABASE_URL) is required: tokens live in the source\'s database');
  if (rest.length > 0) throw new Error(`token ${command}: unexpected "${rest[0]}"`);
  const storage = await openStorage({ db });
  try {
    if (command === 'create') {
      if (target !== undefined) throw new Error(`token create: unexpected "${target}" (give the user with --user)`);
      const { record, secret } = newToken(values.user ?? '', values['read-only'] ?? false, now);
      await storage.tokens.create(record);
      return [
        `Token ${record.id} for ${record.user}${record.readOnly ? ' (read-only)' : ''}:`,
        secret,
        'It is shown this once: give it to its person now (the source keeps only its hash).',
      ];
    }
    if (command === 'list') {
      const tokens = await storage.tokens.list();
      if (tokens.length === 0) return ['No tokens.'];
      return tokens.map(
        (t) =>
          `${t.id}  ${t.user}  ${t.readOnly ? 'read-only' : 'read-write'}  created ${new Date(t.createdAt).toISOString()}` +
          (t.revokedAt !== undefined ? `  revoked ${new Date(t.revokedAt).toISOString()}` : ''),
      );
    }
    if (command === 'revoke') {
      if (!target) throw new Error('token revoke: give a token id (tok_…) or a user');
      const revoked = await storage.tokens.revoke(target, now);
      if (revoked === 0) throw new Error(`token revoke: no live token with id or user "${target}"`);
      return [`Revoked ${revoked} token${revoked === 1 ? '' : 's'} of "${target}"; every server refuses ${revoked === 1 ? 'it' : 'them'} from now on.`];
    }
    throw new Error(command ? `token: unknown command "${command}"` : 'token: give a command (create, list, revoke)');
  } finally {
    await storage.close();
  }
}
