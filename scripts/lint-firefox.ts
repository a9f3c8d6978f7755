/**
 * `npm run lint:firefox`: Mozilla's linter for addons.mozilla.org (`web-ext lint`) on the Firefox build.
 * Fails on any error or notice, and on any warning not explained below (each explanation names the
 * code, where it is and why it is not a problem); an explained warning that no longer occurs fails too,
 * so the list stays true.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const BUILD = path.join(ROOT, '.output/firefox-mv3');

interface Finding {
  code: string;
  message: string;
  file?: string;
  line?: number;
}

interface Explained {
  code: string;
  /** The built file it occurs in (a chunk's name without its hash). */
  file: RegExp;
  /** How many times it occurs there. */
  count: number;
  why: string;
}

const EXPLAINED: Explained[] = [
  {
    code: 'UNSAFE_VAR_ASSIGNMENT',
    file: /^chunks\/theme-[\w-]+\.js$/,
    count: 2,
    why: "React DOM's own `dangerouslySetInnerHTML` support (its two property paths); the project never uses it: customer text is rendered as text (eslint forbids the prop).",
  },
];

if (!existsSync(path.join(BUILD, 'manifest.json'))) {
  console.error('No Firefox build: run `npm run build` (or `npm run build:firefox`) first.');
  process.exit(1);
}

let output: string;
try {
  output = execFileSync(path.join(ROOT, 'node_modules/.bin/web-ext'), ['lint', '--source-dir', BUILD, '--output', 'json', '--no-config-discovery'], {
    encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
  });
} catch (error) {
  // web-ext exits non-zero when there are errors; the report is still on stdout.
  output = String((error as { stdout?: string }).stdout ?? '');
  if (!output.trim().startsWith('{')) throw error;
}
const report = JSON.parse(output) as { errors: Finding[]; notices: Finding[]; warnings: Finding[] };
const where = (f: Finding) => `${f.file ?? 'manifest'}${f.line ? `:${f.line}` : ''}`;
const problems: string[] = [];
for (const f of [...report.errors, ...report.notices]) problems.push(`${f.code} at ${where(f)}: ${f.message}`);
const seen = new Map<Explained, number>();
for (const f of report.warnings) {
  const explained = EXPLAINED.find((e) => e.code === f.code && e.file.test(f.file ?? ''));
  if (explained) seen.set(explained, (seen.get(explained) ?? 0) + 1);
  else problems.push(`${f.code} at ${where(f)}: ${f.message}`);
}
for (const e of EXPLAINED) {
  const n = seen.get(e) ?? 0;
  if (n !== e.count) problems.push(`${e.code} in ${e.file}: expected ${e.count} (explained: ${e.why}), found ${n}; update the explanation`);
}
for (const [e, n] of seen) console.log(`explained: ${e.code} ×${n} in ${e.file} — ${e.why}`);
if (problems.length > 0) {
  console.error(`web-ext lint: ${problems.length} problem(s) in the Firefox build:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  process.exit(1);
}
console.log(`web-ext lint: the Firefox build is clean (${report.errors.length} errors, ${report.notices.length} notices, ${report.warnings.length} explained warnings).`);
