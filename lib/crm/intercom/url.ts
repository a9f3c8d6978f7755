/** Pure detectors for Intercom inbox and contact URLs. */
import type { RecordPaths, RecordRef } from '../types';

/** Conversations and contacts a load can open on; the user segments (lists) share the prefix and are left out. */
export const INTERCOM_RECORD_PATHS: RecordPaths = {
  paths: ['/a/inbox/*/conversation/*', '/a/inbox/*/conversations/*', '/a/apps/*/conversation/*', '/a/apps/*/conversations/*', '/a/apps/*/users/*'],
  excludePaths: ['/a/apps/*/users/segments/*'],
};

/** `app.intercom.com` and the EU and Australian regions. */
const INTERCOM_HOST = /^app(?:\.eu|\.au)?\.intercom\.com$/;
/** `/a/inbox/{appId}/inbox/…/conversation/{id}` (also under `/a/apps/{appId}/…`). */
const CONVERSATION_PATH = /^\/a\/(?:inbox|apps)\/([a-z0-9]+)\/(?:[^/]+\/)*conversations?\/(\d+)(?:\/|$)/;
/** `/a/apps/{appId}/users/{id}` (a contact's profile; ids are 24 hex digits) and its sub-pages. */
const USER_PATH = /^\/a\/apps\/([a-z0-9]+)\/users\/([a-f0-9]{24})(?:\/|$)/;

/** Whether the URL is on an Intercom app host. */
export function isIntercomUrl(url: URL): boolean {
  return url.protocol === 'https:' && INTERCOM_HOST.test(url.hostname);
}

/** The workspace (app) and the conversation or user a URL shows; null for inbox lists and other pages. */
export function intercomRecord(url: URL): (RecordRef & { appId: string }) | null {
  const conversation = CONVERSATION_PATH.exec(url.pathname);
  if (conversation?.[1] && conversation[2]) return { kind: 'conversation', recordId: conversation[2], appId: conversation[1] };
  const user = USER_PATH.exec(url.pathname);
  return user?.[1] && user[2] ? { kind: 'user', recordId: user[2], appId: user[1] } : null;
}
