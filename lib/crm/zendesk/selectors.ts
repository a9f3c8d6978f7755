/**
 * Zendesk agent workspace selectors (`data-test-id` attributes), ordered newest markup first. Zendesk
 * changed its UI in 2021 and twice in 2023; the URL's ids always win over what these find.
 */

/** The header tab of the record on screen; its `data-entity-id` is that ticket's id (ticket pages). */
export const ACTIVE_HEADER_TAB = '[data-test-id="header-tab"][aria-current="page"]';

/** The active ticket pane: several tickets' panes stay in the DOM at once (ticket pages). */
export const ACTIVE_PANE = ['.ticket-panes-grid-layout[data-is-active="true"]'] as const;

/** The pane of one ticket: `[data-ticket-id="{id}"]`, for ticket ids (digits) from the URL. */
export const paneOfTicket = (ticketId: string): string => `[data-ticket-id="${ticketId}"]`;

/**
 * The ticket header's link to the ticket's organization (ticket pages). Only the header's own tab: a link
 * to an organization anywhere else in the pane (a customer's email, an internal note) is text someone
 * wrote, not the record's organization.
 */
export const ORGANIZATION_LINK = [
  'a[data-test-id="tabs-nav-item-organizations"][href*="/agent/organizations/"]',
  '[data-test-id="tabs-nav-item-organizations"] a[href*="/agent/organizations/"]',
] as const;

/** The organization tab in the ticket header; its text is the organization's name (ticket pages). */
export const ORGANIZATION_TAB = ['[data-test-id="tabs-nav-item-organizations"]'] as const;

/** An element of the requester field whose `title` holds the requester's email (ticket pages; not always rendered). */
export const REQUESTER_EMAIL = [
  '[data-test-id="requester-field"] [title*="@"]',
  '[data-test-id="ticket-system-field-requester-select"] [title*="@"]',
] as const;
