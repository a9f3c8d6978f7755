import { defineContentScript } from 'wxt/utils/define-content-script';
import { watchPages } from '../lib/content/page-watcher';
import { CRM_HOSTS } from '../lib/crm/hosts';
import { intercom } from '../lib/crm/intercom';

// One content script per CRM, so each page carries only its own adapter.
export default defineContentScript({ matches: [...CRM_HOSTS.intercom], runAt: 'document_idle', main: (ctx) => watchPages(ctx, intercom) });
