/**
 * What survey tools write in a cell for "no value": Microsoft Forms' `anonymous` email, `N/A`, a dash.
 * Such a cell is read as empty, never as a value (an email `anonymous`) or an error.
 */
const PLACEHOLDERS = new Set(['anonymous', 'n/a', 'na', '#n/a', 'null', '(null)', 'nil', '-', '—', '–', '--', '(blank)', '(empty)']);

/** Whether a (trimmed) cell is a placeholder; cheap for the usual cell, which is longer or a digit. */
export function isPlaceholder(text: string): boolean {
  const n = text.length;
  if (n === 0 || n > 9) return false;
  const c = text.charCodeAt(0);
  // Digits, and letters no placeholder starts with, answer at once.
  if (c >= 48 && c <= 57) return false;
  return PLACEHOLDERS.has(text.toLowerCase());
}
