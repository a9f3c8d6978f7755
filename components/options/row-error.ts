/**
 * A rejected row's error (`ImportRowError`, from the importer or a survey tool's answers) said in the
 * UI's language: `Row 7: score — "11" is not an integer from 0 to 10`. In English it is word for word
 * the importer's own `formatRowError`, which logs and Node read.
 */
import { rowErrorWords, type ImportRowError } from '../../lib/import';
import type { MessageKey, Translator } from '../../lib/i18n';
import { sayWords } from '../shared/error-text';

/** The reason alone (the report's `reason` column): the problem, with the survey tool's answer when there is one. */
export function rowErrorReason(error: ImportRowError, t: Translator): string {
  const reason = t(`row.${error.problem.code}` as MessageKey, error.problem.values);
  return error.answer === undefined ? reason : t('row.inAnswer', { answer: error.answer, reason });
}

export function rowErrorText(error: ImportRowError, t: Translator): string {
  return sayWords(t, rowErrorWords(error)) ?? rowErrorReason(error, t);
}
