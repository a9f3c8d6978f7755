/**
 * One CSV record → one model record plus the account facts it carries, or the reasons it was rejected.
 * Row numbers are spreadsheet row numbers: the header is row 1 and each CSV record is one row, so a
 * quoted comment spanning several lines is still one row (as a spreadsheet shows it).
 */
import { ActionSchema, SurveySendSchema, type Action, type Channel, type SurveyResponse, type SurveySend } from '../model';
import type { FieldColumns, ImportField } from './headers';

import { parseCalendarDate } from './dates';
import { parseActionStatus, parseBoolean, parseChannel, parseEmail, parseNotes, parseScore } from './values';
import { RowReader, columnsOf, commentText, nameOfRespondent } from './row-reader';
import type { RowContext, RowResult } from './row-context';
import { rowProblem } from './row-problem';

export { createRowContext, formatRowError, rowErrorWords, rowReasonWords, type AccountFacts, type ImportRowError, type RowContext, type RowResult } from './row-context';

const identity = (text: string) => text;

/** A responses CSV record → a `SurveyResponse`. */
export function rowToResponse(row: readonly string[], mapping: FieldColumns, ctx: RowContext): RowResult<SurveyResponse> {
  const c = columnsOf(mapping, ctx);
  const reader = new RowReader(row, c, ctx);
  if (ctx.onlyWhere && !ctx.onlyWhere.values.has(reader.text(ctx.onlyWhere.column).toLowerCase())) return { ok: false, errors: [], skip: { reason: 'not_nps' } };
  const scoreCell = reader.text(c.score);
  // In a survey tool's export, a respondent who skipped the NPS question has no score: not a response.
  if (scoreCell === '' && ctx.surveyExport) return { ok: false, errors: [], skip: { reason: 'no_score' } };
  const account = reader.account();
  const score = reader.parse(c.score, 'score', parseScore);
  if (scoreCell === '') reader.fail(c.score, 'score', '', rowProblem('empty_score'));
  const respondedAt = reader.instant(c.responded_at, 'responded_at', rowProblem('empty_responded_at'));
  const respondentEmail = reader.parse(c.respondent_email, 'respondent_email', parseEmail);
  const respondentName = nameOfRespondent(reader);
  const channel: Channel | undefined = reader.parse(c.channel, 'channel', parseChannel);
  const excluded = reader.parse(c.excluded, 'excluded', parseBoolean) ?? false;
  const tags = reader.list(c.tags, 'tags', identity);
  if (reader.unassigned && !reader.errors) return { ok: false, errors: [], skip: { reason: 'unassigned', ...reader.unassigned } };
  if (reader.errors || !account || score === undefined || respondedAt === undefined) {
    return { ok: false, errors: reader.errors ?? [] };
  }
  const comment = commentText(reader);
  const survey = reader.optional(c.survey);
  const respondent = respondentEmail ?? respondentName?.toLowerCase();
  const id =
    reader.optional(c.response_id) ??
    reader.derivedId(
      'r',
      respondent === undefined
        ? [account.id, '', respondedAt, score, comment, channel, survey]
        : [account.id, respondent, respondedAt, score],
      respondent === undefined,
    );
  // No schema check per row: each value comes from its cell's parser, which already holds it to
  // `ResponseSchema` (an integer score 0–10, an instant from 1970 on, a channel of the list); a test
  // checks that for any cells, and the background checks every record of a file's batches when they arrive.
  // Zod cannot compile its checks under an extension's content security policy, so here it cost
  // about 1.5 µs of a row's 14 in Node, and more in the browser.
  const record: SurveyResponse = { id, accountId: account.id, score, respondedAt, tags, excluded, updatedAt: ctx.now };
  if (respondentEmail !== undefined) record.respondentEmail = respondentEmail;
  if (respondentName !== undefined) record.respondentName = respondentName;
  const role = reader.optional(c.respondent_role);
  if (role !== undefined) record.respondentRole = role;
  const title = reader.optional(c.respondent_title);
  if (title !== undefined) record.respondentTitle = title;
  if (comment !== undefined) record.comment = comment;
  if (channel !== undefined) record.channel = channel;
  if (survey !== undefined) record.survey = survey;
  return { ok: true, record, account };
}

const ACTION_FIELD_OF: Record<string, ImportField> = {
  id: 'action_id', accountId: 'account_id', title: 'title', status: 'status', owner: 'owner', dueDate: 'due_date',
  createdAt: 'created_at', responseId: 'response_id', updatedAt: 'updated_at', closedAt: 'closed_at', closedBy: 'closed_by',
  createdBy: 'created_by', updatedBy: 'updated_by', notes: 'notes',
};

