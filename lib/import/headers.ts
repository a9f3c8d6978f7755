/**
 * What a file's headers say: its kind, which column holds each field (by name, then by what the
 * values look like), what is missing or named twice. The fields and their names: `header-fields.ts`.
 */
import {
  FIELDS_BY_KIND, matchField, normaliseHeader,
  type ImportField, type ImportKind, type FieldColumns, type MappingOverride,
} from './header-fields';

export * from './header-fields';

/**
 * The companion of an NPS question that holds its group, not the score: Qualtrics' `Q1_NPS_GROUP`
 * (question text "… - Group"), `NPS Category`, `NPS Segment`. Returns the label of the question it
 * belongs to when the label names one (`Q1`), else '' (a companion of no named column).
 */
export function npsCompanionOf(label: string): string | null {
  const m = /^(.*?)[\s_-]*nps[\s_-]*(group|category|segment|classification|type)$/i.exec(label.trim());
  if (m) return m[1] ?? '';
  if (/\s[-–]\s*(group|nps group)$/i.test(label.trim())) return '';
  if (/^(nps)?\s*(category|segment)$/i.test(label.trim())) return '';
  return null;
}

/** Column ids survey tools give an NPS question: `Q1_NPS`, `QID7_NPS`, `NPS_Q3`. */
const NPS_ID = /^(q(id)?\d+[_-]?nps|nps[_-]?q(id)?\d+)$/i;

const DATE_LIKE = /^(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4})([ T]\d{1,2}:\d{2}.*)?$/;
const EMAIL_LIKE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Whether a column's non-empty sample values (at least two) all pass `test`. */
function allValues(sample: readonly (readonly string[])[], column: number, test: (value: string) => boolean): boolean {
  let values = 0;
  for (const row of sample) {
    const cell = (row[column] ?? '').trim();
    if (cell === '') continue;
    if (!test(cell)) return false;
    values++;
  }
  return values >= 2;
}

/** The one column no field has taken that passes `test`, or null (none, or several: not guessed). */
function onlyColumnWhere(width: number, columns: FieldColumns, skip: ReadonlySet<number>, test: (column: number) => boolean): number | null {
  const taken = new Set(Object.values(columns));
  let found: number | null = null;
  for (let column = 0; column < width; column++) {
    if (taken.has(column) || skip.has(column) || !test(column)) continue;
    if (found !== null) return null;
    found = column;
  }
  return found;
}

/** A column whose sample values are all whole numbers 0–10, spread enough to be a score (not 0/1 flags). */
function looksLikeScores(sample: readonly (readonly string[])[], column: number): boolean {
  const seen = new Set<number>();
  let values = 0;
  for (const row of sample) {
    const cell = (row[column] ?? '').trim();
    if (cell === '') continue;
    if (!/^\d{1,2}$/.test(cell) || Number(cell) > 10) return false;
    seen.add(Number(cell));
    values++;
  }
  return values >= 2 && (seen.size >= 3 || [...seen].some((v) => v > 1));
}

/** Which kind a header row is: responses need a score, sends a sent_at, actions a title. */
export function detectKind(headers: readonly string[], shape: ColumnShape = {}): ImportKind | null {
  const has = (kind: ImportKind, field: ImportField) =>
    headers.some((header) => matchField(kind, normaliseHeader(header), header)?.field === field);
  if (has('responses', 'score')) return 'responses';
  // A survey export whose score column is named only under the first row, by a companion or by its values.
  if ((shape.labels || shape.sample || shape.columns) && analyseHeaders(headers, 'responses', undefined, shape).columns.score !== undefined) return 'responses';
  if (has('sends', 'sent_at')) return 'sends';
  if (has('actions', 'title')) return 'actions';
  return null;
}

export const REQUIRED: Record<ImportKind, ImportField[]> = {
  responses: ['score', 'responded_at'],
  actions: ['title'],
  sends: ['sent_at'],
};
/** Every kind needs one of these to know which account a row belongs to. */
export const ACCOUNT_REQUIREMENT = 'account_id or account_name';

