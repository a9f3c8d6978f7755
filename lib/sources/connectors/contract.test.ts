/**
 * The contract every survey-tool connector keeps, against a loopback server answering as each vendor's
 * API documents (`testing/mock-vendors.ts`): the NPS question is found, every answer arrives once with
 * its text intact over several pages, a refused token and a malformed page are errors naming the vendor,
 * the request and the field, 429 waits as told, a sync cut off part-way resumes from its stored cursor,
 * and the next sync brings only what is new.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors';
import { CONNECTOR_IDS, CONNECTORS, ConnectorClient, authHeadersOf, type ConnectorId, type ConnectorRow, type ConnectorSelection } from './index';
import { ACCOUNT_FIELD, COMMENT_QUESTION, MockVendors, NPS_QUESTION, type MockAnswer } from './testing/mock-vendors';

const ANSWERS: MockAnswer[] = [
  { id: 'a1', score: 10, at: '2026-03-01T09:00:00.000Z', email: 'ann@acme.com', name: 'Ann', comment: 'Fast, "friendly" support', company: 'Acme' },
  { id: 'a2', score: 3, at: '2026-03-02T09:00:00.000Z', email: 'bob@acme.com', comment: 'Slow exports;\nsecond line 😀', company: 'Acme' },
  { id: 'a3', score: 8, at: '2026-03-03T09:00:00.000Z', email: 'cho@globex.io', comment: 'とても良い', company: 'Globex' },
  { id: 'a4', score: 9, at: '2026-03-04T09:00:00.000Z', email: 'dee@globex.io', company: 'Globex' },
  { id: 'a5', score: 0, at: '2026-03-05T09:00:00.000Z', email: 'eve@initech.example', comment: 'Ça ne marche pas', company: 'Initech' },
];
const NEW: MockAnswer[] = [
  { id: 'a6', score: 7, at: '2026-03-06T09:00:00.000Z', email: 'fay@acme.com', company: 'Acme' },
  { id: 'a7', score: 10, at: '2026-03-07T09:00:00.000Z', email: 'gus@globex.io', comment: 'Great', company: 'Globex' },
];

const mock = new MockVendors();
let baseUrl = '';
const sleeps: number[] = [];

beforeAll(async () => {
  baseUrl = await mock.start();
});
afterAll(() => mock.stop());
beforeEach(() => {
  mock.answers = ANSWERS.map((a) => ({ ...a }));
  mock.faults = { token: 'good-token', tooMany: 0 };
  mock.cutOffAfter(undefined);
  sleeps.length = 0;
});

function clientFor(id: ConnectorId, token = 'good-token'): ConnectorClient {
  return new ConnectorClient({
    vendor: CONNECTORS[id].vendor,
    baseUrl,
    getToken: async (origin) => (origin === new URL(baseUrl).origin ? token : null),
    authHeaders: authHeadersOf(id),
    retries: 2,
    baseDelayMs: 1,
    // No real waiting: the waits asked for are recorded instead.
    sleep: async (ms) => void sleeps.push(ms),
  });
}

const selectionFor = (id: ConnectorId, surveyId: string): ConnectorSelection => ({
  surveyId, npsQuestionId: NPS_QUESTION[id], commentQuestionId: COMMENT_QUESTION[id], accountField: ACCOUNT_FIELD[id],
});

/** Pulls pages until none is left (or `stopAfter` pages, as a worker stopped mid-sync), returning the stored cursor. */
async function sync(id: ConnectorId, cursor: string | null, stopAfter = Infinity) {
  const connector = CONNECTORS[id];
  const client = clientFor(id);
  const surveyId = (await connector.listSurveys(client))[0]!.id;
  const rows: ConnectorRow[] = [];
  let pages = 0;
  for (;;) {
    const page = await connector.pull(client, selectionFor(id, surveyId), cursor);
    rows.push(...page.rows);
    cursor = page.cursor; // committed with its rows
    if (!page.hasMore || ++pages >= stopAfter) return { rows, cursor, done: !page.hasMore };
  }
}

const expected = (answers: MockAnswer[]) =>
  answers.map((a) => ({ id: a.id, score: a.score, at: Date.parse(a.at), email: a.email, comment: a.comment, account: a.company }));
const actual = (rows: ConnectorRow[]) =>
  rows.map((r) => ({ id: r.externalId, score: r.score, at: r.answeredAt, email: r.email, comment: r.comment, account: r.account }));

describe.each(CONNECTOR_IDS)('%s connector', (id) => {
  const connector = CONNECTORS[id];

  it('lists the surveys and marks the NPS question', async () => {
    const client = clientFor(id);
    const surveys = await connector.listSurveys(client);
    expect(surveys.length).toBeGreaterThan(0);
    const questions = await connector.listQuestions(client, surveys[0]!.id);
    expect(questions.filter((q) => q.kind === 'nps').map((q) => q.id)).toEqual([NPS_QUESTION[id]]);
  });

  it('pulls every answer once, over several pages, text intact', async () => {
    const { rows, done } = await sync(id, null);
    expect(done).toBe(true);
    expect(actual(rows)).toEqual(expected(ANSWERS));
  });

  it('a refused token is an auth error naming the vendor', async () => {
    const error = await connector.listQuestions(clientFor(id, 'wrong'), 'x').catch((e: unknown) => e);
    const failed = id === 'asknicely' ? await connector.pull(clientFor(id, 'wrong'), selectionFor(id, 'nps'), null).catch((e: unknown) => e) : error;
    expect(failed).toBeInstanceOf(AppError);
    expect((failed as AppError).code).toBe('unauthorized');
    expect((failed as AppError).message).toContain(connector.vendor);
  });

  it('429 with Retry-After is waited out as told, then the sync goes on', async () => {
    mock.faults.tooMany = 1;
    const { rows } = await sync(id, null);
    expect(sleeps).toContain(1000);
    expect(actual(rows)).toEqual(expected(ANSWERS));
  });

  it('a malformed page is an error naming vendor, request and field, and gives no rows', async () => {
    mock.faults.malformedAt = 'a3';
    const error = (await sync(id, null).catch((e: unknown) => e)) as AppError;
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe('validation');
    expect(error.message).toContain(connector.vendor);
    expect(error.message).toMatch(/GET \//);
    expect(error.message).toMatch(/answer|choice_id|values\.QID1|number/);
  });

  it('a sync cut off part-way resumes from the stored cursor: every answer exactly once', async () => {
    // The worker stops after the first page; later the network fails mid-sync; then it finishes.
    const first = await sync(id, null, 1);
    mock.cutOffAfter(1);
    const failed = await sync(id, first.cursor).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(AppError);
    mock.cutOffAfter(undefined);
    const rest = await sync(id, first.cursor);
    const all = [...first.rows, ...rest.rows];
    expect(actual(all)).toEqual(expected(ANSWERS));
  });

  it('the next sync brings only what is new', async () => {
    const { cursor } = await sync(id, null);
    mock.answers.push(...NEW.map((a) => ({ ...a })));
    const next = await sync(id, cursor);
    expect(actual(next.rows)).toEqual(expected(NEW));
    const again = await sync(id, next.cursor);
    expect(again.rows).toEqual([]);
  });
});
