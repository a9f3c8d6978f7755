/**
 * The reference source as the server tests use it: started once per test file and backend (SQLite, or
 * a fresh Postgres database) over real HTTP on loopback, with the sample, two extra CSV files and a
 * clock the tests move; `call` and `hook` speak to it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { ErrorBodySchema, apiUrl } from '../lib/wire/schemas';
import { startReferenceServer, type ReferenceServer } from './index';
import type { Backend } from './testing/backends';

export const TOKEN = 'test-token-0123456789';
export const T0 = Date.UTC(2026, 0, 15, 12);
export const DAY = 86_400_000;

/** Two accounts sharing a domain (a parent and its subsidiary), one whose people write from another domain. */
const EXTRA_RESPONSES = [
  'response_id,account_id,account_name,account_domain,respondent_email,score,responded_at',
  'x-1,acc-umbrella,Umbrella Corporation,umbrella.example,ana@umbrella.example,9,2025-12-01',
  'x-2,acc-umbrella-labs,Umbrella Labs,umbrella.example,bo@umbrella.example,3,2025-12-02',
  'x-3,acc-hooli,Hooli,hooli.example,cy@hooli-mail.example,7,2025-12-03',
  'x-4,acc-hooli,Hooli,hooli.example,cy@hooli-mail.example,11,2025-12-04',
].join('\n');

export interface TestServer {
  server: ReferenceServer;
  /** The server's clock: frozen unless a test moves it, so many rows share one timestamp. */
  now: number;
  /** A temporary folder for this file's CSVs and database files. */
  dir: string;
  backend: Backend;
  /** A fresh database of this backend for another server (a file in `dir` for SQLite). */
  freshDatabase(name: string): Promise<string>;
}

export function errorOf(json: unknown) {
  return ErrorBodySchema.parse(json).error;
}

/** Starts the server before the file's tests and stops it after them. */
export function referenceServerForFile(backend: Backend) {
  const dir = mkdtempSync(join(tmpdir(), 'nps-source-test-'));
  const ctx = {
    now: T0, dir, backend,
    freshDatabase: async (name: string) => (await backend.database()) ?? join(dir, `${name}.db`),
  } as TestServer;

  beforeAll(async () => {
    writeFileSync(join(ctx.dir, 'extra.csv'), EXTRA_RESPONSES);
    // A survey tool's export without account ids: the domain ties the row to Acme.
    writeFileSync(join(ctx.dir, 'by-name.csv'), 'Company;Domain;Email;Score;Date\nACME Corp.;acme.com;dee@acme.com;8;2025-12-05\n');
    ctx.server = await startReferenceServer({
      dbPath: await backend.database(),
      token: TOKEN,
      testHooks: true,
      sample: { seed: 11, accounts: 25 },
      load: [join(ctx.dir, 'extra.csv'), join(ctx.dir, 'by-name.csv')],
      clock: () => ctx.now,
    });
  }, 60_000);

  afterAll(async () => {
    await ctx.server?.close();
    rmSync(ctx.dir, { recursive: true, force: true });
  });

  async function call(
    path: string,
    init: { method?: string; query?: URLSearchParams; body?: unknown; headers?: Record<string, string>; token?: string | null } = {},
  ) {
    const headers: Record<string, string> = { ...init.headers };
    if (init.token !== null) headers.Authorization = `Bearer ${init.token ?? TOKEN}`;
    if (init.body !== undefined && !headers['Content-Type']) headers['Content-Type'] = 'application/json';
    const [pathname, search] = path.split('?') as [string, string | undefined];
    const res = await fetch(apiUrl(ctx.server.url, pathname, init.query ?? new URLSearchParams(search)), {
      method: init.method ?? 'GET',
      headers,
      body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, json: text ? (JSON.parse(text) as unknown) : undefined };
  }

  async function hook(path: string, body?: unknown) {
    const res = await fetch(`${ctx.server.url}/__test${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  }

  return { ctx, call, hook };
}
