/**
 * `npm run source -- [options]`: runs the reference data source. See server/README.md.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { describeLoad, startReferenceServer } from './index';
import { TOKEN_USAGE, runTokenCommand } from './token-cli';
import { openStorage } from './open-storage';
import { logLine } from './request-log';
import { errorText } from '../lib/core/errors';

const USAGE = `Usage: npm run source -- [options]

  --db <file|url>         SQLite database file (created if missing), or a postgres:// URL;
                          default: $NPS_SOURCE_DATABASE_URL, else SQLite in memory
  --pool <n>              Postgres connections per process (default 10)
  --load <file.csv>       load a responses, actions or sends CSV before starting (repeatable)
  --sample                load seeded sample data (see --seed, --accounts)
  --seed <n>              sample seed (default 1)
  --accounts <n>          sample accounts (default 300)
  --token <token>         a shared bearer token (one-person use); default: $NPS_SOURCE_TOKEN; else, without
                          per-person tokens in the database, a random one (printed)
  --host <host>           interface to listen on (default 127.0.0.1)
  --port <n>              port (default 8787; 0 picks a free one)
  --name <text>           the source's name, shown in the extension (default "NPS reference source")
  --rate-limit <n>        at most n requests per minute (429 with Retry-After beyond)
  --test-hooks            enable /__test/… (fault injection, request counts); never in production
  --quiet                 no access log
  --help

Per-person tokens: npm run source -- token create --user <name> [--read-only] | token list | token revoke <id|user>`;

function integer(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) throw new Error(`--${name} must be a whole number, got "${value}"`);
  return Number(value);
}

async function hasLiveTokens(db: string | undefined): Promise<boolean> {
  if (!db) return false;
  const storage = await openStorage({ db });
  try {
    return (await storage.tokens.list()).some((t) => t.revokedAt === undefined);
  } finally {
    await storage.close();
  }
}

async function main(): Promise<void> {
  if (process.argv[2] === 'token') {
    try {
      for (const line of await runTokenCommand(process.argv.slice(3))) console.log(line);
    } catch (error) {
      console.error(errorText(error));
      console.error(`\n${TOKEN_USAGE}`);
      process.exit(1);
    }
    return;
  }
  const { values } = parseArgs({
    options: {
      db: { type: 'string' },
      pool: { type: 'string' },
      load: { type: 'string', multiple: true },
      sample: { type: 'boolean' },
      seed: { type: 'string' },
      accounts: { type: 'string' },
      token: { type: 'string' },
      host: { type: 'string' },
      port: { type: 'string' },
      name: { type: 'string' },
      'rate-limit': { type: 'string' },
      'test-hooks': { type: 'boolean' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const dbPath = values.db ?? process.env.NPS_SOURCE_DATABASE_URL;
  let token = values.token ?? process.env.NPS_SOURCE_TOKEN;
  // With per-person tokens in the database no shared one is made up; without any, a random one is printed.
  const generated = !token && !(await hasLiveTokens(dbPath));
  if (generated) token = randomBytes(24).toString('hex');
  const rateLimit = values['rate-limit'] !== undefined ? integer(values['rate-limit'], 'rate-limit', 0) : undefined;
  const log = values.quiet ? undefined : (line: string) => console.log(line);
  const server = await startReferenceServer({
    token,
    dbPath,
    poolSize: values.pool !== undefined ? integer(values.pool, 'pool', 10) : undefined,
    host: values.host ?? '127.0.0.1',
    port: integer(values.port, 'port', 8787),
    name: values.name,
    load: values.load,
    sample: values.sample ? { seed: integer(values.seed, 'seed', 1), accounts: integer(values.accounts, 'accounts', 300) } : undefined,
    testHooks: values['test-hooks'] ?? false,
    rateLimit: rateLimit ? { requests: rateLimit, windowMs: 60_000 } : undefined,
    log,
  });
  if (values.sample) for (const report of server.loaded.slice(0, 3)) for (const line of describeLoad(report)) console.log(line);
  const counts = await server.storage.counts();
  console.log(`${counts.accounts} accounts, ${counts.responses} responses, ${counts.actions} actions, ${counts.sends} sends`);
  console.log(`NPS data source listening on ${server.url}  (API: ${server.url}/v1/source)`);
  if (generated) console.log(`Token (set NPS_SOURCE_TOKEN or --token to choose one): ${token}`);
  if (values['test-hooks']) console.log('Test hooks are ON (/__test/…): do not expose this server.');
  const stop = (signal: string) => {
    logLine(log, { msg: 'shutting down: finishing requests in flight', signal });
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(errorText(error));
  console.error(`\n${USAGE}`);
  process.exit(1);
});
