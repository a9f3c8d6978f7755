/**
 * The panel's budgets (issue 6), in a real Chromium with the built extension:
 * - ready after navigation: from an in-app URL change on a Salesforce page to the panel showing the new
 *   account from the local cache in its `ready` state (median of 20), from a record page (the content
 *   script runs already) and from a list view (no content script yet: the background injects it when
 *   the URL names a record, so this includes the injection), with its floor beside it: the same path to
 *   an extension frame that shows the name and does nothing else;
 * - the panel page's script: every chunk `panel.html` loads, followed through their imports, gzipped.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

type PhaseName = 'frame-created' | 'page-loaded' | 'modules-run' | 'language-loaded' | 'data-asked' | 'data-arrived' | 'first-ready';

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
    for (const name of ['modules-run', 'language-loaded', 'data-asked', 'data-arrived', 'first-ready']) found[name] = performance.getEntriesByName(`nps-panel:${name}`, 'mark')[0]?.startTime;
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

/** Accounts of the sample the panel bench opens, each with a Salesforce record page. */
function benchAccounts() {
  const sample = generateSample({ seed: 5, accounts: 60, now: Date.now() });
  return { sample, accounts: sample.accounts.filter((a) => a.salesforceIds.length > 0).slice(0, 21) };
}

/** A browser with the extension in `extensionDir`, the sample imported and the CRM's pages served. */
async function preparedBrowser(extensionDir: string) {
  const { sample, accounts } = benchAccounts();
  const { context, extensionId } = await launchWithExtension({ extensionDir });
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
  return { context, page, accounts };
}

/**
 * From a list view, loaded afresh each time (the page has no content script until the URL names a
 * record), to the panel showing the account in its `ready` state: the times, and where they went.
 */
async function fromListTimes(page: Page, accounts: ReturnType<typeof benchAccounts>['accounts']) {
  const frame = page.frameLocator('[data-testid="nps-panel-frame"]');
  const times: number[] = [];
  const phases: Record<PhaseName, number[]> = { 'frame-created': [], 'page-loaded': [], 'modules-run': [], 'language-loaded': [], 'data-asked': [], 'data-arrived': [], 'first-ready': [] };
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
    times.push(performance.now() - start);
    const panelFrame = page.frames().find(isPanelFrame);
    if (panelFrame) for (const [phase, at] of Object.entries(await panelPhases(panelFrame, pushedAt))) phases[phase as PhaseName].push(at);
    await frame.locator(READY_NAME).filter({ hasText: exactName(account.name) }).waitFor();
  }
  return { times, phases };
}

/**
 * The floor under the panel's figure from a list view: the same extension with a panel page that has
 * nothing in it but the account's name, shown by one tiny module. What remains is the browser's own cost
 * of a new extension frame in a CRM page (the injection, the page's report, the frame's navigation into
 * the extension's process, its first module): the panel cannot be ready sooner than this frame is.
 */
async function emptyFrameFromList(): Promise<number[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'nps-bench-empty-frame-'));
  try {
    cpSync(EXTENSION_DIR, dir, { recursive: true });
    // The page knows no account: it lists every name the bench opens, and the check finds the one expected.
    const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
    const names = benchAccounts()
      .accounts.map((a) => `<span data-testid="panel-account-name">${escape(a.name)}</span>`)
      .join('');
    writeFileSync(
      path.join(dir, 'panel.html'),
      `<!doctype html><html><head><meta charset="UTF-8"><script type="module" src="/empty-panel.js"></script></head><body><div data-testid="nps-panel" data-state="ready">${names}</div></body></html>`,
    );
    writeFileSync(path.join(dir, 'empty-panel.js'), "performance.mark('nps-panel:modules-run');\n");
    const { context, page, accounts: opened } = await preparedBrowser(dir);
    try {
      return (await fromListTimes(page, opened)).times;
    } finally {
      await context.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchPanel(): Promise<BenchFigure[]> {
  const { times, fromList } = await panelTimes();
  const floor = await emptyFrameFromList();
  return [
    { name: 'panel.ready-after-navigation.median', value: median(times), unit: 'ms', budget: 150 },
    { name: 'panel.ready-after-navigation-from-list.median (script injected)', value: median(fromList.times), unit: 'ms', budget: 150 },
    { name: 'panel.ready-after-navigation-from-list.floor.empty-extension-frame.median', value: median(floor), unit: 'ms', budget: NaN },
    // Where that time goes, each from the URL change (medians; the User Timing marks of the panel's page).
    ...Object.entries(fromList.phases)
      .filter(([, phaseTimes]) => phaseTimes.length > 0)
      .map(([phase, phaseTimes]) => ({ name: `panel.from-list.${phase}.median`, value: median(phaseTimes), unit: 'ms', budget: NaN })),
  ];
}

/** The panel from one record to the next (its frame there already), then from a list view. */
async function panelTimes() {
  const { context, page, accounts } = await preparedBrowser(EXTENSION_DIR);
  try {
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
    return { times, fromList: await fromListTimes(page, accounts) };
  } finally {
    await context.close();
  }
}
