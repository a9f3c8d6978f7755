/**
 * The reference data source: the HTTP API of `docs/api/openapi.yaml` over SQLite or Postgres, loaded
 * from the same CSVs the extension imports. Used by the end-to-end tests and `npm run demo`, and
 * runnable by a team as its own source (`npm run source`, see server/README.md).
 */
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Fault } from '../lib/wire/schemas';
import { createHandler } from './http';
import { describeLoad, loadCsvFile, loadSample, type LoadReport } from './load';
import { openStorage } from './open-storage';
import { SqliteStorage } from './sqlite-storage';
import type { SourceStorage, StoreCounts } from './storage';
import type { SourceStore } from './store';
import { logLine } from './request-log';

export { SourceStore, ApiError } from './store';
export type { SourceStorage } from './storage';
export { openStorage, isPostgresUrl } from './open-storage';
export { loadCsv, loadCsvFile, loadSample, describeLoad, type LoadReport } from './load';
export { IMPLEMENTED_ROUTES } from './http';

export interface ReferenceServerOptions {
  /**
   * The shared bearer token (one-person use), at least 16 characters unless `testHooks`. Optional when
   * the database holds per-person tokens (`npm run source -- token create`); then only those are accepted.
   */
  token?: string;
  /** A `postgres://` URL, or an SQLite database file; default SQLite in memory (gone when the server stops). */
  dbPath?: string;
  /** Postgres connections in this process's pool (default 10). */
  poolSize?: number;
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Shown by `GET /v1/source`. */
  name?: string;
  /** CSV files to load before listening (responses, actions or sends; told apart by their headers). */
  load?: string[];
  /** Seeded sample data to load before listening (`lib/sample`). */
  sample?: { seed: number; accounts?: number; now?: number };
  /** Enables `/__test/…` (faults, request counts, server-side changes). Never in production. */
  testHooks?: boolean;
  rateLimit?: { requests: number; windowMs: number };
  /** JSON log lines (request id, method, path, status, time, user); never a token, query or body. */
  log?: (line: string) => void;
  /** The server's clock (epoch ms); for tests. */
  clock?: () => number;
  /** How long `close()` lets requests in flight finish before cutting their connections; default 10 s. */
  shutdownGraceMs?: number;
}

export interface ReferenceServer {
  /** `http://host:port` without a trailing slash. */
  url: string;
  port: number;
  token: string | undefined;
  /** What the server reads and writes (SQLite or Postgres). */
  storage: SourceStorage;
  /** The SQLite store, synchronous, for in-process tests; throws on Postgres (use `storage`). */
  readonly store: SourceStore;
  /** What each loaded file (or the sample) imported and rejected. */
  loaded: LoadReport[];
  /** Rows per table in the SQLite store (in-process tests); on either storage use `storage.counts()`. */
  counts(): StoreCounts;
  /** Requests per route (`GET /v1/accounts/{id}/context`) since start or the last reset. */
  requestCounts(): Record<string, number>;
  resetRequestCounts(): void;
  injectFault(fault: Fault): void;
  clearFaults(): void;
  /** Stops taking connections, lets requests in flight finish (within the grace time), then closes the database. */
  close(): Promise<void>;
}

export const SERVER_VERSION: string = (() => {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
})();

export async function startReferenceServer(options: ReferenceServerOptions): Promise<ReferenceServer> {
  if (options.token !== undefined && !options.testHooks && options.token.length < 16) {
    throw new Error('The token is too short: use at least 16 random characters (for example: openssl rand -hex 24).');
  }
  const storage = await openStorage({ db: options.dbPath, clock: options.clock, poolSize: options.poolSize });
  if (!options.token && (await storage.tokens.list()).every((t) => t.revokedAt !== undefined)) {
    await storage.close();
    throw new Error(
      'A token is required: give --token (or NPS_SOURCE_TOKEN), or create per-person tokens with `npm run source -- token create --user <name>`.',
    );
  }
  const loaded: LoadReport[] = [];
  let server: Server | undefined;
  try {
    if (options.sample) loaded.push(...(await loadSample(storage, options.sample)));
    for (const path of options.load ?? []) {
      const report = await loadCsvFile(storage, path);
      loaded.push(report);
      for (const line of describeLoad(report)) logLine(options.log, { msg: 'load', line });
    }
    const handler = createHandler({
      storage,
      token: options.token,
      name: options.name ?? 'NPS reference source',
      version: SERVER_VERSION,
      testHooks: options.testHooks ?? false,
      rateLimit: options.rateLimit,
      log: options.log,
    });
    const listening = createServer(handler);
    server = listening;
    listening.requestTimeout = 30_000;
    await new Promise<void>((resolve, reject) => {
      listening.once('error', reject);
      listening.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
        listening.off('error', reject);
        resolve();
      });
    });
    const address = listening.address() as AddressInfo;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    let closed: Promise<void> | undefined;
    const sqliteStore = (): SourceStore => {
      if (storage instanceof SqliteStorage) return storage.store;
      throw new Error('server.store is the SQLite store; this server runs on Postgres: use server.storage');
    };
    return {
      url: `http://${host}:${address.port}`,
      port: address.port,
      token: options.token,
      storage,
      get store() {
        return sqliteStore();
      },
      loaded,
      counts: () => sqliteStore().counts(),
      requestCounts: () => handler.counts(),
      resetRequestCounts: () => handler.resetCounts(),
      injectFault: (fault) => handler.injectFault(fault),
      clearFaults: () => handler.clearFaults(),
      close: () => (closed ??= shutDown(listening, storage, options.shutdownGraceMs ?? 10_000)),
    };
  } catch (error) {
    server?.close();
    await storage.close();
    throw error;
  }
}

/**
 * Graceful shutdown: no new connections; idle keep-alive connections closed now, busy ones once their
 * answer is sent; any still open after the grace time are cut. Then the database is closed.
 */
function shutDown(listening: Server, storage: SourceStorage, graceMs: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const cut = setTimeout(() => listening.closeAllConnections(), graceMs);
    // A keep-alive connection whose answer was just sent is idle: close it rather than wait for the client.
    const sweep = setInterval(() => listening.closeIdleConnections(), 50);
    listening.close(() => {
      clearTimeout(cut);
      clearInterval(sweep);
      void storage.close().then(resolve, resolve);
    });
    listening.closeIdleConnections();
  });
}
