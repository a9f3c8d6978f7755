/** Freshdesk agent page selectors. */

/** A link to the company the ticket's requester or the contact belongs to (ticket and contact pages). */
export const COMPANY_LINK = ['a[href*="/a/companies/"]'] as const;

/** The email of the ticket's requester or of the contact the page shows (its contact card, nothing else). */
export const CONTACT_EMAIL = ['.contact-info .contact-email', '.contact-info a[href^="mailto:"]'] as const;
