// @vitest-environment happy-dom
/**
 * The panel's insights from stored results: themes by group with counts and a quote, drivers only when
 * significant, coverage with what was not analysed and not read yet, results of another key ignored,
 * chips on each comment with their evidence as text, and a theme that filters the comments.
 */
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import type { StoredInsight, SurveyResponse } from '../../lib/model';
import { buildAccountContext } from '../../lib/nps';
import { DAY, makeRecords, makeResponse } from '../../lib/nps/test-fixtures';
import { CommentList } from './CommentList';
import { InsightsSection } from './InsightsSection';
import { filterComments, NO_FILTER } from './comment-filter';
import { panelInsights } from './panel-insights';
import { mountReactTestRoot } from '../shared/react-test-root';

const mounted = mountReactTestRoot();
const NOW = Date.UTC(2026, 5, 1);
const KEY = 'insights-1:test';

function insight(themes: string[], extra: Partial<StoredInsight> = {}): StoredInsight {
  return {
    key: KEY,
    language: 'en',
    analysed: true,
    sentiment: { label: 'negative', score: -0.6 },
    emotions: [],
    themes: themes.map((id) => ({ id, evidence: [id === 'performance' ? 'slow' : id] })),
    ...extra,
  };
}

let n = 0;
const answer = (score: number, comment?: string, found?: StoredInsight, email?: string): SurveyResponse =>
  makeResponse({ id: `r${++n}`, score, respondedAt: NOW - (n % 50) * DAY, comment, insight: found, respondentEmail: email ?? `p${n}@acme.com` });

function context(responses: SurveyResponse[]) {
  return buildAccountContext(makeRecords(responses), { now: NOW, window: '365d', rule: 'all' });
}

describe('panelInsights', () => {
  it('counts themes per group by respondent, tests drivers, and tells what was not read', () => {
    const responses = [
      ...Array.from({ length: 8 }, () => answer(2, 'Everything is slow <b>now</b>', insight(['performance'], { emotions: [{ id: 'frustration', evidence: ['stuck'] }] }))),
      ...Array.from({ length: 10 }, () => answer(10, 'Great reports', insight(['reporting'], { sentiment: { label: 'positive', score: 0.8 } }))),
      ...Array.from({ length: 10 }, () => answer(9)),
      answer(3, 'Le support est lent', { ...insight([]), language: 'fr', analysed: false, sentiment: null }),
      answer(4, 'Old result', insight(['pricing'], { key: 'insights-0:old' })),
      answer(10, 'Terrible support, but I still recommend you', insight(['support'])),
    ];
    const view = panelInsights(context(responses), KEY);
    expect(view.coverage).toMatchObject({ responses: 31, comments: 21, analysed: 19, unread: 1, notAnalysed: [{ language: 'fr', count: 1 }] });
    expect(view.detractors).toEqual([{ id: 'performance', respondents: 8, quote: 'Everything is slow <b>now</b>' }]);
    expect(view.promoters[0]).toMatchObject({ id: 'reporting', respondents: 10 });
    // A pricing theme from a stale result counts nowhere.
    expect(JSON.stringify(view)).not.toContain('pricing');
    expect(view.drivers.find((d) => d.id === 'performance')?.direction).toBe('down');
    expect(view.emotions.detractors).toEqual([['frustration', 8]]);
    expect(view.readThis.map((r) => r.kind)).toEqual(['negative_promoter']);
  });

  it('claims no driver from a handful of respondents', () => {
    const view = panelInsights(context([answer(2, 'slow', insight(['performance'])), answer(3, 'slow', insight(['performance'])), answer(10), answer(9)]), KEY);
    expect(view.drivers.filter((d) => d.direction !== 'none')).toEqual([]);
  });
});

describe('InsightsSection and the comment chips', () => {
  it('renders the hooks, quotes as text, and a theme that filters the comments', () => {
    const responses = [
      ...Array.from({ length: 3 }, () => answer(1, '<img src=x onerror=alert(1)> so slow', insight(['performance']))),
      answer(10, 'Love the dashboards', insight(['reporting'], { sentiment: { label: 'positive', score: 0.9 }, emotions: [{ id: 'delight', evidence: ['love'] }] })),
      answer(10, 'Reports are great', insight(['reporting'], { sentiment: { label: 'positive', score: 0.9 } })),
    ];
    const ctx = context(responses);
    let chosen: string | null = null;
    act(() => mounted.root.render(<InsightsSection insights={panelInsights(ctx, KEY)} onTheme={(id) => (chosen = id)} />));
    const themes = [...mounted.container.querySelectorAll<HTMLElement>('[data-testid="insight-theme"]')];
    expect(themes.map((t) => [t.dataset.themeId, t.dataset.group, t.dataset.count])).toEqual([
      ['performance', 'detractors', '3'],
      ['reporting', 'promoters', '2'],
    ]);
    expect(mounted.container.querySelector('img')).toBeNull();
    expect(mounted.container.textContent).toContain('<img src=x onerror=alert(1)> so slow');
    expect(mounted.container.querySelector('[data-testid="insight-coverage"]')?.textContent).toBe('From 5 comments of 5 responses.');
    act(() => themes[0]!.click());
    expect(chosen).toBe('performance');

    const filtered = filterComments(ctx.recentComments, { ...NO_FILTER, theme: 'performance' }, KEY);
    expect(filtered).toHaveLength(3);
    act(() => mounted.root.render(<CommentList comments={ctx.recentComments} filters insightsKey={KEY} />));
    const delight = mounted.container.querySelector<HTMLElement>('[data-testid="comment-emotion"]');
    expect(delight?.dataset.emotionId).toBe('delight');
    expect(delight?.textContent).toBe('Delight “love”');
    expect([...mounted.container.querySelectorAll<HTMLElement>('[data-testid="comment-theme"]')].map((c) => c.dataset.themeId).sort()).toEqual([
      'performance',
      'performance',
      'performance',
      'reporting',
      'reporting',
    ]);
  });
});
