/**
 * Stored responses and actions as rows of the import's own CSV formats (the README, "Importing data"), so an export
 * imports again as the same records. Cells a spreadsheet would run as formulas are made inert
 * (`safeCell`), and the import undoes exactly that (`restoreEscapedCell`).
 */
import Papa from 'papaparse';
import type { Account, Action, SurveyResponse } from '../model';
import { safeCell } from './csv';

export const RESPONSE_EXPORT_COLUMNS = [
  'response_id', 'account_id', 'account_name', 'account_domain', 'salesforce_account_id', 'zendesk_organization_id',
  'hubspot_company_id', 'respondent_email', 'respondent_name', 'respondent_role', 'respondent_title', 'score', 'comment',
  'responded_at', 'channel', 'survey', 'tags', 'excluded',
] as const;

export const ACTION_EXPORT_COLUMNS = [
  'action_id', 'account_id', 'account_name', 'title', 'status', 'owner', 'due_date', 'created_at', 'response_id',
  'updated_at', 'closed_at', 'closed_by', 'created_by', 'updated_by', 'notes',
] as const;

export type ExportKind = 'responses' | 'actions';
export const EXPORT_COLUMNS: Record<ExportKind, readonly string[]> = {
  responses: RESPONSE_EXPORT_COLUMNS,
  actions: ACTION_EXPORT_COLUMNS,
};

const list = (values: readonly string[] | undefined) => (values ?? []).join('; ');
const instant = (ms: number) => new Date(ms).toISOString();

/** A response as the cells of `RESPONSE_EXPORT_COLUMNS`, in order (before formula escaping). */
export function responseCells(response: SurveyResponse, account: Account | undefined): Array<string | number> {
  return [
    response.id, response.accountId, account?.name ?? '', list(account?.domains), list(account?.salesforceIds),
    list(account?.zendeskOrganizationIds), list(account?.hubspotCompanyIds), response.respondentEmail ?? '',
    response.respondentName ?? '', response.respondentRole ?? '', response.respondentTitle ?? '', response.score,
    response.comment ?? '', instant(response.respondedAt), response.channel ?? '', response.survey ?? '',
    list(response.tags), response.excluded ? 'true' : 'false',
  ];
}

/** An action as the cells of `ACTION_EXPORT_COLUMNS`, in order (before formula escaping). */
export function actionCells(action: Action, account: Account | undefined): Array<string | number> {
  return [
    action.id, action.accountId, account?.name ?? '', action.title, action.status, action.owner ?? '',
    action.dueDate ?? '', instant(action.createdAt), action.responseId ?? '', instant(action.updatedAt),
    action.closedAt !== undefined ? instant(action.closedAt) : '', action.closedBy ?? '', action.createdBy ?? '',
    action.updatedBy ?? '', action.notes?.length ? JSON.stringify(action.notes.map((n) => ({ ...n, at: instant(n.at) }))) : '',
  ];
}

/** CSV lines (CRLF-terminated), formula-safe; the header line when `columns` is given alone. */
export function csvLines(rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  if (rows.length === 0) return '';
  return Papa.unparse(rows.map((row) => row.map(safeCell)), { newline: '\r\n', quotes: false }) + '\r\n';
}

/** The header line of an export. */
export function exportHeader(kind: ExportKind): string {
  return csvLines([EXPORT_COLUMNS[kind] as string[]]);
}

/** Stored records of one kind. */
export type ExportRecords = { kind: 'responses'; records: SurveyResponse[] } | { kind: 'actions'; records: Action[] };

/** One page of stored records as CSV lines, their accounts looked up in `accounts`. */
export function exportLines(page: ExportRecords, accounts: ReadonlyMap<string, Account>): string {
  return page.kind === 'responses'
    ? csvLines(page.records.map((r) => responseCells(r, accounts.get(r.accountId))))
    : csvLines(page.records.map((a) => actionCells(a, accounts.get(a.accountId))));
}
