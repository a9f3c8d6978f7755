/**
 * What converting one CSV record shares with the rest of its file: the row number, the headers, the
 * import time, the accounts already parsed; and what a conversion returns (the record, or its errors).
 */
import type { AccountFacts } from '../model';
import type { AccountSource, FieldColumns } from './headers';
import type { DateOrder } from './dates';
import type { RowProblem } from './row-problem';
import type { ErrorWords } from '../core/errors';

/**
 * What a row says about its account (`id` is `account_id`, or `name:<normalised name>` when the file
 * has no id). The facts a row function returns are shared by every row with the same account cells and
 * frozen; `importCsv` merges them per account (`batch-accounts.ts`) into objects that are frozen too.
 */
export type { AccountFacts } from '../model';

export interface ImportRowError {
  /** As a spreadsheet numbers it: the header is row 1. */
  row: number;
  /** The header as written in the file (or the field name when the file has no such column). */
  column: string;
  /** The cell as written (shortened), when the cell was not empty. */
  value?: string;
  /** Why, as a code and values each language words (`row.<code>` in the message files). */
  problem: RowProblem;
  /** Why, in English, to follow the quoted cell (`englishReason(problem)`, with the answer when there is one). */
  reason: string;
  /** The survey tool's id of the answer, when the row came from a connector rather than a file. */
  answer?: string;
}

/**
 * A row's error as words for the UI's language (`row.line`, the quoted value, the answer, the reason):
 * in English, word for word `formatRowError`.
 */
export function rowErrorWords(error: ImportRowError): ErrorWords {
  const reason = rowReasonWords(error);
  const what = error.value ? { key: 'row.quoted', values: { value: error.value, reason } } : reason;
  return error.column ? { key: 'row.line', values: { row: error.row, column: error.column, what } } : { key: 'row.lineWhole', values: { row: error.row, what } };
}

/** The reason alone (a report's `reason` column): the problem, inside the survey tool's answer when there is one. */
export function rowReasonWords(error: ImportRowError): ErrorWords {
  const problem: ErrorWords = { key: `row.${error.problem.code}`, values: error.problem.values };
  return error.answer === undefined ? problem : { key: 'row.inAnswer', values: { answer: error.answer, reason: problem } };
}

/** `Row 7: score — "11" is not an integer from 0 to 10` */
export function formatRowError(error: ImportRowError): string {
  const what = error.value ? `"${error.value}" ${error.reason}` : error.reason;
  return error.column ? `Row ${error.row}: ${error.column} — ${what}` : `Row ${error.row}: ${what}`;
}

export interface RowContext {
  /** The spreadsheet row number of the record being converted; the caller sets it per row. */
  row: number;
  /** The file's headers as written, for error messages. */
  headers: readonly string[];
  /** Import time: `updatedAt` of the records, `createdAt` of actions without one. */
  now: number;
  dateOrder?: DateOrder;
  /** The time zone of date-times written without an offset (from the file's metadata row). */
  timeZone?: string;
  /** Where rows find their account: their account columns, or their respondent's email domain. */
  accountFrom: AccountSource;
  /** Accounts by email domain (null: a free-mail domain, no account), when accounts come from emails. */
  domainAccounts: Map<string, AccountFacts | null>;
  /**
   * A survey tool's export (a known vendor layout or several header rows): a row without a score is a
   * respondent who skipped the NPS question, skipped and counted rather than an error.
   */
  surveyExport: boolean;
  /** Rows are NPS answers only when this column holds one of these (lower-cased) values. */
  onlyWhere?: { column: number; values: ReadonlySet<string> };
  /**
   * Rows without anything identifying the respondent can legitimately repeat (two anonymous 9s on the
   * same day); counting repeats keeps their derived ids apart while staying the same on re-import.
   */
  repeats: Map<string, number>;
  /**
   * Parsed account facts by the row's account cells, all six joined (`accountCellsKey`): a file may
   * spell one account several ways (a domain as a URL, a 15- or 18-character Salesforce id).
   */
  accounts: Map<string, AccountFacts>;
  compiled?: { from: FieldColumns; columns: Columns };
}

export function createRowContext(headers: readonly string[], now: number, dateOrder?: DateOrder, extra: Partial<Pick<RowContext, 'timeZone' | 'accountFrom' | 'surveyExport' | 'onlyWhere'>> = {}): RowContext {
  return {
    row: 1, headers, now, dateOrder, repeats: new Map(), accounts: new Map(), accountFrom: 'column', domainAccounts: new Map(),
    surveyExport: false, ...extra,
  };
}

/**
 * Why a row is not a response and not an error either: its respondent skipped the NPS question, its
 * email is a free-mail or anonymous one (no account to put it under), or it answers another survey type.
 */
export type RowSkip = { reason: 'no_score' } | { reason: 'not_nps' } | { reason: 'unassigned'; email?: string };

export type RowResult<T> =
  | { ok: true; record: T; account: AccountFacts }
  | { ok: false; errors: ImportRowError[]; skip?: RowSkip };

/** Every field's column (-1: none), in one fixed-shape object so the per-row reads stay fast. */
export interface Columns {
  response_id: number; action_id: number; account_id: number; account_name: number; account_domain: number;
  salesforce_account_id: number; zendesk_organization_id: number; hubspot_company_id: number;
  respondent_email: number; respondent_name: number; respondent_first_name: number; respondent_last_name: number;
  respondent_role: number; respondent_title: number; score: number; comment: number; responded_at: number;
  channel: number; survey: number; tags: number; excluded: number; title: number; status: number; owner: number;
  due_date: number; created_at: number; sent_at: number;
  updated_at: number; closed_at: number; closed_by: number; created_by: number; updated_by: number; notes: number;
}
