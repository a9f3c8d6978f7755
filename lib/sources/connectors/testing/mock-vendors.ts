/**
 * A loopback HTTP server that answers as the four survey tools' APIs document, from one list of
 * answers, two to a page, for the connectors' contract tests and the end-to-end test. Switches make it
 * refuse the token, answer 429 with `Retry-After`, serve a malformed page, or cut connections off.
 * No real vendor is ever contacted.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ConnectorId } from '../types';

export interface MockAnswer {
  id: string;
  score: number;
  /** ISO date-time. */
  at: string;
  email?: string;
  name?: string;
  comment?: string;
  company?: string;
}

export interface MockFaults {
  /** Requests with another token get 401. */
  token: string;
  /** The next this-many requests get 429 with `Retry-After: 1`. */
  tooMany: number;
  /** The page holding this answer id is served with a broken score. */
  malformedAt?: string;
  /** Every request after this many more is cut off (the socket destroyed), until cleared. */
  cutOffAfter?: number;
}

export const PAGE = 2;
export const NPS_QUESTION: Record<ConnectorId, string> = { qualtrics: 'QID1', surveymonkey: '9001', typeform: 'nps_field', asknicely: 'answer' };
export const COMMENT_QUESTION: Record<ConnectorId, string> = { qualtrics: 'QID2_TEXT', surveymonkey: '9002', typeform: 'why_field', asknicely: 'comment' };
export const ACCOUNT_FIELD: Record<ConnectorId, string> = { qualtrics: 'company', surveymonkey: 'company', typeform: 'hidden:company', asknicely: 'company' };

export class MockVendors {
  answers: MockAnswer[] = [];
  faults: MockFaults = { token: 'good-token', tooMany: 0 };
  /** Every request, as `METHOD /path?query`. */
  readonly log: string[] = [];
  private server: Server | null = null;
  private served = 0;

