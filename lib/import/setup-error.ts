/**
 * Why a file cannot be imported as it is: a decision the user makes (kind, mapping, date order) or a
 * problem of the file itself (a quote never closed, mixed encodings), each with the message shown.
 */
import type { HeaderAnalysis } from './headers';
import type { DateOrderVerdict } from './dates';

export type ImportSetupProblem =
  | { code: 'empty_file' }
  | { code: 'unknown_kind'; headers: string[] }
  | { code: 'missing_columns'; analysis: HeaderAnalysis }
  | { code: 'duplicate_columns'; analysis: HeaderAnalysis }
  /** The bytes stop being valid UTF-8 on `row` (at `byte`, 0-based): the file mixes encodings. */
  | { code: 'bad_encoding'; row: number; byte: number }
  /** A quote opened on `row` is never closed: the `lines` lines after it were read into one cell. */
  | { code: 'unclosed_quote'; row: number; lines: number }
  | { code: 'date_order_ambiguous'; analysis: HeaderAnalysis; example: string }
  | { code: 'date_order_conflict'; analysis: HeaderAnalysis; verdict: Extract<DateOrderVerdict, { order: 'conflict' }> };

/** The file cannot be imported as it is: the UI asks the user (kind, mapping, date order) and retries. */
export class ImportSetupError extends Error {
  override readonly name = 'ImportSetupError';
  constructor(readonly problem: ImportSetupProblem) {
    super(describeProblem(problem));
  }
}

function describeProblem(problem: ImportSetupProblem): string {
  switch (problem.code) {
    case 'empty_file':
      return 'The file is empty: a header row is required.';
    case 'unknown_kind':
      return 'The headers do not say what the file holds: responses need a score column, actions a title, survey sends a sent_at.';
    case 'missing_columns':
      return `Required columns are missing: ${problem.analysis.missing.join(', ')}.`;
    case 'duplicate_columns':
      return problem.analysis.duplicates
        .map(({ field, columns }) => {
          const named = columns.map((c) => `column ${c + 1} “${problem.analysis.headers[c] ?? ''}”`).join(' and ');
          return `${field} is given by ${named}: choose the one to use.`;
        })
        .join(' ');
    case 'bad_encoding':
      return `Row ${problem.row}: the file is not valid UTF-8 here (byte ${problem.byte + 1}); it seems to mix encodings. Save it as UTF-8 and import again.`;
    case 'unclosed_quote':
      return `Row ${problem.row}: a quote opened in this row is never closed, so the ${problem.lines} line${problem.lines === 1 ? '' : 's'} after it cannot be read as rows. Close the quote (a quote inside a cell is written "") and import again.`;
    case 'date_order_ambiguous':
      return `Dates like "${problem.example}" can be read day-first or month-first: choose the order.`;
    case 'date_order_conflict':
      return `The file mixes day-first dates (row ${problem.verdict.dmyExample.row}: "${problem.verdict.dmyExample.value}") and month-first dates (row ${problem.verdict.mdyExample.row}: "${problem.verdict.mdyExample.value}").`;
  }
}
