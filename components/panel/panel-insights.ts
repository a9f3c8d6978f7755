/**
 * What the panel shows of the comments' insights (docs/insights.md) for one account and window, from the
 * stored results: only results made with the current analyser and taxonomy count; a comment whose result
 * is missing or stale is "not read yet" (the background's pass is on it). Pure.
 */
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
} from '../../lib/insights/aggregate';
import { DEFAULT_TAXONOMY } from '../../lib/insights/taxonomy';
import type { EmotionId, Taxonomy } from '../../lib/insights/types';
import type { StoredInsight } from '../../lib/model';
import type { AccountContext, RecentComment } from '../../lib/nps';

export interface PanelInsights {
  coverage: CommentCoverage & { unread: number };
  detractors: ThemeMention[];
  promoters: ThemeMention[];
  /** Themes mentioned by enough respondents to be tested; a driver only where `direction` is not 'none'. */
  drivers: ThemeDriver[];
  emotions: { detractors: Array<[EmotionId, number]>; passives: Array<[EmotionId, number]> };
  /** Comments whose sentiment contradicts their score, strongest first (at most three). */
  readThis: Array<{ comment: RecentComment; kind: 'negative_promoter' | 'positive_detractor' }>;
}

/** The stored result when it was made with the current key, else null. */
export function currentInsight(insight: StoredInsight | null | undefined, key: string): StoredInsight | null {
  return insight && insight.key === key ? insight : null;
}

const nonZero = (counts: Record<EmotionId, number>) =>
  (Object.entries(counts) as Array<[EmotionId, number]>).filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]);

export function panelInsights(context: Pick<AccountContext, 'countedResponses' | 'recentComments'>, key: string): PanelInsights {
  let unread = 0;
  const responses: InsightResponse[] = context.countedResponses.map((r) => {
    const hasComment = typeof r.comment === 'string' && r.comment.trim() !== '';
    const insight = currentInsight(r.insight, key);
    if (hasComment && !insight) unread++;
    return { score: r.score, comment: r.comment ?? null, insight, respondentId: r.respondentEmail?.toLowerCase() || r.id };
  });
  // Unread comments are not "in a language not analysed": coverage counts them apart.
  const coverage = commentCoverage(responses.filter((r) => r.insight || !r.comment?.trim()));
  const said = whatTheyAreSaying(responses);
  const emotions = emotionCounts(responses);
  const byId = new Map(context.recentComments.map((c) => [c.responseId, c]));
  const withIds = context.countedResponses.map((r, i) => ({ ...responses[i]!, id: r.id }));
  const readThis = contradictions(withIds)
    .slice(0, 3)
    .flatMap(({ response, kind }) => {
      const comment = byId.get(response.id);
      return comment ? [{ comment, kind }] : [];
    });
  return {
    coverage: { ...coverage, responses: responses.length, comments: coverage.comments + unread, unread },
    detractors: said.detractors.slice(0, 5),
    promoters: said.promoters.slice(0, 5),
    drivers: themeDrivers(responses),
    emotions: { detractors: nonZero(emotions.detractors), passives: nonZero(emotions.passives) },
    readThis,
  };
}

/** A theme's label in the taxonomy, or its id when the taxonomy no longer has it. */
export function themeLabel(id: string, taxonomy: Taxonomy = DEFAULT_TAXONOMY): string {
  return taxonomy.themes.find((t) => t.id === id)?.label ?? id;
}
