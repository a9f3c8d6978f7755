/** Dynamics 365 (Unified Interface) form selectors. */

/** The record's name in the form header (record forms of every entity; on account forms, the account's name). */
export const RECORD_NAME = ['h1[data-id="header_title"]'] as const;
