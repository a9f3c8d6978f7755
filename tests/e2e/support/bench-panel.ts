/**
 * The panel's budgets (issue 6), in a real Chromium with the built extension:
 * - ready after navigation: from an in-app URL change on a Salesforce page to the panel showing the new
 *   account from the local cache in its `ready` state (median of 20), from a record page (the content
 *   script runs already) and from a list view (no content script yet: the background injects it when
 *   the URL names a record, so this includes the injection);
 * - the panel page's script: every chunk `panel.html` loads, followed through their imports, gzipped.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Frame, Page } from '@playwright/test';
import type { BenchFigure } from '../../../scripts/bench/nps';
import { generateSample } from '../../../lib/sample';
import { EXTENSION_DIR, launchWithExtension } from './chromium';
import { serveCrmFixtures } from './crm-pages';

/** The account's name in a panel that has reached its `ready` state. */
const READY_NAME = '[data-testid="nps-panel"][data-state="ready"] [data-testid="panel-account-name"]';

/** Matches the whole of `name`, no more. */
const exactName = (name: string) => new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const isPanelFrame = (frame: Frame) => frame.url().includes('/panel.html');

/**
 * Resolves once the panel frame on `page` shows `name` in its `ready` state. Checked in the panel's
 * own frame on every animation frame: a locator's `waitFor` retries after 0, 20, 50, 100, 100, 500 ms,
 * which rounds a figure up to the next of about 30, 85, 185 or 285 ms and hides any change in between.
 * `created`: the panel frame's first navigation, for a page that has no frame yet.
 */
async function panelShows(page: Page, name: string, created?: Promise<Frame>): Promise<void> {
  const frame = page.frames().find(isPanelFrame) ?? (await created);
  if (!frame) throw new Error('No panel frame on the page');
  await frame.waitForFunction(
    ([selector, expected]) => [...document.querySelectorAll(selector!)].some((el) => el.textContent === expected),
    [READY_NAME, name] as const,
    { polling: 'raf' },
  );
}

type PhaseName = 'frame-created' | 'page-loaded' | 'modules-run' | 'data-asked' | 'data-arrived' | 'first-ready';

/**
 * When each step of a new panel happened, in ms from the URL change (`pushedAt`, epoch ms): the frame's
 * document created (the content script injected, the page detected and reported, the frame inserted),
 * its scripts loaded and run, its first call for the data sent and answered, the account first shown.
 */
async function panelPhases(frame: Frame, pushedAt: number): Promise<Partial<Record<PhaseName, number>>> {
  // No named helpers inside: the function is sent as text and must not need the bundler's own helpers.
  return frame.evaluate((pushed) => {
    const origin = performance.timeOrigin;
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    const found: Record<string, number | undefined> = { 'frame-created': 0, 'page-loaded': nav?.domContentLoadedEventEnd || undefined };
    for (const name of ['modules-run', 'data-asked', 'data-arrived', 'first-ready']) found[name] = performance.getEntriesByName(`nps-panel:${name}`, 'mark')[0]?.startTime;
    const out: Record<string, number> = {};
    for (const [name, ms] of Object.entries(found)) if (ms !== undefined) out[name] = origin + ms - pushed;
    return out;
  }, pushedAt);
}

/**
 * The scripts a page loads: its module entry and preloads, then every chunk they import statically, once
 * each; and apart, the chunks they import only when asked (`import()`: a language's messages).
 */
export function pageScripts(extensionDir: string, html: string): { loaded: string[]; onDemand: string[] } {
  const page = readFileSync(path.join(extensionDir, html), 'utf8');
  const queue = [...page.matchAll(/<script[^>]*\ssrc="([^"]+\.js)"|<link[^>]*rel="modulepreload"[^>]*href="([^"]+\.js)"/g)].map(
    (m) => path.join(extensionDir, m[1] ?? m[2]!),
  );
  const seen = new Set<string>();
  const onDemand = new Set<string>();
  while (queue.length) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    for (const m of code.matchAll(/(\bfrom\s*|\bimport\s*\(?\s*)["'](\.{1,2}\/[^"']+\.js)["']/g)) {
      const target = path.resolve(path.dirname(file), m[2]!);
      if (m[1]!.includes('(')) onDemand.add(target);
      else queue.push(target);
    }
  }
  return { loaded: [...seen], onDemand: [...onDemand].filter((f) => !seen.has(f)) };
}

