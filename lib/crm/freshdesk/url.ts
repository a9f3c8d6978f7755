/** Pure detectors for Freshdesk agent URLs. */
import type { RecordPaths, RecordKind, RecordRef } from '../types';

/** Record pages a load can open on; the ticket lists (`/a/tickets/filters/…`) share the prefix and are left out. */
export const FRESHDESK_RECORD_PATHS: RecordPaths = {
  paths: ['/a/tickets/*', '/a/contacts/*', '/a/companies/*'],
  excludePaths: ['/a/tickets/filters/*'],
};

const FRESHDESK_HOST = /\.freshdesk\.com$/;
/** `/a/{tickets|contacts|companies}/{id}` and their sub-pages. */
const RECORD_PATH = /^\/a\/(tickets|contacts|companies)\/(\d+)(?:\/|$)/;
const KIND: Readonly<Record<string, RecordKind>> = { tickets: 'ticket', contacts: 'contact', companies: 'company' };

/** Whether the URL is on a Freshdesk host (`{subdomain}.freshdesk.com`). */
export function isFreshdeskUrl(url: URL): boolean {
  return url.protocol === 'https:' && FRESHDESK_HOST.test(url.hostname);
}

/** The ticket, contact or company a URL shows; null for ticket lists and other pages. */
export function freshdeskRecord(url: URL): RecordRef | null {
  const match = RECORD_PATH.exec(url.pathname);
  const kind = match && KIND[match[1] ?? ''];
  return kind && match[2] ? { kind, recordId: match[2] } : null;
}

/** The company id in a link to a company (`/a/companies/{id}`), or undefined. */
export function companyIdOfPath(path: string): string | undefined {
  const record = RECORD_PATH.exec(path);
  return record?.[1] === 'companies' ? record[2] : undefined;
}
