/**
 * The mapping step's words in the UI's language: a field's name for its select, and what is wrong with
 * the choices. In English, word for word the importer's own (`fieldLabel`, `englishMappingProblem`).
 */
import type { ImportField, MappingProblem } from '../../lib/import';
import type { MessageKey, Translator } from '../../lib/i18n';
import { ENGLISH } from '../../lib/i18n/english';

/** The fields with a name of their own; the others are named by their column (`respondent email`). */
export function fieldName(field: ImportField, t: Translator): string {
  const key = `field.${field}` as MessageKey;
  return key in ENGLISH ? t(key) : field.replace(/_/g, ' ');
}

export function mappingProblemText(problem: MappingProblem, t: Translator): string {
  switch (problem.code) {
    case 'no_column':
      return t('mapping.no_column', { field: fieldName(problem.field, t), n: problem.column + 1 });
    case 'chosen_twice':
      return t('mapping.chosen_twice', {
        header: problem.header || t('import.column', { n: problem.column + 1 }),
        first: fieldName(problem.first, t),
        second: fieldName(problem.second, t),
      });
    case 'choose_account':
      return t('mapping.choose_account');
    case 'choose':
      return t('mapping.choose', { field: fieldName(problem.field, t) });
  }
}
