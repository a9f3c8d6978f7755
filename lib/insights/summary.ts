/**
 * The insights of a set of responses as the panel and the portfolio page show them (docs/insights.md):
 * only results made with the current analyser and taxonomy (`key`) count; a comment whose result is
 * missing or stale is "not read yet". Pure, and light: no analyser is loaded.
 */
import type { StoredInsight } from '../model';
import { insightKeyOf, insightOf, type EncodedInsight } from '../model/insight-codec';
import {
  commentCoverage,
  contradictions,
  emotionCounts,
  themeDrivers,
  whatTheyAreSaying,
  type CommentCoverage,
  type InsightResponse,
  type ThemeDriver,
  type ThemeMention,
} from './aggregate';
import type { EmotionId } from './types';

export interface ResponseForInsights extends EncodedInsight {
  id: string;
  score: number;
  comment?: string | null;
  insight?: StoredInsight | null;
  respondentEmail?: string | null;
}

export interface InsightsSummary {
  coverage: CommentCoverage & { unread: number };
  detractors: ThemeMention[];
  promoters: ThemeMention[];
  /** Themes mentioned by enough respondents to be tested; a driver only where `direction` is not 'none'. */
  drivers: ThemeDriver[];
  emotions: { detractors: Array<[EmotionId, number]>; passives: Array<[EmotionId, number]> };
  /** Responses whose comment's sentiment contradicts the score, strongest first. */
  contradictions: Array<{ id: string; kind: 'negative_promoter' | 'positive_detractor' }>;
}

/** The stored result when it was made with the current key, else null. */
export function currentInsight(insight: StoredInsight | null | undefined, key: string): StoredInsight | null {
  return insight && insight.key === key ? insight : null;
}

const nonZero = (counts: Record<EmotionId, number>) =>
  (Object.entries(counts) as Array<[EmotionId, number]>).filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]);

export function summariseInsights(input: readonly ResponseForInsights[], key: string, options: { themes?: number } = {}): InsightsSummary {
  let unread = 0;
  const responses: Array<InsightResponse & { id: string }> = input.map((r) => {
    const hasComment = typeof r.comment === 'string' && r.comment.trim() !== '';
    // Decoded only when made with the current key (a result kept as text is parsed here, not when read).
    const insight = insightKeyOf(r) === key ? (insightOf(r) ?? null) : null;
    if (hasComment && !insight) unread++;
    return { id: r.id, score: r.score, comment: r.comment ?? null, insight, respondentId: r.respondentEmail?.toLowerCase() || r.id };
  });
  // Unread comments are not "in a language not analysed": coverage counts them apart.
  const coverage = commentCoverage(responses.filter((r) => r.insight || !r.comment?.trim()));
  const said = whatTheyAreSaying(responses);
  const emotions = emotionCounts(responses);
  const themes = options.themes ?? 5;
  return {
    coverage: { ...coverage, responses: responses.length, comments: coverage.comments + unread, unread },
    detractors: said.detractors.slice(0, themes),
    promoters: said.promoters.slice(0, themes),
    drivers: themeDrivers(responses),
    emotions: { detractors: nonZero(emotions.detractors), passives: nonZero(emotions.passives) },
    contradictions: contradictions(responses).map(({ response, kind }) => ({ id: response.id, kind })),
  };
}
