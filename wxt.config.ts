import type { Plugin } from 'vite';
import { defineConfig } from 'wxt';
import { CRM_HOSTS, CRM_HOST_PATTERNS } from './lib/crm/hosts';
import { declaredRecordPages } from './lib/crm/record-pages';
import type { CrmId } from './lib/crm/types';
import { browserLocaleFiles } from './lib/i18n/browser-locales';

/**
 * Names each language's messages chunk `chunks/messages-<locale>.js`, after the builder's own output
 * options (which give every chunk a hashed name): the panel's first script preloads the likely one by
 * that name (`components/shared/messages-preload.ts`).
 */
const stableMessageChunkNames: Plugin = {
  name: 'stable-message-chunk-names',
  outputOptions(options) {
    const named = options.chunkFileNames;
    return {
      ...options,
      chunkFileNames: (chunk) => {
        const locale = /[\\/]lib[\\/]i18n[\\/]messages[\\/]([\w-]+)\.json$/.exec(chunk.facadeModuleId ?? '')?.[1];
        if (locale) return `chunks/messages-${locale}.js`;
        return typeof named === 'function' ? named(chunk) : (named ?? 'chunks/[name]-[hash].js');
      },
    };
  },
};

// The manifest is the security surface: host permissions only for the CRMs we support, the data
// source's origin and custom CRM domains as optional permissions asked for when the user adds them.
export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  // `npm run zip`: the store packages, and for addons.mozilla.org the source archive its reviewers build
  // from (`npm ci && npm run build:firefox`): what the build reads, not the tests, server or demo.
  zip: {
    excludeSources: ['demo-output/**', 'tests/**', 'server/**', 'scripts/**', 'docs/**', '**/*.test.ts', '**/*.test.tsx', '**/testing/**'],
  },
  // Explicit imports everywhere: a reader (and the type checker) sees where each name comes from.
  imports: false,
  hooks: {
    // The browser's `_locales` (name, description, command in each shipped language), from lib/i18n.
    'build:publicAssets': (_wxt, files) => {
      files.push(...browserLocaleFiles());
    },
    // Each CRM's content script runs on that CRM's record pages only (lib/crm/record-pages.ts), never
    // on a list view or home page (issue 5). Set here, at build time, so the scripts carry no copy of
    // the patterns; the background injects a script on an in-app navigation into a record.
    'build:manifestGenerated': (_wxt, manifest) => {
      for (const script of manifest.content_scripts ?? []) {
        const crm = /^content-scripts\/([a-z]+)\.js$/.exec(script.js?.[0] ?? '')?.[1];
        if (!crm || !(crm in CRM_HOSTS)) continue;
        const { matches, excludeMatches } = declaredRecordPages(crm as CrmId);
        script.matches = matches;
        if (excludeMatches.length) script.exclude_matches = excludeMatches;
        else delete script.exclude_matches;
      }
    },
  },
  // Each language's messages in a chunk with a stable name (`chunks/messages-<locale>.js`): the panel's
  // first script asks for the likely one by that name while the page's modules still load
  // (`components/shared/messages-preload.ts`). Other chunks keep the names the builder gives them.
  vite: () => ({ plugins: [stableMessageChunkNames] }),
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // `scripting`: registers a CRM's content script on a custom host the user added (and granted).
    // `alarms`: the data source's periodic sync and the retries of queued writes survive the worker stopping.
    // `offscreen` (Chromium): the page where stored comments are read, opened for a pass and closed after it.
    permissions: ['storage', 'unlimitedStorage', 'scripting', 'alarms', ...(browser === 'firefox' ? [] : ['offscreen'])],
    host_permissions: [...CRM_HOST_PATTERNS],
    // Asked for one origin at a time: a custom CRM host, or the data source's origin when it is saved.
    // Plain http only for a source on this computer (a token never crosses a network in clear).
    optional_host_permissions: ['https://*/*', 'http://127.0.0.1/*', 'http://localhost/*'],
    // Asked for only when the user turns follow-up notifications on (options page).
    optional_permissions: ['notifications'],
    web_accessible_resources: [
      {
        resources: ['panel.html'],
        matches: [...CRM_HOST_PATTERNS],
        ...(browser === 'firefox' ? {} : { use_dynamic_url: true }),
      },
    ],
    // What an administrator may set through policy (storage.managed); documented in the README.
    ...(browser === 'firefox' ? {} : { storage: { managed_schema: 'managed_schema.json' } }),
    commands: {
      'toggle-panel': {
        suggested_key: { default: 'Alt+Shift+N' },
        description: '__MSG_commandTogglePanel__',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'nps-context@example.org',
              // The first version that reads `data_collection_permissions` (140 is also the current ESR).
              strict_min_version: '140.0',
              // Nothing is collected by us: data goes only to the source the user configures.
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
