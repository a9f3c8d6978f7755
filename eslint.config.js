import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import globals from 'globals';

/**
 * The layers, bottom to top (docs/architecture.md). A folder may import from its own layer's folders
 * only if they are the same folder, and from any layer below; never from above. Folders on one line
 * are peers that may not import each other.
 */
const LAYERS = [
  ['lib/core'],
  ['lib/i18n'],
  ['lib/model'],
  ['lib/crm'],
  ['lib/nps'],
  ['lib/insights'],
  ['lib/export'],
  ['lib/import'],
  ['lib/wire'],
  ['lib/sample'],
  ['lib/settings'],
  ['lib/store'],
  ['lib/accounts'],
  ['lib/sources'],
  ['lib/messaging'],
  ['lib/background', 'lib/content', 'components/shared'],
  ['components/panel', 'components/popup', 'components/options', 'components/demo', 'components/portfolio'],
  ['entrypoints'],
];

/** The reference data source shares the domain with the extension, never the extension's runtime. */
const SERVER_MAY_USE = ['lib/core', 'lib/model', 'lib/crm', 'lib/nps', 'lib/export', 'lib/import', 'lib/wire', 'lib/sample'];

function layerZones() {
  const zones = [];
  LAYERS.forEach((layer, rank) => {
    const above = LAYERS.slice(rank + 1).flat();
    for (const folder of layer) {
      const peers = layer.filter((other) => other !== folder);
      const forbidden = [...peers, ...above];
      if (forbidden.length === 0) continue;
      zones.push({
        target: `./${folder}/**`,
        from: forbidden.map((f) => `./${f}/**`),
        message: `${folder} sits below these in the layers (docs/architecture.md): depend downwards only.`,
      });
    }
  });
  const all = LAYERS.flat().concat(['server']);
  zones.push({
    target: './server/**',
    from: all.filter((f) => f !== 'server' && !SERVER_MAY_USE.includes(f)).map((f) => `./${f}/**`),
    message: `server/ uses only ${SERVER_MAY_USE.join(', ')} (docs/architecture.md).`,
  });
  return zones;
}

export default tseslint.config(
  { ignores: ['.output/**', '.wxt/**', 'node_modules/**', 'demo-output/**', 'test-results/**', 'playwright-report/**', 'bench-output/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks, 'import-x': importX },
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Customer text is rendered as text, never markup.' },
      ],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': ['error', { zones: layerZones() }],
    },
  },
  {
    // The content script runs on the CRM's page and must stay small (< 15 KB): no zod, and only types
    // from the modules that validate with it. `tests/unit/content-closure.test.ts` walks the whole closure too.
    files: ['lib/content/**/*.ts', 'entrypoints/*.content.ts', 'entrypoints/panel-chrome.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'zod', message: 'No zod in the content script: it runs on the CRM page (architecture.md budgets).' }],
          patterns: [
            {
              regex: '(^|/)(messaging/protocol|model(/index|/page|/events)?|settings(/index)?)$',
              allowTypeImports: true,
              message: 'These modules build zod schemas: the content script imports their types only.',
            },
            {
              regex: '(^|/)insights(/|$)',
              allowTypeImports: true,
              message: 'lib/insights bundles an English language model (megabytes): the content script imports its types only.',
            },
          ],
        },
      ],
    },
  },
  {
    // The extension never runs the reference server's code; only its tests start one (in `testing/`
    // folders or test files) to talk to over loopback.
    files: ['lib/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}', 'entrypoints/**/*.{ts,tsx}'],
    ignores: ['**/*.test.{ts,tsx}', '**/testing/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '(^|/)server(/|$)', message: 'server/ is the reference data source, not part of the extension: talk to it over HTTP.' }] },
      ],
    },
  },
  {
    // (After the block above, whose rule this one repeats for the files it covers: the later block wins.)
    // The analysers bundle an English language model (megabytes): only the pages that read comments (the
    // offscreen document, the import worker) load them. Everything else takes the light files: the
    // result key, the taxonomy, the panel's aggregates and the types.
    files: ['lib/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}', 'entrypoints/**/*.{ts,tsx}'],
    ignores: ['**/*.test.{ts,tsx}', '**/testing/**', 'lib/insights/**', 'entrypoints/offscreen/**', 'lib/import/worker*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '(^|/)insights(/index|/analyse|/nlp|/language|/sentiment)?$', message: 'This loads the language model: import lib/insights/key, taxonomy, aggregate or types instead.' },
            { regex: '(^|/)server(/|$)', message: 'server/ is the reference data source, not part of the extension: talk to it over HTTP.' },
          ],
        },
      ],
    },
  },
  {
    // Playwright fixtures take `{}` and call `use`: neither is React.
    files: ['tests/e2e/**/*.ts'],
    rules: { 'no-empty-pattern': 'off', 'react-hooks/rules-of-hooks': 'off' },
  },
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
);