/** What else is known of a file's columns than its first header row. */
export interface ColumnShape {
  /** Every label of each column (the first row's, then question text or metadata ids under it). */
  labels?: readonly (readonly string[])[];
  /** The first data rows, for the one column of 0–10 values when no header names the score. */
  sample?: readonly (readonly string[])[];
  /** A vendor preset's columns: compacted label (`normaliseHeader`) → field; they win over the aliases. */
  columns?: Readonly<Record<string, ImportField>>;
  /** Compacted labels a preset says are not what their names suggest (Qualtrics' `StartDate`). */
  ignore?: readonly string[];
}

/** How a file's rows find their account. */
export type AccountSource = 'column' | 'email_domain';

export interface HeaderAnalysis {
  kind: ImportKind;
  /** `email_domain`: no account column, so each respondent's email domain names the account. */
  accountFrom: AccountSource;
  /** How the score column was found, when it was not by its own header name. */
  scoreFoundBy?: 'header' | 'question_text' | 'companion' | 'values' | 'preset' | 'mapping';
  /** The headers as written in the file (BOM removed). */
  headers: string[];
  /** Field → column index. */
  columns: FieldColumns;
  /** Field → the header as written, for the summary and the manual mapping step. */
  mapping: Partial<Record<ImportField, string>>;
  /** Headers that no field uses; their columns are ignored. */
  unknownHeaders: string[];
  /** Required fields with no column: field names, or `account_id or account_name`. */
  missing: string[];
  /**
   * Fields that two or more columns name equally well (a `score` header given twice): which one is meant
   * is not guessed, the user chooses (columns as indexes, in file order).
   */
  duplicates: Array<{ field: ImportField; columns: number[] }>;
}

/**
 * Maps a header row onto the fields of `kind`. `override` (from a manual mapping step) replaces the
 * automatic choice for the fields it names; a header it names can serve only that field.
 */
