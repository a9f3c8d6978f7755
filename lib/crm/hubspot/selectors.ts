/** HubSpot record page selectors, ordered newest markup first. */

/** The highlight card at the top of the left sidebar (record pages of every object). */
export const HIGHLIGHT_CARD = ['[data-card-type="OBJECT_HIGHLIGHT"]'] as const;

/** The record's name in the highlight card (company pages: the company's name). */
export const RECORD_NAME = ['[data-card-type="OBJECT_HIGHLIGHT"] [data-selenium-test="highlightTitle"]'] as const;
