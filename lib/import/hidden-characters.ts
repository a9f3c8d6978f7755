/**
 * Invisible characters: controls (but tab and line breaks) and the characters that reorder text on
 * screen (bidi overrides and isolates). In a name, email or id they would be stored and matched as
 * something other than what a person reads (`row-checks.ts` reports such a row).
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
export const HIDDEN_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/;

/** Whether the text holds a hidden character anywhere. */
export function hasHiddenCharacter(text: string): boolean {
  return HIDDEN_CHARACTER.test(text);
}
