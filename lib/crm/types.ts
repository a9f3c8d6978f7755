/**
 * The contract between a CRM page and the rest of the extension: which CRM and record a page shows, and
 * what it offers to identify the customer account behind that record.
 */

/** The CRMs and helpdesks we have an adapter for. */
export type CrmId = 'salesforce' | 'zendesk' | 'hubspot' | 'freshdesk' | 'dynamics' | 'intercom';

/**
 * What kind of record a page shows. `record` is any other record type (a custom object, say): we know
 * which record it is, but not how it relates to an account.
 */
export type RecordKind =
  | 'account'
  | 'contact'
  | 'case'
  | 'opportunity'
  | 'lead'
  | 'ticket'
  | 'user'
  | 'organization'
  | 'company'
  | 'deal'
  | 'conversation'
  | 'record';

/**
 * What a page offers to identify the account. Every member is optional: a page offers what it shows.
 * Ids come from the URL when it has them and from the visible part of the page otherwise.
 */
export interface AccountHints {
  /** The Salesforce Account the page belongs to, 18-character form. */
  salesforceAccountId?: string;
  /** The Salesforce record on screen (18-character form) when it is not an Account. */
  salesforceRecordId?: string;
  /** The Zendesk organization on screen, or the one the ticket or user belongs to. */
  zendeskOrganizationId?: string;
  /** The Zendesk user on screen, or a ticket's requester. */
  zendeskUserId?: string;
  /** The Zendesk ticket on screen. */
  zendeskTicketId?: string;
  /** The HubSpot company on screen. */
  hubspotCompanyId?: string;
  /** The HubSpot record on screen when it is not a company (contact, deal, ticket). */
  hubspotRecordId?: string;
  /** The Freshdesk company on screen, or the one a ticket or contact belongs to. */
  freshdeskCompanyId?: string;
  /** The Dynamics 365 account on screen: a GUID, lower case, without braces. */
  dynamicsAccountId?: string;
  /** The Intercom conversation on screen. */
  intercomConversationId?: string;
  /** The Intercom user (contact) on screen. */
  intercomUserId?: string;
  /** The Intercom company on screen. */
  intercomCompanyId?: string;
  /** Email addresses of the people on the record, lower case, distinct, at most 20. */
  emails?: string[];
  /** Email or web domains of the account, lower case, distinct, at most 20. */
  domains?: string[];
  /** The account's name as the page shows it (never a person's name). */
  name?: string;
}

/** The record a page shows and what it offers to identify the account. */
export interface PageContext {
  /** Which CRM the page belongs to. */
  crm: CrmId;
  /** What kind of record the page shows. */
  kind: RecordKind;
  /**
   * A stable key for this CRM record, used to remember a link a user made by hand, e.g.
   * `salesforce:001M000000qfPySIAU` or `zendesk:acme.zendesk.com:ticket:101`.
   */
  recordKey: string;
  /** What the page offers to identify the account. */
  hints: AccountHints;
}

/** The record a URL points at: its kind and its id as the CRM writes it (normalised where ids have forms). */
export interface RecordRef {
  /** What kind of record the URL points at. */
  kind: RecordKind;
  /** The record's id in the CRM (Salesforce ids in 18-character form, Dynamics GUIDs lower case). */
  recordId: string;
}

/**
 * Where on a CRM's hosts a page load can show a record, as manifest match-pattern paths (`*` any run of
 * characters; matched against the path and query, never the hash). A superset of what the adapter's
 * `pageKind` accepts, since patterns cannot say "digits": the script decides on the page.
 */
export interface RecordPaths {
  /** Paths whose pages may show a record. */
  readonly paths: readonly string[];
  /** Paths among those that never show one (list views under a record prefix). */
  readonly excludePaths?: readonly string[];
}

/** One CRM: which URLs it owns, what a URL points at, and what its pages offer. */
export interface CrmAdapter {
  /** Stable id, also the prefix of every record key. */
  id: CrmId;
  /** The product's name, for people. */
  name: string;
  /** Whether this adapter owns the URL's host (any path); the first adapter that does handles the page. */
  matches(url: URL): boolean;
  /** The record a URL points at, from the URL alone (pure); null for list views, home pages and the like. */
  pageKind(url: URL): RecordRef | null;
  /** The stable key of the record `ref` (from `pageKind(url)`), scoped to the CRM instance where ids are not global. */
  recordKey(url: URL, ref: RecordRef): string;
  /**
   * What the page offers to identify the account: the URL first, then the DOM of the visible tab or
   * pane only (hidden tabs the app keeps in the DOM are ignored). Never throws.
   */
  hints(url: URL, doc: Document): AccountHints;
  /** Where the panel should sit: an element of the visible record, the same one on every call; null if none. */
  panelAnchor?(doc: Document): Element | null;
}