export function analyseHeaders(rawHeaders: readonly string[], kind: ImportKind, override?: MappingOverride, shape: ColumnShape = {}): HeaderAnalysis {
  const headers = rawHeaders.map((header, i) => (i === 0 ? header.replace(/^\uFEFF/, '') : header));
  const labelsOf = (column: number): readonly string[] => shape.labels?.[column] ?? [headers[column] ?? ''];
  const ignored = new Set(shape.ignore ?? []);
  const best = new Map<ImportField, { column: number; rank: number; also: number[] }>();
  const companions: string[] = [];
  const companionColumns = new Set<number>();
  let scoreFoundBy: HeaderAnalysis['scoreFoundBy'];
  headers.forEach((_header, column) => {
    const labels = labelsOf(column);
    if (kind === 'responses') {
      const companion = labels.map(npsCompanionOf).find((base) => base !== null);
      if (companion !== undefined && companion !== null) {
        companionColumns.add(column);
        if (companion !== '') companions.push(normaliseHeader(companion));
        return;
      }
    }
    // The first row's label first; a label under it counts a little less, so the first row decides ties.
    let match: { field: ImportField; rank: number } | null = null;
    labels.forEach((label, i) => {
      const normalised = normaliseHeader(label);
      if (ignored.has(normalised)) return;
      const preset = shape.columns?.[normalised];
      const found = preset && FIELDS_BY_KIND[kind].includes(preset) ? { field: preset, rank: -10 } : matchField(kind, normalised, label);
      if (!found) return;
      const rank = found.rank + (i === 0 ? 0 : 100);
      if (!match || rank < match.rank) match = { field: found.field, rank };
    });
    if (!match && kind === 'responses' && labels.some((label) => NPS_ID.test(label.trim()))) match = { field: 'score', rank: 500 };
    if (!match) return;
    const { field, rank } = match;
    const current = best.get(field);
    if (!current || rank < current.rank) best.set(field, { column, rank, also: [] });
    else if (rank === current.rank) current.also.push(column);
  });
  const columns: FieldColumns = {};
  for (const [field, { column }] of best) columns[field] = column;
  if (kind === 'responses') {
    const score = best.get('score');
    if (score) scoreFoundBy = score.rank < 0 ? 'preset' : score.rank >= 1000 ? 'question_text' : score.rank === 500 ? 'header' : 'header';
    // The question a companion names (`Q1` of `Q1_NPS_GROUP`) is the score, whatever its own label says.
    const named = headers.findIndex((_h, column) => !companionColumns.has(column) && labelsOf(column).some((label) => companions.includes(normaliseHeader(label))));
    if (named >= 0 && (!score || score.rank >= 500)) {
      for (const field of Object.keys(columns) as ImportField[]) if (columns[field] === named) delete columns[field];
      columns.score = named;
      best.delete('score');
      scoreFoundBy = 'companion';
    } else if (!score && shape.sample) {
      const column = onlyColumnWhere(headers.length, columns, companionColumns, (c) => looksLikeScores(shape.sample!, c));
      if (column !== null) {
        columns.score = column;
        scoreFoundBy = 'values';
      }
    }
    // The date and the respondent's email, by their values, when no header names them.
    if (shape.sample && columns.responded_at === undefined) {
      const column = onlyColumnWhere(headers.length, columns, companionColumns, (c) => allValues(shape.sample!, c, (v) => DATE_LIKE.test(v)));
      if (column !== null) columns.responded_at = column;
    }
    if (shape.sample && columns.respondent_email === undefined) {
      const column = onlyColumnWhere(headers.length, columns, companionColumns, (c) => allValues(shape.sample!, c, (v) => EMAIL_LIKE.test(v) || v.toLowerCase() === 'anonymous'));
      if (column !== null) columns.respondent_email = column;
    }
  }

  if (override) {
    const allowed = new Set<ImportField>(FIELDS_BY_KIND[kind]);
    for (const [field, target] of Object.entries(override) as Array<[ImportField, string | number | null | undefined]>) {
      if (!allowed.has(field) || target === undefined) continue;
      delete columns[field];
      if (target === null) continue;
      const column = typeof target === 'number' ? target : findHeader(headers, target);
      if (column < 0 || column >= headers.length) continue;
      for (const other of Object.keys(columns) as ImportField[]) {
        if (columns[other] === column && !(other in override)) delete columns[other];
      }
      columns[field] = column;
    }
  }

  const used = new Set(Object.values(columns));
  const mapping: Partial<Record<ImportField, string>> = {};
  for (const field of FIELDS_BY_KIND[kind]) {
    const column = columns[field];
    if (column !== undefined) mapping[field] = headers[column] ?? '';
  }
  const duplicates = [...best]
    .filter(([field, { also }]) => also.length > 0 && !(override && override[field] !== undefined))
    .map(([field, { column, also }]) => ({ field, columns: [column, ...also] }));
  const missing: string[] = REQUIRED[kind].filter((field) => columns[field] === undefined);
  let accountFrom: AccountSource = 'column';
  if (columns.account_id === undefined && columns.account_name === undefined) {
    // Survey exports often name no account: the respondents' email domains (or a domain column) do.
    if (kind !== 'actions' && (columns.respondent_email !== undefined || columns.account_domain !== undefined)) accountFrom = 'email_domain';
    else missing.push(ACCOUNT_REQUIREMENT);
  }
  if (override && kind === 'responses' && override.score !== undefined && override.score !== null) scoreFoundBy = 'mapping';
  return {
    kind,
    accountFrom,
    ...(scoreFoundBy && columns.score !== undefined ? { scoreFoundBy } : {}),
    headers,
    columns,
    mapping,
    unknownHeaders: headers.filter((header, column) => !used.has(column) && header.trim() !== ''),
    missing,
    duplicates,
  };
}

function findHeader(headers: readonly string[], wanted: string): number {
  const exact = headers.indexOf(wanted);
  if (exact >= 0) return exact;
  const normalised = normaliseHeader(wanted);
  return headers.findIndex((header) => normaliseHeader(header) === normalised);
}
