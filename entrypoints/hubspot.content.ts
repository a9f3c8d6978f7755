import { defineContentScript } from 'wxt/utils/define-content-script';
import { runOnce } from '../lib/content/once';
import { watchPages } from '../lib/content/page-watcher';
import { hubspot } from '../lib/crm/hubspot';

// One content script per CRM, so each page carries only its own adapter. The build narrows `matches`
// to the CRM's record pages (wxt.config.ts, lib/crm/record-pages.ts): a list view or home page gets no
// script. The background injects it on an in-app navigation into a record; runOnce keeps a second
// copy from doing anything.
export default defineContentScript({
  // Replaced at build time by every record page of `CRM_HOSTS.hubspot` (wxt.config.ts); one host here
  // keeps the scripts apart in the manifest and the list of hosts out of the script.
  matches: ['https://app.hubspot.com/*'],
  runAt: 'document_idle',
  noScriptStartedPostMessage: true,
  main: runOnce((ctx) => watchPages(ctx, hubspot)),
});
