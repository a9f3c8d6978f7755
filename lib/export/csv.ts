/**
 * CSV for people to open in a spreadsheet: quoted as needed, and cells that a spreadsheet would run as
 * a formula (starting with =, +, -, @, or a tab or carriage return) are made inert with a leading '.
 */
import Papa from 'papaparse';

const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell as text a spreadsheet shows and never evaluates. */
export function safeCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = Array.isArray(value) ? value.join(';') : String(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** Rows of objects → CSV text with a header row, columns in the order given. */
export function toSafeCsv<T extends object>(rows: readonly T[], columns: ReadonlyArray<keyof T & string>): string {
  return Papa.unparse(
    { fields: [...columns], data: rows.map((row) => columns.map((c) => safeCell(row[c]))) },
    { newline: '\r\n' },
  );
}

// The reader turns CR into LF before cells are read, so an escaped CR arrives as `'\n`.
const ESCAPED_FORMULA = /^'[=+\-@\t\r\n]/;

/**
 * Undoes `safeCell` on import: `'=SUM(A1)` → `=SUM(A1)`. Only a quote before a character that would
 * start a formula is removed, as a spreadsheet itself hides it; any other leading quote is data.
 */
export function restoreEscapedCell(text: string): string {
  return text.charCodeAt(0) === 39 && ESCAPED_FORMULA.test(text) ? text.slice(1) : text;
}
