import { defineContentScript } from 'wxt/utils/define-content-script';
import { watchPages } from '../lib/content/page-watcher';
import { CRM_HOSTS } from '../lib/crm/hosts';
import { dynamics } from '../lib/crm/dynamics';

// One content script per CRM, so each page carries only its own adapter.
export default defineContentScript({ matches: [...CRM_HOSTS.dynamics], runAt: 'document_idle', main: (ctx) => watchPages(ctx, dynamics) });
