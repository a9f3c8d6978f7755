/**
 * Salesforce Lightning selectors, ordered newest markup first. Lightning's DOM is not a stable API:
 * every list is tried in order and the URL's id always wins over what these find.
 */

/** The visible tab's container. Visited tabs stay in the DOM, hidden, and must never be read. */
export const VISIBLE_TAB = [
  // Console apps (Service Console, Sales Console): the focused primary tab or subtab.
  'section.oneConsoleTab div.windowViewMode-maximized.active.lafPageHost',
  // Standard navigation apps: the tab on screen.
  'div.windowViewMode-normal.active',
  // Standard navigation, older markup without `.active`; used only when a single tab is in the DOM.
  '.slds-template__container > .lafSinglePaneWindowManager > .windowViewMode-normal',
] as const;

/** Where the panel sits: the record page root inside the visible tab (record pages of every object). */
export const RECORD_ROOT = ['one-record-home-flexipage2', 'records-highlights2', 'force-highlights2'] as const;

/** The record's name in the highlights panel (Account pages; also the other objects). */
export const RECORD_NAME = [
  // Record pages since 2020.
  'records-highlights2 h1 lightning-formatted-text[slot="primaryField"]',
  'records-highlights2 slot[name="primaryField"] lightning-formatted-text',
  // Contacts and Leads: a compound name field.
  'lightning-formatted-name[slot="primaryField"]',
  // Older record pages.
  'force-highlights2 h1',
  '.slds-page-header__title lightning-formatted-text',
] as const;

/** One field of the record (label and value): highlights secondary fields, detail layout items. */
export const RECORD_FIELD = [
  // Highlights panel, secondary fields (every object).
  'slot[name="secondaryFields"] force-highlights-details-item',
  // Detail tab: layout items (since 2021) and flexipage fields.
  'records-record-layout-item',
  'record_flexipage-record-field',
  // Older detail layouts: the value cell.
  '.test-id__field-value',
] as const;

/**
 * A field's label inside one of `RECORD_FIELD`: detail layouts (`.test-id__field-label` beside the
 * documented `.test-id__field-value`), SLDS form elements, and the highlights panel's title line (assumed).
 */
export const FIELD_LABEL = ['.test-id__field-label', '.slds-form-element__label', '.slds-text-title'] as const;

/** Labels of the field that links a record to its Account (Contact, Case, Opportunity: `Account Name`). */
export const ACCOUNT_LABELS: ReadonlySet<string> = new Set(['Account', 'Account Name']);
/** Label of a Lead's company (a text field, not a lookup): the account's name before conversion. */
export const COMPANY_LABEL = 'Company';

/** A lookup link to an Account, with or without the object name in its path (Contact, Case, Opportunity pages). */
export const ACCOUNT_LINK = 'a[href*="/lightning/r/001"], a[href*="/lightning/r/Account/001"]';

/** Classic: the record's name in the page title (`<h1 class="pageType">Account</h1><h2 class="pageDescription">Acme Corp</h2>`). */
export const CLASSIC_NAME = ['.bPageTitle .pageDescription'] as const;
/** Classic: the record's detail section (label and value cells), never its related lists. */
export const CLASSIC_DETAIL = ['.bDetailBlock .detailList'] as const;
/** Classic: where the panel sits. */
export const CLASSIC_ROOT = ['#bodyCell', '.bodyDiv'] as const;
