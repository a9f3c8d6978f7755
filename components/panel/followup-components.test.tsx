// @vitest-environment happy-dom
import { act } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { Action, SurveyResponse } from '../../lib/model';
import { personAnswers } from '../../lib/nps';
import { ActionList } from '../shared/ActionList';
import { mountReactTestRoot } from '../shared/react-test-root';
import { FollowUpWaiting } from './FollowUpWaiting';
import { PersonAnswers } from './PersonAnswers';

const mounted = mountReactTestRoot();
const byTestId = (id: string) => [...mounted.container.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`)];
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 5, 30);

const response = (id: string, score: number, daysAgo: number, over: Partial<SurveyResponse> = {}): SurveyResponse => ({
  id, accountId: 'acme', score, respondedAt: NOW - daysAgo * DAY, tags: [], excluded: false, updatedAt: 0, ...over,
});

describe('FollowUpWaiting', () => {
  it('counts the waiting, lists them as given (oldest first) and drafts a follow-up from one', () => {
    const onFollowUp = vi.fn();
    const waiting = [
      { response: response('old', 2, 30, { respondentName: 'Ann', comment: '<b>slow</b>' }), role: 'executive' as const, category: 'detractor' as const },
      { response: response('new', 5, 2), role: 'end_user' as const, category: 'detractor' as const },
    ];
    act(() => mounted.root.render(<FollowUpWaiting waiting={waiting} rule={{ maxScore: 6, days: 90 }} onFollowUp={onFollowUp} now={NOW} />));
    expect(byTestId('followup-waiting')[0]!.dataset.count).toBe('2');
    expect(byTestId('followup-item').map((el) => el.dataset.responseId)).toEqual(['old', 'new']);
    expect(mounted.container.querySelector('b')).toBeNull();
    act(() => byTestId('followup-start')[1]!.click());
    expect(onFollowUp).toHaveBeenCalledWith(waiting[1]);
  });
});

describe('ActionList', () => {
  const action = (id: string, status: Action['status'], over: Partial<Action> = {}): Action => ({
    id, accountId: 'acme', title: id, status, createdAt: NOW - 9 * DAY, updatedAt: NOW - 3 * DAY, ...over,
  });

  it('keeps done actions visible with when and by whom they were closed, and offers to reopen them', () => {
    const onSetStatus = vi.fn();
    const done = [action('d1', 'done', { closedAt: NOW - 3 * DAY, closedBy: 'Alice' }), action('d2', 'done')];
    act(() =>
      mounted.root.render(
        <ActionList actions={[{ action: action('o1', 'open'), overdue: false }]} done={done} onSetStatus={onSetStatus} onEdit={() => {}} now={NOW} />,
      ),
    );
    const doneList = byTestId('actions-done')[0]!;
    expect(doneList.querySelectorAll('[data-testid="action-item"]')).toHaveLength(2);
    expect(doneList.querySelector('[data-testid="action-closed"]')!.textContent).toBe('closed by Alice, 3 days ago');
    act(() => doneList.querySelector<HTMLButtonElement>('[data-testid="action-set-open"]')!.click());
    expect(onSetStatus).toHaveBeenCalledWith('d1', 'open');
    expect(byTestId('action-edit')).toHaveLength(3);
  });

  it('says the loop rate with its N and the median days', () => {
    const loop = { n: 5, closed: 3, inProgress: 1, withoutAction: 1, rate: 0.6, medianDaysToClose: 4 };
    act(() => mounted.root.render(<ActionList actions={[]} loop={loop} now={NOW} />));
    expect(byTestId('loop-rate')[0]!.textContent).toMatch(/3 of 5 \(60%\).*1 in progress.*median 4 days/);
  });
});

describe('PersonAnswers', () => {
  const records = {
    account: { id: 'acme', name: 'Acme', domains: [], salesforceIds: [], zendeskOrganizationIds: [], hubspotCompanyIds: [], updatedAt: 0 },
    responses: [response('r1', 3, 40, { respondentEmail: 'jo@acme.com', comment: 'Too slow' }), response('r2', 9, 4, { respondentEmail: 'jo@acme.com' })],
    actions: [],
    sends: [{ id: 's', accountId: 'acme', respondentEmail: 'kim@acme.com', sentAt: NOW - DAY }],
  };

  it('lists the person’s answers newest first with their follow-up state', () => {
    const found = personAnswers(records, { email: 'jo@acme.com', name: null }, NOW);
    act(() => mounted.root.render(<PersonAnswers found={found} followUpOf={(id) => (id === 'r1' ? 'waiting' : 'none')} now={NOW} />));
    expect(byTestId('person-answers')[0]!.dataset.email).toBe('jo@acme.com');
    expect(byTestId('person-answer').map((el) => [el.dataset.responseId, el.dataset.followup])).toEqual([['r2', 'none'], ['r1', 'waiting']]);
  });

  it('says clearly when the person never answered', () => {
    const found = personAnswers(records, { email: 'kim@acme.com', name: null }, NOW);
    act(() => mounted.root.render(<PersonAnswers found={found} followUpOf={() => 'none'} now={NOW} />));
    expect(byTestId('person-answers')).toHaveLength(0);
    expect(byTestId('person-none')[0]!.textContent).toMatch(/never answered.*1 survey sent/s);
  });
});
