/** Salesforce (Lightning Experience and Classic): Account pages, and the Account behind Contacts, Cases, Opportunities, Leads. */
import { emailsIn, firstMatch, linkUrl, queryEach, textOf, visibleScope, withDomHints } from '../dom';
import type { AccountHints, CrmAdapter, RecordRef } from '../types';
import { classicHints } from './classic';
import { ACCOUNT_LABELS, ACCOUNT_LINK, CLASSIC_ROOT, COMPANY_LABEL, FIELD_LABEL, RECORD_FIELD, RECORD_NAME, RECORD_ROOT, VISIBLE_TAB } from './selectors';
import { isClassicPage, isSalesforceUrl, recordFromPath, salesforceRecord, workspaceRecord } from './url';

/** The Account id a lookup link points at, or undefined. */
function accountIdOfLink(link: Element | null | undefined, base: string): string | undefined {
  const target = linkUrl(link, base);
  const record = target && recordFromPath(target.pathname);
  return record?.kind === 'account' ? record.recordId : undefined;
}

/**
 * The Account a non-Account record belongs to, from its fields in the visible tab: the field labelled
 * Account (Name) first; failing that (a translated label), the one Account all record fields link to.
 * A Lead has no Account yet, only a Company name.
 */
function accountFromFields(scope: Element, record: RecordRef, base: string): AccountHints {
  const linked = new Map<string, string | undefined>();
  for (const field of queryEach(scope, RECORD_FIELD)) {
    const label = textOf(field, FIELD_LABEL);
    if (record.kind === 'lead' && label === COMPANY_LABEL) {
      return { name: textOf(field, ['.test-id__field-value', 'lightning-formatted-text']) };
    }
    const link = field.querySelector(ACCOUNT_LINK);
    const id = accountIdOfLink(link, base);
    if (!id) continue;
    const name = link?.textContent ?? undefined;
    if (label && ACCOUNT_LABELS.has(label)) return { salesforceAccountId: id, name };
    linked.set(id, name);
  }
  const [only, ...others] = linked;
  return only && others.length === 0 ? { salesforceAccountId: only[0], name: only[1] } : {};
}

/** `Acme Corp | Account | Salesforce` → `Acme Corp` (the tab title names the visible record first). */
function nameFromTitle(title: string): string | undefined {
  const parts = title.split(' | ');
  return parts.length >= 3 ? parts[0] : undefined;
}

/** Hints from the visible tab. `urlAccountId` is the Account the URL already names, if any. */
function domHints(record: RecordRef, doc: Document, base: string, urlAccountId: string | undefined): AccountHints {
  const scope = visibleScope(doc, VISIBLE_TAB);
  if (!scope) return {};
  const emails = emailsIn(scope, RECORD_FIELD);
  if (record.kind === 'account') return { name: textOf(scope, RECORD_NAME) ?? nameFromTitle(doc.title), emails };
  const account = accountFromFields(scope, record, base);
  // A lookup to another Account than the URL's workspace: its name would describe the wrong account.
  if (urlAccountId && account.salesforceAccountId && account.salesforceAccountId !== urlAccountId) return { emails };
  return { ...account, emails };
}

/** The Salesforce adapter. */
export const salesforce: CrmAdapter = {
  id: 'salesforce',
  name: 'Salesforce',
  matches: isSalesforceUrl,
  pageKind: salesforceRecord,
  recordKey: (_url, record) => `salesforce:${record.recordId}`,
  hints(url, doc) {
    const record = salesforceRecord(url);
    if (!record) return {};
    const workspace = workspaceRecord(url);
    const fromUrl: AccountHints =
      record.kind === 'account'
        ? { salesforceAccountId: record.recordId }
        : {
            salesforceRecordId: record.recordId,
            // A console subtab inside an Account's workspace belongs to that Account.
            salesforceAccountId: workspace?.kind === 'account' ? workspace.recordId : undefined,
          };
    return withDomHints(fromUrl, () =>
      isClassicPage(url) ? classicHints(record, doc, url.href) : domHints(record, doc, url.href, fromUrl.salesforceAccountId),
    );
  },
  panelAnchor(doc) {
    const scope = visibleScope(doc, VISIBLE_TAB);
    // Classic pages have no Lightning tab: the panel sits beside the page body.
    return scope ? firstMatch(scope, RECORD_ROOT) : firstMatch(doc, CLASSIC_ROOT);
  },
};
