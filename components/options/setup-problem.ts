/**
 * Why a file cannot be imported as it is (`ImportSetupProblem`, from the import worker), said in the
 * UI's language. The worker's own English message is for logs and for Node.
 */
import type { ImportSetupProblem } from '../../lib/import';
import type { Translator } from '../../lib/i18n';

export function setupProblemText(problem: ImportSetupProblem, t: Translator): string {
  switch (problem.code) {
    case 'empty_file':
      return t('setup.empty');
    case 'unknown_kind':
      return t('setup.unknownKind');
    case 'missing_columns':
      return t('setup.missing', { columns: problem.analysis.missing.join(', ') });
    case 'duplicate_columns':
      return problem.analysis.duplicates
        .map(({ field, columns }) =>
          t('setup.duplicate', {
            field,
            columns: columns.map((c) => t('setup.column', { n: c + 1, header: problem.analysis.headers[c] ?? '' })).join(t('setup.and')),
          }),
        )
        .join(' ');
    case 'bad_encoding':
      return t('setup.encoding', { row: problem.row, byte: problem.byte + 1 });
    case 'unclosed_quote':
      return t('setup.unclosedQuote', { row: problem.row, lines: problem.lines });
    case 'date_order_ambiguous':
      return t('setup.dateOrder', { example: problem.example });
    case 'date_order_conflict':
      return t('setup.dateConflict', {
        dmyRow: problem.verdict.dmyExample.row,
        dmy: problem.verdict.dmyExample.value,
        mdyRow: problem.verdict.mdyExample.row,
        mdy: problem.verdict.mdyExample.value,
      });
  }
}
