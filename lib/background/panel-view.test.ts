/** The panel's view, computed in the background: the same figures the panel computed from the records, for far less to send. */
import { describe, expect, it } from 'vitest';
import { buildAccountContext, DEFAULT_ROLE_MAPPING } from '../nps';
import { DAY, makeAction, makeRecords, makeResponse, makeSend } from '../nps/test-fixtures';
import { DEFAULT_DISPLAY, DEFAULT_FOLLOW_UP } from '../settings';
import { DEFAULT_TAXONOMY } from '../insights/taxonomy';
import { insightsKey } from '../insights/key';
import { panelInsights } from '../insights/panel';
import type { PageContextInput } from '../model/page';
import { FIRST_COMMENTS, panelView, sentView } from './panel-view';
import { PANEL_LIST_FIRST } from '../messaging/panel-view';

const NOW = Date.UTC(2026, 5, 1);
const settings = { display: DEFAULT_DISPLAY, roleMapping: DEFAULT_ROLE_MAPPING, followUp: DEFAULT_FOLLOW_UP, taxonomy: DEFAULT_TAXONOMY };
const ticket = (email: string): PageContextInput => ({ crm: 'zendesk', kind: 'ticket', recordKey: 'zendesk:acme:ticket:1', hints: { emails: [email] } });

/** An account of `n` responses over three years, most with a comment, a survey sent for each. */
function bigAccount(n: number) {
  const responses = Array.from({ length: n }, (_, i) =>
    makeResponse({
      id: `r${i}`, score: i % 11, respondedAt: NOW - (i % 1095) * DAY, respondentEmail: `p${i % 400}@acme.com`,
      respondentRole: ['executive', 'decision maker', 'user'][i % 3], comment: i % 4 === 0 ? undefined : `Comment number ${i}: the reports are slow and support is kind.`,
    }),
  );
  const sends = responses.map((r, i) => makeSend({ id: `s${i}`, sentAt: r.respondedAt - DAY, respondentEmail: r.respondentEmail }));
  const actions = [makeAction({ id: 'a1', createdAt: NOW - 3 * DAY, responseId: 'r0', title: 'Call back' })];
  return makeRecords(responses, actions, sends);
}

describe('panelView', () => {
  it('holds the figures buildAccountContext gives for the window asked, the settings’ window otherwise', () => {
    const records = bigAccount(300);
    const view = panelView(records, { now: NOW, page: null, settings });
    const { countedResponses, recentComments, ...expected } = buildAccountContext(records, {
      now: NOW, window: '365d', rule: 'all', roleMapping: DEFAULT_ROLE_MAPPING, historyGranularity: 'quarter',
      followUpRule: { maxScore: DEFAULT_FOLLOW_UP.maxScore, days: DEFAULT_FOLLOW_UP.days },
    });
    expect(view.window).toBe('365d');
    expect(view.context).toEqual(expected);
    expect(view.insights).toEqual(panelInsights({ countedResponses, recentComments }, insightsKey(DEFAULT_TAXONOMY)));
    // The first page of the comments, with the counts and facets of all of them (kept in the background).
    expect(view.comments.items).toEqual(recentComments.slice(0, FIRST_COMMENTS));
    expect([view.comments.total, view.comments.matching]).toEqual([recentComments.length, recentComments.length]);
    expect(view.allComments).toEqual(recentComments);
    expect(view.responses).toBe(300);
    expect(view.account).toEqual(records.account);

    const chosen = panelView(records, { now: NOW, page: null, settings, window: '90d', granularity: 'month' });
    expect([chosen.window, chosen.granularity, chosen.context.window]).toEqual(['90d', 'month', '90d']);
    expect(chosen.context.overall.n).toBeLessThan(view.context.overall.n);
    expect(panelView(records, { now: NOW, page: null, settings: { ...settings, display: { defaultWindow: 'all', countingRule: 'all' } } }).context.overall.n).toBe(300);
  });

  it('names the person on the page, with their answers’ follow-ups', () => {
    const records = bigAccount(30);
    const view = panelView(records, { now: NOW, page: ticket('P0@acme.com'), settings });
    expect(view.person?.matchedBy).toBe('email');
    expect(view.person?.answers.every((a) => a.respondentEmail === 'p0@acme.com')).toBe(true);
    // r0 (a detractor of today, 0) has an open action: in progress.
    expect(view.personFollowUps.r0).toBe('in_progress');
    expect(panelView(records, { now: NOW, page: null, settings }).person).toBeNull();
  });

  it('sends the first entries of the long lists with their totals, every entry when the panel asks for them whole', () => {
    // 1,100 detractors over 90 days with no follow-up, and 120 actions of which 60 are done.
    const responses = Array.from({ length: 1100 }, (_, i) => makeResponse({ id: `r${i}`, score: i % 7, respondedAt: NOW - (i % 80) * DAY, respondentEmail: `p${i}@acme.com` }));
    const actions = Array.from({ length: 120 }, (_, i) =>
      makeAction({ id: `a${i}`, createdAt: NOW - i * DAY, responseId: `r${i}`, status: i % 2 ? 'done' : 'open', ...(i % 2 ? { closedAt: NOW - i * DAY } : {}) }),
    );
    const { allComments: _comments, ...view } = panelView(makeRecords(responses, actions, []), { now: NOW, page: null, settings });
    expect(view.lists).toEqual({ openActions: 60, doneActions: 60, waiting: view.context.waiting.length });
    expect(view.lists.waiting).toBeGreaterThan(900);

    const sent = sentView(view, false);
    expect(sent.lists).toEqual(view.lists);
    expect(sent.context.waiting).toEqual(view.context.waiting.slice(0, PANEL_LIST_FIRST));
    expect(sent.context.openActions).toEqual(view.context.openActions.slice(0, PANEL_LIST_FIRST));
    expect(sent.context.doneActions).toEqual(view.context.doneActions.slice(0, PANEL_LIST_FIRST));
    // The view kept in the background is not cut.
    expect(view.context.waiting.length).toBe(view.lists.waiting);
    expect(sentView(view, true)).toBe(view);
    // Lists no longer than the first part are sent as they are.
    const small = panelView(bigAccount(30), { now: NOW, page: null, settings });
    expect(sentView(small, false)).toBe(small);
  });

  it('for a 10,000-response account, sends far less than the records it is computed from', () => {
    const records = bigAccount(10_000);
    const { allComments, ...view } = panelView(records, { now: NOW, page: null, settings });
    const sent = JSON.stringify(view).length;
    const raw = JSON.stringify(records).length;
    // The responses, the sends and all but the first comments stay in the background.
    expect(allComments.length).toBeGreaterThan(2000);
    expect(sent).toBeLessThan(raw / 10);
  });
});
