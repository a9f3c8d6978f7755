/**
 * What survey tools write in a cell for "no value": Microsoft Forms' `anonymous` email, `N/A`, a dash.
 * Such a cell is read as empty, never as a value (an email `anonymous`) or an error.
 */
const PLACEHOLDERS = new Set(['anonymous', 'n/a', 'na', '#n/a', 'null', '(null)', 'nil', '-', '—', '–', '--', '(blank)', '(empty)']);

/** The first characters of the placeholders, in either case. */
const STARTS = new Set([...PLACEHOLDERS].flatMap((p) => [p.charCodeAt(0), p.toUpperCase().charCodeAt(0)]));

/** Whether a (trimmed) cell is a placeholder; cheap for the usual cell, which is longer or a digit. */
export function isPlaceholder(text: string): boolean {
  const n = text.length;
  if (n === 0 || n > 9) return false;
  // Only a cell starting as a placeholder does is lowered and looked up (the others answer at once).
  return STARTS.has(text.charCodeAt(0)) && PLACEHOLDERS.has(text.toLowerCase());
}
