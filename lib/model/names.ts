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

// Made once each: the build turns a Unicode property literal into a `new RegExp` where it stands (per call).
const MARKS = /\p{M}+/gu;
const UNFOLDED = /[ßæøœłđþı]/g;
const JOINERS = /['’.]/g;
const SEPARATORS = /[^\p{L}\p{N}]+/gu;
const WORD_BREAKS = /[^\p{L}\p{N}]+/u;
/** Printable ASCII only: no accents to strip, no letters to fold (most names; see `asciiFolded`). */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * Lower case, accents stripped, `&` read as "and", punctuation dropped (dots and apostrophes join their
 * neighbours so "S.A." is "sa"), spaces collapsed, and trailing legal suffixes removed (never the whole name).
 */
export function normaliseAccountName(name: string): string {
  const folded = PRINTABLE_ASCII.test(name)
    ? asciiFolded(name)
    : name
        .normalize('NFKD')
        .replace(MARKS, '')
        .toLowerCase()
        .replace(UNFOLDED, (char) => FOLDED[char] ?? char)
        .replace(/&/g, ' and ')
        .replace(JOINERS, '')
        .replace(SEPARATORS, ' ')
        .trim();
  if (folded === '') return '';
  const words = folded.split(' ');
  while (words.length > 1 && LEGAL_SUFFIXES.has(words[words.length - 1] ?? '')) words.pop();
  return words.join(' ');
}

/**
 * The same folding for a printable ASCII name in one pass, with no Unicode normalisation: each account
 * name is folded when it is imported and when the search index is built (50,000 of them when the
 * worker wakes), and most names are plain ASCII. Letters and digits are kept (lower case), `&` is a
 * word "and", dots and apostrophes vanish, anything else separates words.
 */
function asciiFolded(name: string): string {
  let out = '';
  let gap = false;
  for (let i = 0; i < name.length; i++) {
    let c = name.charCodeAt(i);
    if (c === 46 || c === 39) continue; // . '
    if (c === 38) {
      // & → " and ": a separator on each side of the word.
      out += out === '' ? 'and' : ' and';
      gap = true;
      continue;
    }
    const upper = c >= 65 && c <= 90;
    if (upper || (c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
      if (gap && out !== '') out += ' ';
      gap = false;
      if (upper) c += 32;
      out += String.fromCharCode(c);
    } else gap = true;
  }
  return out;
}

/**
 * All the words of a name, folded (lower case, accents stripped), its legal suffix included: the
 * search filters by a word after the first ("acme c" is typed on the way to "Acme Corp").
 */
export function nameWords(name: string): string[] {
  return name.normalize('NFKD').replace(MARKS, '').toLowerCase().split(WORD_BREAKS).filter(Boolean);
}

/** The account key used when a row has a name but no `account_id`. */
export function accountKeyFromName(name: string): string | null {
  const normalised = normaliseAccountName(name);
  return normalised === '' ? null : `name:${normalised}`;
}
