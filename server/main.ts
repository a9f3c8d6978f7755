/**
 * `npm run source -- [options]`: runs the reference data source. See server/README.md.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { describeLoad, startReferenceServer } from './index';
import { errorText } from '../lib/core/errors';

const USAGE = `Usage: npm run source -- [options]

  --db <file|url>         SQLite database file (created if missing), or a postgres:// URL;
                          default: $NPS_SOURCE_DATABASE_URL, else SQLite in memory
  --pool <n>              Postgres connections per process (default 10)
  --load <file.csv>       load a responses, actions or sends CSV before starting (repeatable)
  --sample                load seeded sample data (see --seed, --accounts)
  --seed <n>              sample seed (default 1)
  --accounts <n>          sample accounts (default 300)
  --token <token>         bearer token clients must send; default: $NPS_SOURCE_TOKEN, else a random one (printed)
  --host <host>           interface to listen on (default 127.0.0.1)
  --port <n>              port (default 8787; 0 picks a free one)
  --name <text>           the source's name, shown in the extension (default "NPS reference source")
  --rate-limit <n>        at most n requests per minute (429 with Retry-After beyond)
  --test-hooks            enable /__test/… (fault injection, request counts); never in production
  --quiet                 no access log
  --help`;

function integer(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) throw new Error(`--${name} must be a whole number, got "${value}"`);
  return Number(value);
}

async function main(): Promise<void> {
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
  let token = values.token ?? process.env.NPS_SOURCE_TOKEN;
  const generated = !token;
  token ??= randomBytes(24).toString('hex');
  const rateLimit = values['rate-limit'] !== undefined ? integer(values['rate-limit'], 'rate-limit', 0) : undefined;
  const log = values.quiet ? undefined : (line: string) => console.log(line);
  const server = await startReferenceServer({
    token,
    dbPath: values.db ?? process.env.NPS_SOURCE_DATABASE_URL,
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
  const stop = () => {
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