const gzipped = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

/**
 * What the panel's page loads: its scripts, and the one language file it speaks (the largest of them,
 * Japanese, is counted); the other languages are never loaded by the same page.
 */
export function panelScriptSize(extensionDir = EXTENSION_DIR): BenchFigure[] {
  const { loaded, onDemand } = pageScripts(extensionDir, 'panel.html');
  if (loaded.length === 0) throw new Error('panel.html loads no script');
  const scripts = loaded.reduce((sum, f) => sum + gzipped(f), 0);
  const languages = onDemand.map(gzipped);
  const language = languages.length ? Math.max(...languages) : 0;
  return [
    { name: `panel.script.gzip (${loaded.length} files and the largest of ${languages.length} language files)`, value: (scripts + language) / 1024, unit: 'KB', budget: 150 },
    { name: 'panel.script.gzip.without-language-file', value: scripts / 1024, unit: 'KB', budget: NaN },
  ];
}

export async function benchPanel(): Promise<BenchFigure[]> {
  const sample = generateSample({ seed: 5, accounts: 60, now: Date.now() });
  const accounts = sample.accounts.filter((a) => a.salesforceIds.length > 0).slice(0, 21);
  const { context, extensionId } = await launchWithExtension();
  try {
    await serveCrmFixtures(context, {
      salesforceAccounts: accounts.map((a) => ({ id: a.salesforceIds[0]!, name: a.name, domain: a.domains[0] })),
    });
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/options.html`);
    for (const [name, csv] of [
      ['responses.csv', sample.responsesCsv],
      ['actions.csv', sample.actionsCsv],
      ['sends.csv', sample.sendsCsv],
    ] as const) {
      await page.getByTestId('import-file').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await page.locator('[data-testid="import-summary"][data-imported]').filter({ hasText: name }).waitFor({ timeout: 60_000 });
    }

    await page.goto(`https://bench.lightning.force.com/lightning/r/Account/${accounts[0]!.salesforceIds[0]}/view`);
    const frame = page.frameLocator('[data-testid="nps-panel-frame"]');
    await frame.locator('[data-testid="nps-panel"][data-state="ready"]').waitFor();
    const times: number[] = [];
    for (const account of accounts.slice(1)) {
      const start = performance.now();
      await page.evaluate((id) => history.pushState({}, '', `/lightning/r/Account/${id}/view`), account.salesforceIds[0]!);
      await panelShows(page, account.name);
      times.push(performance.now() - start);
      await frame.locator(READY_NAME).filter({ hasText: exactName(account.name) }).waitFor();
    }

    // From a list view, loaded afresh each time: the page has no content script until the URL names a record.
    const fromList: number[] = [];
    const phases: Record<PhaseName, number[]> = { 'frame-created': [], 'page-loaded': [], 'modules-run': [], 'data-asked': [], 'data-arrived': [], 'first-ready': [] };
    for (const account of accounts.slice(1)) {
      await page.goto('https://bench.lightning.force.com/lightning/o/Account/list?filterName=Recent');
      const created = page.waitForEvent('framenavigated', { predicate: isPanelFrame, timeout: 30_000 });
      created.catch(() => undefined);
      const start = performance.now();
      const pushedAt = await page.evaluate((id) => {
        history.pushState({}, '', `/lightning/r/Account/${id}/view`);
        return performance.timeOrigin + performance.now();
      }, account.salesforceIds[0]!);
      await panelShows(page, account.name, created);
      fromList.push(performance.now() - start);
      const panelFrame = page.frames().find(isPanelFrame);
      if (panelFrame) for (const [phase, at] of Object.entries(await panelPhases(panelFrame, pushedAt))) phases[phase as PhaseName].push(at);
      await frame.locator(READY_NAME).filter({ hasText: exactName(account.name) }).waitFor();
    }
    return [
      { name: 'panel.ready-after-navigation.median', value: median(times), unit: 'ms', budget: 150 },
      { name: 'panel.ready-after-navigation-from-list.median (script injected)', value: median(fromList), unit: 'ms', budget: 150 },
      // Where that time goes, each from the URL change (medians; the User Timing marks of the panel's page).
      ...Object.entries(phases)
        .filter(([, times]) => times.length > 0)
        .map(([phase, times]) => ({ name: `panel.from-list.${phase}.median`, value: median(times), unit: 'ms', budget: NaN })),
    ];
  } finally {
    await context.close();
  }
}
