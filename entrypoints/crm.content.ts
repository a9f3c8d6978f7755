import { defineContentScript } from 'wxt/utils/define-content-script';
import { CRM_HOST_PATTERNS } from '../lib/crm/hosts';
import { watchPages } from '../lib/content/page-watcher';

export default defineContentScript({
  matches: [...CRM_HOST_PATTERNS],
  runAt: 'document_idle',
  main(ctx) {
    watchPages(ctx);
  },
});
