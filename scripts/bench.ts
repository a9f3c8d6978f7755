/**
 * `npm run bench`: the benchmarks, one line per figure with its budget (`docs/architecture.md`, "Budgets").
 * Benchmarks report figures and ratios; they never fail on a slow machine.
 *
 *   npm run bench                 all of them (builds the extension for the browser ones)
 *   npm run bench -- nps search   only the named groups
 *   npm run bench -- source       the extension's HTTP source, then the reference source under a team's
 *                                 load (what `source-load` runs alone: Postgres, several minutes)
 */
import { execSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { benchNps, type BenchFigure } from './bench/nps';
import { benchImport } from './bench/import';
import { benchSearch } from './bench/search';
import { benchInsights } from './bench/insights';
import { benchSourceLoad } from './bench/source-load';
import { benchPanel, panelScriptSize } from '../tests/e2e/support/bench-panel';
import { benchOverhead } from '../tests/e2e/support/bench-overhead';
import { benchSource } from '../tests/e2e/support/bench-source';
import { benchImportBrowser, benchImportSurveyExportBrowser, type ImportBenchFigure } from '../tests/e2e/support/bench-import';
import { benchPopup } from '../tests/e2e/support/bench-popup';

const ROOT = path.resolve(import.meta.dirname, '..');

function print(f: ImportBenchFigure) {
  const value = f.value >= 100 ? f.value.toFixed(0) : f.value >= 1 ? f.value.toFixed(2) : f.value.toFixed(3);
  // A figure with no budget (a ratio, a size) is context for the others; `atLeast` budgets are floors.
  if (!Number.isFinite(f.budget)) return console.log(`${f.name} ${value} ${f.unit}`);
  const flag = (f.atLeast ? f.value < f.budget : f.value > f.budget) ? `  (${f.atLeast ? 'under' : 'over'} budget)` : '';
  const budget = f.budget >= 100 ? f.budget.toFixed(0) : String(f.budget);
  console.log(`${f.name} ${value} ${f.unit} (budget ${f.atLeast ? '≥' : '<'} ${budget} ${f.unit})${flag}`);
}

/**
 * Each CRM has its own content script; each must fit the budget on its own. The panel's chrome (frame,
 * tab, resize handle) is injected only once a page shows a record, so it is reported apart.
 */
async function contentScriptSize(): Promise<BenchFigure[]> {
  const dir = path.join(ROOT, '.output/chrome-mv3/content-scripts');
  const chrome = path.join(ROOT, '.output/chrome-mv3/panel-chrome.js');
  return [
    ...readdirSync(dir)
      .filter((f) => f.endsWith('.js'))
      .map((f) => ({ name: `content-script.size.${f.replace(/\.js$/, '')}`, value: statSync(path.join(dir, f)).size / 1024, unit: 'KB', budget: 15 })),
    { name: 'content-script.size.panel-chrome (record pages only)', value: statSync(chrome).size / 1024, unit: 'KB', budget: 15 },
  ];
}

interface Group {
  browser: boolean;
  run: () => Promise<BenchFigure[]>;
  /** Only when named. */
  optIn?: boolean;
  /** Run after `run` when the group is named (not in the default run). */
  whenNamed?: () => Promise<BenchFigure[]>;
}

const GROUPS: Record<string, Group> = {
  nps: { browser: false, run: benchNps },
  search: { browser: false, run: benchSearch },
  insights: { browser: false, run: benchInsights },
  // Parsing in Node, then 1,000,000 rows through the built extension in Chromium (a few minutes).
  import: { browser: true, run: async () => [...(await benchImport()), ...(await benchImportBrowser()), ...(await benchImportSurveyExportBrowser())] },
  // A survey tool's export as it comes (Qualtrics' layout), 1,000,000 answers through the extension.
  'import-survey': { browser: true, run: benchImportSurveyExportBrowser, optIn: true },
  size: { browser: true, run: contentScriptSize },
  panel: { browser: true, run: async () => [...panelScriptSize(), ...(await benchPanel())] },
  overhead: { browser: true, run: benchOverhead },
  // The HTTP data source: cold from the loopback reference server, warm from the cache; named, the
  // reference source under load too.
  source: { browser: true, run: benchSource, whenNamed: benchSourceLoad },
  popup: { browser: true, run: benchPopup },
  // The reference source under load: 1,000,000 responses, 200 clients for 60 s, two processes on Postgres
  // and one on SQLite (not in the default run: it needs Postgres and several minutes).
  'source-load': { browser: false, run: benchSourceLoad, optIn: true },
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const selected = Object.entries(GROUPS).filter(([name, group]) => (wanted.length === 0 ? !group.optIn : wanted.includes(name)));
if (selected.some(([, g]) => g.browser) && !process.argv.includes('--no-build')) {
  execSync('npx wxt build', { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}
for (const [name, group] of selected) {
  try {
    for (const figure of await group.run()) print(figure);
    if (group.whenNamed && wanted.includes(name)) for (const figure of await group.whenNamed()) print(figure);
  } catch (error) {
    console.log(`${name}: not measured — ${error instanceof Error ? error.message : String(error)}`);
  }
}
