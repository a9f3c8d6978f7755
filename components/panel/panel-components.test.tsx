// @vitest-environment happy-dom
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import type { Role } from '../../lib/model';
import { buildAccountContext, type RecentComment } from '../../lib/nps';
import { DAY, makeRecords, makeResponse } from '../../lib/nps/test-fixtures';
import { CommentList } from './CommentList';
import { Distribution } from './Distribution';
import { HistoryChart } from './HistoryChart';
import { mountReactTestRoot } from '../shared/react-test-root';

const mounted = mountReactTestRoot();

const byTestId = (id: string) => [...mounted.container.querySelectorAll(`[data-testid="${id}"]`)];

const comment = (over: Partial<RecentComment> & Pick<RecentComment, 'responseId' | 'comment'>): RecentComment => ({
  respondedAt: Date.UTC(2026, 0, 1),
  score: 3,
  category: 'detractor',
  role: 'executive',
  respondentName: null,
  respondentEmail: null,
  channel: null,
  insight: null,
  tags: [],
  survey: null,
  followUp: 'none',
  ...over,
});

describe('CommentList', () => {
  it('shows markup as the characters it is, never as elements', () => {
    const text = '<img src=x onerror="alert(1)"><script>alert(2)</script><b>bold</b>';
    act(() => mounted.root.render(<CommentList comments={[comment({ responseId: 'r1', comment: text })]} />));
    const shown = byTestId('comment-text')[0]!;
    expect(shown.textContent).toBe(text);
    expect(mounted.container.querySelectorAll('img, script, b')).toHaveLength(0);
  });

  it('cuts long comments and expands them; filters and pages', () => {
    const long = 'word '.repeat(100).trim();
    const comments = [
      comment({ responseId: 'long', comment: long }),
      ...Array.from({ length: 24 }, (_, i) => comment({ responseId: `c${i}`, comment: `note ${i}`, score: 9, category: 'promoter' })),
    ];
    act(() => mounted.root.render(<CommentList comments={comments} filters />));
    expect(byTestId('comment-item')).toHaveLength(20);
    expect(byTestId('comment-text')[0]!.textContent).toMatch(/…$/);
    const more = [...mounted.container.querySelectorAll('button')].find((b) => b.textContent === 'Show more')!;
    act(() => more.click());
    expect(byTestId('comment-text')[0]!.textContent).toBe(long);
    const page = [...mounted.container.querySelectorAll('button')].find((b) => b.textContent?.startsWith('Show more comments'))!;
    act(() => page.click());
    expect(byTestId('comment-item')).toHaveLength(25);
  });
});

describe('HistoryChart', () => {
  const now = Date.UTC(2026, 4, 15);
  // This quarter: 6 answers (3 P, 2 passives, 1 D → +33); the one before: 2 answers (withheld); earlier: none.
  const records = makeRecords([
    ...[10, 9, 9, 8, 7, 3].map((score, i) => makeResponse({ id: `q0-${i}`, score, respondedAt: now - (i + 1) * DAY, respondentRole: 'User' })),
    ...[10, 2].map((score, i) => makeResponse({ id: `q1-${i}`, score, respondedAt: now - (60 + i) * DAY, respondentRole: 'Exec' })),
  ]);
  const history = buildAccountContext(records, { now, window: '365d', rule: 'all' }).history;

  it('draws only the periods with a score, and reads every period by keyboard with its N', () => {
    let shown: Role[] = [];
    const render = () =>
      mounted.root.render(<HistoryChart history={history} shownRoles={shown} onShownRolesChange={(r) => ((shown = r), act(render))} />);
    act(render);
    expect(byTestId('history-point')).toHaveLength(1);
    const chart = mounted.container.querySelector<HTMLElement>('.chart')!;
    const key = (k: string) => act(() => chart.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true })));
    const readout = () => byTestId('history-readout')[0]!.textContent;
    key('End');
    expect(readout()).toContain('2026 Q2');
    expect(readout()).toContain('+33 · N 6');
    key('ArrowLeft');
    expect(readout()).toContain('2026 Q1');
    expect(readout()).toContain('N 2, too few for a score');
    key('Home');
    expect(readout()).toContain('2024 Q3');
    expect(readout()).toContain('no answers');

    // The same data as a table, for screen readers and anyone who prefers numbers: one row per period.
    const rows = byTestId('history-table-row');
    expect(rows).toHaveLength(history.overall.length);
    expect(rows.at(-1)!.querySelector('th')!.textContent).toBe('2026 Q2');
    expect([...rows.at(-1)!.querySelectorAll('td')].map((td) => td.textContent).slice(0, 2)).toEqual(['+33', '6']);
    expect([...rows.at(-2)!.querySelectorAll('td')].map((td) => td.textContent).slice(0, 2)).toEqual(['—', '2']);

    // Only roles heard from are offered; toggling one draws its line.
    const toggles = [...mounted.container.querySelectorAll<HTMLButtonElement>('.legend .toggle')];
    expect(toggles.map((b) => b.textContent)).toEqual(['Executive', 'End user']);
    act(() => toggles[1]!.click());
    expect(shown).toEqual(['end_user']);
    expect(byTestId('history-line-end_user')).toHaveLength(1);
  });
});

describe('Distribution', () => {
  const rates = (responses: number, sends: number) => {
    const rate = { responses, sends, rate: sends > 0 ? responses / sends : null, lowRateWarning: sends > 0 && responses / sends < 0.2 };
    const none = { responses: 0, sends: 0, rate: null, lowRateWarning: false };
    const byChannel = { email: rate, in_app: none, web: none, phone: none, sms: none, third_party: none, unspecified: none };
    return { overall: rate, byRole: {}, byChannel } as never;
  };
  const channels = () => {
    const context = buildAccountContext(makeRecords([makeResponse({ id: 'r1', score: 9, respondedAt: Date.UTC(2026, 0, 1), channel: 'email' })]), { now: Date.UTC(2026, 0, 2), window: 'all', rule: 'all' });
    return context.channels;
  };

  it('gives the response rate with its counts', () => {
    act(() => mounted.root.render(<Distribution distribution={[0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0]} responseRates={rates(3, 12)} channels={channels()} />));
    expect(byTestId('response-rate')[0]!.textContent).toBe('Response rate 25% (3 of 12 surveys sent in this window)');
  });

  it('gives no rate over 100% where answers outnumber sends, only the counts and why', () => {
    act(() => mounted.root.render(<Distribution distribution={[0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0]} responseRates={rates(13, 10)} channels={channels()} />));
    const text = byTestId('response-rate')[0]!.textContent!;
    expect(text).toMatch(/^13 answers to 10 surveys sent in this window: more answers than sends/);
    expect(mounted.container.textContent).not.toMatch(/130%/);
  });
});
