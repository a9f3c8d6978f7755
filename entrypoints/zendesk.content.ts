import { defineContentScript } from 'wxt/utils/define-content-script';
import { watchPages } from '../lib/content/page-watcher';
import { CRM_HOSTS } from '../lib/crm/hosts';
import { zendesk } from '../lib/crm/zendesk';

// One content script per CRM, so each page carries only its own adapter.
export default defineContentScript({ matches: [...CRM_HOSTS.zendesk], runAt: 'document_idle', main: (ctx) => watchPages(ctx, zendesk) });
