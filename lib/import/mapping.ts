/**
 * The manual mapping step: when a required column cannot be matched from the headers, the person
 * chooses which of the file's columns holds each required field. Pure: the options page renders the
 * step and `importCsv` takes the result as its `mapping`.
 */
import {
  ACCOUNT_REQUIREMENT, analyseHeaders, REQUIRED,
  type ImportField, type ImportKind, type MappingOverride,
} from './headers';

export interface MappingChoice {
  field: ImportField;
  /** Required on its own, one of the pair `account_id` / `account_name`, or optional (shown because two columns name it). */
  required: 'yes' | 'one-of-account' | 'no';
  /** The column now matched (0-based), or null. */
  column: number | null;
}

export interface MappingStep {
  kind: ImportKind;
  headers: string[];
  /** Headers no field uses (the candidates for the missing fields). */
  unmatchedHeaders: string[];
  /** The required fields (and the account pair), then any field two columns name, each with its current column. */
  choices: MappingChoice[];
  /** What is still missing as things stand. */
  missing: string[];
}

const LABELS: Partial<Record<ImportField, string>> = {
  score: 'Score (0–10)',
  responded_at: 'Date of the response',
  account_id: 'Account id',
  account_name: 'Account name',
  title: 'Action title',
  sent_at: 'Date the survey was sent',
};

export function fieldLabel(field: ImportField): string {
  return LABELS[field] ?? field.replace(/_/g, ' ');
}

/** The fields a person maps by hand for a file of `kind`, preset with what the headers matched. */
export function mappingStep(headers: readonly string[], kind: ImportKind, override?: MappingOverride): MappingStep {
  const analysis = analyseHeaders(headers, kind, override);
  const choices: MappingChoice[] = [
    ...REQUIRED[kind].map((field) => ({ field, required: 'yes' as const })),
    { field: 'account_id' as const, required: 'one-of-account' as const },
    { field: 'account_name' as const, required: 'one-of-account' as const },
    // A field that two columns name equally well is shown too, so the person picks one.
    ...analysis.duplicates.map(({ field }) => ({ field, required: 'no' as const })),
  ]
    .filter(({ field }, i, all) => all.findIndex((c) => c.field === field) === i)
    .map(({ field, required }) => ({ field, required, column: analysis.columns[field] ?? null }));
  return { kind, headers: analysis.headers, unmatchedHeaders: analysis.unknownHeaders, choices, missing: analysis.missing };
}

/** What is wrong with the choices, as a code and values each language words (`mapping.<code>`). */
export type MappingProblem =
  | { code: 'no_column'; field: ImportField; column: number }
  | { code: 'chosen_twice'; column: number; header: string; first: ImportField; second: ImportField }
  | { code: 'choose_account' }
  | { code: 'choose'; field: ImportField };

/** `problems` in English (logs and Node); `issues` for the UI to word. */
export type MappingResult = { ok: true; mapping: MappingOverride } | { ok: false; problems: string[]; issues: MappingProblem[] };

export function englishMappingProblem(problem: MappingProblem): string {
  switch (problem.code) {
    case 'no_column':
      return `${fieldLabel(problem.field)}: there is no column ${problem.column + 1}.`;
    case 'chosen_twice':
      return `"${problem.header || `Column ${problem.column + 1}`}" is chosen for both ${fieldLabel(problem.first)} and ${fieldLabel(problem.second)}.`;
    case 'choose_account':
      return 'Choose the column of the account id or of the account name.';
    case 'choose':
      return `Choose the column of ${fieldLabel(problem.field)}.`;
  }
}

/**
 * The person's choices (field → column index, or null for "not in this file") as a mapping for the
 * import, or what is wrong with them: a required field left out, or one column chosen for two fields.
 */
export function resolveMapping(
  headers: readonly string[],
  kind: ImportKind,
  chosen: Partial<Record<ImportField, number | null>>,
): MappingResult {
  const issues: MappingProblem[] = [];
  const mapping: MappingOverride = {};
  const fieldOfColumn = new Map<number, ImportField>();
  for (const [field, column] of Object.entries(chosen) as Array<[ImportField, number | null | undefined]>) {
    if (column === undefined) continue;
    if (column !== null && (!Number.isInteger(column) || column < 0 || column >= headers.length)) {
      issues.push({ code: 'no_column', field, column });
      continue;
    }
    if (column !== null) {
      const other = fieldOfColumn.get(column);
      if (other) issues.push({ code: 'chosen_twice', column, header: headers[column] ?? '', first: other, second: field });
      fieldOfColumn.set(column, field);
    }
    mapping[field] = column;
  }
  const { missing } = analyseHeaders(headers, kind, mapping);
  for (const field of missing) {
    issues.push(field === ACCOUNT_REQUIREMENT ? { code: 'choose_account' } : { code: 'choose', field: field as ImportField });
  }
  return issues.length > 0 ? { ok: false, problems: issues.map(englishMappingProblem), issues } : { ok: true, mapping };
}
