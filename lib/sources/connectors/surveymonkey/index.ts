/**
 * SurveyMonkey, through its v3 API: surveys (`GET /v3/surveys`), a survey's questions from its details
 * (`GET /v3/surveys/{id}/details`: an NPS question is a rating row of eleven choices 0–10), and answers in
 * bulk (`GET /v3/surveys/{id}/responses/bulk`, oldest first, `start_modified_at` for what changed since,
 * `links.next` for the next page). Answers name choices by id; the details map them to their scores.
 * Bearer token.
 */
import { z } from 'zod';
import { wordedError, words } from '../../../i18n/words';
import type { ConnectorClient } from '../client';
import { decodeCursor, encodeCursor } from '../cursor';
import type { ConnectorPage, ConnectorRow, ConnectorSelection, QuestionInfo, SurveyConnector, SurveyInfo } from '../types';

const PER_PAGE = 100;

const SurveysSchema = z.object({ data: z.array(z.object({ id: z.string(), title: z.string() })), links: z.object({ next: z.string().optional() }).optional() });
const ChoiceSchema = z.object({ id: z.string(), text: z.string(), position: z.number().optional() });
const QuestionSchema = z.object({
  id: z.string(),
  family: z.string(),
  subtype: z.string().optional(),
  headings: z.array(z.object({ heading: z.string() })).min(1),
  answers: z.object({ choices: z.array(ChoiceSchema).optional() }).optional(),
});
const DetailsSchema = z.object({ pages: z.array(z.object({ questions: z.array(QuestionSchema) })) });
const AnswerSchema = z.object({ choice_id: z.string().optional(), row_id: z.string().optional(), text: z.string().optional() });
const ResponseSchema = z.object({
  id: z.string(),
  date_modified: z.string(),
  date_created: z.string().optional(),
  email_address: z.string().optional(),
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  custom_variables: z.record(z.string(), z.string()).optional(),
  pages: z.array(z.object({ questions: z.array(z.object({ id: z.string(), answers: z.array(AnswerSchema) })) })),
});
const BulkSchema = z.object({ data: z.array(ResponseSchema), links: z.object({ next: z.string().optional() }).optional() });
const CursorSchema = z.object({
  /** The latest `date_modified` committed. */
  since: z.string().optional(),
  /** The next page of the sync in progress. */
  next: z.object({ path: z.string(), query: z.record(z.string(), z.string()) }).optional(),
  /** The modification time every row of the sync in progress is after. */
  from: z.string().optional(),
});
type Cursor = z.infer<typeof CursorSchema>;

function isNps(question: z.infer<typeof QuestionSchema>): boolean {
  const choices = question.answers?.choices ?? [];
  return choices.length === 11 && choices.every((c) => /^\d{1,2}$/.test(c.text.trim())) && choices.some((c) => c.text.trim() === '10');
}

/** The survey's details per survey id, for a sync's pages (choice ids → scores). */
const detailsCache = new Map<string, z.infer<typeof DetailsSchema>>();

async function details(client: ConnectorClient, surveyId: string, signal?: AbortSignal) {
  const key = `${client.origin} ${surveyId}`;
  const cached = detailsCache.get(key);
  if (cached) return cached;
  const body = await client.get(`/v3/surveys/${encodeURIComponent(surveyId)}/details`, DetailsSchema, undefined, signal);
  if (detailsCache.size > 20) detailsCache.clear();
  detailsCache.set(key, body);
  return body;
}

