/** The demo page's own page context: its record key names the account it shows. */
import type { PageContextInput } from '../model/page';

export const DEMO_CRM = 'demo';
const DEMO_KEY_PREFIX = 'demo:';

export function demoPage(account: { id: string; name: string }): PageContextInput {
  return { crm: DEMO_CRM, kind: 'account', recordKey: DEMO_KEY_PREFIX + account.id, hints: { name: account.name } };
}

export function demoAccountId(page: PageContextInput): string {
  return page.recordKey.slice(DEMO_KEY_PREFIX.length);
}
