/** Intercom: conversations, users (contacts) and companies, identified from the URL alone. */
import type { CrmAdapter } from '../types';
import { intercomRecord, isIntercomUrl } from './url';

/** The Intercom adapter. */
export const intercom: CrmAdapter = {
  id: 'intercom',
  name: 'Intercom',
  matches: isIntercomUrl,
  pageKind(url) {
    const record = intercomRecord(url);
    return record && { kind: record.kind, recordId: record.recordId };
  },
  // Conversation and user ids are unique within a workspace only.
  recordKey: (url, record) => `intercom:${intercomRecord(url)?.appId ?? ''}:${record.kind}:${record.recordId}`,
  hints(url) {
    const record = intercomRecord(url);
    if (!record) return {};
    if (record.kind === 'conversation') return { intercomConversationId: record.recordId };
    return record.kind === 'user' ? { intercomUserId: record.recordId } : { intercomCompanyId: record.recordId };
  },
};
