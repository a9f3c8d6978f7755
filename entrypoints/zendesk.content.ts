import { defineContentScript } from 'wxt/utils/define-content-script';
import { runOnce } from '../lib/content/once';
import { watchPages } from '../lib/content/page-watcher';
import { readZendeskApi } from '../lib/content/zendesk-api';
import { zendesk } from '../lib/crm/zendesk';

// One content script per CRM, so each page carries only its own adapter. The build narrows `matches`
// to the CRM's record pages (wxt.config.ts, lib/crm/record-pages.ts): a view or the dashboard gets no
// script. The background injects it on an in-app navigation into a record; runOnce keeps a second
// copy from doing anything. Zendesk's own API (same origin, read-only) names the organization when the
// DOM does not; the background validates what it returns.
export default defineContentScript({
  // Replaced at build time by every record page of `CRM_HOSTS.zendesk` (wxt.config.ts); one host here
  // keeps the scripts apart in the manifest and the list of hosts out of the script.
  matches: ['https://*.zendesk.com/*'],
  runAt: 'document_idle',
  noScriptStartedPostMessage: true,
  main: runOnce((ctx) =>
    watchPages(ctx, zendesk, {
      enrich: async (page, signal) => {
        const zendeskApi = await readZendeskApi(page, { signal });
        return zendeskApi.length ? { zendeskApi } : {};
      },
    }),
  ),
});
