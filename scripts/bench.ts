/**
 * `npm run bench`: the benchmarks, one line per figure with its budget (architecture.md, "Budgets").
 * Benchmarks report figures and ratios; they never fail on a slow machine.
 *
 *   npm run bench                 all of them (builds the extension for the browser ones)
 *   npm run bench -- nps search   only the named groups
 */
import { execSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { benchNps, type BenchFigure } from '../lib/nps/bench';
import { benchImport } from '../lib/import/bench';
import { benchSearch } from '../lib/service/search.bench';
import { benchPanel } from '../tests/e2e/support/bench-panel';
import { benchOverhead } from '../tests/e2e/support/bench-overhead';
import { benchPopup } from '../tests/e2e/support/bench-popup';

const ROOT = path.resolve(import.meta.dirname, '..');

function print(f: BenchFigure) {
  const value = f.value >= 100 ? f.value.toFixed(0) : f.value >= 1 ? f.value.toFixed(2) : f.value.toFixed(3);
  const flag = f.value > f.budget ? '  (over budget)' : '';
  console.log(`${f.name} ${value} ${f.unit} (budget < ${f.budget} ${f.unit})${flag}`);
}

/** Each CRM has its own content script; each must fit the budget on its own. */
async function contentScriptSize(): Promise<BenchFigure[]> {
  const dir = path.join(ROOT, '.output/chrome-mv3/content-scripts');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.js'))
    .map((f) => ({ name: `content-script.size.${f.replace(/\.js$/, '')}`, value: statSync(path.join(dir, f)).size / 1024, unit: 'KB', budget: 15 }));
}

const GROUPS: Record<string, { browser: boolean; run: () => Promise<BenchFigure[]> }> = {
  nps: { browser: false, run: benchNps },
  search: { browser: false, run: benchSearch },
  import: { browser: false, run: benchImport },
  size: { browser: true, run: contentScriptSize },
  panel: { browser: true, run: benchPanel },
  overhead: { browser: true, run: benchOverhead },
  popup: { browser: true, run: benchPopup },
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const selected = Object.entries(GROUPS).filter(([name]) => wanted.length === 0 || wanted.includes(name));
if (selected.some(([, g]) => g.browser) && !process.argv.includes('--no-build')) {
  execSync('npx wxt build', { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}
for (const [name, group] of selected) {
  try {
    for (const figure of await group.run()) print(figure);
  } catch (error) {
    console.log(`${name}: not measured — ${error instanceof Error ? error.message : String(error)}`);
  }
}
