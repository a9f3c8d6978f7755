import { describe, expect, it } from 'vitest';
import { commentCoverage, contradictions, emotionCounts, themeDrivers, whatTheyAreSaying, type InsightResponse } from './aggregate';
import type { CommentInsight, EmotionId, SentimentLabel } from './types';

function insight(themes: string[], options: { sentiment?: SentimentLabel; score?: number; emotions?: EmotionId[]; language?: string; analysed?: boolean } = {}): CommentInsight {
  const analysed = options.analysed ?? true;
  return {
    language: options.language ?? 'en',
    analysed,
    sentiment: analysed ? { label: options.sentiment ?? 'neutral', score: options.score ?? 0 } : null,
    emotions: analysed ? (options.emotions ?? []).map((id) => ({ id, evidence: [id] })) : [],
    themes: analysed ? themes.map((id) => ({ id, evidence: [id] })) : [],
  };
}

const r = (score: number, comment: string | null, i: CommentInsight | null, respondentId?: string): InsightResponse => ({
  score,
  comment,
  insight: i,
  respondentId,
});

describe('commentCoverage', () => {
  it('counts responses, comments, analysed comments and the languages not analysed', () => {
    const responses = [
      r(9, 'Great support', insight(['support'])),
      r(3, null, null),
      r(7, '  ', null),
      r(5, 'Trop cher', insight([], { language: 'fr', analysed: false })),
      r(6, 'Zu teuer', insight([], { language: 'de', analysed: false })),
      r(8, 'Sehr gut', insight([], { language: 'de', analysed: false })),
    ];
    expect(commentCoverage(responses)).toEqual({
      responses: 6,
      comments: 4,
      analysed: 1,
      notAnalysed: [
        { language: 'de', count: 2 },
        { language: 'fr', count: 1 },
      ],
    });
  });
});

describe('whatTheyAreSaying', () => {
  it('lists themes of detractors and promoters mentioned by two or more respondents, with the shortest quote', () => {
    const responses = [
      r(2, 'Support is slow and the app crashes all the time.', insight(['support', 'reliability'])),
      r(4, 'Support never answers.', insight(['support'])),
      r(6, 'Crashes.', insight(['reliability'])),
      r(6, 'Too expensive.', insight(['pricing'])),
      r(10, 'Love the reports.', insight(['reporting'])),
      r(9, 'The reports are great and support is quick.', insight(['reporting', 'support'])),
      r(8, 'Support is ok.', insight(['support'])),
    ];
    expect(whatTheyAreSaying(responses)).toEqual({
      detractors: [
        { id: 'reliability', respondents: 2, quote: 'Crashes.' },
        { id: 'support', respondents: 2, quote: 'Support never answers.' },
      ],
      promoters: [{ id: 'reporting', respondents: 2, quote: 'Love the reports.' }],
    });
  });

  it('counts a respondent once, and never reads a comment that was not analysed', () => {
    const responses = [
      r(3, 'Slow.', insight(['performance']), 'ann'),
      r(2, 'Still slow.', insight(['performance']), 'ann'),
      r(1, 'Lent.', insight([], { language: 'fr', analysed: false }), 'bob'),
    ];
    expect(whatTheyAreSaying(responses).detractors).toEqual([]);
  });

  it('cuts a long quote at a word', () => {
    const long = `${'The dashboards take forever to load and '.repeat(6)}end.`;
    const responses = [r(1, long, insight(['reporting'])), r(2, long, insight(['reporting']))];
    const quote = whatTheyAreSaying(responses).detractors[0]!.quote;
    expect(quote.length).toBeLessThanOrEqual(160);
    expect(quote.endsWith('…')).toBe(true);
  });
});

describe('themeDrivers', () => {
  it('compares the NPS of responses mentioning a theme with the rest, and calls a driver only when significant', () => {
    // 10 mention pricing, all detractors; 30 others, all promoters: NPS −100 against +100.
    const responses = [
      ...Array.from({ length: 10 }, () => r(3, 'Too expensive', insight(['pricing']))),
      ...Array.from({ length: 30 }, () => r(10, 'Great', insight([]))),
    ];
    const [pricing] = themeDrivers(responses);
    expect(pricing).toMatchObject({ id: 'pricing', respondents: 10, direction: 'down' });
    expect(pricing!.mentioning.nps).toBe(-100);
    expect(pricing!.rest.nps).toBe(100);
    expect(pricing!.mentioning.counts.n).toBe(10);
    expect(pricing!.significance.reason).toBe('significant');
  });

  it('says no driver when the difference is not significant, and skips themes of fewer than 5 respondents', () => {
    const responses = [
      ...[10, 9, 3, 8, 10, 4].map((score) => r(score, 'about support', insight(['support']))),
      ...[9, 3, 10, 8, 2, 10].map((score) => r(score, 'other', insight([]))),
      ...[1, 2, 3, 4].map((score) => r(score, 'docs', insight(['documentation']))),
    ];
    const drivers = themeDrivers(responses);
    expect(drivers.map((d) => d.id)).toEqual(['support']);
    expect(drivers[0]!.direction).toBe('none');
    expect(drivers[0]!.significance.reason).toBe('not_significant');
  });
});

describe('emotionCounts', () => {
  it('counts respondents showing each emotion among detractors and passives, promoters left out', () => {
    const responses = [
      r(2, 'x', insight([], { emotions: ['frustration', 'anger'] }), 'a'),
      r(5, 'x', insight([], { emotions: ['frustration'] }), 'b'),
      r(4, 'x', insight([], { emotions: ['frustration'] }), 'b'),
      r(7, 'x', insight([], { emotions: ['confusion'] }), 'c'),
      r(10, 'x', insight([], { emotions: ['delight'] }), 'd'),
    ];
    const counts = emotionCounts(responses);
    expect(counts.detractors).toMatchObject({ frustration: 2, anger: 1, delight: 0 });
    expect(counts.passives).toMatchObject({ confusion: 1, frustration: 0 });
    expect(Object.keys(counts.detractors)).toHaveLength(8);
  });
});

describe('contradictions', () => {
  it('finds promoters with a negative comment and detractors with a positive one, strongest first', () => {
    const a = r(10, 'Support never answers', insight(['support'], { sentiment: 'negative', score: -0.4 }));
    const b = r(2, 'Love it', insight([], { sentiment: 'positive', score: 0.8 }));
    const responses = [
      a,
      b,
      r(9, 'Good but slow', insight([], { sentiment: 'mixed', score: 0 })),
      r(7, 'Awful', insight([], { sentiment: 'negative', score: -0.9 })),
      r(3, 'Terrible', insight([], { sentiment: 'negative', score: -0.9 })),
      r(10, 'Nul', insight([], { language: 'fr', analysed: false })),
    ];
    expect(contradictions(responses)).toEqual([
      { response: b, kind: 'positive_detractor' },
      { response: a, kind: 'negative_promoter' },
    ]);
  });
});
