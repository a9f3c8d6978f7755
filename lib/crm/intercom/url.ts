/** Pure detectors for Intercom inbox and contact URLs. */
import type { RecordPaths, RecordRef } from '../types';

/** Conversations, contacts and companies a load can open on; the segments (lists) share the prefixes and are left out. */
export const INTERCOM_RECORD_PATHS: RecordPaths = {
  paths: ['/a/inbox/*/conversation/*', '/a/inbox/*/conversations/*', '/a/apps/*/conversation/*', '/a/apps/*/conversations/*', '/a/apps/*/users/*', '/a/apps/*/companies/*'],
  excludePaths: ['/a/apps/*/users/segments/*', '/a/apps/*/companies/segments/*'],
};

/** `app.intercom.com` and the EU and Australian regions. */
const INTERCOM_HOST = /^app(?:\.eu|\.au)?\.intercom\.com$/;
/** `/a/inbox/{appId}/inbox/…/conversation/{id}` (also under `/a/apps/{appId}/…`). */
const CONVERSATION_PATH = /^\/a\/(?:inbox|apps)\/([a-z0-9]+)\/(?:[^/]+\/)*conversations?\/(\d+)(?:\/|$)/;
/** `/a/apps/{appId}/users/{id}` (a contact's profile) or `/companies/{id}` (a company's); ids are 24 hex digits. */
const PROFILE_PATH = /^\/a\/apps\/([a-z0-9]+)\/(users|companies)\/([a-f0-9]{24})(?:\/|$)/;

/** Whether the URL is on an Intercom app host. */
export function isIntercomUrl(url: URL): boolean {
  return url.protocol === 'https:' && INTERCOM_HOST.test(url.hostname);
}

/** The workspace (app) and the conversation, user or company a URL shows; null for inbox lists and other pages. */
export function intercomRecord(url: URL): (RecordRef & { appId: string }) | null {
  const conversation = CONVERSATION_PATH.exec(url.pathname);
  if (conversation?.[1] && conversation[2]) return { kind: 'conversation', recordId: conversation[2], appId: conversation[1] };
  const profile = PROFILE_PATH.exec(url.pathname);
  if (!profile?.[1] || !profile[3]) return null;
  return { kind: profile[2] === 'users' ? 'user' : 'company', recordId: profile[3], appId: profile[1] };
}
