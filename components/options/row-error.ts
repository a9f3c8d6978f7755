/**
 * A rejected row's error (`ImportRowError`, from the importer or a survey tool's answers) said in the
 * UI's language: `Row 7: score — "11" is not an integer from 0 to 10`. In English it is word for word
 * the importer's own `formatRowError`, which logs and Node read.
 */
import { rowErrorWords, rowReasonWords, type ImportRowError } from '../../lib/import';
import { sayWords, type Translator } from '../../lib/i18n';

/** The reason alone (the report's `reason` column). */
export function rowErrorReason(error: ImportRowError, t: Translator): string {
  return sayWords(t, rowReasonWords(error)) ?? error.reason;
}

export function rowErrorText(error: ImportRowError, t: Translator): string {
  return sayWords(t, rowErrorWords(error)) ?? rowErrorReason(error, t);
}
