/**
 * Typeform, through its Responses API: forms (`GET /forms`), a form's fields (`GET /forms/{id}`: an
 * `nps` or `opinion_scale` field is the score), and its completed responses oldest first
 * (`GET /forms/{id}/responses?sort=submitted_at,asc&since=…`). The cursor is the last submission time
 * committed and the tokens submitted at that very time, so a response on the boundary is neither missed
 * nor read twice. Hidden fields (`company`, `email`) name the account and the respondent. Bearer token.
 */
import { z } from 'zod';
import { wordedError, words } from '../../../i18n/words';
import { decodeCursor, encodeCursor } from '../cursor';
import type { ConnectorPage, ConnectorRow, ConnectorSelection, QuestionInfo, SurveyConnector, SurveyInfo } from '../types';

const PAGE_SIZE = 1000;

const FormsSchema = z.object({ items: z.array(z.object({ id: z.string(), title: z.string() })) });
const FormSchema = z.object({
  fields: z.array(z.object({ id: z.string(), ref: z.string().optional(), title: z.string(), type: z.string() })),
  hidden: z.array(z.string()).optional(),
});
const AnswerSchema = z.object({
  field: z.object({ id: z.string(), ref: z.string().optional(), type: z.string().optional() }),
  type: z.string(),
  number: z.number().optional(),
  text: z.string().optional(),
  email: z.string().optional(),
});
const ResponsesSchema = z.object({
  total_items: z.number().optional(),
  page_count: z.number().optional(),
  items: z.array(
    z.object({
      token: z.string(),
      submitted_at: z.string(),
      hidden: z.record(z.string(), z.string()).optional(),
      answers: z.array(AnswerSchema).nullable().optional(),
    }),
  ),
});
const CursorSchema = z.object({ since: z.string(), seen: z.array(z.string()) });

export const typeform: SurveyConnector = {
  id: 'typeform',
  vendor: 'Typeform',
  docs: 'https://www.typeform.com/developers/responses/reference/retrieve-responses/',
  defaultBaseUrl: 'https://api.typeform.com',
  tokenHelp: 'A personal access token (Account → Personal tokens) with the responses:read and forms:read scopes.',

  async listSurveys(client, signal): Promise<SurveyInfo[]> {
    const body = await client.get('/forms', FormsSchema, { page_size: 200 }, signal);
    return body.items.map(({ id, title }) => ({ id, name: title }));
  },

  async listQuestions(client, surveyId, signal): Promise<QuestionInfo[]> {
    const form = await client.get(`/forms/${encodeURIComponent(surveyId)}`, FormSchema, undefined, signal);
    const fields: QuestionInfo[] = form.fields.map((f) => ({
      id: f.id,
      text: f.title,
      kind: f.type === 'nps' || f.type === 'opinion_scale' ? 'nps' : f.type === 'long_text' || f.type === 'short_text' ? 'text' : f.type === 'email' ? 'email' : 'other',
    }));
    // Hidden fields are how a form learns who answered: offered as the account or the email.
    for (const name of form.hidden ?? []) {
      fields.push({ id: `hidden:${name}`, text: `Hidden field “${name}”`, kind: /mail/i.test(name) ? 'email' : /company|account|org/i.test(name) ? 'company' : 'other' });
    }
    return fields;
  },

  async pull(client, selection, cursor, signal): Promise<ConnectorPage> {
    const at = decodeCursor('Typeform', CursorSchema, cursor);
    const path = `/forms/${encodeURIComponent(selection.surveyId)}/responses`;
    const body = await client.get(
      path,
      ResponsesSchema,
      { page_size: PAGE_SIZE, completed: 'true', sort: 'submitted_at,asc', ...(at ? { since: at.since } : {}) },
      signal,
    );
    const seen = new Set(at?.seen ?? []);
    const rows: ConnectorRow[] = [];
    let since = at?.since;
    let boundary = at?.seen ?? [];
    for (const item of body.items) {
      if (seen.has(item.token)) continue;
      if (since === undefined || item.submitted_at > since) {
        since = item.submitted_at;
        boundary = [];
      }
      boundary.push(item.token);
      const row = toRow(item, selection, `GET ${path}`);
      if (row) rows.push(row);
    }
    const next = since === undefined ? null : encodeCursor({ since, seen: boundary });
    return { rows, cursor: next ?? cursor ?? encodeCursor({ since: '1970-01-01T00:00:00Z', seen: [] }), hasMore: (body.page_count ?? 1) > 1 || body.items.length >= PAGE_SIZE };
  },
};

function field(item: z.infer<typeof ResponsesSchema>['items'][number], id: string | undefined): z.infer<typeof AnswerSchema> | string | undefined {
  if (!id) return undefined;
  if (id.startsWith('hidden:')) return item.hidden?.[id.slice('hidden:'.length)];
  return item.answers?.find((a) => a.field.id === id || a.field.ref === id);
}

function toRow(item: z.infer<typeof ResponsesSchema>['items'][number], selection: ConnectorSelection, request: string): ConnectorRow | null {
  const answer = field(item, selection.npsQuestionId);
  if (answer === undefined) return null;
  const score = typeof answer === 'string' ? Number(answer) : answer.number;
  if (score === undefined || !Number.isInteger(score) || score < 0 || score > 10) {
    throw wordedError('validation', words('error.vendor.notScore', { vendor: 'Typeform', request, path: `items.${item.token}.answers.number`, value: JSON.stringify(score ?? null) }), { field: 'answers.number', request });
  }
  const answeredAt = Date.parse(item.submitted_at);
  if (Number.isNaN(answeredAt)) throw wordedError('validation', words('error.vendor.notDate', { vendor: 'Typeform', request, path: `items.${item.token}.submitted_at` }), { field: 'submitted_at', request });
  const row: ConnectorRow = { externalId: item.token, score, answeredAt };
  const value = (id: string | undefined) => {
    const found = field(item, id);
    const text = typeof found === 'string' ? found : (found?.text ?? found?.email);
    return text?.trim() || undefined;
  };
  const email = value(selection.emailField) ?? item.answers?.find((a) => a.type === 'email')?.email ?? item.hidden?.email;
  if (email) row.email = email;
  const comment = value(selection.commentQuestionId);
  if (comment) row.comment = comment;
  const account = value(selection.accountField);
  if (account) row.account = account;
  return row;
}
