/**
 * Runs project modules in a plain Chromium page (no extension): an entry file is bundled with Vite into
 * one script, served with a blank HTML page on a loopback origin through `page.route` (no server, no
 * port), so IndexedDB and the other web APIs behave as on any real origin. Used by the store-migration
 * end-to-end test and the import benchmark's parse-only and analytics figures.
 */
import type { Page } from '@playwright/test';
import path from 'node:path';
import { build, type Rollup } from 'vite';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const cache = new Map<string, Promise<string>>();

/** The entry (a path from the repository root) as one classic script that runs in a browser. */
export function bundleForBrowser(entry: string): Promise<string> {
  let code = cache.get(entry);
  if (!code) {
    code = build({
      root: ROOT,
      configFile: false,
      logLevel: 'silent',
      define: { 'process.env.NODE_ENV': '"production"' },
      build: {
        write: false,
        minify: false,
        emptyOutDir: false,
        lib: { entry: path.join(ROOT, entry), formats: ['iife'], name: 'harness', fileName: () => 'harness.js' },
        // Bundling notes about dependencies' comments are not the test's business.
        rollupOptions: { onwarn: () => undefined },
      },
    }).then((output) => {
      const outputs = (Array.isArray(output) ? output : [output]) as Rollup.RollupOutput[];
      const chunk = outputs.flatMap((o) => o.output).find((o): o is Rollup.OutputChunk => o.type === 'chunk');
      if (!chunk) throw new Error(`Bundling ${entry} produced no script`);
      return chunk.code;
    });
    cache.set(entry, code);
  }
  return code;
}

export const HARNESS_ORIGIN = 'http://localhost:47391';

/**
 * Opens the bundled entry in `page` on the loopback origin (a page with one file input, `#file`).
 * Each test gets its own origin path, but they share the origin's storage: name databases apart, or
 * give an origin of the test's own (a quota forced on an origin applies only before it first stores).
 */
export async function openHarness(page: Page, entry: string, origin = HARNESS_ORIGIN): Promise<void> {
  const script = await bundleForBrowser(entry);
  await page.route(`${origin}/**`, (route) => {
    const url = new URL(route.request().url());
    if (url.pathname === '/harness.js') return route.fulfill({ contentType: 'text/javascript', body: script });
    return route.fulfill({
      contentType: 'text/html',
      body: '<!doctype html><meta charset="utf-8"><title>harness</title><input type="file" id="file"><script src="/harness.js"></script>',
    });
  });
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => 'harness' in window);
}
