/**
 * The shape of a file's top: how many rows are headers before the data starts. Survey tools write more
 * than one: Qualtrics a row of column ids (`Q1`), a row of question text and a row of `{"ImportId":…}`
 * metadata; SurveyMonkey the question text, then `Response` / `Open-Ended Response` under it. Every
 * header row gives each column another label to be recognised by; none of them is read as a response.
 */
import { isBlank, isMetadataRow } from './row-checks';

/** A header row after the first, and why it is one. */
export interface SkippedHeaderRow {
  /** As a spreadsheet numbers it (the first header is row 1). */
  row: number;
  why: 'question_text' | 'sub_header' | 'metadata';
}

export interface FileLayout {
  /** Rows before the data (1 for an ordinary CSV). */
  headerRows: number;
  /** The first row's cells: what errors and the mapping step call each column. */
  headers: string[];
  /** Every label of each column, first row first (question text, metadata ids after it). */
  labels: string[][];
  skipped: SkippedHeaderRow[];
  /** The time zone a metadata row names for the file's date-times (Qualtrics' `timeZone`). */
  timeZone?: string;
}

/** The words a survey tool writes under a question's header to say what kind of answer is below. */
const SUB_HEADER_WORDS = new Set([
  'response', 'openendedresponse', 'openended', 'other', 'otherpleasespecify', 'comment', 'answer', 'value', 'text',
]);

const compact = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '');

/** A cell that can only be data: a number, a date, an email address. */
function looksLikeData(cell: string): boolean {
  const text = cell.trim();
  if (text === '') return false;
  return /^-?\d+([.,]\d+)?$/.test(text) || /^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}/.test(text) || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text);
}

function metadataOf(cell: string): { importId?: string; timeZone?: string } {
  try {
    const value = JSON.parse(cell) as { ImportId?: unknown; timeZone?: unknown };
    return {
      ...(typeof value.ImportId === 'string' ? { importId: value.ImportId } : {}),
      ...(typeof value.timeZone === 'string' ? { timeZone: value.timeZone } : {}),
    };
  } catch {
    return {};
  }
}

/**
 * Whether the row under the header is another header: words only (no number, date or email in any
 * cell), and either words survey tools write there (`Response`), the first row's labels restated
 * (`StartDate` over `Start Date`), a question, or, when the first row alone does not say what the file
 * holds, any text at all (the question texts that will).
 */
function isHeaderContinuation(record: readonly string[], first: readonly string[], kindKnown: boolean): SkippedHeaderRow['why'] | null {
  if (isBlank(record) || record.some(looksLikeData)) return null;
  const cells = record.map((cell) => cell.trim()).filter((cell) => cell !== '');
  if (cells.some((cell) => SUB_HEADER_WORDS.has(compact(cell)))) return 'sub_header';
  const restatesHeaders = record.filter((cell, i) => cell.trim() !== '' && compact(cell) === compact(first[i] ?? '')).length;
  const questions = cells.filter((cell) => /\?\s*$/.test(cell)).length;
  if (restatesHeaders >= 2 || questions >= 1 || !kindKnown) return 'question_text';
  return null;
}

/**
 * The layout from the file's first records (the header and a few rows after it). `kindKnown` says
 * whether the first row alone tells what the file holds.
 */
export function readLayout(head: readonly (readonly string[])[], kindKnown: (labels: readonly string[]) => boolean): FileLayout {
  const first = (head[0] ?? []).map((cell, i) => (i === 0 ? cell.replace(/^\uFEFF/, '') : cell));
  const labels = first.map((cell) => [cell]);
  const skipped: SkippedHeaderRow[] = [];
  let timeZone: string | undefined;
  const known = kindKnown(first);
  // At most three header rows: the most any survey tool writes.
  for (let r = 1; r < Math.min(head.length, 3); r++) {
    const record = head[r]!;
    if (isMetadataRow(record)) {
      record.forEach((cell, i) => {
        const meta = metadataOf(cell);
        if (meta.importId && labels[i]) labels[i].push(meta.importId);
        timeZone ??= meta.timeZone;
      });
      skipped.push({ row: r + 1, why: 'metadata' });
      continue;
    }
    const why = isHeaderContinuation(record, first, known);
    if (!why) break;
    record.forEach((cell, i) => {
      if (cell.trim() !== '' && labels[i]) labels[i].push(cell);
    });
    skipped.push({ row: r + 1, why });
  }
  const layout: FileLayout = { headerRows: 1 + skipped.length, headers: first, labels, skipped };
  if (timeZone) layout.timeZone = timeZone;
  return layout;
}
