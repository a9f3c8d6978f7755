/**
 * Account names as keys: two spellings of the same company ("Acme, Inc." and "ACME Inc") give the same
 * key, while different companies that share a word ("Globex Logistics", "Globex Corporation") do not.
 */

/** Words dropped from the end of a name (the search treats a half-typed one as optional). */
export const LEGAL_SUFFIXES: ReadonlySet<string> = new Set([
  'inc', 'incorporated', 'llc', 'ltd', 'limited', 'gmbh', 'ag', 'sa', 'sas', 'bv', 'nv', 'plc', 'pty',
  'corp', 'corporation', 'co', 'company',
]);

/** Letters that NFKD does not decompose into a base letter and a mark. */
const FOLDED: Record<string, string> = { ß: 'ss', æ: 'ae', ø: 'o', œ: 'oe', ł: 'l', đ: 'd', þ: 'th', ı: 'i' };

/**
 * Lower case, accents stripped, `&` read as "and", punctuation dropped (dots and apostrophes join their
 * neighbours so "S.A." is "sa"), spaces collapsed, and trailing legal suffixes removed (never the whole name).
 */
export function normaliseAccountName(name: string): string {
  const folded = name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[ßæøœłđþı]/g, (char) => FOLDED[char] ?? char)
    .replace(/&/g, ' and ')
    .replace(/['’.]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  if (folded === '') return '';
  const words = folded.split(' ');
  while (words.length > 1 && LEGAL_SUFFIXES.has(words[words.length - 1] ?? '')) words.pop();
  return words.join(' ');
}

/** The account key used when a row has a name but no `account_id`. */
export function accountKeyFromName(name: string): string | null {
  const normalised = normaliseAccountName(name);
  return normalised === '' ? null : `name:${normalised}`;
}
