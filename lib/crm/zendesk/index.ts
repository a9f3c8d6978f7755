/** Zendesk Support: tickets, users and organizations in the agent workspace. */
import { cleanText, emailsInText, firstMatch, linkUrl, queryAll, textOf, visibleScope, withDomHints } from '../dom';
import type { AccountHints, CrmAdapter } from '../types';
import { ACTIVE_HEADER_TAB, ACTIVE_PANE, ORGANIZATION_LINK, ORGANIZATION_TAB, REQUESTER_EMAIL, paneOfTicket } from './selectors';
import { isZendeskUrl, organizationIdOfPath, zendeskRecord } from './url';

/**
 * The pane of the ticket the URL names, if it is the one on screen: the active pane when it belongs to
 * that ticket, else the ticket's own pane when there is exactly one. Null while the header says another
 * ticket is on screen (the DOM lags behind the URL during navigation).
 */
function ticketPane(doc: Document, ticketId: string): Element | null {
  const onScreen = doc.querySelector(ACTIVE_HEADER_TAB)?.getAttribute('data-entity-id');
  if (onScreen && onScreen !== ticketId) return null;
  const active = visibleScope(doc, ACTIVE_PANE);
  const owner = active && (active.closest('[data-ticket-id]') ?? active.querySelector('[data-ticket-id]'));
  if (active && (!owner || owner.getAttribute('data-ticket-id') === ticketId)) return active;
  const panes = queryAll(doc, paneOfTicket(ticketId));
  const outermost = panes.filter((a) => !panes.some((b) => b !== a && b.contains(a)));
  return outermost.length === 1 ? (outermost[0] ?? null) : null;
}

/** Organization and requester email from the ticket's own pane, as fallbacks for the API. */
function ticketDomHints(doc: Document, ticketId: string, base: string): AccountHints {
  const pane = ticketPane(doc, ticketId);
  if (!pane) return {};
  const link = firstMatch(pane, ORGANIZATION_LINK);
  const requester = firstMatch(pane, REQUESTER_EMAIL);
  return {
    zendeskOrganizationId: organizationIdOfPath(linkUrl(link, base)?.pathname ?? ''),
    name: textOf(pane, ORGANIZATION_TAB) ?? cleanText(link?.textContent),
    emails: emailsInText(requester?.getAttribute('title')).slice(0, 1),
  };
}

/** The Zendesk adapter. */
export const zendesk: CrmAdapter = {
  id: 'zendesk',
  name: 'Zendesk',
  matches: isZendeskUrl,
  pageKind: zendeskRecord,
  recordKey: (url, record) => `zendesk:${url.hostname}:${record.kind}:${record.recordId}`,
  hints(url, doc) {
    const record = zendeskRecord(url);
    if (!record) return {};
    const id = record.recordId;
    if (record.kind === 'organization') return { zendeskOrganizationId: id };
    if (record.kind === 'user') return { zendeskUserId: id };
    return withDomHints({ zendeskTicketId: id }, () => ticketDomHints(doc, id, url.href));
  },
  panelAnchor: (doc) => visibleScope(doc, ACTIVE_PANE),
};
