/**
 * The HTTP data source for end-to-end tests, the demo and the benchmarks: the reference server on
 * loopback with seeded sample data, a pass-through proxy in front of it that can spoil answers on
 * demand (for the malformed-response test), and the browser-side steps a user takes to configure it.
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BrowserContext, Page } from '@playwright/test';
import { startReferenceServer, type ReferenceServer } from '../../../server';

export const SOURCE_TOKEN = 'e2e-token-7f3a9c1d2b4e6f80';

export interface SourceHarness {
  server: ReferenceServer;
  /** The URL the extension is configured with (the proxy's). */
  url: string;
  /** Rewrites the JSON body of matching answers while set. */
  spoil: ((path: string, body: unknown) => unknown) | null;
  close(): Promise<void>;
}

export async function startSourceHarness(
  options: { seed?: number; accounts?: number; now?: number; /** A Postgres URL; default SQLite in memory. */ dbPath?: string } = {},
): Promise<SourceHarness> {
  const server = await startReferenceServer({
    token: SOURCE_TOKEN,
    dbPath: options.dbPath,
    testHooks: true,
    name: 'Reference source',
    sample: { seed: options.seed ?? 20261123, accounts: options.accounts ?? 60, now: options.now },
  });
  const target = new URL(server.url);
  const harness: SourceHarness = { server, url: '', spoil: null, close: async () => undefined };
  const proxy: Server = createServer((req, res) => {
    const upstream = httpRequest(
      { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        const spoil = harness.spoil;
        if (!spoil || !(answer.headers['content-type'] ?? '').includes('json')) {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
          return;
        }
        const chunks: Buffer[] = [];
        answer.on('data', (c: Buffer) => chunks.push(c));
        answer.on('end', () => {
          const path = new URL(req.url ?? '/', 'http://x').pathname;
          const body = JSON.stringify(spoil(path, JSON.parse(Buffer.concat(chunks).toString('utf8'))));
          const headers = { ...answer.headers, 'content-length': String(Buffer.byteLength(body)) };
          res.writeHead(answer.statusCode ?? 502, headers);
          res.end(body);
        });
      },
    );
    upstream.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  harness.url = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/`;
  harness.close = async () => {
    await new Promise<void>((resolve) => {
      proxy.close(() => resolve());
      proxy.closeAllConnections();
    });
    await server.close();
  };
  return harness;
}

/**
 * Grants the extension access to an origin as the browser's permission prompt would when the user
 * accepts it (automation cannot click the prompt). The options page's `permissions.request` then
 * resolves at once with `true`.
 */
export async function grantOrigin(context: BrowserContext, extensionId: string, pattern: string): Promise<void> {
  const page = await context.newPage();
  try {
    await page.goto('chrome://extensions/');
    await page.evaluate(
      ([id, host]) =>
        (globalThis as unknown as { chrome: { developerPrivate: { addHostPermission(id: string, host: string): Promise<void> } } }).chrome.developerPrivate.addHostPermission(
          id!,
          host!,
        ),
      [extensionId, pattern],
    );
  } finally {
    await page.close();
  }
}

/** Types the source's settings into the options page and saves them, as a user would. */
export async function configureSourceInOptions(
  page: Page,
  extensionId: string,
  source: { url: string; token: string; name?: string; ttlMinutes?: number },
): Promise<void> {
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  const section = page.getByTestId('source-section');
  await section.getByTestId('source-kind-http').check();
  await section.getByTestId('source-url').fill(source.url);
  await section.getByTestId('source-name').fill(source.name ?? 'Reference source');
  await section.getByTestId('source-token').fill(source.token);
  if (source.ttlMinutes) await section.getByTestId('source-ttl').fill(String(source.ttlMinutes));
  await section.getByTestId('source-save').click();
  await section.getByTestId('source-message').filter({ hasText: /Saved/ }).waitFor({ timeout: 15_000 });
}

/** Calls the background service from an extension page, as the extension's own pages do. */
export async function callService<T>(page: Page, method: string, input: unknown): Promise<T> {
  const reply = await page.evaluate(
    ([m, i]) =>
      (globalThis as unknown as { chrome: { runtime: { sendMessage(message: unknown): Promise<{ ok: boolean; value?: unknown; error?: string }> } } }).chrome.runtime.sendMessage({
        channel: 'nps-service',
        method: m,
        input: i,
      }),
    [method, input] as const,
  );
  if (!reply.ok) throw new Error(`${method}: ${reply.error}`);
  return reply.value as T;
}

/**
 * Stops the extension's service worker as the browser does when it is idle (DevTools protocol, from one
 * of the extension's pages), and resolves once the browser reports it stopped.
 */
export async function stopServiceWorkers(page: Page, timeoutMs = 15_000): Promise<void> {
  const pageUrl = new URL(page.url());
  // `URL.origin` is "null" for chrome-extension: URLs; compare scheme and host instead.
  const prefix = `${pageUrl.protocol}//${pageUrl.host}/`;
  const cdp = await page.context().newCDPSession(page);
  try {
    const stopped = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('The service worker did not stop')), timeoutMs);
      cdp.on('ServiceWorker.workerVersionUpdated', (event) => {
        const ours = event.versions.filter((v) => v.scriptURL.startsWith(prefix));
        if (ours.length > 0 && ours.every((v) => v.runningStatus === 'stopped')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await stopped;
  } finally {
    await cdp.detach();
  }
}
