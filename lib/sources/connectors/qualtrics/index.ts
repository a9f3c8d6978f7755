/**
 * Qualtrics, through its response export API (v3): start an export of the survey's responses as JSON
 * (`POST /API/v3/surveys/{id}/export-responses`, `allowContinuation`), poll its progress until it is
 * complete, then read the file. The export's `continuationToken` is the cursor: the next export holds
 * only what was recorded since. The token goes in `X-API-TOKEN`; the base URL is the account's data
 * centre (`https://{datacenter}.qualtrics.com`).
 */
import { z } from 'zod';
import { wordedError, words } from '../../../i18n/words';
import { decodeCursor, encodeCursor } from '../cursor';
import type { ConnectorPage, ConnectorRow, ConnectorSelection, QuestionInfo, SurveyConnector, SurveyInfo } from '../types';

const SurveysSchema = z.object({
  result: z.object({ elements: z.array(z.object({ id: z.string(), name: z.string() })), nextPage: z.string().nullable().optional() }),
});
const QuestionsSchema = z.object({
  result: z.object({
    elements: z.array(
      z.object({ QuestionID: z.string(), QuestionText: z.string(), QuestionType: z.string(), Selector: z.string().optional() }),
    ),
  }),
});
const StartSchema = z.object({ result: z.object({ progressId: z.string() }) });
const ProgressSchema = z.object({
  result: z.object({
    status: z.enum(['inProgress', 'complete', 'failed']),
    percentComplete: z.number(),
    fileId: z.string().optional(),
    continuationToken: z.string().optional(),
  }),
});
const FileSchema = z.object({
  responses: z.array(
    z.object({
      responseId: z.string(),
      values: z.record(z.string(), z.unknown()),
      labels: z.record(z.string(), z.unknown()).optional(),
    }),
  ),
});
const CursorSchema = z.object({ continuationToken: z.string() });

/** Polls at most this many times (a second apart) before the export is called stuck. */
const MAX_POLLS = 120;

const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

export const qualtrics: SurveyConnector = {
  id: 'qualtrics',
  vendor: 'Qualtrics',
  docs: 'https://api.qualtrics.com/u9e5lh4172v0v-survey-response-export-guide',
  defaultBaseUrl: 'https://yourdatacenterid.qualtrics.com',
  tokenHelp: 'Account Settings → Qualtrics IDs → API token; the base URL is your data centre, e.g. https://fra1.qualtrics.com.',

  async listSurveys(client, signal): Promise<SurveyInfo[]> {
    const body = await client.get('/API/v3/surveys', SurveysSchema, undefined, signal);
    return body.result.elements.map(({ id, name }) => ({ id, name }));
  },

  async listQuestions(client, surveyId, signal): Promise<QuestionInfo[]> {
    const body = await client.get(`/API/v3/survey-definitions/${encodeURIComponent(surveyId)}/questions`, QuestionsSchema, undefined, signal);
    return body.result.elements.map((q) => ({
      id: q.QuestionID,
      text: q.QuestionText.replace(/<[^>]*>/g, ''),
      kind: q.Selector === 'NPS' ? 'nps' : q.QuestionType === 'TE' ? 'text' : 'other',
    }));
  },

  async pull(client, selection, cursor, signal): Promise<ConnectorPage> {
    const from = decodeCursor('Qualtrics', CursorSchema, cursor);
    const base = `/API/v3/surveys/${encodeURIComponent(selection.surveyId)}/export-responses`;
    const started = await client.post(
      base,
      { format: 'json', compress: false, allowContinuation: true, ...(from ? { continuationToken: from.continuationToken } : {}) },
      StartSchema,
      signal,
    );
    let progress: z.infer<typeof ProgressSchema>['result'] | null = null;
    for (let poll = 0; poll < MAX_POLLS; poll++) {
      progress = (await client.get(`${base}/${encodeURIComponent(started.result.progressId)}`, ProgressSchema, undefined, signal)).result;
      if (progress.status !== 'inProgress') break;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    if (progress?.status !== 'complete' || !progress.fileId) {
      throw wordedError('internal', words(progress?.status === 'failed' ? 'error.vendor.exportFailed' : 'error.vendor.exportUnfinished', { vendor: 'Qualtrics', request: `POST ${base}` }), { request: `POST ${base}` });
    }
    const file = await client.get(`${base}/${encodeURIComponent(progress.fileId)}/file`, FileSchema, undefined, signal);
    const rows: ConnectorRow[] = [];
    for (const response of file.responses) {
      const row = toRow(response, selection, `GET ${base}/…/file`);
      if (row) rows.push(row);
    }
    const next = progress.continuationToken ?? from?.continuationToken;
    if (!next) throw wordedError('validation', words('error.vendor.noContinuation', { vendor: 'Qualtrics', request: `GET ${base}/…` }), { field: 'continuationToken' });
    // One export holds everything since the last: there is never another page now.
    return { rows, cursor: encodeCursor({ continuationToken: next }), hasMore: false };
  },
};

function toRow(response: z.infer<typeof FileSchema>['responses'][number], selection: ConnectorSelection, request: string): ConnectorRow | null {
  const { values } = response;
  const raw = values[selection.npsQuestionId];
  // A respondent who skipped the question: not an answer.
  if (raw === undefined || raw === null || raw === '') return null;
  const score = typeof raw === 'number' ? raw : Number(raw);
  if (!Number.isInteger(score) || score < 0 || score > 10) {
    throw wordedError('validation', words('error.vendor.notScore', { vendor: 'Qualtrics', request, path: `responses.${response.responseId}.values.${selection.npsQuestionId}`, value: JSON.stringify(raw) }), {
      field: `values.${selection.npsQuestionId}`, request,
    });
  }
  const recorded = text(values.recordedDate) ?? text(values.endDate);
  const answeredAt = recorded ? Date.parse(recorded) : NaN;
  if (Number.isNaN(answeredAt)) {
    throw wordedError('validation', words('error.vendor.notDate', { vendor: 'Qualtrics', request, path: `responses.${response.responseId}.values.recordedDate` }), { field: 'values.recordedDate', request });
  }
  const row: ConnectorRow = { externalId: response.responseId, score, answeredAt };
  const email = text(values[selection.emailField ?? 'recipientEmail']);
  if (email) row.email = email;
  const name = [text(values.recipientFirstName), text(values.recipientLastName)].filter(Boolean).join(' ');
  if (name) row.name = name;
  const comment = selection.commentQuestionId ? text(values[selection.commentQuestionId] ?? values[`${selection.commentQuestionId}_TEXT`]) : undefined;
  if (comment) row.comment = comment;
  const account = selection.accountField ? text(values[selection.accountField]) : undefined;
  if (account) row.account = account;
  return row;
}
