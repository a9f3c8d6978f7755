/**
 * A rejected row's error (`ImportRowError`, from the importer or a survey tool's answers) said in the
 * UI's language: `Row 7: score — "11" is not an integer from 0 to 10`. In English it is word for word
 * the importer's own `formatRowError`, which logs and Node read.
 */
import type { ImportRowError } from '../../lib/import';
import type { MessageKey, Translator } from '../../lib/i18n';

export function rowErrorReason(error: ImportRowError, t: Translator): string {
  const reason = t(`row.${error.problem.code}` as MessageKey, error.problem.values);
  return error.answer === undefined ? reason : t('row.inAnswer', { answer: error.answer, reason });
}

export function rowErrorText(error: ImportRowError, t: Translator): string {
  const reason = rowErrorReason(error, t);
  const what = error.value ? t('row.quoted', { value: error.value, reason }) : reason;
  return error.column ? t('row.line', { row: error.row, column: error.column, what }) : t('row.lineWhole', { row: error.row, what });
}