  async start(): Promise<string> {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  /** Cuts off every request after the next `n` (undefined: none). */
  cutOffAfter(n: number | undefined): void {
    this.faults.cutOffAfter = n;
    this.served = 0;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
    this.log.push(`${req.method} ${url.pathname}${url.search}`);
    if (this.faults.cutOffAfter !== undefined && this.served++ >= this.faults.cutOffAfter) {
      req.socket.destroy();
      return;
    }
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    const auth = req.headers.authorization?.replace(/^Bearer /, '') ?? req.headers['x-api-token'] ?? req.headers['x-apikey'];
    if (auth !== this.faults.token) return send(401, { error: { message: 'invalid token' } });
    if (this.faults.tooMany > 0) {
      this.faults.tooMany--;
      return send(429, { error: 'slow down' }, { 'retry-after': '1' });
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>) : {};
      const answer = this.route(req.method ?? 'GET', url, body);
      if (!answer) return send(404, { error: 'not found' });
      send(200, answer);
    });
  }

  /** The answers oldest first, as the APIs sort them when asked to. */
  private byTime(): MockAnswer[] {
    return [...this.answers].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  }

  private page(from: MockAnswer[], page: number): MockAnswer[] {
    return from.slice((page - 1) * PAGE, page * PAGE);
  }

  private broken(page: MockAnswer[]): boolean {
    return this.faults.malformedAt !== undefined && page.some((a) => a.id === this.faults.malformedAt);
  }

  private route(method: string, url: URL, body: Record<string, unknown>): unknown {
    const path = url.pathname;
    let m: RegExpExecArray | null;
    // ---- Qualtrics: surveys, questions, and the three-step response export
    if (path === '/API/v3/surveys') return { result: { elements: [{ id: 'SV_1', name: 'Relationship NPS' }], nextPage: null } };
    if ((m = /^\/API\/v3\/survey-definitions\/([^/]+)\/questions$/.exec(path))) {
      return {
        result: {
          elements: [
            { QuestionID: 'QID1', QuestionText: 'How likely are you to recommend us?', QuestionType: 'MC', Selector: 'NPS' },
            { QuestionID: 'QID2', QuestionText: 'Why?', QuestionType: 'TE', Selector: 'ESTB' },
          ],
        },
      };
    }
    if ((m = /^\/API\/v3\/surveys\/[^/]+\/export-responses$/.exec(path)) && method === 'POST') {
      const after = typeof body.continuationToken === 'string' ? Number(body.continuationToken.replace('ct-', '')) : 0;
      return { result: { progressId: `ES_${after}`, percentComplete: 0, status: 'inProgress' } };
    }
    if ((m = /^\/API\/v3\/surveys\/[^/]+\/export-responses\/ES_(\d+)$/.exec(path))) {
      return { result: { status: 'complete', percentComplete: 100, fileId: `F_${m[1]}`, continuationToken: `ct-${this.answers.length}` } };
    }
    if ((m = /^\/API\/v3\/surveys\/[^/]+\/export-responses\/F_(\d+)\/file$/.exec(path))) {
      const rows = this.answers.slice(Number(m[1]));
      const broken = this.broken(rows);
      return {
        responses: rows.map((a) => ({
          responseId: a.id,
          values: {
            recordedDate: a.at, recipientEmail: a.email ?? '', recipientFirstName: a.name ?? '', company: a.company ?? '',
            QID1: broken && a.id === this.faults.malformedAt ? 'ten' : a.score, ...(a.comment ? { QID2_TEXT: a.comment } : {}),
          },
        })),
      };
    }
    // ---- SurveyMonkey: surveys, details (choices), responses in bulk with links.next
    if (path === '/v3/surveys') return { data: [{ id: '501', title: 'Relationship NPS' }], links: {} };
    if (path === '/v3/surveys/501/details') {
      return {
        pages: [{
          questions: [
            { id: '9001', family: 'matrix', subtype: 'rating', headings: [{ heading: 'How likely is it that you would recommend us?' }], answers: { choices: Array.from({ length: 11 }, (_, i) => ({ id: `c${i}`, text: String(i), position: i + 1 })) } },
            { id: '9002', family: 'open_ended', subtype: 'essay', headings: [{ heading: 'Why?' }] },
          ],
        }],
      };
    }
    if (path === '/v3/surveys/501/responses/bulk') {
      const since = url.searchParams.get('start_modified_at');
      const all = this.byTime().filter((a) => !since || a.at > since);
      const page = Number(url.searchParams.get('page') ?? '1');
      const rows = this.page(all, page);
      const next = page * PAGE < all.length ? new URL(url.href) : null;
      next?.searchParams.set('page', String(page + 1));
      return {
        data: rows.map((a) => ({
          id: a.id, date_created: a.at, date_modified: a.at, email_address: a.email, first_name: a.name,
          custom_variables: a.company ? { company: a.company } : {},
          pages: [{ questions: [
            { id: '9001', answers: [{ choice_id: this.broken(rows) && a.id === this.faults.malformedAt ? 'c99' : `c${a.score}`, row_id: 'r1' }] },
            ...(a.comment ? [{ id: '9002', answers: [{ text: a.comment }] }] : []),
          ] }],
        })),
        links: next ? { next: `http://${url.host}${next.pathname}${next.search}` } : {},
      };
    }
    // ---- Typeform: forms, a form's fields and hidden fields, responses since a time (page_count)
    if (path === '/forms') return { items: [{ id: 'tfAbc', title: 'Relationship NPS' }] };
    if (path === '/forms/tfAbc') {
      return {
        fields: [
          { id: 'nps_field', ref: 'nps', title: 'How likely are you to recommend us?', type: 'nps' },
          { id: 'why_field', ref: 'why', title: 'Why?', type: 'long_text' },
        ],
        hidden: ['company', 'email'],
      };
    }
    if (path === '/forms/tfAbc/responses') {
      const since = url.searchParams.get('since');
      const all = this.byTime().filter((a) => !since || a.at >= since);
      const rows = this.page(all, 1);
      const broken = this.broken(rows);
      return {
        total_items: all.length,
        page_count: Math.max(1, Math.ceil(all.length / PAGE)),
        items: rows.map((a) => ({
          token: a.id, submitted_at: a.at, hidden: { ...(a.company ? { company: a.company } : {}), ...(a.email ? { email: a.email } : {}) },
          answers: [
            { field: { id: 'nps_field', type: 'nps' }, type: 'number', ...(broken && a.id === this.faults.malformedAt ? { text: 'ten' } : { number: a.score }) },
            ...(a.comment ? [{ field: { id: 'why_field', type: 'long_text' }, type: 'text', text: a.comment }] : []),
          ],
        })),
      };
    }
    // ---- AskNicely: responses oldest first, from a Unix time, by page
    if ((m = /^\/api\/v1\/responses\/asc\/(\d+)\/(\d+)\/(\d+)\/json$/.exec(path))) {
      const since = Number(m[3]);
      const all = this.byTime().filter((a) => Date.parse(a.at) / 1000 > since);
      const page = Number(m[2]);
      const rows = this.page(all, page);
      return {
        success: true, total: all.length, totalpages: Math.max(1, Math.ceil(all.length / PAGE)), pagenumber: page,
        data: rows.map((a) => ({
          response_id: a.id, person_id: `p-${a.id}`, name: a.name ?? '', email: a.email ?? '',
          answer: this.broken(rows) && a.id === this.faults.malformedAt ? 'ten' : String(a.score), comment: a.comment ?? '',
          responded: String(Date.parse(a.at) / 1000), company: a.company ?? '',
        })),
      };
    }
    return null;
  }
}
