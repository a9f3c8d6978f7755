/**
 * What is checked of a record before its cells are read as values: blank and metadata rows, more cells
 * than the header, cells too long to store, invisible characters in names, emails and ids, and ids an
 * earlier row already gave. Each problem is the row's error, so nothing is stored other than it is written.
 */
import type { HeaderAnalysis } from './headers';
import type { FirstRows } from './first-rows';
import type { ImportRowError } from './rows';
import { englishReason, rowProblem, type RowProblem } from './row-problem';
import { HIDDEN_CHARACTER } from './hidden-characters';

function because(problem: RowProblem): Pick<ImportRowError, 'problem' | 'reason'> {
  return { problem, reason: englishReason(problem) };
}

/**
 * The error for a row whose id an earlier row of the file already gave, or null (the id is remembered).
 * With an id column the id is named; without one the id is the row's identity (account, respondent,
 * date, score), so the row is the same response as the earlier one.
 */
export function repeatedId(analysis: HeaderAnalysis, firstRows: FirstRows, id: string, row: number): ImportRowError | null {
  const first = firstRows.firstRow(id, row);
  if (first === undefined) return null;
  const actions = analysis.kind === 'actions';
  const column = analysis.mapping[actions ? 'action_id' : 'response_id'];
  if (column !== undefined) return { row, column, value: id, ...because(rowProblem(actions ? 'repeated_action_id' : 'repeated_response_id', { first })) };
  return { row, column: '', ...because(rowProblem(actions ? 'repeated_action' : 'repeated_response', { first })) };
}

/** The longest cell imported (a comment of some 20 pages); a longer one is the row's error, never cut. */
export const MAX_CELL_CHARS = 50_000;
/** Characters in one batch at most (about 8 MiB as the browser copies them), whatever its row count. */
export const MAX_BATCH_CHARS = 4_000_000;

export function rowSize(record: readonly string[]): number {
  let size = 0;
  for (const cell of record) size += cell.length;
  return size;
}

/** The first cell longer than `MAX_CELL_CHARS`, as the row's error (only looked for when the row is that long). */
export function oversizedCell(record: readonly string[], analysis: HeaderAnalysis): Omit<ImportRowError, 'row'> | null {
  const column = record.findIndex((cell) => cell.length > MAX_CELL_CHARS);
  if (column < 0) return null;
  return {
    column: analysis.headers[column] ?? `column ${column + 1}`,
    value: `${record[column]!.slice(0, 80)}…`,
    ...because(rowProblem('cell_too_long', { length: record[column]!.length, max: MAX_CELL_CHARS })),
  };
}

/** Fields people write freely: any character is theirs to use (they are shown as text, never markup). */
const FREE_TEXT = new Set<string>(['comment', 'title', 'tags', 'survey', 'respondent_title']);
/** Every hidden character of a value, to show each. */
const HIDDEN_CHARACTERS = new RegExp(HIDDEN_CHARACTER.source, 'g');

const CHECKED = new WeakMap<HeaderAnalysis['columns'], Array<[string, number]>>();

/** The columns whose values may not hold hidden characters, worked out once per file (not per row). */
function checkedColumns(analysis: HeaderAnalysis): Array<[string, number]> {
  let columns = CHECKED.get(analysis.columns);
  if (!columns) {
    columns = (Object.entries(analysis.columns) as Array<[string, number]>).filter(([field]) => !FREE_TEXT.has(field));
    CHECKED.set(analysis.columns, columns);
  }
  return columns;
}

/**
 * A name, email or id holding an invisible control or text-direction character: it would be stored and
 * matched as something other than what a person reads, so the row is reported instead.
 */
export function hiddenCharacter(record: readonly string[], analysis: HeaderAnalysis): Omit<ImportRowError, 'row'> | null {
  for (const [field, column] of checkedColumns(analysis)) {
    const value = record[column];
    const found = value === undefined ? null : HIDDEN_CHARACTER.exec(value);
    if (found) {
      const code = `U+${found[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
      const shown = value!.slice(0, 80).replace(HIDDEN_CHARACTERS, (c) => `<U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}>`);
      return { column: analysis.headers[column] ?? field, value: shown, ...because(rowProblem('hidden_character', { code })) };
    }
  }
  return null;
}

/** Cells beyond the header's width that hold something (empty trailing cells are a trailing delimiter, harmless). */
export function extraCells(record: readonly string[], width: number): number {
  for (let i = record.length - 1; i >= width; i--) if (record[i]!.trim() !== '') return i - width + 1;
  return 0;
}

export function isBlank(record: readonly string[]): boolean {
  for (const field of record) if (field.trim() !== '') return false;
  return true;
}

/** Qualtrics exports carry a row of `{"ImportId":…}` under the header: metadata, not data. */
export function isMetadataRow(record: readonly string[]): boolean {
  return (record[0] ?? '').startsWith('{"ImportId"');
}
