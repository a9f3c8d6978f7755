/**
 * The content script runs on the CRM's page and must stay small: nothing it loads at run time may
 * import zod. Walks the value imports (type-only imports are erased) from every content entry point.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(import.meta.dirname, '../..');

function resolveRelative(from: string, spec: string): string | null {
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')]) {
    if (existsSync(candidate) && !candidate.endsWith(path.sep) && /\.tsx?$/.test(candidate)) return candidate;
  }
  return null;
}

/** The modules a file imports for values (not `import type`, not imports whose every name is a type). */
function valueImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
  const specs: string[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      if (clause?.isTypeOnly) continue;
      const named = clause?.namedBindings;
      const onlyTypes =
        clause && !clause.name && named && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly);
      if (onlyTypes) continue;
      specs.push((statement.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && !statement.isTypeOnly) {
      specs.push((statement.moduleSpecifier as ts.StringLiteral).text);
    }
  }
  return specs;
}

/** Every module (files and packages) loaded at run time from `entry`. */
function closure(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const stack = [entry];
  while (stack.length) {
    const file = stack.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    for (const spec of valueImports(file)) {
      if (spec.startsWith('.')) {
        const target = resolveRelative(file, spec);
        if (target) stack.push(target);
      } else packages.add(spec);
    }
  }
  return { files, packages };
}

const entries = [
  ...readdirSync(path.join(ROOT, 'entrypoints'))
    .filter((f) => f.endsWith('.content.ts'))
    .map((f) => path.join(ROOT, 'entrypoints', f)),
  path.join(ROOT, 'entrypoints/panel-chrome.ts'),
];

test('there is a content script for every built-in CRM', () => {
  expect(entries.length).toBeGreaterThanOrEqual(7);
});

test.each(entries.map((e) => [path.relative(ROOT, e)]))('%s loads no zod, and nothing above the content layer', (entry) => {
  const { files, packages } = closure(path.join(ROOT, entry));
  expect([...packages].filter((p) => p === 'zod' || p.startsWith('zod/'))).toEqual([]);
  const allowed = ['lib/content/', 'lib/messaging/', 'lib/crm/', 'lib/settings/', 'lib/core/', 'entrypoints/'];
  const outside = [...files].map((f) => path.relative(ROOT, f)).filter((f) => !allowed.some((a) => f.startsWith(a)));
  expect(outside).toEqual([]);
});

test('the walk sees through a type-only import and follows a value import', () => {
  const protocolUser = path.join(ROOT, 'lib/messaging/client.ts');
  const { files, packages } = closure(protocolUser);
  // client.ts imports the protocol's types only: the protocol (which builds zod schemas) is not loaded.
  expect([...files].some((f) => f.endsWith('protocol.ts'))).toBe(false);
  expect(packages.has('zod')).toBe(false);
  // The protocol itself does load zod: the walk would notice a value import of it.
  expect(closure(path.join(ROOT, 'lib/messaging/protocol.ts')).packages.has('zod')).toBe(true);
});
