/**
 * What converting one CSV record shares with the rest of its file: the row number, the headers, the
 * import time, the accounts already parsed; and what a conversion returns (the record, or its errors).
 */
import type { AccountFacts } from '../model';
import type { FieldColumns } from './headers';
import type { DateOrder } from './values';

/**
 * What a row says about its account (`id` is `account_id`, or `name:<normalised name>` when the file
 * has no id). The facts a row function returns are shared by every row with the same account cells and
 * frozen; `importCsv` hands each batch its own copies.
 */
export type { AccountFacts } from '../model';

export interface ImportRowError {
  /** As a spreadsheet numbers it: the header is row 1. */
  row: number;
  /** The header as written in the file (or the field name when the file has no such column). */
  column: string;
  /** The cell as written (shortened), when the cell was not empty. */
  value?: string;
  reason: string;
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
  /**
   * Rows without anything identifying the respondent can legitimately repeat (two anonymous 9s on the
   * same day); counting repeats keeps their derived ids apart while staying the same on re-import.
   */
  repeats: Map<string, number>;
  /** Parsed account facts by the account's id or name cell, with the other cells they came from. */
  accounts: Map<string, CachedFacts[]>;
  compiled?: { from: FieldColumns; columns: Columns };
}

export function createRowContext(headers: readonly string[], now: number, dateOrder?: DateOrder): RowContext {
  return { row: 1, headers, now, dateOrder, repeats: new Map(), accounts: new Map() };
}

export type RowResult<T> =
  | { ok: true; record: T; account: AccountFacts }
  | { ok: false; errors: ImportRowError[] };

export interface CachedFacts {
  name: string;
  domain: string;
  salesforce: string;
  zendesk: string;
  hubspot: string;
  facts: AccountFacts;
}

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
