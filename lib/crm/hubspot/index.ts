/** HubSpot CRM: companies, and the contacts, deals and tickets that belong to them. */
import { emailsIn, firstMatch, textOf, withDomHints } from '../dom';
import type { CrmAdapter } from '../types';
import { HIGHLIGHT_CARD, RECORD_NAME } from './selectors';
import { hubspotRecord, isHubspotUrl } from './url';

/** The HubSpot adapter. HubSpot shows one record at a time, so the page is the visible scope. */
export const hubspot: CrmAdapter = {
  id: 'hubspot',
  name: 'HubSpot',
  matches: isHubspotUrl,
  pageKind(url) {
    const record = hubspotRecord(url);
    return record && { kind: record.kind, recordId: record.recordId };
  },
  // Object ids are unique within a portal only.
  recordKey: (url, record) => `hubspot:${hubspotRecord(url)?.portalId ?? ''}:${record.kind}:${record.recordId}`,
  hints(url, doc) {
    const record = hubspotRecord(url);
    if (!record) return {};
    if (record.kind === 'company') {
      return withDomHints({ hubspotCompanyId: record.recordId }, () => ({ name: textOf(doc, RECORD_NAME) }));
    }
    // A contact's highlight card shows the contact's email; a company's name there would be a person's or a deal's.
    return withDomHints({ hubspotRecordId: record.recordId }, () => (record.kind === 'contact' ? { emails: emailsIn(doc, HIGHLIGHT_CARD) } : {}));
  },
  panelAnchor: (doc) => firstMatch(doc, HIGHLIGHT_CARD),
};
