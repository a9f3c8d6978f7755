/** Freshdesk: companies, and the tickets and contacts that belong to them. */
import { cleanText, emailsIn, firstMatch, linkUrl, withDomHints } from '../dom';
import type { CrmAdapter } from '../types';
import { COMPANY_LINK, CONTACT_EMAIL } from './selectors';
import { companyIdOfPath, freshdeskRecord, isFreshdeskUrl } from './url';

/** The Freshdesk adapter. Freshdesk shows one record at a time, so the page is the visible scope. */
export const freshdesk: CrmAdapter = {
  id: 'freshdesk',
  name: 'Freshdesk',
  matches: isFreshdeskUrl,
  pageKind: freshdeskRecord,
  recordKey: (url, record) => `freshdesk:${url.hostname}:${record.kind}:${record.recordId}`,
  hints(url, doc) {
    const record = freshdeskRecord(url);
    if (!record) return {};
    if (record.kind === 'company') return { freshdeskCompanyId: record.recordId };
    return withDomHints({}, () => {
      const link = firstMatch(doc, COMPANY_LINK);
      const freshdeskCompanyId = companyIdOfPath(linkUrl(link, url.href)?.pathname ?? '');
      // The requester's or contact's email: the person on the page (their own answers come first).
      const emails = emailsIn(doc, CONTACT_EMAIL).slice(0, 1);
      return {
        ...(freshdeskCompanyId ? { freshdeskCompanyId, name: cleanText(link?.textContent) } : {}),
        ...(emails.length ? { emails } : {}),
      };
    });
  },
};