/** An actions CSV record → an `Action` (status defaults to open; no created_at → the import time). */
export function rowToAction(row: readonly string[], mapping: FieldColumns, ctx: RowContext): RowResult<Action> {
  const c = columnsOf(mapping, ctx);
  const reader = new RowReader(row, c, ctx);
  const account = reader.account();
  const title = reader.optional(c.title);
  if (title === undefined) reader.fail(c.title, 'title', '', rowProblem('empty_title'));
  const status = reader.parse(c.status, 'status', parseActionStatus) ?? 'open';
  const dueDate = reader.parse(c.due_date, 'due_date', (raw) => parseCalendarDate(raw, ctx));
  const createdAt = reader.instant(c.created_at, 'created_at', null);
  const updatedAt = reader.instant(c.updated_at, 'updated_at', null);
  const closedAt = reader.instant(c.closed_at, 'closed_at', null);
  const notes = reader.parse(c.notes, 'notes', parseNotes);
  if (reader.errors || !account || title === undefined) return { ok: false, errors: reader.errors ?? [] };
  const owner = reader.optional(c.owner);
  const responseId = reader.optional(c.response_id);
  const id =
    reader.optional(c.action_id) ??
    reader.derivedId('a', [account.id, title, createdAt ?? '', responseId ?? '', dueDate ?? '', owner ?? ''], false);
  const candidate: Record<string, unknown> = { id, accountId: account.id, title, status, createdAt: createdAt ?? ctx.now, updatedAt: updatedAt ?? ctx.now };
  if (owner !== undefined) candidate.owner = owner;
  if (closedAt !== undefined && status === 'done') candidate.closedAt = closedAt;
  for (const [field, column] of [['closedBy', c.closed_by], ['createdBy', c.created_by], ['updatedBy', c.updated_by]] as const) {
    const value = reader.optional(column);
    if (value !== undefined && (field !== 'closedBy' || status === 'done')) candidate[field] = value;
  }
  if (notes !== undefined && notes.length > 0) candidate.notes = notes;
  if (dueDate !== undefined) candidate.dueDate = dueDate;
  if (responseId !== undefined) candidate.responseId = responseId;
  const checked = ActionSchema.safeParse(candidate);
  if (!checked.success) {
    reader.schemaIssues(checked.error.issues, ACTION_FIELD_OF);
    return { ok: false, errors: reader.errors ?? [] };
  }
  return { ok: true, record: checked.data, account };
}

const SEND_FIELD_OF: Record<string, ImportField> = {
  accountId: 'account_id', respondentEmail: 'respondent_email', respondentRole: 'respondent_role',
  sentAt: 'sent_at', channel: 'channel', survey: 'survey',
};

/** A survey sends CSV record → a `SurveySend` (its id derived from the row, stable on re-import). */
export function rowToSend(row: readonly string[], mapping: FieldColumns, ctx: RowContext): RowResult<SurveySend> {
  const c = columnsOf(mapping, ctx);
  const reader = new RowReader(row, c, ctx);
  const account = reader.account();
  const sentAt = reader.instant(c.sent_at, 'sent_at', rowProblem('empty_sent_at'));
  const respondentEmail = reader.parse(c.respondent_email, 'respondent_email', parseEmail);
  const channel = reader.parse(c.channel, 'channel', parseChannel);
  if (reader.unassigned && !reader.errors) return { ok: false, errors: [], skip: { reason: 'unassigned', ...reader.unassigned } };
  if (reader.errors || !account || sentAt === undefined) return { ok: false, errors: reader.errors ?? [] };
  const role = reader.optional(c.respondent_role);
  const survey = reader.optional(c.survey);
  const id = reader.derivedId('s', [account.id, respondentEmail ?? '', sentAt, channel ?? '', survey ?? '', role ?? ''], respondentEmail === undefined);
  const candidate: Record<string, unknown> = { id, accountId: account.id, sentAt };
  if (respondentEmail !== undefined) candidate.respondentEmail = respondentEmail;
  if (role !== undefined) candidate.respondentRole = role;
  if (channel !== undefined) candidate.channel = channel;
  if (survey !== undefined) candidate.survey = survey;
  const checked = SurveySendSchema.safeParse(candidate);
  if (!checked.success) {
    reader.schemaIssues(checked.error.issues, SEND_FIELD_OF);
    return { ok: false, errors: reader.errors ?? [] };
  }
  return { ok: true, record: checked.data, account };
}
