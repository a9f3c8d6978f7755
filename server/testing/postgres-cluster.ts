/**
 * Vitest global setup: a throwaway Postgres cluster for the server tests. `initdb` in a temporary
 * directory (as the `postgres` or `nobody` user when run as root: initdb refuses root), the server
 * listening only on a unix socket in that directory, removed afterwards. Its URL reaches the tests as
 * `inject('postgresUrl')`. `NPS_TEST_DATABASE_URL` uses a running server instead. Without Postgres the
 * tests say why they skipped, except with `CI=true`, where that is a failure.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A Postgres URL whose user may create databases, or '' when there is none. */
    postgresUrl: string;
    /** Why there is no Postgres, when there is none. */
    postgresSkipReason: string;
  }
}

const PORT = 5432;

export function postgresBinDir(): string | undefined {
  const candidates: string[] = [];
  try {
    candidates.push(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
  } catch {
    // no pg_config on PATH
  }
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    for (const version of readdirSync(debian).sort((a, b) => Number(b) - Number(a))) candidates.push(join(debian, version, 'bin'));
  }
  return candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'postgres')));
}

/** initdb refuses root: the cluster runs as `postgres`, else `nobody`. */
function clusterUser(): { uid: number; gid: number } | undefined {
  if (userInfo().uid !== 0) return undefined;
  for (const name of ['postgres', 'nobody']) {
    try {
      const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim());
      const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim());
      return { uid, gid };
    } catch {
      // no such user
    }
  }
  throw new Error('running as root and neither a "postgres" nor a "nobody" user exists to run the cluster');
}

async function waitUntilUp(url: string, server: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`postgres exited (${server.exitCode}): ${output()}`);
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline) throw new Error(`postgres did not start in 30 s: ${String(error)} ${output()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

export async function startCluster(): Promise<{ url: string; stop: () => Promise<void> }> {
  const bin = postgresBinDir();
  if (!bin) throw new Error('no Postgres found (initdb and postgres: pg_config --bindir, /usr/lib/postgresql/*/bin); apt-get install postgresql');
  const user = clusterUser();
  const dir = mkdtempSync(join(tmpdir(), 'nps-pg-'));
  const data = join(dir, 'data');
  if (user) chownSync(dir, user.uid, user.gid);
  const asUser = user ? { uid: user.uid, gid: user.gid } : {};
  try {
    execFileSync(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync'], {
      ...asUser, cwd: dir, stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`initdb failed: ${String((error as { stderr?: Buffer }).stderr ?? error)}`);
  }
  let output = '';
  const server = spawn(
    join(bin, 'postgres'),
    ['-D', data, '-k', dir, '-p', String(PORT), '-c', 'listen_addresses=', '-c', 'fsync=off', '-c', 'synchronous_commit=off',
      '-c', 'full_page_writes=off', '-c', 'max_connections=300'],
    { ...asUser, cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  server.stdout?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  server.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  const url = `postgresql://postgres@localhost/postgres?host=${encodeURIComponent(dir)}&port=${PORT}`;
  const stop = async () => {
    if (server.exitCode === null) {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGINT');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitUntilUp(url, server, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | void> {
  const given = process.env.NPS_TEST_DATABASE_URL;
  if (given) {
    project.provide('postgresUrl', given);
    project.provide('postgresSkipReason', '');
    return;
  }
  try {
    const cluster = await startCluster();
    project.provide('postgresUrl', cluster.url);
    project.provide('postgresSkipReason', '');
    return cluster.stop;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (process.env.CI === 'true') throw new Error(`CI=true needs Postgres for the server tests, and: ${reason}`);
    project.provide('postgresUrl', '');
    project.provide('postgresSkipReason', reason);
  }
}
