/** Pure detectors for Zendesk Support agent workspace URLs. */
import type { RecordPaths, RecordKind, RecordRef } from '../types';

/** Record pages a load can open on (the old `/agent/#/…` routes are found by the background, from the hash). */
export const ZENDESK_RECORD_PATHS: RecordPaths = { paths: ['/agent/tickets/*', '/agent/users/*', '/agent/organizations/*'] };

const ZENDESK_HOST = /\.zendesk\.com$/;
/** `/agent/{tickets|users|organizations}/{n}` and its sub-pages (`/requested_tickets`, `/tickets`, `/events`). */
const AGENT_RECORD = /^\/agent\/(tickets|users|organizations)\/(\d+)(?:\/[a-z_]+)*\/?$/;
const KIND: Readonly<Record<string, RecordKind>> = { tickets: 'ticket', users: 'user', organizations: 'organization' };

/** Whether the URL is on a Zendesk host (`{subdomain}.zendesk.com`, also multi-level). */
export function isZendeskUrl(url: URL): boolean {
  return url.protocol === 'https:' && ZENDESK_HOST.test(url.hostname);
}

/**
 * The ticket, user or organization an agent URL shows, including the old hash form `/agent/#/tickets/{n}`;
 * null for views (`/agent/filters/…`), chat, voice, the dashboard and anything outside `/agent`.
 */
export function zendeskRecord(url: URL): RecordRef | null {
  const route = /^\/agent\/?$/.test(url.pathname) ? `/agent/${url.hash.replace(/^#\/?/, '')}` : url.pathname;
  const match = AGENT_RECORD.exec(route);
  const kind = match && KIND[match[1] ?? ''];
  return kind && match[2] ? { kind, recordId: match[2] } : null;
}

/** The id in a link to an organization (`/agent/organizations/{n}`), or undefined. */
export function organizationIdOfPath(path: string): string | undefined {
  return /^\/agent\/organizations\/(\d+)/.exec(path)?.[1];
}
