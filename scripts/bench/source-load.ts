/**
 * `npm run bench -- source-load`: the reference source under a team's load, on loopback only, bounded in
 * clients and time. 1,000,000 responses loaded (`--load`, timed), then 200 simulated extensions doing what
 * the extension does (look an account up, read its context, follow the changes feed, about one request a
 * second each, `SOURCE_LOAD_THINK_MS`) for 60 s: against
 * two processes on one Postgres, then one process on SQLite. Figures: requests per second, p50 and p95
 * latency per kind of request, errors. `SOURCE_LOAD_ROWS`, `SOURCE_LOAD_CLIENTS` and
 * `SOURCE_LOAD_SECONDS` scale it down for a quick look.
 */
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Agent, get } from 'node:http';
import { responsesCsvChunks, sampleAccounts } from '../../lib/sample/bulk-csv';
import { startCluster } from '../../server/testing/postgres-cluster';
import { startServerProcess, type ServerProcess } from '../../server/testing/server-process';
import type { BenchFigure } from './nps';

const ROWS = Number(process.env.SOURCE_LOAD_ROWS ?? 1_000_000);
const CLIENTS = Number(process.env.SOURCE_LOAD_CLIENTS ?? 200);
const SECONDS = Number(process.env.SOURCE_LOAD_SECONDS ?? 60);
/**
 * Each simulated extension pauses this long (± half, at random) between requests, as a person moving
 * between records does; 0 sends the next request as soon as the last is answered (saturation).
 */
const THINK_MS = Number(process.env.SOURCE_LOAD_THINK_MS ?? 1000);
/** 50 responses an account on average: a realistic context read. */
const ACCOUNTS = Math.max(10, Math.round(ROWS / 50));
const SEED = 17;
const TOKEN = 'bench-load-token-0123456789';

type Kind = 'lookup' | 'context' | 'changes';

const quantile = (sorted: number[], q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : NaN);

function writeCsv(dir: string): string {
  const file = path.join(dir, `responses-${ROWS}.csv`);
  const fd = openSync(file, 'w');
  try {
    for (const chunk of responsesCsvChunks({ seed: SEED, rows: ROWS, accounts: ACCOUNTS, now: Date.now(), rowsPerChunk: 20_000 })) writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
  return file;
}

/** 200 clients, each a loop of the extension's reads against the processes in turn, until the time is up. */
async function drive(urls: string[]): Promise<{ seconds: number; latencies: Record<Kind, number[]>; errors: number; firstError?: string }> {
  const accounts = sampleAccounts(SEED, ACCOUNTS);
  const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
  /** A GET with the token, its status and JSON body. */
  const request = (url: string) =>
    new Promise<{ status: number; body: { nextCursor?: string } }>((resolve, reject) => {
      const req = get(url, { agent, headers: { authorization: `Bearer ${TOKEN}` } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          try {
            resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as { nextCursor?: string } });
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        });
        res.on('error', reject);
      });
      req.on('error', reject);
    });
  const latencies: Record<Kind, number[]> = { lookup: [], context: [], changes: [] };
  let errors = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const deadline = started + SECONDS * 1000;
  const client = async (n: number) => {
    let cursor: string | undefined;
    let i = n;
    while (performance.now() < deadline) {
      const account = accounts[(i * 7919) % accounts.length]!;
      const base = urls[i % urls.length]!.replace(/\/?$/, '/');
      const kind: Kind = i % 5 === 0 ? 'changes' : i % 2 === 0 ? 'lookup' : 'context';
      const url =
        kind === 'lookup'
          ? `${base}v1/accounts/lookup?domain=${encodeURIComponent(account.domains[0] ?? '')}`
          : kind === 'context'
            ? `${base}v1/accounts/${encodeURIComponent(account.id)}/context`
            : `${base}v1/changes?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const t = performance.now();
      try {
        const { status, body } = await request(url);
        if (status !== 200) throw new Error(`${kind} ${status}`);
        latencies[kind].push(performance.now() - t);
        if (kind === 'changes' && body.nextCursor) cursor = body.nextCursor;
      } catch (error) {
        errors++;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
      i += CLIENTS;
      if (THINK_MS > 0) await new Promise((resolve) => setTimeout(resolve, THINK_MS * (0.5 + Math.random())));
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, (_, n) => client(n)));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return { seconds, latencies, errors, ...(firstError ? { firstError } : {}) };
}

function figures(label: string, run: Awaited<ReturnType<typeof drive>>): BenchFigure[] {
  const all = Object.values(run.latencies).flat().sort((a, b) => a - b);
  const out: BenchFigure[] = [
    { name: `source-load.${label}.requests-per-second`, value: all.length / run.seconds, unit: 'req/s', budget: NaN },
    { name: `source-load.${label}.all.p50`, value: quantile(all, 0.5), unit: 'ms', budget: NaN },
    { name: `source-load.${label}.all.p95`, value: quantile(all, 0.95), unit: 'ms', budget: NaN },
    { name: `source-load.${label}.errors`, value: run.errors, unit: 'requests', budget: NaN },
  ];
  for (const kind of ['lookup', 'context', 'changes'] as const) {
    const sorted = [...run.latencies[kind]].sort((a, b) => a - b);
    out.push({ name: `source-load.${label}.${kind}.p50`, value: quantile(sorted, 0.5), unit: 'ms', budget: NaN });
    out.push({ name: `source-load.${label}.${kind}.p95`, value: quantile(sorted, 0.95), unit: 'ms', budget: kind === 'context' ? 50 : NaN });
  }
  if (run.firstError) console.log(`source-load.${label}: first error: ${run.firstError}`);
  return out;
}

async function timedStart(args: string[]): Promise<{ process: ServerProcess; seconds: number }> {
  const t = performance.now();
  const process = await startServerProcess([...args, '--token', TOKEN, '--quiet'], {}, 30 * 60_000);
  return { process, seconds: (performance.now() - t) / 1000 };
}

export async function benchSourceLoad(): Promise<BenchFigure[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'nps-bench-source-load-'));
  const out: BenchFigure[] = [];
  const processes: ServerProcess[] = [];
  let cluster: Awaited<ReturnType<typeof startCluster>> | undefined;
  try {
    const csv = writeCsv(dir);
    cluster = await startCluster();
    // The first process loads the file (COPY, one transaction) before it listens; the second joins it.
    const loaded = await timedStart(['--db', cluster.url, '--load', csv]);
    processes.push(loaded.process);
    out.push({ name: `source-load.postgres.load.rows-${ROWS} (process start, migrations and load)`, value: loaded.seconds, unit: 's', budget: 60 });
    processes.push((await timedStart(['--db', cluster.url])).process);
    out.push(...figures(`postgres.2-processes.${CLIENTS}-clients`, await drive(processes.map((p) => p.url))));
    for (const p of processes.splice(0)) await p.stop();

    const sqlite = await timedStart(['--db', path.join(dir, 'source.sqlite'), '--load', csv]);
    processes.push(sqlite.process);
    out.push({ name: `source-load.sqlite.load.rows-${ROWS} (process start, migrations and load)`, value: sqlite.seconds, unit: 's', budget: NaN });
    out.push(...figures(`sqlite.1-process.${CLIENTS}-clients`, await drive([sqlite.process.url])));
    return out;
  } finally {
    for (const p of processes) await p.stop().catch(() => undefined);
    await cluster?.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}
