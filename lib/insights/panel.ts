/**
 * What the panel shows of the comments' insights for one account and window: the summary of
 * `summary.ts` over the window's counted responses, with the comments to read first. Computed in the
 * background (the panel receives it, not the responses it is computed over).
 */
import { summariseInsights, type InsightsSummary } from './summary';
import type { AccountContext, RecentComment } from '../nps';

export interface PanelInsights extends Omit<InsightsSummary, 'contradictions'> {
  /** Comments whose sentiment contradicts their score, strongest first (at most three). */
  readThis: Array<{ comment: RecentComment; kind: 'negative_promoter' | 'positive_detractor' }>;
}

export function panelInsights(context: Pick<AccountContext, 'countedResponses' | 'recentComments'>, key: string): PanelInsights {
  const { contradictions, ...summary } = summariseInsights(context.countedResponses, key);
  const byId = new Map(context.recentComments.map((c) => [c.responseId, c]));
  const readThis = contradictions.slice(0, 3).flatMap(({ id, kind }) => {
    const comment = byId.get(id);
    return comment ? [{ comment, kind }] : [];
  });
  return { ...summary, readThis };
}
