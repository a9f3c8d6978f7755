/**
 * AskNicely (an NPS specialist), through its responses API: one NPS question per account, answers oldest
 * first from a time (`GET /api/v1/responses/asc/{pagesize}/{page}/{since}/json`), each with the person's
 * email, name, `answer` (the score), `comment`, `responded` (Unix seconds) and the contact's custom fields
 * (the company among them). The cursor is the time of the sync and the page reached. `X-apikey` header.
 */
import { z } from 'zod';
import { wordedError, words } from '../../../i18n/words';
import { decodeCursor, encodeCursor } from '../cursor';
import type { ConnectorPage, ConnectorRow, ConnectorSelection, QuestionInfo, SurveyConnector, SurveyInfo } from '../types';

const PAGE_SIZE = 500;

const ResponsesSchema = z.object({
  success: z.boolean().optional(),
  total: z.coerce.number().optional(),
  totalpages: z.coerce.number(),
  pagenumber: z.coerce.number(),
  data: z.array(z.record(z.string(), z.unknown())),
});
const CursorSchema = z.object({
  /** Unix seconds: answers after this were not yet all committed. */
  since: z.number(),
  /** The page of the sync in progress (1-based); absent between syncs. */
  page: z.number().optional(),
  /** The latest `responded` seen in the sync in progress. */
  latest: z.number().optional(),
});

const str = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : typeof value === 'number' ? String(value) : undefined);

export const asknicely: SurveyConnector = {
  id: 'asknicely',
  vendor: 'AskNicely',
  docs: 'https://asknicely.asknice.ly/help/apidocs/responses',
  defaultBaseUrl: 'https://yourcompany.asknice.ly',
  tokenHelp: 'Settings → API → API key; the base URL is your AskNicely address, e.g. https://acme.asknice.ly.',

  async listSurveys(): Promise<SurveyInfo[]> {
    return [{ id: 'nps', name: 'NPS (all responses)' }];
  },

  async listQuestions(): Promise<QuestionInfo[]> {
    return [
      { id: 'answer', text: 'How likely are you to recommend us? (answer)', kind: 'nps' },
      { id: 'comment', text: 'Comment', kind: 'text' },
      { id: 'email', text: 'Email', kind: 'email' },
      { id: 'company', text: 'Company (custom contact field)', kind: 'company' },
    ];
  },

  async pull(client, selection, cursor, signal): Promise<ConnectorPage> {
    const at = decodeCursor('AskNicely', CursorSchema, cursor) ?? { since: 0 };
    const page = at.page ?? 1;
    const path = `/api/v1/responses/asc/${PAGE_SIZE}/${page}/${at.since}/json`;
    const body = await client.get(path, ResponsesSchema, undefined, signal);
    const rows: ConnectorRow[] = [];
    let latest = at.latest ?? at.since;
    body.data.forEach((item, i) => {
      const row = toRow(item, selection, `GET ${path}`, i);
      if (!row) return;
      latest = Math.max(latest, Math.floor(row.answeredAt / 1000));
      rows.push(row);
    });
    const hasMore = body.pagenumber < body.totalpages;
    const next = hasMore ? { since: at.since, page: page + 1, latest } : { since: latest };
    return { rows, cursor: encodeCursor(next), hasMore };
  },
};

function toRow(item: Record<string, unknown>, selection: ConnectorSelection, request: string, index: number): ConnectorRow | null {
  const id = str(item.response_id);
  if (!id) throw wordedError('validation', words('error.vendor.missing', { vendor: 'AskNicely', request, path: `data.${index}.response_id` }), { field: 'response_id', request });
  const raw = item[selection.npsQuestionId || 'answer'];
  if (raw === undefined || raw === null || raw === '') return null;
  const score = Number(raw);
  if (!Number.isInteger(score) || score < 0 || score > 10) {
    throw wordedError('validation', words('error.vendor.notScore', { vendor: 'AskNicely', request, path: `data.${index}.answer`, value: JSON.stringify(raw) }), { field: 'answer', request });
  }
  const responded = Number(item.responded);
  if (!Number.isFinite(responded) || responded <= 0) throw wordedError('validation', words('error.vendor.notUnix', { vendor: 'AskNicely', request, path: `data.${index}.responded` }), { field: 'responded', request });
  const row: ConnectorRow = { externalId: id, score, answeredAt: responded * 1000 };
  const email = str(item[selection.emailField ?? 'email']);
  if (email) row.email = email;
  const name = str(item.name);
  if (name) row.name = name;
  const comment = str(item[selection.commentQuestionId ?? 'comment']);
  if (comment) row.comment = comment;
  const account = selection.accountField ? str(item[selection.accountField]) : undefined;
  if (account) row.account = account;
  return row;
}
