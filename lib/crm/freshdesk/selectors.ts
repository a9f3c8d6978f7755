/** Freshdesk agent page selectors. */

/** A link to the company the ticket's requester or the contact belongs to (ticket and contact pages). */
export const COMPANY_LINK = ['a[href*="/a/companies/"]'] as const;
