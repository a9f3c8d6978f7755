import { describe, expect, it } from 'vitest';
import type { AccountRecords, SurveyResponse } from '../model';
import { personAnswers, personOnPage } from './person';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 5, 30);
const account = (id: string) => ({ id, name: id, domains: [], salesforceIds: [], zendeskOrganizationIds: [], hubspotCompanyIds: [], updatedAt: 0 });
const response = (id: string, accountId: string, daysAgo: number, over: Partial<SurveyResponse>): SurveyResponse => ({
  id, accountId, score: 5, respondedAt: NOW - daysAgo * DAY, tags: [], excluded: false, updatedAt: 0, ...over,
});

const acme: AccountRecords = {
  account: account('acme'),
  responses: [
    response('r1', 'acme', 40, { respondentEmail: 'Jo@Acme.com ', score: 3, comment: 'Slow' }),
    response('r2', 'acme', 10, { respondentEmail: 'jo@acme.com', score: 6 }),
    response('r3', 'acme', 5, { respondentEmail: 'sam@acme.com', respondentName: 'Jo Park', score: 9 }),
    response('r4', 'acme', 3, { respondentName: 'Jo  Park', score: 8 }),
  ],
  actions: [],
  sends: [
    { id: 's1', accountId: 'acme', respondentEmail: 'jo@acme.com', sentAt: NOW - 41 * DAY },
    { id: 's2', accountId: 'acme', respondentEmail: 'JO@acme.com', sentAt: NOW - 2 * DAY },
    { id: 's3', accountId: 'acme', respondentEmail: 'sam@acme.com', sentAt: NOW - 6 * DAY },
  ],
};

describe('the person on the page', () => {
  it('is the requester of a ticket or the contact of a contact or lead page; no one on a company page', () => {
    expect(personOnPage({ kind: 'ticket', hints: { emails: [' Jo@Acme.com'] } })).toEqual({ email: 'jo@acme.com', name: null });
    expect(personOnPage({ kind: 'contact', hints: { emails: ['a@b.com'] } })?.email).toBe('a@b.com');
    expect(personOnPage({ kind: 'account', hints: { emails: ['a@b.com'] } })).toBeNull();
    expect(personOnPage({ kind: 'ticket', hints: {} })).toBeNull();
  });
});

describe('personAnswers', () => {
  it('matches by exact email first, newest first, with the last survey and the count of sends', () => {
    const found = personAnswers(acme, { email: 'jo@acme.com', name: 'Jo Park' }, NOW);
    expect(found.matchedBy).toBe('email');
    expect(found.answers.map((r) => r.id)).toEqual(['r2', 'r1']);
    expect(found.lastSurveyedAt).toBe(NOW - 2 * DAY);
    expect(found.surveysSent).toBe(2);
  });

  it('falls back to the name within the account, never taking a response that names someone else’s email', () => {
    const found = personAnswers(acme, { email: 'jo.park@acme.com', name: 'jo park' }, NOW);
    expect(found.matchedBy).toBe('name');
    expect(found.answers.map((r) => r.id)).toEqual(['r4']);
    const byNameOnly = personAnswers(acme, { email: null, name: 'Jo Park' }, NOW);
    expect(byNameOnly.answers.map((r) => r.id)).toEqual(['r4', 'r3']);
  });

  it('says when the person never answered, and never shows another account’s answers', () => {
    const globex: AccountRecords = { account: account('globex'), responses: [response('g1', 'acme', 1, { respondentEmail: 'jo@acme.com' })], actions: [], sends: [] };
    const found = personAnswers(globex, { email: 'jo@acme.com', name: null }, NOW);
    expect(found).toMatchObject({ matchedBy: null, answers: [], lastSurveyedAt: null, surveysSent: 0 });
    const never = personAnswers(acme, { email: 'new@acme.com', name: null }, NOW);
    expect(never.answers).toEqual([]);
  });
});
