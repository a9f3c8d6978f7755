/** Dynamics 365 Sales and Customer Service: accounts (contacts and cases are detected, without an account yet). */
import { textOf, withDomHints } from '../dom';
import type { CrmAdapter } from '../types';
import { RECORD_NAME } from './selectors';
import { dynamicsRecord, isDynamicsUrl } from './url';

/** The Dynamics 365 adapter. The form on screen is the visible scope. */
export const dynamics: CrmAdapter = {
  id: 'dynamics',
  name: 'Dynamics 365',
  matches: isDynamicsUrl,
  pageKind: dynamicsRecord,
  // Record GUIDs are unique across organizations.
  recordKey: (_url, record) => `dynamics:${record.kind}:${record.recordId}`,
  hints(url, doc) {
    const record = dynamicsRecord(url);
    if (record?.kind !== 'account') return {};
    return withDomHints({ dynamicsAccountId: record.recordId }, () => ({ name: textOf(doc, RECORD_NAME) }));
  },
};