export const surveymonkey: SurveyConnector = {
  id: 'surveymonkey',
  vendor: 'SurveyMonkey',
  docs: 'https://api.surveymonkey.com/v3/docs#api-endpoints-get-surveys-id-responses-bulk',
  defaultBaseUrl: 'https://api.surveymonkey.com',
  tokenHelp: 'A private app’s access token (developer.surveymonkey.com → My Apps), with the responses read scope.',

  async listSurveys(client, signal): Promise<SurveyInfo[]> {
    const body = await client.get('/v3/surveys', SurveysSchema, { per_page: 1000 }, signal);
    return body.data.map(({ id, title }) => ({ id, name: title }));
  },

  async listQuestions(client, surveyId, signal): Promise<QuestionInfo[]> {
    const body = await details(client, surveyId, signal);
    return body.pages.flatMap((page) =>
      page.questions.map((q) => ({
        id: q.id,
        text: q.headings[0]!.heading.replace(/<[^>]*>/g, ''),
        kind: isNps(q) ? ('nps' as const) : q.family === 'open_ended' ? ('text' as const) : ('other' as const),
      })),
    );
  },

  async pull(client, selection, cursor, signal): Promise<ConnectorPage> {
    const at: Cursor = decodeCursor('SurveyMonkey', CursorSchema, cursor) ?? {};
    const base = `/v3/surveys/${encodeURIComponent(selection.surveyId)}/responses/bulk`;
    const survey = await details(client, selection.surveyId, signal);
    const question = survey.pages.flatMap((p) => p.questions).find((q) => q.id === selection.npsQuestionId);
    if (!question) throw wordedError('validation', words('error.vendor.noQuestion', { vendor: 'SurveyMonkey', id: selection.npsQuestionId, request: 'GET /v3/surveys/…/details' }), { field: 'npsQuestionId' });
    const scoreOf = new Map((question.answers?.choices ?? []).map((c) => [c.id, Number(c.text.trim())]));
    const request = at.next ?? {
      path: base,
      query: { per_page: String(PER_PAGE), sort_order: 'ASC', sort_by: 'date_modified', ...(at.since ? { start_modified_at: at.since } : {}) },
    };
    const body = await client.get(request.path, BulkSchema, request.query, signal);
    const rows: ConnectorRow[] = [];
    let latest = at.from ?? at.since;
    for (const response of body.data) {
      if (!latest || response.date_modified > latest) latest = response.date_modified;
      const row = toRow(response, selection, scoreOf, `GET ${request.path}`);
      if (row) rows.push(row);
    }
    const nextLink = body.links?.next ? client.relative(body.links.next) : null;
    if (body.links?.next && !nextLink) throw wordedError('validation', words('error.vendor.nextElsewhere', { vendor: 'SurveyMonkey', request: `GET ${request.path}` }), { field: 'links.next' });
    const next: Cursor = nextLink ? { ...(at.since ? { since: at.since } : {}), next: nextLink, ...(latest ? { from: latest } : {}) } : { ...(latest ? { since: latest } : {}) };
    return { rows, cursor: encodeCursor(next), hasMore: nextLink !== null };
  },
};

function toRow(
  response: z.infer<typeof ResponseSchema>,
  selection: ConnectorSelection,
  scoreOf: Map<string, number>,
  request: string,
): ConnectorRow | null {
  const answers = response.pages.flatMap((p) => p.questions);
  const nps = answers.find((q) => q.id === selection.npsQuestionId)?.answers[0];
  if (!nps) return null;
  const score = nps.choice_id === undefined ? undefined : scoreOf.get(nps.choice_id);
  if (score === undefined || !Number.isInteger(score) || score < 0 || score > 10) {
    throw wordedError('validation', words('error.vendor.notChoice', { vendor: 'SurveyMonkey', request, path: `data.${response.id}.answers.choice_id`, value: JSON.stringify(nps.choice_id ?? null) }), {
      field: 'answers.choice_id', request,
    });
  }
  const answeredAt = Date.parse(response.date_created ?? response.date_modified);
  if (Number.isNaN(answeredAt)) throw wordedError('validation', words('error.vendor.notDate', { vendor: 'SurveyMonkey', request, path: `data.${response.id}.date_created` }), { field: 'date_created', request });
  const row: ConnectorRow = { externalId: response.id, score, answeredAt };
  const email = response.email_address ?? (selection.emailField ? response.custom_variables?.[selection.emailField] : undefined);
  if (email) row.email = email;
  const name = [response.first_name, response.last_name].filter(Boolean).join(' ');
  if (name) row.name = name;
  if (selection.commentQuestionId) {
    const comment = answers.find((q) => q.id === selection.commentQuestionId)?.answers.find((a) => a.text)?.text?.trim();
    if (comment) row.comment = comment;
  }
  const account = selection.accountField ? response.custom_variables?.[selection.accountField]?.trim() : undefined;
  if (account) row.account = account;
  return row;
}
