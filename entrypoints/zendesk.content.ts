import { defineContentScript } from 'wxt/utils/define-content-script';
import { watchPages } from '../lib/content/page-watcher';
import { readZendeskApi } from '../lib/content/zendesk-api';
import { CRM_HOSTS } from '../lib/crm/hosts';
import { zendesk } from '../lib/crm/zendesk';

// One content script per CRM, so each page carries only its own adapter. Zendesk's own API (same origin,
// read-only) names the organization when the DOM does not; the background validates what it returns.
export default defineContentScript({
  matches: [...CRM_HOSTS.zendesk],
  runAt: 'document_idle',
  main: (ctx) =>
    watchPages(ctx, zendesk, {
      enrich: async (page, signal) => {
        const zendeskApi = await readZendeskApi(page, { signal });
        return zendeskApi.length ? { zendeskApi } : {};
      },
    }),
});
