/**
 * The reference data source: the HTTP API of `docs/api/openapi.yaml` over an SQLite database, loaded
 * from the same CSVs the extension imports. Used by the end-to-end tests and `npm run demo`, and
 * runnable by a team as its own source (`npm run source`, see server/README.md).
 */
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Fault } from '../lib/wire/schemas';
import { createHandler } from './http';
import { describeLoad, loadCsvFile, loadSample, type LoadReport } from './load';
import { SourceStore, type StoreCounts } from './store';

export { SourceStore, ApiError } from './store';
export { loadCsv, loadCsvFile, loadSample, describeLoad, type LoadReport } from './load';
export { IMPLEMENTED_ROUTES } from './http';

export interface ReferenceServerOptions {
  /** The bearer token clients must send. Required, at least 16 characters unless `testHooks`. */
  token: string;
  /** SQLite database file; default in memory (gone when the server stops). */
  dbPath?: string;
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
  /** Access log lines (method, path, status, time); never the token. */
  log?: (line: string) => void;
  /** The server's clock (epoch ms); for tests. */
  clock?: () => number;
}

export interface ReferenceServer {
  /** `http://host:port` without a trailing slash. */
  url: string;
  port: number;
  token: string;
  store: SourceStore;
  /** What each loaded file (or the sample) imported and rejected. */
  loaded: LoadReport[];
  counts(): StoreCounts;
  /** Requests per route (`GET /v1/accounts/{id}/context`) since start or the last reset. */
  requestCounts(): Record<string, number>;
  resetRequestCounts(): void;
  injectFault(fault: Fault): void;
  clearFaults(): void;
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
  if (!options.token) throw new Error('A token is required: clients authenticate with Authorization: Bearer <token>.');
  if (!options.testHooks && options.token.length < 16) {
    throw new Error('The token is too short: use at least 16 random characters (for example: openssl rand -hex 24).');
  }
  const store = new SourceStore(options.dbPath ?? ':memory:', options.clock);
  const loaded: LoadReport[] = [];
  let server: Server | undefined;
  try {
    if (options.sample) loaded.push(...(await loadSample(store, options.sample)));
    for (const path of options.load ?? []) {
      const report = await loadCsvFile(store, path);
      loaded.push(report);
      for (const line of describeLoad(report)) options.log?.(line);
    }
    const handler = createHandler({
      store,
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
    return {
      url: `http://${host}:${address.port}`,
      port: address.port,
      token: options.token,
      store,
      loaded,
      counts: () => store.counts(),
      requestCounts: () => handler.counts(),
      resetRequestCounts: () => handler.resetCounts(),
      injectFault: (fault) => handler.injectFault(fault),
      clearFaults: () => handler.clearFaults(),
      close: () =>
        (closed ??= new Promise<void>((resolve) => {
          listening.close(() => {
            store.close();
            resolve();
          });
          listening.closeAllConnections();
        })),
    };
  } catch (error) {
    server?.close();
    store.close();
    throw error;
  }
}
